/**
 * The toolbar popup in a real Chromium, driven as a user would through the page object: key entry,
 * the accounts list and its changes, IP extraction, connecting from the list (through a real Squid),
 * screenshots in both themes and an axe-core check. The sandbox API stands in for the provider.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server.ts';
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
});
