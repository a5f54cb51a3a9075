/**
 * The user's own proxies in a real Firefox ESR with the built add-on: an HTTP proxy with a login
 * made in the options page and connected from the popup's Custom tab, attributed by a real Squid's
 * access log; and a SOCKS5 proxy with a login (Firefox alone can give one) through a real
 * microsocks, whose outgoing connections leave from their own address, so the target server tells
 * a request that came through it from any other. Both as site rules side by side, the HTTP one's
 * rule following an edit of the proxy.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyStatus } from '../../lib/background/proxy/status.ts';
import { startSandbox, type Sandbox } from '../sandbox/server.ts';
import { launchFirefox, startSocks, startSquid, startTargetServer, type FirefoxHandle, type SocksHandle, type SquidHandle, type TargetServer } from './harness/index.ts';
import { firefoxProtocol, proxyStatusWhen, type ProtocolClient } from './harness/protocol.ts';
import { setUpAsAUserWould } from './harness/proxy-scenarios.ts';

const CAROL = { user: 'carol', password: 'carolpw3' };
const DAVE = { user: 'dave', password: 'davepw4' };
const SOCKS_LOGIN = { user: 'sockuser', password: 'sockpw5' };
/** microsocks binds its outgoing connections here: the target server sees this address for them. */
const SOCKS_EXIT = '127.0.0.2';
/** Firefox hands loopback requests to the add-on too, so that 127.0.0.1 can be proxied. */
const FIREFOX_PREFS = { 'network.proxy.allow_hijacking_localhost': true };

