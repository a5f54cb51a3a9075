import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { replaceBrowserApis } from '../../../test/helpers/browser-apis.ts';
import { setLeakProtection } from './leak-protection.ts';

/** fakeBrowser leaves the setting unimplemented: these record what the browser is asked. */
function spyOnPolicy() {
  const policy = fakeBrowser.privacy.network.webRTCIPHandlingPolicy;
  return { set: vi.spyOn(policy, 'set').mockResolvedValue(undefined), clear: vi.spyOn(policy, 'clear').mockResolvedValue(undefined) };
}

beforeEach(() => fakeBrowser.reset());

describe('WebRTC leak protection', () => {
  it('limits WebRTC to proxied routes when on', async () => {
    const { set, clear } = spyOnPolicy();
    await setLeakProtection(true);
    expect(set).toHaveBeenCalledWith({ value: 'disable_non_proxied_udp' });
    expect(clear).not.toHaveBeenCalled();
  });

  it('gives the setting back to the browser’s own choice when off', async () => {
    const { set, clear } = spyOnPolicy();
    await setLeakProtection(false);
    expect(clear).toHaveBeenCalledWith({});
    expect(set).not.toHaveBeenCalled();
  });

  it('lets the proxy work when another extension holds the setting', async () => {
    spyOnPolicy().set.mockRejectedValue(new Error('controlled by another extension'));
    await expect(setLeakProtection(true)).resolves.toBeUndefined();
  });

  it('does nothing in a browser without the API', async () => {
    replaceBrowserApis({ privacy: undefined });
    await expect(setLeakProtection(true)).resolves.toBeUndefined();
  });
});
