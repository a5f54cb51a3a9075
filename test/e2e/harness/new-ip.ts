/**
 * "New IP" as both browsers' suites check it: a sticky account session connected, a click in the
 * popup's status header, and Squid's log proving that the next requests carry a new session of the
 * same account and country, and none the old one.
 */
import { expect } from 'vitest';
import type { ProxyStatus } from '../../../lib/background/proxy/status.ts';
import { proxyStatusWhen, type ProtocolClient } from './protocol.ts';
import type { SquidHandle } from './squid.ts';
import type { TargetServer } from './target-server.ts';

/** The account, and Squid's users for it: started with `anySession`, Squid accepts any session id of it, and the account without one. */
export const STICKY_ACCOUNT = { account: 'bob', password: 'bobpw2', country: 'DE', stickyMinutes: 10 } as const;
export const STICKY_USERS = { 'bob_area-DE_life-10_session-x': STICKY_ACCOUNT.password, 'bob_area-DE': STICKY_ACCOUNT.password };

/** The popup page, Playwright's or puppeteer's: both evaluate a function in the page. */
interface PopupPage {
  evaluate(fn: () => unknown): Promise<unknown>;
}

export interface NewIpSuite {
  squid: SquidHandle;
  target: TargetServer;
  /** Talks to the background from the popup page itself. */
  background: ProtocolClient;
  popup: PopupPage;
  visit(url: string): Promise<number | string>;
}

const FIRST_SESSION = 'first1';
const userOf = (sessionId: string) => `bob_area-DE_life-10_session-${sessionId}`;
const sessionOf = (status: ProxyStatus) => (status.endpoint?.kind === 'account' ? status.endpoint.sessionId : undefined);

/** The status header's text, as the user reads it. */
const headerText = async (popup: PopupPage) => String(await popup.evaluate(() => document.querySelector('header.status')?.textContent ?? ''));

export async function renewsTheStickySessionFromThePopup({ squid, target, background, popup, visit }: NewIpSuite): Promise<void> {
  const first = { kind: 'account', ...STICKY_ACCOUNT, sessionId: FIRST_SESSION };
  await background.call('connect', { endpoint: first });
  await proxyStatusWhen(background, 'the first session’s exit', (status) => status.exit !== undefined);
  expect(await visit(target.url('/session-a'))).toBe(200);
  await squid.waitForSuccess('/session-a', userOf(FIRST_SESSION));
  expect(await visit(target.httpsUrl('/session-a-https'))).toBe(200);
  await expect.poll(() => headerText(popup)).toMatch(/New IP/);

  const clickedAt = Date.now();
  const clicked = await popup.evaluate(() => {
    const button = [...document.querySelectorAll<HTMLButtonElement>('header.status button')].find((candidate) => candidate.textContent?.trim() === 'New IP');
    button?.click();
    return button !== undefined;
  });
  expect(clicked).toBe(true);
  // Connected under another session: the switch is done (stored, applied, the old login dropped).
  const switched = await proxyStatusWhen(background, 'the new session connected', (status) => status.state === 'connected' && sessionOf(status) !== FIRST_SESSION);
  const switchedAt = Date.now();
  const second = sessionOf(switched)!;
  expect(second).toMatch(/^[a-z0-9]{12}$/);
  expect(switched.endpoint).toEqual({ ...first, sessionId: second });

  // The header shows the exit the check found through the new session.
  const checked = await proxyStatusWhen(background, 'the new session’s exit check', (status) => sessionOf(status) === second && (status.exit?.checkedAt ?? 0) >= clickedAt);
  await expect.poll(() => headerText(popup)).toContain(`Exit IP ${checked.exit!.ip}`);
  expect(await headerText(popup)).not.toMatch(/Checking the exit IP/);
  await squid.waitForLogEntry((entry) => entry.url.includes('/ip') && entry.user === userOf(second) && entry.status === 200 && entry.time >= clickedAt - 1000);

  // The next loads, over http and https, are the new session of the same account and country.
  for (const n of [1, 2, 3]) {
    expect(await visit(target.url(`/session-b-${n}`))).toBe(200);
    await squid.waitForSuccess(`/session-b-${n}`, userOf(second));
  }
  const httpsFrom = Date.now();
  expect(await visit(target.httpsUrl('/session-b-https'))).toBe(200);
  await target.waitForRequest((request) => request.path === '/session-b-https');
  // A tunnel is logged when it closes (the target drops idle connections after 5 s).
  await squid.waitForLogEntry((entry) => entry.method === 'CONNECT' && entry.url === `target.test:${target.httpsPort}` && entry.user === userOf(second) && entry.time >= httpsFrom - 1000, 15_000);

  // Nothing under the old session once the switch was done (tunnels opened before may close later).
  const testHosts = new Set(['target.test', 'exit.test']);
  const afterSwitch = (await squid.accessLog()).filter((entry) => entry.time > switchedAt && entry.method !== 'CONNECT' && testHosts.has(entry.host));
  expect(afterSwitch.length).toBeGreaterThanOrEqual(3);
  expect(afterSwitch.filter((entry) => entry.user !== undefined).every((entry) => entry.user === userOf(second))).toBe(true);
  for (const n of [1, 2, 3]) expect((await squid.entriesFor(`/session-b-${n}`)).every((entry) => entry.user !== userOf(FIRST_SESSION))).toBe(true);
}

/** The button is only there for a sticky session; asked for anyway, the background refuses with a reason. */
export async function refusesANewIpWithoutAStickySession({ background, popup }: Pick<NewIpSuite, 'background' | 'popup'>): Promise<void> {
  const { stickyMinutes: _minutes, ...withoutSession } = STICKY_ACCOUNT;
  // From direct: the header of the sticky connection before reads "Connected: bob · DE" too.
  await background.call('disconnect');
  await expect.poll(() => headerText(popup)).not.toMatch(/Connected/);
  await background.call('connect', { endpoint: { kind: 'account', ...withoutSession } });
  await expect.poll(() => headerText(popup)).toMatch(/Connected/);
  expect(await headerText(popup)).not.toMatch(/New IP/);
  const answer = await background.ask('newSession');
  expect(answer).toMatchObject({ ok: false, error: { kind: 'no-sticky-session', message: expect.stringMatching(/no sticky session/) } });
}