describe('custom proxies in Firefox', () => {
  let squid: SquidHandle;
  let socks: SocksHandle;
  let target: TargetServer;
  let sandbox: Sandbox;
  let firefox: FirefoxHandle;
  let background: ProtocolClient;
  let options: Page;

  beforeAll(async () => {
    [squid, target, sandbox, socks] = await Promise.all([
      startSquid({ users: { [CAROL.user]: CAROL.password, [DAVE.user]: DAVE.password }, hosts: ['exit.test'] }),
      startTargetServer({ countryOf: () => 'US' }),
      startSandbox({ accounts: 2 }),
      startSocks({ ...SOCKS_LOGIN, bindAddress: SOCKS_EXIT }),
    ]);
    firefox = await launchFirefox({ prefs: FIREFOX_PREFS });
    background = firefoxProtocol(await firefox.openExtensionPage('popup.html'));
    await setUpAsAUserWould({ sandbox, squid, target, background });
    options = await firefox.openExtensionPage('options.html');
  });

  afterAll(async () => {
    await firefox?.close();
    await Promise.all([squid?.stop(), target?.close(), sandbox?.close(), socks?.stop()]);
  });

  /** The id of the field labelled exactly `label` in the options' custom proxies section. */
  const fieldId = (label: string) =>
    options.waitForFunction(
      (text) => [...document.querySelectorAll('#custom-proxies label')].find((candidate) => candidate.textContent?.trim() === text)?.getAttribute('for') ?? false,
      { timeout: 20_000 },
      label,
    ).then((handle) => handle.jsonValue() as Promise<string>);
  /** Types into a field as the user would. */
  const type = async (label: string, value: string) => options.type(`[id="${await fieldId(label)}"]`, value);
  /** A wait that fails saying what the page showed instead. */
  const explained = <T,>(page: Page, what: string, waiting: Promise<T>) =>
    waiting.catch(async (error: unknown) => {
      const shown = await page.evaluate(() => `${location.pathname}: ${document.body.innerText.replace(/\s+/g, ' ').slice(0, 1000)}`).catch((reason: unknown) => `nothing readable (${String(reason)})`);
      throw new Error(`no ${what} in time; the page shows ${shown}`, { cause: error });
    });
  /** Clicks the button (or tab) in `page`, within `scope`, whose text or accessible label is exactly `name`. */
  const click = (page: Page, name: string, scope = 'body') => {
    const clicked = page.waitForFunction(
      (text, within) => {
        const button = [...document.querySelectorAll<HTMLElement>(`${within} button, ${within} [role="tab"]`)].find((candidate) => candidate.getAttribute('aria-label') === text || candidate.textContent?.trim() === text);
        button?.click();
        return button !== undefined;
      },
      { timeout: 20_000 },
      name,
      scope,
    );
    return explained(page, `"${name}" button`, clicked);
  };
  const waitForText = (page: Page, text: string) => explained(page, `"${text}"`, page.waitForFunction((expected) => document.body.innerText.includes(expected), { timeout: 20_000 }, text));

  /** Adds a proxy in the options page: Add a proxy, the fields, Save; resolves once the list shows it. */
  async function addInOptions(fields: { name: string; scheme?: string; host: string; port: number; username: string; password: string }): Promise<void> {
    await click(options, 'Add a proxy', '#custom-proxies');
    await type('Name (optional)', fields.name);
    if (fields.scheme) await options.select(`[id="${await fieldId('Type')}"]`, fields.scheme);
    await type('Host', fields.host);
    await type('Port', String(fields.port));
    await type('Username (optional)', fields.username);
    await type('Password', fields.password);
    await click(options, 'Save', '#custom-proxies');
    await waitForText(options, `login ${fields.username}, password hidden`);
    // Saved as typed, every field.
    expect(await background.call('getCustomEndpoints')).toContainEqual(expect.objectContaining({ label: fields.name, scheme: fields.scheme ?? 'http', host: fields.host, port: fields.port, username: fields.username, password: fields.password }));
    expect(await options.evaluate(() => [document.body.innerText, ...[...document.querySelectorAll('input')].map((input) => input.value)].join('\n'))).not.toContain(fields.password);
  }

  /** Connects to a saved proxy from the popup's Custom tab. */
  async function connectFromPopup(name: string): Promise<ProxyStatus> {
    const popup = await firefox.openExtensionPage('popup.html');
    await click(popup, 'Custom');
    await click(popup, `Connect to ${name}`);
    const status = await proxyStatusWhen(background, `connected to ${name}`, (current) => current.state === 'connected' && current.endpoint?.kind === 'custom' && current.endpoint.label === name);
    await waitForText(popup, 'In use');
    await popup.close();
    return status;
  }

  it('makes an HTTP proxy with a login in the options page, connects to it from the popup, and Squid names that user', async () => {
    await addInOptions({ name: 'Squid carol', host: '127.0.0.1', port: squid.port, username: CAROL.user, password: CAROL.password });
    await connectFromPopup('Squid carol');
    expect(await firefox.visit(target.url('/ff-custom-http-1'))).toBe(200);
    expect(await firefox.visit(target.url('/ff-custom-http-2', 'other.test'))).toBe(200);
    expect(await firefox.visit(target.httpsUrl('/ff-custom-https'))).toBe(200);
    await squid.waitForSuccess('/ff-custom-http-2', CAROL.user);
    for (const path of ['/ff-custom-http-1', '/ff-custom-http-2']) {
      const logged = await squid.entriesFor(path);
      expect(logged.length).toBeGreaterThan(0);
      expect(logged.every((entry) => entry.user === CAROL.user && entry.status === 200)).toBe(true);
      expect(target.requests().filter((request) => request.path === path)).toHaveLength(logged.length);
    }
    await target.waitForRequest((request) => request.path === '/ff-custom-https' && request.scheme === 'https');
    for (const request of target.requests()) expect(request.headers['proxy-authorization']).toBeUndefined();
  });

  it('makes a SOCKS5 proxy with a login in the options page, and the page goes through microsocks only', async () => {
    // Nothing bypassed, so that 127.0.0.1 (microsocks resolves names itself: target by IP) is proxied.
    await background.call('updateSettings', { routing: { mode: 'all', sites: [], bypass: [] } });
    await addInOptions({ name: 'My SOCKS', scheme: 'socks5', host: socks.host, port: socks.port, username: SOCKS_LOGIN.user, password: SOCKS_LOGIN.password });
    const { endpoint } = await connectFromPopup('My SOCKS');
    expect(endpoint).toMatchObject({ scheme: 'socks5', username: SOCKS_LOGIN.user });
    for (const path of ['/ff-custom-socks-1', '/ff-custom-socks-2']) {
      expect(await firefox.visit(`http://127.0.0.1:${target.port}${path}`)).toBe(200);
      const arrived = target.requests().filter((request) => request.path === path);
      expect(arrived.length).toBeGreaterThan(0);
      // Direct, or through Squid, a request leaves from 127.0.0.1; only microsocks sends from its own address.
      for (const request of arrived) expect(request.remoteAddress.replace(/^::ffff:/, '')).toBe(SOCKS_EXIT);
      expect(await squid.entriesFor(path)).toEqual([]);
    }
    await background.call('disconnect');
  });

  it('routes one site to the HTTP proxy and another to the SOCKS5 one, side by side; the HTTP one’s rule follows its edit', async () => {
    type Saved = { id: string; label: string; scheme: string; host: string; port: number; username?: string };
    const saved = await background.call<Saved[]>('getCustomEndpoints');
    const squidProxy = saved.find((endpoint) => endpoint.label === 'Squid carol')!;
    const socksProxy = saved.find((endpoint) => endpoint.label === 'My SOCKS')!;
    // Not connected: only the rules send anything to a proxy. microsocks resolves names itself, so its site is the target by IP.
    expect((await background.call<ProxyStatus>('getProxyStatus')).state).toBe('direct');
    await background.call('addRoute', { pattern: 'target.test', exit: squidProxy });
    const routes = await background.call<{ id: string }[]>('addRoute', { pattern: '127.0.0.1', exit: socksProxy });
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([firefox.visit(target.url(`/ff-route-squid-${round}`)), firefox.visit(`http://127.0.0.1:${target.port}/ff-route-socks-${round}`)]);
      expect(results).toEqual([200, 200]);
      expect((await squid.entriesFor(`/ff-route-squid-${round}`)).filter((entry) => entry.status === 200).map((entry) => entry.user)).toEqual([CAROL.user]);
      const throughSocks = target.requests().filter((request) => request.path === `/ff-route-socks-${round}`);
      expect(throughSocks.map((request) => request.remoteAddress.replace(/^::ffff:/, ''))).toEqual([SOCKS_EXIT]);
      expect(await squid.entriesFor(`/ff-route-socks-${round}`)).toEqual([]);
    }
    await background.call('editCustomEndpoint', { id: squidProxy.id, scheme: 'http', host: squidProxy.host, port: squidProxy.port, username: DAVE.user, password: DAVE.password, label: squidProxy.label });
    expect(await firefox.visit(target.url('/ff-route-squid-edited'))).toBe(200);
    expect((await squid.entriesFor('/ff-route-squid-edited')).filter((entry) => entry.status === 200).map((entry) => entry.user)).toEqual([DAVE.user]);
    await expect(background.call('deleteCustomEndpoint', { id: squidProxy.id })).rejects.toThrow('Routes still send sites through this proxy (target.test)');
    for (const route of routes) await background.call('deleteRoute', { id: route.id });
    expect(await background.call<Saved[]>('getCustomEndpoints')).toHaveLength(2);
  });
});
