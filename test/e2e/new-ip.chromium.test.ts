/**
 * "New IP" in a real Chromium with the built extension: the popup's button renews the sticky session,
 * and a real Squid (accepting any session id of the account, as the gateway does) logs who each
 * request was.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server.ts';
import { launchChromium, startSquid, startTargetServer, type ChromiumHandle, type SquidHandle, type TargetServer } from './harness/index.ts';
import { refusesANewIpWithoutAStickySession, renewsTheStickySessionFromThePopup, STICKY_USERS, type NewIpSuite } from './harness/new-ip.ts';
import { chromiumProtocol } from './harness/protocol.ts';
import { setUpAsAUserWould } from './harness/proxy-scenarios.ts';

describe('a new IP in Chromium', () => {
  let squid: SquidHandle;
  let target: TargetServer;
  let sandbox: Sandbox;
  let chromium: ChromiumHandle;
  let suite: NewIpSuite;

  beforeAll(async () => {
    [squid, target, sandbox] = await Promise.all([startSquid({ users: STICKY_USERS, hosts: ['exit.test'], anySession: true }), startTargetServer({ countryOf: () => 'DE' }), startSandbox({ accounts: 2 })]);
    chromium = await launchChromium();
    const popup = await chromium.openExtensionPage('popup.html');
    const background = chromiumProtocol(popup);
    await setUpAsAUserWould({ sandbox, squid, target, background });
    suite = { squid, target, background, popup, visit: (url) => chromium.visit(url) };
  });

  afterAll(async () => {
    await chromium?.close();
    await Promise.all([squid?.stop(), target?.close(), sandbox?.close()]);
  });

  it('renews the sticky session from the popup: the next requests are a new session of the same account and country, none the old one', () => renewsTheStickySessionFromThePopup(suite));

  it('offers no new IP without a sticky session, and refuses one with the reason', () => refusesANewIpWithoutAStickySession(suite));
});
