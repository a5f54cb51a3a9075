import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { replaceBrowserApis } from '../../test/helpers/browser-apis.ts';
import { readStored, watchStored } from './stored.ts';

describe('stored items as pages read them', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads a value by its area:name key, and null when there is none', async () => {
    await fakeBrowser.storage.session.set({ proxyStatus: { state: 'direct' } });
    expect(await readStored('session:proxyStatus')).toEqual({ state: 'direct' });
    expect(await readStored('local:proxyStatus')).toBeNull();
  });

  it('asks each area once for the reads of one task, and gives each reader its own item', async () => {
    await fakeBrowser.storage.local.set({ settings: { theme: 'dark' }, keyStatus: { set: true } });
    await fakeBrowser.storage.session.set({ proxyStatus: { state: 'direct' } });
    const localGet = vi.spyOn(fakeBrowser.storage.local, 'get');
    const sessionGet = vi.spyOn(fakeBrowser.storage.session, 'get');
    const reads = Promise.all([readStored('local:settings'), readStored('session:proxyStatus'), readStored('local:keyStatus'), readStored('local:settings'), readStored('local:notices')]);
    expect(await reads).toEqual([{ theme: 'dark' }, { state: 'direct' }, { set: true }, { theme: 'dark' }, null]);
    expect(localGet.mock.calls).toEqual([[['settings', 'keyStatus', 'settings', 'notices']]]);
    expect(sessionGet).toHaveBeenCalledTimes(1);
    // A read asked for later is a get of its own, with what is stored by then.
    await fakeBrowser.storage.local.set({ settings: { theme: 'light' } });
    expect(await readStored('local:settings')).toEqual({ theme: 'light' });
    expect(localGet).toHaveBeenCalledTimes(2);
  });

  it('rejects every read of a get that failed, and of an area this browser lacks', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('storage is broken'));
    const reads = [readStored('local:settings'), readStored('local:keyStatus')];
    for (const read of reads) await expect(read).rejects.toThrow('storage is broken');
    replaceBrowserApis({ storage: { local: fakeBrowser.storage.local } });
    await expect(readStored('session:proxyStatus')).rejects.toThrow(TypeError);
  });

  it('follows changes of that item in that area only, until stopped, and null once removed', async () => {
    const seen: unknown[] = [];
    const stop = watchStored('local:notices', (value) => seen.push(value));
    await fakeBrowser.storage.local.set({ notices: [1] });
    await fakeBrowser.storage.session.set({ notices: [2] });
    await fakeBrowser.storage.local.set({ other: 3 });
    await fakeBrowser.storage.local.set({ notices: [1] });
    await fakeBrowser.storage.local.remove('notices');
    stop();
    await fakeBrowser.storage.local.set({ notices: [4] });
    expect(seen).toEqual([[1], null]);
  });
});
