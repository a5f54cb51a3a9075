/**
 * The extension's toolbar popup in Chromium, opened as a click on the button opens it: `action.setPopup()`
 * chooses the page and `action.openPopup()`, called from an extension page (`control`), opens it.
 * Playwright does not see the popup; its pages are found through `extension.getViews`. Used by the
 * toolbar-popup tests and by the benchmark (scripts/bench/toolbar-popup.ts).
 */
import type { Page } from 'playwright-core';
import { pollFor } from './util.ts';

interface ActionApi {
  action: { openPopup(): Promise<void>; setPopup(details: { popup: string }): Promise<void> };
  extension: { getViews(filter: { type: 'popup' }): Window[] };
}

export interface ToolbarPopupControl {
  /**
   * Opens `page` (a path in the extension, e.g. `popup.html`) as the toolbar popup and waits until it
   * is open, unless `untilOpen` is false: the benchmark learns that from the page's own figures, and
   * asks the control page nothing while the popup loads in the same renderer.
   */
  open(page: string, options?: { untilOpen?: boolean }): Promise<void>;
  /** The paths of the pages open as the toolbar popup (e.g. `/popup.html`). */
  paths(): Promise<string[]>;
  /** Closes what is open as the toolbar popup, chooses `popup.html` again, and waits until none is open. */
  close(): Promise<void>;
}

export function controlToolbarPopup(control: Page): ToolbarPopupControl {
  const paths = () => control.evaluate(() => (globalThis as unknown as { chrome: ActionApi }).chrome.extension.getViews({ type: 'popup' }).map((view) => view.location.pathname));
  return {
    paths,
    async open(page, { untilOpen = true } = {}) {
      await control.evaluate(async (popup) => {
        const { action } = (globalThis as unknown as { chrome: ActionApi }).chrome;
        await action.setPopup({ popup });
        await action.openPopup();
      }, page);
      // The page asked for, not the one before still closing.
      if (untilOpen) await pollFor(`the toolbar popup to open ${page}`, async () => ((await paths()).includes(`/${page}`) ? true : undefined));
    },
    async close() {
      await control.evaluate(async () => {
        const { action, extension } = (globalThis as unknown as { chrome: ActionApi }).chrome;
        for (const view of extension.getViews({ type: 'popup' })) view.close();
        await action.setPopup({ popup: 'popup.html' });
      });
      await pollFor('the toolbar popup to close', async () => ((await paths()).length === 0 ? true : undefined));
    },
  };
}
