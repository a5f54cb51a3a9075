/**
 * The account list's first screen in a real Chromium: the popup draws the first rows (stored by the
 * background beside the accounts' cache) before it reads the whole list, the whole list then replaces
 * them without a visible row changing, and a key that is gone never has its accounts drawn, not for one
 * frame. A recorder installed before the popup's own script keeps every frame's rows, count and scroll
 * height, and the storage reads the page makes.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server.ts';
import { launchChromium, type ChromiumHandle } from './harness/index.ts';
import { chromiumProtocol, type ProtocolClient } from './harness/protocol.ts';
import { PopupPage } from './pages/popup.ts';

/** A second key on the same host, with accounts of its own. */
const OTHER_KEY = 'otherKey0000000000000000000000000';
const ROW_HEIGHT = 64;

interface Frame {
  at: number;
  names: string[];
  count: string | null;
  height: string | null;
}
interface Recording {
  frames: Frame[];
  /** Each storage.local.get: the names it asked for (a page asks for those of one task at once). */
  reads: { keys: string[]; at: number }[];
  removed: { key: string; at: number }[];
}

/** Runs in every page before its scripts: records each frame that differs from the one before, the storage reads and removals. */
function recordFrames(): void {
  const log: Recording = { frames: [], reads: [], removed: [] };
  (globalThis as unknown as { __recording: Recording }).__recording = log;
  const area = (globalThis as unknown as { chrome?: { storage?: { local?: { get: (...args: unknown[]) => unknown; onChanged: { addListener(listener: (changes: Record<string, { newValue?: unknown }>) => void): void } } } } }).chrome?.storage?.local;
  if (!area) return;
  const get = area.get.bind(area);
  area.get = (...args: unknown[]) => {
    log.reads.push({ keys: [args[0]].flat() as string[], at: performance.now() });
    return get(...args);
  };
  area.onChanged.addListener((changes) => {
    for (const [key, change] of Object.entries(changes)) if (change.newValue === undefined) log.removed.push({ key, at: performance.now() });
  });
  const snap = () => {
    const names = [...document.querySelectorAll('[role="list"][aria-label="Accounts"] .name')].map((node) => node.textContent ?? '');
    const frame: Frame = { at: performance.now(), names, count: document.querySelector('.count')?.textContent ?? null, height: (document.querySelector('.vlist-body') as HTMLElement | null)?.style.height ?? null };
    const last = log.frames.at(-1);
    if (!last || JSON.stringify([last.names, last.count, last.height]) !== JSON.stringify([frame.names, frame.count, frame.height])) log.frames.push(frame);
    requestAnimationFrame(snap);
  };
  requestAnimationFrame(snap);
}

const recording = (page: Page) => page.evaluate(() => (globalThis as unknown as { __recording: Recording }).__recording);

