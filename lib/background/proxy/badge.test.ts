import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { installEnglishMessages } from '../../../test/helpers/i18n.ts';
import { replaceBrowserApis } from '../../../test/helpers/browser-apis.ts';
import { recordBadge, type BadgeRecord } from '../../../test/helpers/badge.ts';
import { showBadge } from './badge.ts';
import type { Endpoint } from './endpoint.ts';

const badge: BadgeRecord = { text: '', title: '', color: '' };
beforeEach(() => {
  fakeBrowser.reset();
  installEnglishMessages();
  Object.assign(badge, { text: 'old', title: 'old', color: 'old' });
  recordBadge(badge);
});

const alice: Endpoint = { kind: 'account', account: 'alice', password: 'pw1', country: 'us' };
const custom: Endpoint = { kind: 'custom', scheme: 'http', host: '192.0.2.5', port: 3128 };

describe('the badge', () => {
  it('is empty while direct, and the tooltip says so', async () => {
    await showBadge({ state: 'direct', endpoint: null });
    expect(badge).toMatchObject({ text: '', title: '911Proxy: not connected' });
    expect(fakeBrowser.action.setBadgeBackgroundColor).not.toHaveBeenCalled();
  });

  it('shows an ellipsis while connecting', async () => {
    await showBadge({ state: 'connecting', endpoint: alice });
    expect(badge).toMatchObject({ text: '…', color: '#6e7781' });
  });

  it('shows the country asked for until the exit check tells the real one', async () => {
    await showBadge({ state: 'connected', endpoint: alice });
    expect(badge).toMatchObject({ text: 'US', color: '#1a7f37' });
    expect(badge.title).toMatch(/^911Proxy: connected via .*alice/);
    await showBadge({ state: 'connected', endpoint: alice, exit: { ip: '203.0.113.7', country: 'JP', checkedAt: 1 } });
    expect(badge.text).toBe('JP');
    expect(badge.title).toMatch(/alice.* 203\.0\.113\.7$/);
  });

  it('shows ON for a proxy with no country', async () => {
    await showBadge({ state: 'connected', endpoint: custom });
    expect(badge.text).toBe('ON');
  });

  it('shows "!" when failed, and the reason in the tooltip', async () => {
    await showBadge({ state: 'failed', endpoint: alice, failure: { kind: 'unreachable', message: 'Cannot reach the proxy.' } });
    expect(badge).toEqual({ text: '!', title: '911Proxy: not working. Cannot reach the proxy.', color: '#cf222e' });
  });

  it('uses browserAction where there is no action (Firefox)', async () => {
    const browserAction = { setBadgeText: vi.fn(async () => undefined), setTitle: vi.fn(async () => undefined), setBadgeBackgroundColor: vi.fn(async () => undefined) };
    replaceBrowserApis({ action: undefined, browserAction });
    await showBadge({ state: 'failed', endpoint: alice });
    expect(browserAction.setBadgeText).toHaveBeenCalledWith({ text: '!' });
  });
});
