import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { readStored, watchStored } from './stored.ts';

describe('stored items as pages read them', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads a value by its area:name key, and null when there is none', async () => {
    await fakeBrowser.storage.session.set({ proxyStatus: { state: 'direct' } });
    expect(await readStored('session:proxyStatus')).toEqual({ state: 'direct' });
    expect(await readStored('local:proxyStatus')).toBeNull();
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
