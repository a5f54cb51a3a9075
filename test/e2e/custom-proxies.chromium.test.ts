/**
 * The user's own proxies in a real Chromium with the built extension: made in the options page,
 * connected from the popup's Custom tab, edited and deleted while in use, against a real
 * authenticating Squid whose access log names the user of every request. `.test` names resolve
 * only inside Squid, so a request that reaches the target by name went through it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyStatus } from '../../lib/background/proxy/status.ts';
import { startSandbox, type Sandbox } from '../sandbox/server.ts';
import { launchChromium, startSquid, startTargetServer, type ChromiumHandle, type SquidHandle, type TargetServer } from './harness/index.ts';
import { chromiumProtocol, proxyStatusWhen, type ProtocolClient } from './harness/protocol.ts';
import { setUpAsAUserWould } from './harness/proxy-scenarios.ts';
import { usersOf } from './harness/route-scenarios.ts';
import { makeTempDir, removeDir, sleep } from './harness/util.ts';
import { seriousAxeViolations } from './pages/axe.ts';
import { OptionsPage } from './pages/options.ts';
import { PopupPage } from './pages/popup.ts';

/** Squid's users: the custom proxy's login before and after the edit. */
const CAROL = { user: 'carol', password: 'carolpw3' };
const DAVE = { user: 'dave', password: 'davepw4' };

