/**
 * The options page and the dashboard in a real Chromium with the built extension, against the sandbox
 * API: key entry through the confirmed sandbox host, routing saved and stored, the usage chart drawn
 * from the sandbox's data, package paging, cancelling and creating orders; screenshots of both pages
 * (light and dark) and an axe-core check of each.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server.ts';
import { launchChromium, type ChromiumHandle } from './harness/index.ts';
import { chromiumProtocol, type ProtocolClient } from './harness/protocol.ts';
import { REPO_ROOT, pollFor } from './harness/util.ts';
import { seriousAxeViolations } from './pages/axe.ts';
import { DashboardPage } from './pages/dashboard.ts';
import { OptionsPage } from './pages/options.ts';

const SCREENSHOTS = path.join(REPO_ROOT, 'test-results/screenshots');

interface Settings {
  apiBaseUrl: string;
  routing: { mode: string; sites: string[]; bypass: string[] };
  theme: string;
}

describe('options page and dashboard in Chromium', () => {
  let sandbox: Sandbox;
  let chromium: ChromiumHandle;
  let background: ProtocolClient;
  let options: OptionsPage;

  const screenshot = async (page: Page, name: string) => {
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
  };
  /** The sandbox's orders for the demo key, straight from its state. */
  const sandboxOrders = () => sandbox.state.getKey(sandbox.demoKey)!.orders;

  beforeAll(async () => {
    sandbox = await startSandbox({ accounts: 6 });
    chromium = await launchChromium();
    background = chromiumProtocol(await chromium.openExtensionPage('manifest.json'));
    options = await OptionsPage.open(chromium);
    await options.page.setViewportSize({ width: 1100, height: 900 });
  });

  afterAll(async () => {
    await chromium?.close();
    await sandbox?.close();
  });

  it('takes another API host only once confirmed, and only https or this computer', async () => {
    await options.page.getByText('No API key is set.').waitFor();
    await options.apiHostSection.getByText('Advanced: API address').click();
    expect(await options.apiHostSection.getByRole('button', { name: 'Use this address' }).isDisabled()).toBe(true);
    expect(await options.proposeApiHost('http://api.example.com')).toMatch(/^This API address cannot be used\. Use an https:\/\/ address/);
    expect(await options.proposeApiHost(sandbox.url)).toMatch(/^Address saved\./);
    expect((await background.call<Settings>('getSettings')).apiBaseUrl).toBe(sandbox.url);
  });

  it('refuses a wrong key with the API’s reason and accepts the right one, showing only its last four characters', async () => {
    await options.enterKey('wrongKey0000');
    await options.keyError().waitFor();
    expect(await options.keyError().textContent()).toMatch(/The key was not saved\. 911Proxy refused this API key/);

    await options.enterKey(sandbox.demoKey);
    await options.keySummary().waitFor();
    const summary = (await options.keySummary().textContent()) ?? '';
    expect(summary).toContain(`…${sandbox.demoKey.slice(-4)}`);
    expect(summary).toContain(sandbox.url);
    expect(await options.page.content()).not.toContain(sandbox.demoKey);
    expect(await options.page.getByLabel('API key (app_key)').count()).toBe(0);
  });

  it('saves routing rules through the background, and shows its refusal of a bad pattern', async () => {
    expect(await options.saveRouting('Only the sites listed below', ['example.com', '', '# shops', '*.shop.test'], ['localhost', '10.0.0.0/8'])).toBe('Saved.');
    expect((await background.call<Settings>('getSettings')).routing).toEqual({ mode: 'only', sites: ['example.com', '*.shop.test'], bypass: ['localhost', '10.0.0.0/8'] });

    const refusal = await options.saveRouting('All sites except those listed below', ['not a host!'], ['localhost']);
    expect(refusal).toMatch(/routing\.sites\.0/);
    expect((await background.call<Settings>('getSettings')).routing.mode).toBe('only');
  });

  it('manages routes: added with an exit the extension knows, refused in Chrome for a second gateway account as the rule is made, moved by keyboard, turned off, deleted', async () => {
    const section = options.routesSection;
    await section.getByText('Order of precedence: bypass list, tab, container, site route, main connection.').waitFor();
    await section.getByText('In Chrome, sites sent through the gateway share one account at a time; extracted and static IPs can each have their own.').first().waitFor();
    await section.getByText('No routes yet.').waitFor();
    // The picker: direct first, then the accounts through the gateway.
    await options.addRoute('amazon.test', 1);
    const refusal = await options.addRoute('amazon.co.test', 2);
    expect(await refusal.getAttribute('role')).toBe('alert');
    expect(await refusal.textContent()).toMatch(/^In Chrome, sites sent through the gateway share one account at a time; extracted and static IPs can each have their own\./);
    await options.addRoute('direct.test', 0);
    type StoredRoute = { id: string; pattern: string; enabled: boolean; exit: { kind: string } };
    let stored = await background.call<StoredRoute[]>('getRoutes');
    expect(stored.map((route) => [route.pattern, route.exit.kind])).toEqual([['amazon.test', 'account'], ['direct.test', 'direct']]);

    // Keyboard only: focus "move up" on the second rule and press Enter.
    await section.getByRole('button', { name: 'Move up: direct.test' }).focus();
    await options.page.keyboard.press('Enter');
    await pollFor('the new order stored', async () => ((await background.call<StoredRoute[]>('getRoutes'))[0]?.pattern === 'direct.test' ? true : undefined));
    await section.getByRole('listitem').first().filter({ hasText: 'direct.test' }).waitFor();

    await section.getByRole('checkbox', { name: 'On: amazon.test' }).click();
    await pollFor('the rule turned off', async () => ((await background.call<StoredRoute[]>('getRoutes')).find((route) => route.pattern === 'amazon.test')?.enabled === false ? true : undefined));
    expect(await seriousAxeViolations(options.page)).toEqual([]);
    await screenshot(options.page, 'options-routes.png');

    await section.getByRole('button', { name: 'Delete direct.test' }).click();
    await pollFor('the rule deleted', async () => ((await background.call<StoredRoute[]>('getRoutes')).length === 1 ? true : undefined));
    stored = await background.call<StoredRoute[]>('getRoutes');
    await background.call('deleteRoute', { id: stored[0]!.id });
  });

  it('the options page passes axe in light and dark', async () => {
    await options.chooseTheme('Light');
    expect(await seriousAxeViolations(options.page)).toEqual([]);
    await screenshot(options.page, 'options-light.png');
    await options.chooseTheme('Dark');
    expect(await seriousAxeViolations(options.page)).toEqual([]);
    await screenshot(options.page, 'options-dark.png');
    await options.chooseTheme('Light');
  });

  it('draws one bar per day of the chosen period from the sandbox usage', async () => {
    const dashboard = await DashboardPage.open(chromium);
    await dashboard.page.setViewportSize({ width: 1100, height: 900 });
    expect(await (await dashboard.bars()).count()).toBe(7);
    expect(await (await dashboard.choosePeriod('Last 30 days', 30)).count()).toBe(30);
    expect(await dashboard.usage.locator('[data-testid="usage-chart"] desc').textContent()).toMatch(/^A bar chart of 30 days, from /);
    // The bars' tooltips and the table hold the same days as the API's answer.
    const rows = dashboard.usage.locator('details table tbody tr');
    expect(await rows.count()).toBe(30);
    const total = await dashboard.usage.getByTestId('usage-total').textContent();
    expect(total).toMatch(/\d/);
    await dashboard.page.close();
  });

  it('pages through the packages and finds one by its order number', async () => {
    const dashboard = await DashboardPage.open(chromium);
    await dashboard.packageRows().first().waitFor();
    expect(await dashboard.packageRows().count()).toBe(20);
    expect(await dashboard.packagePosition().textContent()).toBe('Page 1 of 3');
    // The summary's package counts: "1 package", else "N packages".
    const counts = await dashboard.packages.getByTestId('package-summary').locator('.hint').allTextContents();
    expect(counts).toHaveLength(4);
    for (const count of counts) expect(count).toMatch(/(^|, )(1 package|(?!1 )[\d,]+ packages)$/);
    const firstOnPage1 = await dashboard.packageRows().first().locator('code').textContent();

    await dashboard.packages.getByRole('button', { name: 'Next page' }).click();
    await pollFor('page 2', async () => ((await dashboard.packagePosition().textContent()) === 'Page 2 of 3' ? true : undefined));
    await pollFor('page 2 rows', async () => ((await dashboard.packageRows().first().locator('code').textContent()) !== firstOnPage1 ? true : undefined));
    // The pager stayed while page 2 loaded, and so did the focus on its button.
    expect(await dashboard.page.evaluate(() => document.activeElement?.textContent)).toBe('Next page');
    expect(await dashboard.packageRows().count()).toBe(20);
    const wanted = (await dashboard.packageRows().nth(3).locator('code').textContent())!;

    await dashboard.packages.getByLabel('Order number').fill(wanted);
    await dashboard.packages.getByRole('button', { name: 'Search' }).click();
    await pollFor('the one match', async () => ((await dashboard.packageRows().count()) === 1 ? true : undefined));
    expect(await dashboard.packageRows().first().locator('code').textContent()).toBe(wanted);
    await dashboard.page.close();
  });

  it('marks the packages that have expired or expire within 7 days', async () => {
    const HOUR = 3_600_000;
    const DAY = 24 * HOUR;
    const [expiredToday, expiringSoon, later] = sandbox.state.getKey(sandbox.demoKey)!.packages;
    // Far enough from the 7-day edge that the zone the API's times are read in does not matter.
    expiredToday!.expiredMs = Date.now() - 20 * HOUR;
    expiringSoon!.expiredMs = Date.now() + 3 * DAY;
    later!.expiredMs = Date.now() + 30 * DAY;
    const dashboard = await DashboardPage.open(chromium);
    const expiresCell = async (tradeNo: string) => {
      await dashboard.packages.getByLabel('Order number').fill(tradeNo);
      await dashboard.packages.getByRole('button', { name: 'Search' }).click();
      await pollFor(`the package ${tradeNo}`, async () => ((await dashboard.packageRows().count()) === 1 && (await dashboard.packageRows().first().locator('code').textContent()) === tradeNo ? true : undefined));
      return dashboard.packageRows().first().locator('td').nth(4);
    };
    expect(await (await expiresCell(expiredToday!.tradeNo)).textContent()).toMatch(/Expired$/);
    expect(await (await expiresCell(expiringSoon!.tradeNo)).textContent()).toMatch(/Expires within 7 days$/);
    expect(await (await expiresCell(later!.tradeNo)).textContent()).not.toMatch(/Expire/);
    await dashboard.page.close();
  });

  it('pages through the orders with the focus kept on the pager', async () => {
    const pages = Math.ceil(sandboxOrders().length / 10);
    const dashboard = await DashboardPage.open(chromium);
    const position = dashboard.orders.getByTestId('pager-position');
    await expect.poll(() => position.textContent()).toBe(`Page 1 of ${pages}`);
    await dashboard.orders.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => position.textContent()).toBe(`Page 2 of ${pages}`);
    await dashboard.orderRow(sandboxOrders()[10]!.tradeNo).waitFor();
    expect(await dashboard.page.evaluate(() => document.activeElement?.textContent)).toBe('Next page');
    await dashboard.page.close();
  });

  it('cancels an unpaid order after its confirmation', async () => {
    const unpaid = sandboxOrders().find((order) => order.status === 0)!;
    const dashboard = await DashboardPage.open(chromium);
    await dashboard.filterOrders('Unpaid');
    await dashboard.orderRow(unpaid.tradeNo).waitFor();
    // Only unpaid orders offer a cancel button.
    const unpaidCount = sandboxOrders().filter((order) => order.status === 0).length;
    await expect.poll(() => dashboard.orders.getByRole('button', { name: /^Cancel order/ }).count(), { timeout: 10_000 }).toBe(unpaidCount);

    await dashboard.cancelOrder(unpaid.tradeNo);
    expect(sandboxOrders().find((order) => order.tradeNo === unpaid.tradeNo)?.status).toBe(2);
    // The list refreshes by itself: the cancelled order leaves the "Unpaid" filter.
    await dashboard.orderRow(unpaid.tradeNo).waitFor({ state: 'detached' });
    await dashboard.page.close();
  });

  it('creates a static IP renewal from the ids in the address, with an enabled payment method', async () => {
    const ids = sandbox.state.getKey(sandbox.demoKey)!.staticIps.slice(0, 2).map((ip) => ip.id);
    const before = sandboxOrders().length;
    const dashboard = await DashboardPage.open(chromium, `renew=${ids.join(',')}`);
    const form = dashboard.createOrder;
    expect(await form.getByLabel('Renew static IPs').isChecked()).toBe(true);
    expect(await form.getByLabel('Static IP ids').inputValue()).toBe(ids.join(', '));
    // A disabled method is shown, but cannot be chosen.
    await form.getByRole('radio', { name: /PayPal/ }).waitFor();
    expect(await form.getByRole('radio', { name: /PayPal/ }).isDisabled()).toBe(true);

    // Nothing is sent while a required field is missing.
    await form.getByRole('button', { name: 'Create order' }).click();
    expect(await form.getByText('Fill this in.').count()).toBeGreaterThan(0);
    expect(sandboxOrders()).toHaveLength(before);

    await form.getByLabel('Product id (pid)').fill('251');
    await form.getByLabel('Renew for').fill('30');
    await form.getByRole('radio', { name: /信用卡/ }).check();
    await form.getByRole('button', { name: 'Create order' }).click();
    const done = form.getByTestId('order-created');
    await done.waitFor();
    const created = sandboxOrders()[0]!;
    expect(sandboxOrders()).toHaveLength(before + 1);
    expect(created).toMatchObject({ productId: 251, status: 0, totalFee: 12 });
    expect(await done.textContent()).toContain(created.tradeNo);
    // The new order shows in the list without a reload.
    await dashboard.orderRow(created.tradeNo).waitFor();
    await dashboard.page.close();
  });

  it('shows the account line: the real-name verification the key check found, and why 911Proxy gives no account details', async () => {
    const dashboard = await DashboardPage.open(chromium);
    // The sandbox refuses user/info as the provider's document marks it, "not open yet": there is no balance to show.
    await expect.poll(() => dashboard.account.getByRole('alert').textContent().catch(() => ''), { timeout: 15_000 }).toMatch(/^911Proxy has not opened this function to the API yet\./);
    expect(await dashboard.accountFact('Real-name verification').textContent()).toBe('Passed');
    expect(await dashboard.accountFact('Balance').count()).toBe(0);
    await dashboard.page.close();
  });

  it('the dashboard passes axe in light and dark', async () => {
    const dashboard = await DashboardPage.open(chromium);
    await dashboard.page.setViewportSize({ width: 1100, height: 900 });
    await dashboard.bars();
    await dashboard.packageRows().first().waitFor();
    await dashboard.orders.locator('tbody tr').first().waitFor();
    expect(await seriousAxeViolations(dashboard.page)).toEqual([]);
    await screenshot(dashboard.page, 'dashboard-light.png');
    await background.call('updateSettings', { theme: 'dark' });
    await dashboard.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await seriousAxeViolations(dashboard.page)).toEqual([]);
    await screenshot(dashboard.page, 'dashboard-dark.png');
    await background.call('updateSettings', { theme: 'system' });
    await dashboard.page.close();
  });

  it('says, in each dashboard view, what 911Proxy refuses to show an account without real-name verification', async () => {
    await background.call('forgetKey');
    await background.call('updateSettings', { apiBaseUrl: sandbox.url });
    await background.call('setKey', { key: sandbox.unverifiedKey, remember: true });
    const dashboard = await DashboardPage.open(chromium);
    const refusal = (section: Locator) => section.getByRole('alert').first();
    const views: [string, Locator, RegExp][] = [
      ['traffic chart', dashboard.usage, /^911Proxy shows traffic figures only to accounts that have passed real-name verification/],
      ['package list', dashboard.packages, /^911Proxy shows the package list only/],
      ['payment methods', dashboard.createOrder, /^911Proxy shows the payment methods only/],
    ];
    for (const [view, section, sentence] of views) {
      await expect.poll(async () => refusal(section).textContent().catch(() => ''), { message: view, timeout: 15_000 }).toMatch(sentence);
    }
    await dashboard.createOrder.getByLabel('Top up the balance').check();
    await expect.poll(() => dashboard.createOrder.getByText(/shows the top-up bonus only/).count(), { timeout: 15_000 }).toBe(1);
    expect(await dashboard.page.locator('#usage, #packages, #create-order').getByText('this change is not allowed').count()).toBe(0);
    await dashboard.page.close();
  });

  it('says in the account line that an account without real-name verification has changes refused', async () => {
    // The key is still the unverified one the test before entered.
    const dashboard = await DashboardPage.open(chromium);
    await expect.poll(() => dashboard.accountFact('Real-name verification').textContent(), { timeout: 15_000 }).toMatch(/^Not passed: 911Proxy refuses any change/);
    await dashboard.page.close();
  });
});
