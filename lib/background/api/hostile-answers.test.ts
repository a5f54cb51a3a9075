// Hostile API answers, generated (fast-check): whatever a server sends back, every client method
// either returns parsed data or rejects with an ApiError. Never another exception, never the key in
// an error, and odd but valid text (markup, right-to-left, emoji) comes back as data, untouched.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from './client.ts';
import { ApiError } from './api-error.ts';
import { answering, EVERY_CALL, HOSTILE_KEY as KEY, hostileAnswer, hostileBody, oddText } from '../../../test/helpers/hostile.ts';

/** Runs `call`; fails the property unless it resolved or rejected with a key-free ApiError. */
async function settlesSafely(call: Promise<unknown>): Promise<'ok' | ApiError> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    if (!(error instanceof ApiError)) throw new Error(`not an ApiError: ${String(error)}`, { cause: error });
    const outputs = [error.message, String(error), JSON.stringify(error), error.stack ?? '', error.cause instanceof Error ? error.cause.message : ''];
    for (const text of outputs) if (text.includes(KEY)) throw new Error('the key leaked into an error', { cause: error });
    return error;
  }
}

describe('generated hostile answers through the transport (injected fetch)', () => {
  it('every client method resolves or rejects with an ApiError, for any answer', async () => {
    await fc.assert(
      fc.asyncProperty(hostileAnswer, fc.constantFrom(...EVERY_CALL), async (answer, [, call]) => {
        const api = createApiClient({ appKey: KEY, baseUrl: 'http://127.0.0.1:9', retries: 0, fetch: answering(() => answer) });
        await settlesSafely(call(api));
      }),
      { numRuns: 300 },
    );
  });

  it('every method survives every kind of body at least once (fixed seed, all methods per answer)', async () => {
    await fc.assert(
      fc.asyncProperty(hostileAnswer, async (answer) => {
        const api = createApiClient({ appKey: KEY, baseUrl: 'http://127.0.0.1:9', retries: 0, fetch: answering(() => answer) });
        for (const [, call] of EVERY_CALL) await settlesSafely(call(api));
      }),
      { numRuns: 40, seed: 911 },
    );
  });

  it('a non-success answer never passes as data', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBody, fc.constantFrom(301, 404, 500, 503), async (body, status) => {
        const api = createApiClient({ appKey: KEY, baseUrl: 'http://127.0.0.1:9', retries: 0, fetch: answering(() => ({ status, body })) });
        const outcome = await settlesSafely(api.listAccounts());
        expect(outcome).toBeInstanceOf(ApiError);
        expect((outcome as ApiError).kind).toBe('http');
      }),
      { numRuns: 30 },
    );
  });

  it('replaces the key wherever a host echoes it back as data, escaped or not', async () => {
    const escaped = [...KEY].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const body = `{"code":200,"msg":"ok","data":{"list":["${KEY}","a${escaped}b"],"${KEY}":1}}`;
    const api = createApiClient({ appKey: KEY, baseUrl: 'http://127.0.0.1:9', retries: 0, fetch: answering(() => ({ status: 200, body })) });
    const states = await api.searchStates({ countryCode: 'US' });
    expect(states).toEqual(['***', 'a***b']);
    const text = await api.extractIps({ num: 1, format: 'txt' }).catch((error: unknown) => error);
    expect(JSON.stringify(text)).not.toContain(KEY);
  });

  it('passes markup, right-to-left text and emoji in usernames and remarks through as data, unchanged', async () => {
    const name = oddText.filter((text) => text.length > 0);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ username: name, remark: oddText, password: name }), { minLength: 1, maxLength: 5 }), async (rows) => {
        const list = rows.map((row, id) => ({ id, ...row, created_at: '2026-01-01 00:00:00', product_type: 9, usage_flow: 1, limit_flow: 0, status: 1 }));
        const body = JSON.stringify({ code: 200, msg: '请求成功', data: { list } });
        const api = createApiClient({ appKey: KEY, baseUrl: 'http://127.0.0.1:9', retries: 0, fetch: answering(() => ({ status: 200, body })) });
        const accounts = await api.listAccounts();
        expect(accounts.map(({ username, remark, password }) => ({ username, remark, password }))).toEqual(rows);
      }),
      { numRuns: 60 },
    );
  });
});

describe('large answers over real HTTP (a local server)', () => {
  let server: Server;
  let url = '';
  let body = '';

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const client = () => createApiClient({ appKey: KEY, baseUrl: url, retries: 0, timeoutMs: 20_000 });
  const account = (id: number) => ({ id, username: `u${id}`, password: 'p', created_at: '', remark: id % 2 ? '<b>x</b>' : '‮', product_type: 9, usage_flow: 0, limit_flow: 0, status: 1 });

  it('parses a 100,000-item account list', async () => {
    body = JSON.stringify({ code: 200, msg: 'ok', data: { list: Array.from({ length: 100_000 }, (_, id) => account(id)) } });
    const accounts = await client().listAccounts();
    expect(accounts).toHaveLength(100_000);
    expect(accounts[99_999]?.username).toBe('u99999');
  });

  it('refuses a 100,000-item list with one bad record as malformed, naming it', async () => {
    const list: unknown[] = Array.from({ length: 100_000 }, (_, id) => account(id));
    list[77_777] = { id: 'seven', username: null };
    body = JSON.stringify({ code: 200, msg: 'ok', data: { list } });
    const error = await settlesSafely(client().listAccounts());
    expect(error).toMatchObject({ kind: 'malformed', field: expect.stringMatching(/^data\.list\.77777\./) });
  });

  it('words a 2 MB server message without passing it all on', async () => {
    body = JSON.stringify({ code: 1001, msg: `${'很长'.repeat(1_000_000)}`, data: null });
    const error = await settlesSafely(client().listOrders());
    expect(error).toMatchObject({ kind: 'rejected' });
    expect((error as ApiError).detail!.length).toBeLessThanOrEqual(300);
  });
});
