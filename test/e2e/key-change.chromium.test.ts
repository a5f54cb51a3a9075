/**
 * Pages left open while the key changes, in a real Chromium: a dashboard, the options page and the popup
 * are open while the key is replaced, then replaced by one of another API host, then forgotten. Each page follows
 * on its own (no reload): it shows the new account's data, or the key screen, and nothing is left on
 * "Loading…".
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server.ts';
import { launchChromium, type ChromiumHandle } from './harness/index.ts';
import { chromiumProtocol } from './harness/protocol.ts';
import { pollFor } from './harness/util.ts';
import { DashboardPage } from './pages/dashboard.ts';
import { OptionsPage } from './pages/options.ts';
import { PopupPage } from './pages/popup.ts';

/** A second key on the first host, with an account list of its own. */
const OTHER_KEY = 'otherKey0000000000000000000000000';

describe('pages open while the key changes, in Chromium', () => {
  let first: Sandbox;
  let second: Sandbox;
  let chromium: ChromiumHandle;
  let options: OptionsPage;
  let dashboard: DashboardPage;
  let popup: PopupPage;

  const usernames = (sandbox: Sandbox, key: string) =>
    sandbox.state
      .getKey(key)!
      .listAccounts()
      .map((account) => account.username)
      .sort();
  /** The dashboard's account picker, without "All accounts". */
  const pickerNames = async () => (await dashboard.page.locator('#usage-account option:not([value=""])').evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value))).sort();
  const popupNames = async () => (await popup.accountList().locator('.name').allTextContents()).sort();
  const loadingOn = (page: Page) => page.getByText('Loading…').count();

  /** Waits until every open page shows `expected` (the key's accounts and its last four characters); the time it took. */
  async function allPagesShow(expected: string[], key: string): Promise<number> {
    const started = Date.now();
    await pollFor('the dashboard’s account picker', async () => (JSON.stringify(await pickerNames()) === JSON.stringify(expected) ? true : undefined));
    await dashboard.orders.locator('tr[data-trade-no]').first().waitFor();
    await pollFor('the popup’s accounts', async () => (JSON.stringify(await popupNames()) === JSON.stringify(expected) ? true : undefined));
    await pollFor('the options’ key summary', async () => ((await options.keySummary().textContent())?.includes(`…${key.slice(-4)}`) ? true : undefined));
    const tookMs = Date.now() - started;
    // Everything the dashboard shows is loaded: usage, package summary and list, orders, order form.
    await pollFor('no "Loading…" on the dashboard', async () => ((await loadingOn(dashboard.page)) === 0 ? true : undefined));
    for (const page of [options.page, popup.page]) expect(await loadingOn(page)).toBe(0);
    return tookMs;
  }

  beforeAll(async () => {
    [first, second] = await Promise.all([startSandbox({ accounts: 4 }), startSandbox({ accounts: 3, seed: 7 })]);
    first.state.addKey(OTHER_KEY, { accounts: 2 });
    chromium = await launchChromium();
    const background = chromiumProtocol(await chromium.openExtensionPage('manifest.json'));
    await background.call('updateSettings', { apiBaseUrl: first.url });
    await background.call('setKey', { key: first.demoKey, remember: true });
    options = await OptionsPage.open(chromium);
    dashboard = await DashboardPage.open(chromium);
    await dashboard.page.setViewportSize({ width: 1100, height: 900 });
    popup = await PopupPage.open(chromium);
    await allPagesShow(usernames(first, first.demoKey), first.demoKey);
    // The user works in the options tab; the dashboard and the popup wait in tabs behind it.
    await options.page.bringToFront();
  });

  afterAll(async () => {
    await chromium?.close();
    await Promise.all([first?.close(), second?.close()]);
  });

  it('shows the new account’s data on every open page when the key is replaced', async () => {
    expect(usernames(first, OTHER_KEY)).not.toEqual(usernames(first, first.demoKey));
    await options.enterKey(OTHER_KEY);
    const tookMs = await allPagesShow(usernames(first, OTHER_KEY), OTHER_KEY);
    console.log(`key replaced: every open page showed the new account's data ${tookMs} ms after the options page sent it`);
  });

  it('shows the other host’s account on every open page once its key is given there', async () => {
    expect(await options.proposeApiHost(second.url)).toMatch(/^Address saved\./);
    await options.enterKey(second.demoKey);
    const tookMs = await allPagesShow(usernames(second, second.demoKey), second.demoKey);
    expect(await options.keySummary().textContent()).toContain(second.url);
    console.log(`new API host: every open page showed its account's data ${tookMs} ms after the options page sent the key`);
  });
  it('shows the key screen on every open page when the key is forgotten', async () => {
    await options.keySection.getByRole('button', { name: 'Forget key' }).click();
    await options.page.getByRole('dialog').getByRole('button', { name: 'Forget key' }).click();
    await options.page.getByText('No API key is set.').waitFor();
    await dashboard.page.getByText('Enter your API key in the options to see your traffic, packages and orders.').waitFor();
    await popup.page.getByRole('heading', { name: 'Welcome to 911Proxy' }).waitFor();
    for (const page of [options.page, dashboard.page, popup.page]) expect(await loadingOn(page)).toBe(0);
  });

  it('keeps nothing of the forgotten key’s accounts for a popup opened after: no first screen stored, no row drawn', async () => {
    const stored = await options.page.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { get(keys: null): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get(null));
    expect(Object.keys(stored).filter((key) => key.startsWith('cache.accounts') && !key.endsWith('$'))).toEqual([]);
    const fresh = await chromium.context.newPage();
    // Every row ever added, from before the popup's first frame: none may appear.
    await fresh.addInitScript(() => {
      const seen: string[] = [];
      (globalThis as unknown as { __rows: string[] }).__rows = seen;
      new MutationObserver(() => seen.push(...[...document.querySelectorAll('.account-row .name')].map((node) => node.textContent ?? ''))).observe(document, { childList: true, subtree: true });
    });
    await fresh.goto(`chrome-extension://${chromium.extensionId}/popup.html`);
    await fresh.getByRole('heading', { name: 'Welcome to 911Proxy' }).waitFor();
    expect(await fresh.evaluate(() => (globalThis as unknown as { __rows: string[] }).__rows)).toEqual([]);
    expect(await fresh.locator('.account-row').count()).toBe(0);
    await fresh.close();
  });
});
