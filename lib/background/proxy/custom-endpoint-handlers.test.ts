import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { installEnglishMessages } from '../../../test/helpers/i18n.ts';
import { toErrorAnswer } from '../error-answers.ts';
import { parseRequest } from '../message-listener.ts';
import type { CustomEndpointRequestName, RequestInput } from '../requests.ts';
import { createCustomEndpointHandlers } from './custom-endpoint-handlers.ts';
import { customEndpointsItem, type SavedCustomEndpoint } from './custom-endpoints.ts';

beforeEach(() => {
  fakeBrowser.reset();
  installEnglishMessages();
});

/** The handlers as the message listener runs them: the input validated first. */
function setUp({ socksLogin = true } = {}) {
  const onChanged = vi.fn(async (_id: string, _next: SavedCustomEndpoint | null) => undefined);
  let ids = 0;
  const handlers = createCustomEndpointHandlers({ socksLogin, onChanged, newId: () => `id${++ids}` });
  const call = async <K extends CustomEndpointRequestName>(name: K, input: RequestInput<K>) => (handlers[name] as (params: unknown) => Promise<SavedCustomEndpoint[]>)(parseRequest(name, input));
  const refusal = async <K extends CustomEndpointRequestName>(name: K, input: RequestInput<K>) => toErrorAnswer(await call(name, input).then(() => expect.unreachable('accepted'), (error: unknown) => error));
  return { call, refusal, onChanged };
}

const office = { scheme: 'http', host: 'proxy.example.com', port: 3128, username: 'me', password: 'secret', label: 'Office' } as const;
const plain = { scheme: 'https', host: ' [2001:db8::1] ', port: 443 } as const;

describe('adding custom endpoints', () => {
  it('saves one or many, each with its own id, the host trimmed and no empty label', async () => {
    const { call } = setUp();
    const saved = await call('addCustomEndpoints', { endpoints: [office, { ...plain, label: '  ' }] });
    expect(saved).toEqual([
      { kind: 'custom', id: 'id1', ...office },
      { kind: 'custom', id: 'id2', scheme: 'https', host: '[2001:db8::1]', port: 443 },
    ]);
    expect(await customEndpointsItem.getValue()).toEqual(saved);
    expect(await call('getCustomEndpoints', {})).toEqual(saved);
  });

  it('keeps both of two quick adds', async () => {
    const { call } = setUp();
    await Promise.all([call('addCustomEndpoints', { endpoints: [office] }), call('addCustomEndpoints', { endpoints: [plain] })]);
    expect((await customEndpointsItem.getValue()).map((endpoint) => endpoint.host)).toEqual(['proxy.example.com', '[2001:db8::1]']);
  });

  it('drops a password given without a username', async () => {
    const { call } = setUp();
    const [saved] = await call('addCustomEndpoints', { endpoints: [{ ...plain, password: 'orphan' }] });
    expect(saved).not.toHaveProperty('password');
  });

  it('refuses a proxy saved already, or twice in one paste, and then saves none of the paste', async () => {
    const { call, refusal } = setUp();
    await call('addCustomEndpoints', { endpoints: [office] });
    expect(await refusal('addCustomEndpoints', { endpoints: [plain, { ...office, host: 'PROXY.example.com', label: 'Again' }] })).toEqual({
      kind: 'custom-duplicate',
      message: 'Saved already as “Office” (the same address and login: PROXY.example.com:3128).',
    });
    expect(await refusal('addCustomEndpoints', { endpoints: [plain, plain] })).toMatchObject({ kind: 'custom-duplicate' });
    expect(await customEndpointsItem.getValue()).toHaveLength(1);
    // The same host:port with another login is another proxy.
    expect(await call('addCustomEndpoints', { endpoints: [{ ...office, username: 'you' }] })).toHaveLength(2);
  });

  it('refuses a SOCKS5 login where the browser cannot use one, and says why', async () => {
    const { call, refusal } = setUp({ socksLogin: false });
    expect(await refusal('addCustomEndpoints', { endpoints: [{ ...office, scheme: 'socks5' }] })).toEqual({
      kind: 'socks-auth-unsupported',
      message: 'Chrome cannot log in to a SOCKS5 proxy (a Chromium limitation). Use this proxy over HTTP, or without a username, or use Firefox.',
    });
    expect(await customEndpointsItem.getValue()).toEqual([]);
    expect(await call('addCustomEndpoints', { endpoints: [{ scheme: 'socks5', host: '10.0.0.1', port: 1080 }] })).toHaveLength(1);
  });

  it('names the field of a value that breaks a rule', async () => {
    const { refusal } = setUp();
    expect(await refusal('addCustomEndpoints', { endpoints: [plain, { ...office, host: 'bad host' }] })).toEqual({ kind: 'invalid-input', message: 'Check endpoints.1.host: a host name or IP address.' });
    expect((await refusal('addCustomEndpoints', { endpoints: [{ ...office, port: 70_000 }] })).message).toMatch(/^Check endpoints\.0\.port: /);
    expect((await refusal('addCustomEndpoints', { endpoints: [] })).message).toMatch(/^Check endpoints: /);
    expect(await customEndpointsItem.getValue()).toEqual([]);
  });
});