describe('the account list’s first screen, in Chromium', () => {
  let sandbox: Sandbox;
  let chromium: ChromiumHandle;
  let background: ProtocolClient;
  const namesOf = (key: string) => sandbox.state.getKey(key)!.listAccounts().map((account) => account.username);
  /** The usernames in the popup's order (by name: case ignored, digit runs by value). */
  const byName = (names: string[]) => [...names].sort(new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare);

  /** Opens the popup at its size, recorded from before its first frame, once the whole list is in. */
  async function openPopup(): Promise<PopupPage> {
    const popup = await PopupPage.open(chromium);
    await popup.page.getByRole('status').filter({ hasText: / accounts?$/ }).waitFor();
    return popup;
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ accounts: 40 });
    sandbox.state.addKey(OTHER_KEY, { accounts: 20 });
    chromium = await launchChromium();
    await chromium.context.addInitScript(recordFrames);
    background = chromiumProtocol(await chromium.openExtensionPage('manifest.json'));
    await background.call('updateSettings', { apiBaseUrl: sandbox.url });
    await background.call('setKey', { key: sandbox.demoKey, remember: true });
    await background.call('getAccounts', {});
  });

  afterAll(async () => {
    await chromium?.close();
    await sandbox?.close();
  });

  it('draws the first rows, the whole count and the whole scroll height before it reads the whole list, which changes none of them', async () => {
    const popup = await openPopup();
    const { frames, reads } = await recording(popup.page);
    const drawn = frames.filter((frame) => frame.names.length > 0);
    const first = drawn[0]!;
    expect(first.names).toEqual(byName(namesOf(sandbox.demoKey)).slice(0, first.names.length));
    expect(first.count).toBe('40 of 40 accounts');
    expect(first.height).toBe(`${40 * ROW_HEIGHT}px`);
    // The whole list replaced the first screen: the same rows, count and height in every frame since;
    // the rows beyond the view, added once the popup is idle, are the next ones by name.
    for (const frame of drawn) {
      expect(frame).toMatchObject({ count: first.count, height: first.height });
      expect(frame.names).toEqual(byName(namesOf(sandbox.demoKey)).slice(0, frame.names.length));
      expect(frame.names.length).toBeGreaterThanOrEqual(first.names.length);
    }
    const firstScreenRead = reads.find((read) => read.keys.includes('cache.accounts.firstScreen'))!;
    const wholeRead = reads.find((read) => read.keys.includes('cache.accounts'))!;
    expect(firstScreenRead.at).toBeLessThan(first.at);
    expect(wholeRead.at).toBeGreaterThan(first.at);

    // Once the whole list is in, the filters and the scroll reach every account.
    await popup.search(byName(namesOf(sandbox.demoKey)).at(-1)!);
    await popup.accountRow(byName(namesOf(sandbox.demoKey)).at(-1)!).waitFor();
    await popup.page.close();
  });

  it('never draws the replaced key’s accounts, in the popup left open nor in one opened after', async () => {
    const open = await openPopup();
    const oldNames = new Set(namesOf(sandbox.demoKey).filter((name) => !namesOf(OTHER_KEY).includes(name)));
    expect(oldNames.size).toBeGreaterThan(0);
    await background.call('setKey', { key: OTHER_KEY, remember: true });
    await open.page.getByRole('status').filter({ hasText: '20 of 20 accounts' }).waitFor();
    const { frames, removed } = await recording(open.page);
    const gone = removed.find((change) => change.key === 'cache.accounts')!;
    expect(gone).toBeDefined();
    const after = frames.filter((frame) => frame.at > gone.at);
    expect(after.flatMap((frame) => frame.names).filter((name) => oldNames.has(name))).toEqual([]);

    const fresh = await openPopup();
    const drawn = (await recording(fresh.page)).frames.filter((frame) => frame.names.length > 0);
    expect(drawn[0]!.names).toEqual(byName(namesOf(OTHER_KEY)).slice(0, drawn[0]!.names.length));
    expect(drawn.flatMap((frame) => frame.names).filter((name) => oldNames.has(name))).toEqual([]);
    await Promise.all([open.page.close(), fresh.page.close()]);
  });

  it('never draws a forgotten key’s accounts: the open popup drops them at once, a popup opened after has none', async () => {
    const open = await openPopup();
    await background.call('forgetKey', {});
    await open.page.getByRole('heading', { name: 'Welcome to 911Proxy' }).waitFor();
    const { frames, removed } = await recording(open.page);
    const gone = removed.find((change) => change.key === 'cache.accounts.firstScreen')!;
    expect(gone).toBeDefined();
    expect(frames.filter((frame) => frame.at > gone.at && frame.names.length > 0)).toEqual([]);

    const fresh = await PopupPage.open(chromium);
    await fresh.page.getByRole('heading', { name: 'Welcome to 911Proxy' }).waitFor();
    expect((await recording(fresh.page)).frames.filter((frame) => frame.names.length > 0)).toEqual([]);
    await Promise.all([open.page.close(), fresh.page.close()]);
  });
});