describe('custom proxies in Chromium', () => {
  let squid: SquidHandle;
  let target: TargetServer;
  let sandbox: Sandbox;
  let chromium: ChromiumHandle;
  let profileDir: string;
  let background: ProtocolClient;
  let options: OptionsPage;

  beforeAll(async () => {
    [squid, target, sandbox] = await Promise.all([startSquid({ users: { [CAROL.user]: CAROL.password, [DAVE.user]: DAVE.password }, hosts: ['exit.test'] }), startTargetServer({ countryOf: () => 'US' }), startSandbox({ accounts: 2 })]);
    profileDir = await makeTempDir('chromium-custom');
    chromium = await launchChromium({ profileDir });
    background = chromiumProtocol(await chromium.openExtensionPage('manifest.json'));
    await setUpAsAUserWould({ sandbox, squid, target, background });
    options = await OptionsPage.open(chromium);
  });

  afterAll(async () => {
    await chromium?.close();
    await Promise.all([squid?.stop(), target?.close(), sandbox?.close()]);
    if (profileDir) await removeDir(profileDir);
  });

  /** Every request for `paths` reached the target through Squid as `user`: as many arrived as Squid let through as that user, and none other. */
  async function expectAllThrough(user: string, paths: string[]): Promise<void> {
    for (const path of paths) {
      const logged = await squid.entriesFor(path);
      expect(logged.length).toBeGreaterThan(0);
      expect(logged.every((entry) => entry.user === user && entry.status === 200)).toBe(true);
      expect(target.requests().filter((request) => request.path === path)).toHaveLength(logged.length);
    }
    for (const request of target.requests()) expect(request.headers['proxy-authorization']).toBeUndefined();
  }

  it('makes an HTTP proxy with a login in the options page, connects to it from the popup, and Squid names that user', async () => {
    await options.addCustomProxy({ name: 'Squid carol', host: '127.0.0.1', port: String(squid.port), username: CAROL.user, password: CAROL.password });
    const row = options.customProxiesSection.getByRole('listitem').filter({ hasText: 'Squid carol' });
    await expect.poll(() => row.textContent()).toContain(`HTTP · 127.0.0.1:${squid.port} · login carol, password hidden`);
    // The password is not on the page once saved, in text or in a field.
    expect(await options.page.evaluate(() => [document.body.innerText, ...[...document.querySelectorAll('input')].map((input) => input.value)].join('\n'))).not.toContain(CAROL.password);

    const popup = await PopupPage.open(chromium);
    await popup.tab('Custom');
    await popup.page.getByRole('button', { name: 'Connect to Squid carol' }).click();
    await proxyStatusWhen(background, 'connected through the custom proxy', (status) => status.state === 'connected' && status.endpoint?.kind === 'custom');
    await popup.page.getByRole('list', { name: 'Custom' }).getByText('In use').waitFor();
    expect(await seriousAxeViolations(popup.page)).toEqual([]);

    expect(await chromium.visit(target.url('/custom-http-1'))).toBe(200);
    expect(await chromium.visit(target.url('/custom-http-2', 'other.test'))).toBe(200);
    expect(await chromium.visit(target.httpsUrl('/custom-https'))).toBe(200);
    await squid.waitForSuccess('/custom-http-2', CAROL.user);
    await squid.waitForSuccess(`target.test:${target.httpsPort}`, CAROL.user);
    await expectAllThrough(CAROL.user, ['/custom-http-1', '/custom-http-2']);
    await popup.page.close();
  });

  it('edits the proxy in use: the connection follows, and the next request carries the new login', async () => {
    const section = options.customProxiesSection;
    await section.getByRole('button', { name: 'Edit Squid carol' }).click();
    const form = section.getByRole('form', { name: 'Edit Squid carol' });
    await options.fillCustomProxy(form, { name: 'Squid dave', username: DAVE.user, password: DAVE.password });
    await section.getByRole('listitem').filter({ hasText: 'login dave, password hidden' }).waitFor();
    await proxyStatusWhen(background, 'connected with the edited proxy', (status) => status.state === 'connected' && status.endpoint?.kind === 'custom' && status.endpoint.username === DAVE.user);
    expect(await chromium.visit(target.url('/custom-edited'))).toBe(200);
    await squid.waitForSuccess('/custom-edited', DAVE.user);
    await expectAllThrough(DAVE.user, ['/custom-edited']);
  });

  it('deletes the proxy in use after asking, and the browser goes direct', async () => {
    const section = options.customProxiesSection;
    await section.getByRole('button', { name: 'Delete Squid dave' }).click();
    const dialog = options.page.getByRole('dialog', { name: 'Delete Squid dave?' });
    await dialog.getByText('The browser is connected through this proxy').waitFor();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await section.getByText('No proxies of your own yet.').waitFor();
    const status = await proxyStatusWhen(background, 'direct', (current) => current.state === 'direct');
    expect(status.endpoint).toBeNull();
    // target.test resolves only inside Squid: direct, the load fails, and Squid never sees it.
    expect(await chromium.visit(target.url('/after-delete'))).not.toBe(200);
    await sleep(500);
    expect(await squid.entriesFor('/after-delete')).toEqual([]);
    await expect(background.call('toggleLast')).rejects.toThrow(/no previous proxy/);
  });

  it('routes a site to a saved proxy; the rule follows an edit of it, and keeps it from being deleted', async () => {
    await options.addCustomProxy({ name: 'Squid route', host: '127.0.0.1', port: String(squid.port), username: CAROL.user, password: CAROL.password });
    await options.customProxiesSection.getByRole('listitem').filter({ hasText: 'Squid route' }).waitFor();
    // Made in the options' routes section, the proxy picked by its name among the user's own.
    const form = options.routesSection.getByRole('form', { name: 'Add route' });
    await form.getByLabel('Site').fill('target.test');
    await form.getByLabel('Exit', { exact: true }).selectOption({ label: 'Squid route' });
    await form.getByRole('button', { name: 'Add route' }).click();
    await options.routesSection.getByRole('listitem').filter({ hasText: 'target.test' }).filter({ hasText: 'Squid route' }).waitFor();
    // Not connected: only the rule sends target.test to Squid.
    expect((await background.call<ProxyStatus>('getProxyStatus')).state).toBe('direct');
    expect(await chromium.visit(target.url('/routed-custom-before'))).toBe(200);
    await squid.waitForSuccess('/routed-custom-before', CAROL.user);
    // The first request through the rule's proxy met its challenge (407), answered once with the login.
    expect(await usersOf(squid, '/routed-custom-before')).toEqual([CAROL.user]);

    // Edited to another login: the rule follows, and Chrome's cached login for that proxy is dropped.
    const section = options.customProxiesSection;
    await section.getByRole('button', { name: 'Edit Squid route' }).click();
    await options.fillCustomProxy(section.getByRole('form', { name: 'Edit Squid route' }), { username: DAVE.user, password: DAVE.password });
    await section.getByRole('listitem').filter({ hasText: 'login dave, password hidden' }).waitFor();
    expect(await background.call<Array<{ exit: { username?: string } }>>('getRoutes')).toMatchObject([{ pattern: 'target.test', exit: { kind: 'custom', username: DAVE.user } }]);
    expect(await chromium.visit(target.url('/routed-custom-after'))).toBe(200);
    await squid.waitForSuccess('/routed-custom-after', DAVE.user);
    expect(await usersOf(squid, '/routed-custom-after')).toEqual([DAVE.user]);

    // Deleting the proxy a rule uses is refused, naming the rule; once the rule is gone it can go.
    await section.getByRole('button', { name: 'Delete Squid route' }).click();
    const dialog = options.page.getByRole('dialog', { name: 'Delete Squid route?' });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Routes still send sites through this proxy (target.test): give them another exit or delete them, then delete the proxy.' }).waitFor();
    expect(await background.call<unknown[]>('getCustomEndpoints')).toHaveLength(1);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await options.routesSection.getByRole('button', { name: 'Delete target.test' }).click();
    await options.routesSection.getByText('No routes yet.').waitFor();
    await section.getByRole('button', { name: 'Delete Squid route' }).click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await section.getByText('No proxies of your own yet.').waitFor();
  });

  it('refuses a SOCKS5 login in Chrome and says why, in the form and in a paste, saving nothing', async () => {
    const chromeCannot = 'Chrome cannot log in to a SOCKS5 proxy (a Chromium limitation).';
    const form = await options.addCustomProxy({ type: 'SOCKS5', host: '127.0.0.1', port: '1080', username: 'sockuser', password: 'sockpw' });
    await form.getByText(chromeCannot).waitFor();
    await expect.poll(() => form.getByLabel('Username (optional)', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await form.getByRole('button', { name: 'Cancel' }).click();

    const section = options.customProxiesSection;
    await section.getByText('Paste many at once').click();
    await section.getByLabel('Proxies, one per line').fill(['127.0.0.1:3128:u1:p1', 'socks5://sockuser:sockpw@127.0.0.1:1080', 'not a proxy', '127.0.0.1:3128:u1:p1'].join('\n'));
    await section.getByRole('button', { name: 'Check and save' }).click();
    const refusal = section.getByRole('alert').filter({ hasText: 'Nothing was saved' });
    await refusal.waitFor();
    expect(await refusal.getByRole('listitem').allTextContents()).toEqual([
      `Line 2: ${chromeCannot} Use this proxy over HTTP, or without a username, or use Firefox.`,
      'Line 3: Not a proxy: write host:port, host:port:user:pass or user:pass@host:port.',
      'Line 4: The same proxy as line 1.',
    ]);
    expect(await background.call<unknown[]>('getCustomEndpoints')).toEqual([]);
    // The section with its problems told passes axe, in both themes.
    expect(await seriousAxeViolations(options.page)).toEqual([]);
    await options.chooseTheme('Dark');
    expect(await seriousAxeViolations(options.page)).toEqual([]);
    await options.chooseTheme('Light');

    // The bad lines out, the good one is saved.
    await refusal.getByRole('button', { name: 'Remove these lines' }).click();
    expect(await section.getByLabel('Proxies, one per line').inputValue()).toBe('127.0.0.1:3128:u1:p1');
    await section.getByRole('button', { name: 'Check and save' }).click();
    await section.getByText('1 proxy saved.').waitFor();
    expect(await background.call<unknown[]>('getCustomEndpoints')).toMatchObject([{ kind: 'custom', scheme: 'http', host: '127.0.0.1', port: 3128, username: 'u1', password: 'p1' }]);
    // The background refuses it too, should a page send it anyway.
    await expect(background.call('addCustomEndpoints', { endpoints: [{ scheme: 'socks5', host: '127.0.0.1', port: 1080, username: 'u', password: 'p' }] })).rejects.toThrow(/Chrome cannot log in to a SOCKS5 proxy/);
  });

  it('keeps every field that a password manager fills in one go', async () => {
    await options.customProxiesSection.getByRole('button', { name: 'Add a proxy' }).click();
    const form = options.customProxiesSection.getByRole('form', { name: 'Add a proxy' });
    await form.getByLabel('Host', { exact: true }).waitFor();
    // As a password manager fills a form: each field's value set and its input event sent, all in one
    // task, so the page draws again only after the last.
    const filled = { 'Name (optional)': 'Filled at once', Host: '127.0.0.1', Port: '3130', 'Username (optional)': 'filler', Password: 'fillerpw' };
    await form.evaluate((element, fields) => {
      for (const [label, value] of Object.entries(fields)) {
        const field = [...element.querySelectorAll('label')].find((candidate) => candidate.textContent?.trim() === label)!.control as HTMLInputElement;
        field.value = value;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }, filled);
    await form.getByRole('button', { name: 'Save' }).click();
    const row = options.customProxiesSection.getByRole('listitem').filter({ hasText: 'Filled at once' });
    await expect.poll(() => row.textContent()).toContain('HTTP · 127.0.0.1:3130 · login filler, password hidden');
    expect(await background.call<unknown[]>('getCustomEndpoints')).toContainEqual(expect.objectContaining({ label: 'Filled at once', host: '127.0.0.1', port: 3130, username: 'filler', password: 'fillerpw' }));
  });

  it('keeps the user’s own proxies when the key is forgotten', async () => {
    await background.call('forgetKey');
    expect(await background.call<Array<{ username?: string }>>('getCustomEndpoints')).toMatchObject([{ username: 'u1' }, { username: 'filler' }]);
    const status = await background.call<ProxyStatus>('getProxyStatus');
    expect(status.state).toBe('direct');
  });
});