describe('editing and deleting a custom endpoint', () => {
  it('edits one, keeping its saved password when asked to, and tells the connection', async () => {
    const { call, onChanged } = setUp();
    await call('addCustomEndpoints', { endpoints: [office, plain] });
    const edited = await call('editCustomEndpoint', { id: 'id1', scheme: 'http', host: 'proxy2.example.com', port: 8080, username: 'me', keepPassword: true });
    const expected = { kind: 'custom', id: 'id1', scheme: 'http', host: 'proxy2.example.com', port: 8080, username: 'me', password: 'secret' };
    expect(edited[0]).toEqual(expected);
    expect(edited[1]).toMatchObject({ id: 'id2' });
    expect(onChanged).toHaveBeenCalledWith('id1', expected);
    // A new password replaces the saved one; no username removes the login.
    expect((await call('editCustomEndpoint', { id: 'id1', ...office, password: 'newpw' }))[0]).toMatchObject({ password: 'newpw' });
    expect((await call('editCustomEndpoint', { id: 'id1', scheme: 'http', host: 'proxy.example.com', port: 3128, keepPassword: true }))[0]).toEqual({ kind: 'custom', id: 'id1', scheme: 'http', host: 'proxy.example.com', port: 3128 });
  });

  it('refuses an edit that makes it another saved proxy, and one of a proxy no longer saved', async () => {
    const { call, refusal, onChanged } = setUp();
    await call('addCustomEndpoints', { endpoints: [office, plain] });
    expect(await refusal('editCustomEndpoint', { id: 'id2', ...office, label: 'Copy' })).toMatchObject({ kind: 'custom-duplicate' });
    expect(await refusal('editCustomEndpoint', { id: 'gone', ...office })).toMatchObject({ kind: 'custom-not-found', message: expect.stringMatching(/no longer saved/) });
    expect(await refusal('deleteCustomEndpoint', { id: 'gone' })).toMatchObject({ kind: 'custom-not-found' });
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('saves nothing when what uses the proxy refuses the change (rules through it, for a deletion)', async () => {
    const { call, onChanged } = setUp();
    const saved = await call('addCustomEndpoints', { endpoints: [office, plain] });
    onChanged.mockRejectedValue(new Error('routes still use it'));
    await expect(call('deleteCustomEndpoint', { id: 'id1' })).rejects.toThrow('routes still use it');
    await expect(call('editCustomEndpoint', { id: 'id1', ...office, host: 'proxy3.example.com' })).rejects.toThrow('routes still use it');
    expect(await customEndpointsItem.getValue()).toEqual(saved);
  });

  it('deletes one and tells the connection it is gone', async () => {
    const { call, onChanged } = setUp();
    await call('addCustomEndpoints', { endpoints: [office, plain] });
    expect((await call('deleteCustomEndpoint', { id: 'id1' })).map((endpoint) => endpoint.id)).toEqual(['id2']);
    expect(onChanged).toHaveBeenCalledWith('id1', null);
    expect(await customEndpointsItem.getValue()).toHaveLength(1);
  });
});
