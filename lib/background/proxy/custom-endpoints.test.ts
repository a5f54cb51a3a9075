import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { customEndpointsItem } from './custom-endpoints.ts';

beforeEach(() => {
  fakeBrowser.reset();
});

const office = { kind: 'custom', id: 'a1', scheme: 'http', host: 'proxy.example.com', port: 3128, username: 'me', password: 'secret', label: 'Office' } as const;

describe('the custom endpoints item', () => {
  it('is empty until the user saves one', async () => {
    expect(await customEndpointsItem.getValue()).toEqual([]);
  });

  it('reads a stored version 1 value as the current version', async () => {
    const socks = { kind: 'custom', id: 'b2', scheme: 'socks5', host: '[2001:db8::1]', port: 1080 };
    await fakeBrowser.storage.local.set({ customEndpoints: [office, socks], customEndpoints$: { v: 1 } });
    expect(await customEndpointsItem.getValue()).toEqual([office, socks]);
  });

  it('resets an unreadable value (an entry without its id, or with a bad host) to none', async () => {
    for (const broken of [[{ ...office, id: undefined }], [{ ...office, host: 'no such host' }], { 0: office }]) {
      await fakeBrowser.storage.local.set({ customEndpoints: broken, customEndpoints$: { v: 1 } });
      expect(await customEndpointsItem.getValue()).toEqual([]);
    }
  });

  it('refuses to store an endpoint without an id', async () => {
    await expect(customEndpointsItem.setValue([{ ...office, id: '' }])).rejects.toThrow();
    expect(await fakeBrowser.storage.local.get('customEndpoints')).toEqual({});
  });
});
