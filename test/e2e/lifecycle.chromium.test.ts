/**
 * The connection across every way Chromium starts the extension's background again: disabled and
 * enabled, reloaded in chrome://extensions, the service worker stopped and woken. A real Squid, a
 * target server, and a tab fetching from the target every 16 ms (`startTicker`): Squid adds a `Via`
 * header to what it forwards, so the target tells each request that went out direct.
 *
 * `fallback.test` resolves both inside Squid and, for direct connections, in Chromium
 * (`--host-resolver-rules`): the ticks reach the target either way.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyStatus } from '../../lib/background/proxy/status.ts';
import { launchChromium, createTickFigures, startTicker, type ChromiumHandle, type SquidHandle, type TargetServer } from './harness/index.ts';
import { connectAsAlice, lifecycleChecks, startLifecycleServers } from './harness/lifecycle-checks.ts';
import { chromiumProtocol, type ProtocolClient } from './harness/protocol.ts';
import { sleep } from './harness/util.ts';

/** Long enough for every tick made in the moments after a restart to have reached the target. */
const ROUNDS = 5;

describe('the connection across the extension’s restarts in Chromium', () => {
  let squid: SquidHandle;
  let target: TargetServer;
  let chromium: ChromiumHandle;
  let control: Page | undefined;
  let background: ProtocolClient;
  const figures = createTickFigures('chromium-lifecycle.json');

  /** Opens a fresh control page, closing the last one; its protocol client. */
  async function openControlPage(): Promise<ProtocolClient> {
    await control?.close().catch(() => undefined);
    control = await chromium.openExtensionPage('manifest.json');
    background = chromiumProtocol(control);
    return background;
  }

  /** The tab fetching every 16 ms. Its requests' webRequest events wake a stopped worker at once. */
  let ticker: Page | undefined;
  async function openTicker(): Promise<void> {
    ticker = await chromium.context.newPage();
    await ticker.goto(target.url('/ticker', 'fallback.test'));
    await startTicker(ticker);
  }

  const badge = () =>
    control!.evaluate(async () => {
      const { action } = (globalThis as unknown as { chrome: { action: { getBadgeText(details: object): Promise<string>; getTitle(details: object): Promise<string> } } }).chrome;
      return { text: await action.getBadgeText({}), title: await action.getTitle({}) };
    });

  const { ticksAfter, loadsAsAlice, connectedAgain } = lifecycleChecks(() => ({ squid, target, figures, visit: (url) => chromium.visit(url), reopenControlPage: openControlPage, badge }));

  beforeAll(async () => {
    [squid, target] = await startLifecycleServers();
    chromium = await launchChromium({ args: ['--host-resolver-rules=MAP fallback.test 127.0.0.1'] });
    await openControlPage();
    await connectAsAlice(background, squid, target);
  });

  afterAll(async () => {
    await figures.save();
    await chromium?.close();
    await Promise.all([squid?.stop(), target?.close()]);
  });

  it('leaves the status as it was when the stopped worker wakes, with its badge, and connects nothing again', async () => {
    const before = await connectedAgain();
    const exitChecks = (await squid.entriesFor('/ip')).length;
    await chromium.stopServiceWorker();
    await openControlPage();
    expect(await background.call<ProxyStatus>('getProxyStatus')).toEqual(before);
    expect(await badge()).toEqual({ text: 'US', title: expect.stringContaining('alice') });
    await loadsAsAlice('after-wake');
    expect((await squid.entriesFor('/ip')).length).toBe(exitChecks);
    await openTicker();
  });

  it(`says "connected", with its badge, each time it is disabled and enabled again (${ROUNDS} of ${ROUNDS}), sending nothing direct once Chromium has put its setting back`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      await chromium.setExtensionEnabled(false);
      await sleep(300);
      const at = await chromium.setExtensionEnabled(true);
      // Chromium keeps the extension's proxy setting while it is disabled and applies it again as it
      // enables it, before the worker runs: only a request made in the few ms that takes goes direct.
      const { direct } = await ticksAfter('enabled again', at);
      expect(direct.every((ms) => ms < 50), `direct ticks at +${direct.join(', +')} ms`).toBe(true);
      await connectedAgain();
      await loadsAsAlice(`enabled-again-${round}`);
    }
  });

  it('says "connected" again after a reload, which lets requests out direct only until Chromium has loaded it again', async () => {
    for (let round = 0; round < 3; round++) {
      const at = await chromium.reloadExtension();
      // Chromium unloads the extension and its proxy setting with it until the new copy is loaded
      // (SECURITY.md, Known limits).
      const { direct } = await ticksAfter('reloaded', at);
      expect(direct.every((ms) => ms < 1_000), `direct ticks at +${direct.join(', +')} ms`).toBe(true);
      await connectedAgain();
      await loadsAsAlice(`reloaded-${round}`);
    }
  });

});
