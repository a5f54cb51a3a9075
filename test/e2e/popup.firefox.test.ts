/**
 * The popup in a real Firefox ESR with the built add-on: the key entered in the popup (a wrong one
 * refused with the API's reason), the three lists drawn from the sandbox, one connect from the
 * account list that Squid's access log attributes to the account, and a slow list the user stops waiting for.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server.ts';
import { launchFirefox, startSquid, startTargetServer, type FirefoxHandle, type SquidHandle, type TargetServer } from './harness/index.ts';
import { firefoxProtocol } from './harness/protocol.ts';

describe('the popup in Firefox', () => {
  let sandbox: Sandbox;
  let squid: SquidHandle;
  let target: TargetServer;
  let firefox: FirefoxHandle;
  let popup: Page;
  let account: { username: string; password: string };

  /** The element's text once it contains `text` (polled: the popup renders asynchronously). */
  const waitForText = (selector: string, text: string | RegExp) =>
    popup.waitForFunction(
      (sel, pattern, isRegExp) => {
        const content = document.querySelector(sel)?.textContent ?? '';
        return isRegExp ? new RegExp(pattern).test(content) : content.includes(pattern);
      },
      { timeout: 20_000 },
      selector,
      typeof text === 'string' ? text : text.source,
      typeof text !== 'string',
    );

  beforeAll(async () => {
    sandbox = await startSandbox({ accounts: 5 });
    const enabled = sandbox.state.getKey(sandbox.demoKey)!.listAccounts().find((candidate) => candidate.status === 1)!;
    account = { username: enabled.username, password: enabled.password };
    [squid, target] = await Promise.all([startSquid({ users: { [account.username]: account.password }, hosts: ['exit.test'] }), startTargetServer()]);
    firefox = await launchFirefox();
    popup = await firefox.openExtensionPage('popup.html');
    await popup.setViewport({ width: 400, height: 600 });
    // The options page's part: the sandbox as the confirmed API host, Squid as the gateway.
    await firefoxProtocol(popup).call('updateSettings', {
      apiBaseUrl: sandbox.url,
      gateway: { host: '127.0.0.1', port: squid.port },
      exitCheckUrl: target.url('/ip', 'exit.test'),
    });
  });

  afterAll(async () => {
    await firefox?.close();
    await Promise.all([sandbox?.close(), squid?.stop(), target?.close()]);
  });

  async function enterKey(key: string): Promise<void> {
    const field = await popup.waitForSelector('input[type="password"]');
    await field!.click({ count: 3 });
    await field!.type(key);
    await popup.evaluate(() => {
      const button = [...document.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === 'Check and save');
      button?.click();
    });
  }

  it('refuses a wrong key with the API’s reason, and shows the accounts for the right one', async () => {
    await enterKey('wrongkey0000000000000000000000000');
    await waitForText('.key-entry [role="alert"]', 'refused this API key');
    await enterKey(sandbox.demoKey);
    await waitForText('[role="list"][aria-label="Accounts"]', account.username);
    const rows = await popup.$$eval('[role="list"][aria-label="Accounts"] [role="listitem"]', (items) => items.length);
    expect(rows).toBeGreaterThan(0);
  });

  /** Selects a tab by its name; the CSS selector of its panel. */
  const selectTab = (name: string): Promise<string> =>
    popup.evaluate((tabName) => {
      const tab = [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find((candidate) => candidate.textContent?.trim() === tabName)!;
      tab.click();
      return `#${CSS.escape(tab.getAttribute('aria-controls') ?? '')}`;
    }, name);

  it('draws the extraction pickers and the static IPs from the API', async () => {
    await waitForText(await selectTab('Static'), /\d+\.\d+\.\d+\.\d+/);
    // The country picker lists the API's countries once opened and typed into; it takes input once they
    // have loaded (disabled until then, so a click and keys before that go nowhere).
    const extract = await selectTab('Extract');
    const country = await popup.waitForSelector(`${extract} [role="combobox"]:not([disabled])`);
    await country!.click();
    await country!.type('United');
    await waitForText(`${extract} [role="listbox"]`, 'United States');
    await selectTab('Accounts');
  });

  it('applies a typed static IP filter on Enter, with one request', async () => {
    const panel = await selectTab('Static');
    await waitForText(`${panel} ul.static-list`, /\d+\.\d+\.\d+\.\d+/);
    const from = sandbox.requests.length;
    const field = await popup.waitForSelector(`${panel} input[aria-label="Country code"]`);
    await field!.click();
    await field!.type('jp');
    await field!.press('Enter');
    await popup.waitForFunction(
      (sel) => {
        const rows = [...document.querySelectorAll(`${sel} .static-row`)];
        return rows.length > 0 && rows.every((row) => row.textContent?.includes('Japan'));
      },
      { timeout: 20_000 },
      panel,
    );
    const sent = sandbox.requests.slice(from).filter((request) => request.path.endsWith('/ip/get-static-ip'));
    expect(sent.map((request) => request.query.country_code)).toEqual(['JP']);
    await selectTab('Accounts');
  });

  it('connects from the account list: the header shows the exit, and Squid logged the account', async () => {
    // Back on the Accounts tab, the list draws its rows for the view it measures again: click once there.
    await popup.waitForFunction(
      (name) => {
        const button = [...document.querySelectorAll('button')].find((candidate) => candidate.getAttribute('aria-label') === `Connect with ${name}`);
        button?.click();
        return button !== undefined;
      },
      { timeout: 20_000 },
      account.username,
    );
    await waitForText('header.status [role="status"]', /Exit IP 127\.0\.0\.1/);
    const entry = await squid.waitForLogEntry((candidate) => candidate.url.includes('/ip') && candidate.user === account.username && candidate.status === 200);
    expect(entry.host).toBe('exit.test');
  });

  it('says 911Proxy is slow, at which try, and stops waiting when asked', async () => {
    const panel = await selectTab('Static');
    sandbox.setFault({ kind: 'hang', path: 'ip/get-static-ip' });
    const requests = () => sandbox.requests.filter((request) => request.path === '/api-gate-way/ip/get-static-ip').length;
    const before = requests();
    // Another filter is a list not cached yet: it loads.
    await popup.evaluate((selector) => {
      const status = document.querySelector<HTMLSelectElement>(`${selector} select[aria-label="Static IP status"]`)!;
      status.value = '3';
      status.dispatchEvent(new Event('change', { bubbles: true }));
    }, panel);
    await waitForText(panel, '911Proxy is slow to answer (try 1 of 3).');
    await popup.evaluate((selector) => {
      const button = [...document.querySelectorAll(`${selector} button`)].find((candidate) => candidate.textContent?.trim() === 'Stop waiting') as HTMLButtonElement;
      button.click();
    }, panel);
    await waitForText(panel, 'Stopped waiting: the request to 911Proxy was cancelled and nothing new was loaded.');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(requests() - before).toBe(1);
    sandbox.setFault(null);
  });

  it('gives the tab it is open over an exit of its own from "Only this tab", and ends it', async () => {
    const panel = await selectTab('This site');
    await waitForText(`${panel} .tab-exit`, 'Only this tab');
    const select = await popup.waitForSelector(`${panel} .tab-exit select`);
    await popup.waitForFunction((sel) => (document.querySelector(sel)?.querySelectorAll('option').length ?? 0) > 1, { timeout: 20_000 }, `${panel} .tab-exit select`);
    await select!.select(`account:${account.username}`);
    // The exit picker's location picker, as the main connection's: the country chosen from the API's list.
    const country = await popup.waitForSelector(`${panel} .tab-exit [role="combobox"]:not([disabled])`);
    await country!.click();
    await country!.type('Germany');
    await waitForText(`${panel} .tab-exit [role="listbox"]`, 'Germany (DE)');
    await country!.press('ArrowDown');
    await country!.press('Enter');
    await (await popup.waitForSelector(`${panel} .tab-exit button[type="submit"]`))!.click();
    await waitForText(`${panel} .tab-exit`, `This tab's exit: ${account.username}`);
    // The popup is a tab of its own here: the tab it is open over.
    const background = firefoxProtocol(popup);
    const tab = (await popup.evaluate('browser.tabs.getCurrent()')) as { id: number };
    expect(await background.call('getTabExit', { tabId: tab.id })).toEqual({ available: true, exit: { kind: 'account', account: account.username, password: account.password, country: 'DE' } });
    await popup.evaluate((sel) => [...document.querySelectorAll<HTMLButtonElement>(`${sel} .tab-exit button`)].find((button) => button.textContent?.trim() === "End this tab's exit")!.click(), panel);
    await waitForText(`${panel} .tab-exit`, 'Follows the rules');
    expect(await background.call('getTabExit', { tabId: tab.id })).toEqual({ available: true, exit: null });
    await selectTab('Accounts');
  });
});
