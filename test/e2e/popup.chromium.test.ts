/**
 * The toolbar popup in a real Chromium, driven as a user would through the page object: key entry,
 * the accounts list and its changes, IP extraction, connecting from the list (through a real Squid),
 * screenshots in both themes and an axe-core check. The sandbox API stands in for the provider.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server.ts';
import { formatDateTime } from '../sandbox/time.ts';
import { launchChromium, startSquid, startTargetServer, type ChromiumHandle, type SquidHandle, type TargetServer } from './harness/index.ts';
import { chromiumProtocol } from './harness/protocol.ts';
import { REPO_ROOT, pollFor } from './harness/util.ts';
import { seriousAxeViolations } from './pages/axe.ts';
import { PopupPage } from './pages/popup.ts';

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results/screenshots');

describe('the popup in Chromium', () => {
  let squid: SquidHandle;
  let target: TargetServer;
  let sandbox: Sandbox;
  let chromium: ChromiumHandle;
  let popup: PopupPage;
  const accounts = () => sandbox.state.getKey(sandbox.demoKey)!.listAccounts();
  /** The get-static-ip requests since `from` (an index into the sandbox's log), without the key. */
  const staticIpRequests = (from: number) =>
    sandbox.requests
      .slice(from)
      .filter((request) => request.path.endsWith('/ip/get-static-ip'))
      .map(({ query: { app_key: _key, ...query } }) => query);

  beforeAll(async () => {
    [squid, target, sandbox] = await Promise.all([startSquid({ users: {}, hosts: ['exit.test'] }), startTargetServer({ countryOf: () => 'US' }), startSandbox({ accounts: 6 })]);
    chromium = await launchChromium();
    // What the options page does once: confirm the sandbox as API host, point at Squid as the gateway.
    const control = await chromium.openExtensionPage('manifest.json');
    await chromiumProtocol(control).call('updateSettings', {
      apiBaseUrl: sandbox.url,
      gateway: { host: '127.0.0.1', port: squid.port },
      exitCheckUrl: target.url('/ip', 'exit.test'),
    });
    await control.close();
    popup = await PopupPage.open(chromium);
  });

  afterAll(async () => {
    await chromium?.close();
    await Promise.all([squid?.stop(), target?.close(), sandbox?.close()]);
  });

  it('refuses a wrong key with the reason, and shows the accounts for a right one', async () => {
    await popup.enterKey('not-the-key');
    await expect.poll(() => popup.keyError().textContent()).toMatch(/refused this API key/);

    await popup.enterKey(sandbox.demoKey);
    const first = accounts()[0]!;
    await popup.accountRow(first.username).waitFor();
    expect(await popup.page.getByText(`${accounts().length} of ${accounts().length} accounts`).isVisible()).toBe(true);
  });

  it('checks a batch before sending it, then adds it', async () => {
    await popup.page.getByRole('button', { name: 'Add', exact: true }).click();
    const batch = popup.page.getByLabel('Accounts, one per line as username:password');
    await batch.fill('good1:pass1');
    await popup.page.getByText('1 account ready to add.', { exact: true }).waitFor();
    await batch.fill('good1:pass1\ngood2:pass2');
    await popup.page.getByText('2 accounts ready to add.', { exact: true }).waitFor();
    expect(await popup.page.getByRole('button', { name: 'Add 2 accounts', exact: true }).isEnabled()).toBe(true);
    await batch.fill('good1:pass1\nbad one:pass2');
    await popup.page.getByText('Line 2: the username in "bad one:pass2" may hold only letters and digits.').waitFor();
    expect(await popup.page.getByRole('button', { name: /^Add (account|\d+ accounts)$/ }).isDisabled()).toBe(true);
    await popup.back();

    await popup.addAccounts(['popupa:passA1', 'popupb:passB2'], 'from popup');
    expect(await popup.page.getByText('Added 2 accounts.', { exact: true }).isVisible()).toBe(true);
    await popup.accountRow('popupa').waitFor();
    await popup.search('popup');
    await expect.poll(() => popup.accountList().getByRole('listitem').count()).toBe(2);
    expect(accounts().filter((account) => account.username.startsWith('popup'))).toMatchObject([
      { username: 'popupa', password: 'passA1', remark: 'from popup' },
      { username: 'popupb', password: 'passB2', remark: 'from popup' },
    ]);
  });

  it('changes a remark, disables and deletes an account', async () => {
    await popup.openAccount('popupa');
    await popup.changeRemark('价格监控 team');
    await expect.poll(() => accounts().find((account) => account.username === 'popupa')?.remark).toBe('价格监控 team');

    await popup.toggleEnabled('Disable');
    await expect.poll(() => accounts().find((account) => account.username === 'popupa')?.status).toBe(0);
    await popup.page.getByRole('button', { name: 'Enable', exact: true }).waitFor();

    const caveats = await popup.deleteAccount();
    expect(caveats).toContain('cannot be undone');
    expect(caveats).toContain('about 5 minutes');
    await popup.page.getByText('Deleted popupa.', { exact: false }).waitFor();
    expect(accounts().some((account) => account.username === 'popupa')).toBe(false);
    await expect.poll(() => popup.accountList().getByRole('listitem').count()).toBe(1);
    await popup.search('');
  });

  it('names an account’s status with the filter’s words, Enabled and Disabled, in every row', async () => {
    for (const status of ['Disabled', 'Enabled']) {
      await popup.filterStatus(status);
      const badges = await popup.statusBadges();
      expect(badges.length).toBeGreaterThan(0);
      expect(new Set(badges)).toEqual(new Set([status]));
    }
    await popup.filterStatus('Any status');
  });

  it('offers no Connect for a disabled account: says why, beside an Enable that makes it connectable', async () => {
    const disabled = accounts().find((account) => account.status === 0)!;
    await popup.search(disabled.username);
    const connect = popup.connectButton(disabled.username);
    expect(await connect.isDisabled()).toBe(true);
    const reason = `Account ${disabled.username} is disabled, so the gateway would refuse it. Enable it to connect.`;
    expect(await popup.page.locator(`#${await connect.getAttribute('aria-describedby')}`).textContent()).toBe(reason);
    expect(await connect.getAttribute('title')).toBe(reason);

    await popup.openAccount(disabled.username);
    await popup.page.getByText(reason).waitFor();
    expect(await popup.connectButton(disabled.username).isDisabled()).toBe(true);
    await popup.back();

    await popup.page.getByRole('button', { name: `Enable ${disabled.username}`, exact: true }).click();
    await expect.poll(() => accounts().find((account) => account.username === disabled.username)?.status).toBe(1);
    await expect.poll(() => connect.isEnabled()).toBe(true);
    expect(await popup.accountRow(disabled.username).locator('.badge').textContent()).toBe('Enabled');
    expect(await popup.page.getByText(reason).count()).toBe(0);
    await popup.search('');
  });

  it('takes a new password in a masked field with Show, and clears it once saved', async () => {
    const account = accounts().find((candidate) => candidate.status === 1 && candidate.username === 'popupb')!;
    await popup.openAccount(account.username);
    const form = popup.passwordForm();
    const input = form.getByLabel('New password', { exact: true });
    const save = form.getByRole('button', { name: 'Save' });
    expect(await input.getAttribute('type')).toBe('password');
    await input.fill('freshPass7');
    await form.getByRole('button', { name: 'Show' }).click();
    expect(await input.getAttribute('type')).toBe('text');
    await save.click();
    await form.getByText('Password changed.', { exact: false }).waitFor();
    expect(accounts().find((candidate) => candidate.username === account.username)?.password).toBe('freshPass7');
    expect(await input.inputValue()).toBe('');
    expect(await input.getAttribute('type')).toBe('password');
    expect(await save.isDisabled()).toBe(true);
    expect(await popup.page.locator('body').innerText()).not.toContain('freshPass7');
    await popup.back();
  });

  it('extracts IPs for a chosen country and state', async () => {
    await popup.tab('Extract');
    await popup.pick('Country', 'united states', /United States \(US\)/);
    await popup.pick('State', 'calif', 'california');
    const results = await popup.extract(5);
    await expect.poll(() => results.getByRole('listitem').count()).toBe(5);
    expect(await popup.page.getByText('5 IPs', { exact: true }).isVisible()).toBe(true);
    const request = sandbox.requests.findLast((entry) => entry.path.endsWith('/ip/v3'));
    expect(request?.query).toMatchObject({ cc: 'US', state: 'california', num: '5' });
    expect(await popup.page.getByText('only the public IPs on your account').isVisible()).toBe(true);
    await mkdir(SCREENSHOTS, { recursive: true });
    await popup.page.screenshot({ path: path.join(SCREENSHOTS, 'popup-extract-light.png') });
    await popup.tab('Accounts');
  });

  it('filters the static IPs with one request per change, pages them, warns of expiring ones, renews only what is shown', async () => {
    // 25 more IPs of one German order, 3 of them expiring in 3 days: 35 in all, two pages.
    const key = sandbox.state.getKey(sandbox.demoKey)!;
    const template = key.staticIps[0]!;
    const soon = formatDateTime(Date.now() + 3 * 24 * 3_600_000);
    for (let n = 0; n < 25; n++) {
      key.staticIps.push({ ...template, id: 9001 + n, ip: `192.0.2.${200 + n}`, country_code: 'DE', product_type: 25, trade_no: '2026120100000000000000000001', ...(n < 3 ? { status: 3, expired_at: soon } : { status: 1 }) });
    }
    let from = sandbox.requests.length;
    await popup.tab('Static');
    await expect.poll(() => popup.staticRows().count()).toBe(20);
    // The list's first page and the warning's count of expiring IPs.
    expect(staticIpRequests(from)).toEqual(expect.arrayContaining([{ page: '1', size: '20' }, { status: '3', page: '1', size: '20' }]));
    expect(staticIpRequests(from)).toHaveLength(2);
    const warning = popup.staticPanel.getByRole('note');
    expect(await warning.textContent()).toMatch(/^3 static IPs are about to expire\./);
    expect(await popup.staticRows().filter({ hasText: '192.0.2.200' }).textContent()).toContain('Expires within 7 days');
    expect(await popup.staticRows().filter({ hasText: '192.0.2.203' }).textContent()).not.toContain('Expires within');
    await mkdir(SCREENSHOTS, { recursive: true });
    await popup.page.screenshot({ path: path.join(SCREENSHOTS, 'popup-static-light.png') });

    // Every control has a name of its own, the stock's type select too.
    await popup.staticPanel.getByText('Stock on sale per country').click();
    for (const [role, name] of [['textbox', 'Country code'], ['combobox', 'Static IP type'], ['combobox', 'Static IP status'], ['textbox', 'Order number'], ['combobox', 'Static IP type on sale']] as const) {
      expect(await popup.staticPanel.getByRole(role, { name, exact: true }).count(), name).toBe(1);
    }

    from = sandbox.requests.length;
    await popup.staticPanel.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => popup.staticRows().count()).toBe(15);
    expect(await popup.staticPanel.getByTestId('pager-position').textContent()).toBe('Page 2 of 2');
    expect(staticIpRequests(from)).toEqual([{ page: '2', size: '20' }]);
    // "Next page" is disabled on the last page: the focus moved to "Previous page", not to the document.
    expect(await popup.page.evaluate(() => document.activeElement?.textContent)).toBe('Previous page');
    const german = popup.staticRows().filter({ hasText: '192.0.2.224' });
    await german.getByRole('checkbox').check();
    const renew = popup.staticPanel.getByRole('link', { name: /^Renew chosen/ });
    expect(await renew.textContent()).toBe('Renew chosen (1)…');

    // Each change sends one request; the German IP chosen above is hidden, and no longer renewed.
    const japan = key.staticIps.find((ip) => ip.country_code === 'JP' && ip.product_type === 25 && ip.status === 1)!;
    const steps: [string, () => Promise<void>, Record<string, string>][] = [
      ['country', () => popup.typeStaticFilter('Country code', 'jp'), { country_code: 'JP', page: '1', size: '20' }],
      ['type', () => popup.chooseStaticFilter('Static IP type', 'Static residential IP'), { country_code: 'JP', product_type: '25', page: '1', size: '20' }],
      ['status', () => popup.chooseStaticFilter('Static IP status', 'Valid'), { country_code: 'JP', product_type: '25', status: '1', page: '1', size: '20' }],
      ['order', () => popup.typeStaticFilter('Order number', japan.trade_no), { country_code: 'JP', product_type: '25', status: '1', trade_no: japan.trade_no, page: '1', size: '20' }],
    ];
    for (const [what, change, query] of steps) {
      from = sandbox.requests.length;
      await change();
      await pollFor(`the ${what} request`, () => (staticIpRequests(from).length > 0 ? true : undefined));
      // Leaving the field must not send it again.
      await popup.staticPanel.getByRole('combobox', { name: 'Static IP type', exact: true }).focus();
      await popup.page.waitForTimeout(300);
      expect(staticIpRequests(from), what).toEqual([query]);
    }
    await expect.poll(() => popup.staticRows().count()).toBeGreaterThan(0);
    expect(await popup.staticRows().allTextContents()).not.toContain(expect.stringContaining('192.0.2.224'));
    expect(await renew.textContent()).toBe('Renew chosen (0)…');
    expect(await renew.getAttribute('aria-disabled')).toBe('true');

    // A code that is not one is refused beside the field, and not sent.
    from = sandbox.requests.length;
    await popup.typeStaticFilter('Country code', 'J');
    await popup.staticPanel.getByRole('alert').filter({ hasText: 'Enter a two-letter country code' }).waitFor();
    expect(await popup.staticPanel.getByRole('textbox', { name: 'Country code', exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(staticIpRequests(from)).toEqual([]);

    // The warning's "Show them" lists the expiring IPs from the answer it already has.
    await warning.getByRole('button', { name: 'Show them' }).click();
    await expect.poll(() => popup.staticRows().count()).toBe(3);
    expect(staticIpRequests(from)).toEqual([]);
    expect(await popup.staticPanel.getByRole('textbox', { name: 'Country code', exact: true }).inputValue()).toBe('');
    for (const colorScheme of ['dark', 'light'] as const) {
      await popup.page.emulateMedia({ colorScheme });
      expect(await seriousAxeViolations(popup.page), colorScheme).toEqual([]);
    }
    await popup.tab('Accounts');
  });

  it('connects from the list and shows the status header and the exit check', async () => {
    const account = accounts().find((candidate) => candidate.status === 1 && !candidate.username.startsWith('popup'))!;
    // The gateway admits the account under its plain name: no country or session was chosen.
    await squid.setUsers({ [account.username]: account.password });
    await popup.connectAccount(account.username);
    await expect.poll(() => popup.status().textContent(), { timeout: 15_000 }).toMatch(new RegExp(`Connected: ${account.username}.*Exit IP 127\\.0\\.0\\.1 \\(United States\\)`));
    await squid.waitForLogEntry((entry) => entry.url.includes('/ip') && entry.user === account.username && entry.status < 400, 10_000);
    expect(await popup.page.getByRole('button', { name: 'Disconnect' }).isVisible()).toBe(true);
  });

  it('looks right in light and dark, and has no serious accessibility violation', async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      await popup.page.emulateMedia({ colorScheme });
      await popup.page.screenshot({ path: path.join(SCREENSHOTS, `popup-${colorScheme}.png`) });
      expect(await seriousAxeViolations(popup.page)).toEqual([]);
    }
    await popup.openAccount(accounts().find((account) => account.status === 1)!.username);
    await popup.page.screenshot({ path: path.join(SCREENSHOTS, 'popup-account-dark.png') });
    expect(await seriousAxeViolations(popup.page)).toEqual([]);
    await popup.back();
    await popup.page.emulateMedia({ colorScheme: 'light' });
  });

  it('moves between tabs with the arrow keys', async () => {
    await popup.page.getByRole('tab', { name: 'Accounts' }).focus();
    await popup.page.keyboard.press('ArrowRight');
    expect(await popup.page.getByRole('tab', { name: 'Extract' }).getAttribute('aria-selected')).toBe('true');
    expect(await popup.page.evaluate(() => document.activeElement?.textContent)).toBe('Extract');
    await popup.page.keyboard.press('End');
    await popup.page.getByRole('tabpanel', { name: 'Static' }).waitFor();
    await popup.page.keyboard.press('Home');
    await popup.accountList().waitFor();
  });

  it('makes a route for the current tab’s site in one step, prefilled, with the exit picked as in the options', async () => {
    const site = await chromium.context.newPage();
    await site.goto(`http://127.0.0.1:${target.port}/a-shop`).catch(() => undefined);
    // The popup reads the active tab of its window: the site's, as when it is opened over that page.
    await site.bringToFront();
    await popup.tab('This site');
    const view = popup.page.getByRole('tabpanel', { name: 'This site' });
    await view.getByRole('heading', { name: 'Use this exit for 127.0.0.1' }).waitFor();
    expect(await view.getByLabel('Site').inputValue()).toBe('127.0.0.1');
    // 127.0.0.1 is on the bypass list: the background says so, word for word.
    await view.getByRole('button', { name: 'Add route' }).click();
    await expect.poll(() => view.getByRole('alert').textContent()).toMatch(/bypass list/);
    await view.getByLabel('Site').fill('shop.test');
    await view.getByLabel('Exit', { exact: true }).selectOption({ index: 1 });
    await view.getByRole('button', { name: 'Add route' }).click();
    await view.getByText('Saved.').waitFor();
    const control = await chromium.openExtensionPage('manifest.json');
    const routes = await chromiumProtocol(control).call<{ id: string; pattern: string; exit: { kind: string; account?: string } }[]>('getRoutes');
    expect(routes).toMatchObject([{ pattern: 'shop.test', exit: { kind: 'account', account: expect.any(String) } }]);
    await chromiumProtocol(control).call('deleteRoute', { id: routes[0]!.id });
    await Promise.all([control.close(), site.close()]);
    expect(await seriousAxeViolations(popup.page)).toEqual([]);
    await popup.tab('Accounts');
  });

  it('disconnects from the header', async () => {
    await popup.page.getByRole('button', { name: 'Disconnect' }).click();
    await pollFor('the direct status', async () => ((await popup.status().textContent())?.includes('Not connected') ? true : undefined));
  });

  it('tells the user once when unreadable settings were reset, until dismissed', async () => {
    await popup.page.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome.storage.local.set({ settings: { theme: 42, gateway: 'nowhere' } }));
    await popup.reload();
    const notice = popup.page.getByRole('status').filter({ hasText: 'Your settings could not be read and have been reset to the defaults.' });
    await notice.waitFor();
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
    await popup.reload();
    await popup.accountList().waitFor();
    expect(await popup.page.getByText('Your settings could not be read').count()).toBe(0);
    // Back to the sandbox and Squid, as the next tests expect.
    await chromiumProtocol(popup.page).call('updateSettings', { apiBaseUrl: sandbox.url, gateway: { host: '127.0.0.1', port: squid.port }, exitCheckUrl: target.url('/ip', 'exit.test') });
  });

  it('says why changes fail for an account without real-name verification (code 156), and keeps warning', async () => {
    await chromiumProtocol(popup.page).call('forgetKey');
    await popup.enterKey(sandbox.unverifiedKey);
    // Reads work without verification: the key is accepted and the accounts show.
    await popup.accountList().waitFor();
    await popup.page.getByRole('button', { name: 'Add', exact: true }).click();
    await popup.page.getByLabel('Accounts, one per line as username:password').fill('unverified1:pass1');
    await popup.page.getByRole('button', { name: 'Add account' }).click();
    await expect.poll(() => popup.page.locator('.add-form').getByRole('alert').textContent()).toMatch(/real-name verification/);
    await popup.back();
    await popup.page.getByRole('note').filter({ hasText: 'has not passed real-name verification' }).waitFor();
  });

  it('says beside the Country field that the countries failed to load, and loads them on retry', async () => {
    // A new key starts with no cached lists, so opening Extract asks for the countries.
    await chromiumProtocol(popup.page).call('forgetKey');
    sandbox.setFault({ kind: 'http500', path: 'ip/dynamic-citys' });
    await popup.enterKey(sandbox.demoKey);
    await popup.accountList().waitFor();
    await popup.tab('Extract');
    const panel = popup.page.getByRole('tabpanel', { name: 'Extract' });
    const country = panel.getByRole('combobox', { name: 'Country' });
    const failure = panel.getByRole('alert');
    await expect.poll(() => failure.textContent(), { timeout: 15_000 }).toMatch(/^The countries could not be loaded\. .+Try again$/);
    expect(await country.inputValue()).toBe('Any country');
    const describedBy = await country.getAttribute('aria-describedby');
    expect(await popup.page.locator(`[id="${describedBy}"]`).textContent()).toContain('The countries could not be loaded.');
    expect(await seriousAxeViolations(popup.page)).toEqual([]);

    sandbox.setFault(null);
    await failure.getByRole('button', { name: 'Try again' }).click();
    await failure.waitFor({ state: 'detached' });
    await popup.pick('Country', 'united states', /United States \(US\)/);
    expect(await country.inputValue()).toBe('United States (US)');
  });
});
