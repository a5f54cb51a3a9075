// The transport: every failure situation mapped to its kind, the retry policy, and where the key goes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { expectApiError, useSandbox, type SandboxFixture } from '../../../test/helpers/api.ts';
import type { ApiErrorKind } from './api-error.ts';

const fx = useSandbox();

/** A port on 127.0.0.1 that nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server that drops the connection unanswered for the first `drops` requests, then answers a recharge-bonus list. */
async function droppingServer(drops: number): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    if (hits <= drops) {
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ code: 0, msg: '操作成功', data: { list: [{ amount: 100, ratio: 1.2 }] } }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

interface Situation {
  situation: string;
  kind: ApiErrorKind;
  call: (fx: SandboxFixture) => Promise<unknown>;
  /** Fields the error must have. */
  fields?: Record<string, unknown>;
  /** For invalid-input: nothing may reach the server. */
  sendsNothing?: boolean;
}

const SITUATIONS: Situation[] = [
  { situation: 'code 3 (unknown key)', kind: 'invalid-key', call: (f) => f.client({ appKey: 'notakey' }).listAccounts(), fields: { code: 3 } },
  {
    situation: 'code 156 (not real-name verified)',
    kind: 'unverified',
    call: (f) => f.client({ appKey: f.sb.unverifiedKey }).addAccounts({ accounts: [{ username: 'new1', password: 'p1' }] }),
    fields: { code: 156, reason: 'change' },
  },
  {
    situation: 'another code with a message naming real-name verification',
    kind: 'unverified',
    call: (f) => f.client({ fetch: async () => new Response(JSON.stringify({ code: 4001, msg: '账户未实名认证，请先完成认证', data: null })) }).listPackages(),
    fields: { code: 4001, reason: 'read' },
  },
  {
    situation: 'code 156 on a read the document lists it for',
    kind: 'unverified',
    call: (f) => f.client({ appKey: f.sb.unverifiedKey }).listPackages(),
    fields: { code: 156, reason: 'read', endpoint: 'user-product/list' },
  },
  {
    situation: 'code 1001 with a message',
    kind: 'rejected',
    call: (f) => f.client().addAccounts({ accounts: [{ username: f.sb.state.getKey(f.sb.demoKey)!.listAccounts()[0]!.username, password: 'p1' }] }),
    fields: { code: 1001, detail: expect.stringContaining('账户已存在') },
  },
  {
    situation: 'code 400 with errors',
    kind: 'rejected',
    call: (f) => f.client().listPackages({ size: 5000 }),
    // The field's own message, not the envelope's bare "参数错误".
    fields: { code: 400, field: 'size', detail: 'size 必须1 到 1000 之间' },
  },
  {
    situation: 'code 0 family refusal with `message`',
    kind: 'rejected',
    call: (f) => f.client().getUserInfo(),
    fields: { code: 403, detail: '接口暂未开放' },
  },
  {
    situation: 'HTTP 500 with an HTML body',
    kind: 'http',
    call: (f) => {
      f.sb.setFault({ kind: 'http500' });
      return f.client({ retries: 0 }).listAccounts();
    },
    fields: { status: 500 },
  },
  {
    situation: 'connection refused',
    kind: 'network',
    call: async (f) => f.client({ baseUrl: `http://127.0.0.1:${await closedPort()}`, retries: 0 }).listAccounts(),
    fields: { detail: expect.stringContaining('ECONNREFUSED') },
  },
  {
    situation: 'a slow answer past timeoutMs',
    kind: 'timeout',
    call: (f) => {
      f.sb.setFault({ kind: 'slow', delayMs: 500 });
      return f.client({ timeoutMs: 60, retries: 0 }).listAccounts();
    },
  },
  {
    situation: 'no answer at all',
    kind: 'timeout',
    call: (f) => {
      f.sb.setFault({ kind: 'hang' });
      return f.client({ timeoutMs: 60, retries: 0 }).listOrders();
    },
  },
  {
    situation: 'a maintenance page instead of JSON',
    kind: 'malformed',
    call: (f) => {
      f.sb.setFault({ kind: 'not-json' });
      return f.client().listAccounts();
    },
    fields: { field: 'body', reason: 'web-page', detail: '系统维护中' },
  },
  {
    situation: 'an empty body',
    kind: 'malformed',
    call: (f) => {
      f.sb.setFault({ kind: 'empty' });
      return f.client().listAccounts();
    },
    fields: { field: 'body', reason: 'empty' },
  },
  {
    situation: 'truncated JSON',
    kind: 'malformed',
    call: (f) => {
      f.sb.setFault({ kind: 'truncated' });
      return f.client().listAccounts();
    },
    fields: { field: 'body', reason: 'cut-off' },
  },
  {
    situation: 'JSON of the wrong shape',
    kind: 'malformed',
    call: (f) => {
      f.sb.setFault({ kind: 'wrong-shape' });
      return f.client().packageSummary();
    },
    fields: { field: 'data.total', reason: 'unexpected-data' },
  },
  {
    situation: 'a name with a symbol',
    kind: 'invalid-input',
    call: (f) => f.client().changeAccountPassword({ account: 'a-b', password: 'x' }),
    fields: { field: 'account' },
    sendsNothing: true,
  },
  {
    situation: 'a limit over 102400',
    kind: 'invalid-input',
    call: (f) => f.client().changeAccountLimit({ account: 'ab', limitGb: 102_401 }),
    fields: { field: 'limitGb' },
    sendsNothing: true,
  },
  {
    situation: 'an impossible date',
    kind: 'invalid-input',
    call: (f) => f.client().usageByDay({ startTime: '2024-02-30 00:00:00' }),
    fields: { field: 'startTime' },
    sendsNothing: true,
  },
];

describe('each failure situation has its kind', () => {
  it.each(SITUATIONS)('$situation → $kind', async ({ kind, call, fields, sendsNothing }) => {
    const error = await expectApiError(call(fx), kind);
    expect(error.endpoint).not.toBe('');
    if (fields) expect(error).toMatchObject(fields);
    if (sendsNothing) expect(fx.requests()).toHaveLength(0);
  });

  it('covers every kind', () => {
    const kinds: ApiErrorKind[] = ['invalid-key', 'unverified', 'rejected', 'http', 'network', 'timeout', 'malformed', 'invalid-input'];
    expect(new Set(SITUATIONS.map((row) => row.kind))).toEqual(new Set(kinds));
  });
});

describe('retry policy', () => {
  it('retries a GET after two 500s and succeeds on the third attempt', async () => {
    fx.sb.setFault({ kind: 'http500', path: 'whitelist-account/list', times: 2 });
    expect((await fx.client().listAccounts()).length).toBeGreaterThan(0);
    expect(fx.requests('whitelist-account/list')).toHaveLength(3);
  });

  it('gives up on a GET after three attempts', async () => {
    fx.sb.setFault({ kind: 'http500', path: 'whitelist-account/list', times: 5 });
    expect((await expectApiError(fx.client().listAccounts(), 'http')).status).toBe(500);
    expect(fx.requests('whitelist-account/list')).toHaveLength(3);
  });

  it('backs off, doubling the delay', async () => {
    fx.sb.setFault({ kind: 'http500', times: 5 });
    await expectApiError(fx.client({ retryDelayMs: 40 }).listOrders(), 'http');
    const [first, second, third] = fx.requests('order/list').map((request) => request.at);
    expect(second! - first!).toBeGreaterThanOrEqual(35);
    expect(third! - second!).toBeGreaterThanOrEqual(75);
  });

  it('retries a GET that timed out', async () => {
    fx.sb.setFault({ kind: 'hang', times: 2 });
    expect(await fx.client({ timeoutMs: 250 }).rechargeGiftRatios()).toHaveLength(4);
    expect(fx.requests('activity/balance-recharge-gift-ratio')).toHaveLength(3);
  });

  it('retries a GET whose connection dropped', async () => {
    const server = await droppingServer(2);
    const ratios = await fx.client({ baseUrl: server.url }).rechargeGiftRatios();
    expect(ratios).toEqual([{ amount: 100, ratio: 1.2 }]);
    expect(server.hits()).toBe(3);
  });

  it('gives up on a dropped connection with a network error after three attempts', async () => {
    const server = await droppingServer(10);
    await expectApiError(fx.client({ baseUrl: server.url }).rechargeGiftRatios(), 'network');
    expect(server.hits()).toBe(3);
  });

  it('honours retries: 0', async () => {
    fx.sb.setFault({ kind: 'http500', times: 1 });
    await expectApiError(fx.client({ retries: 0 }).listAccounts(), 'http');
    expect(fx.requests()).toHaveLength(1);
  });

  it.each([
    ['a refusal', () => fx.client().getUserInfo(), 'rejected'],
    ['a malformed answer', () => (fx.sb.setFault({ kind: 'truncated', times: 1 }), fx.client().listAccounts()), 'malformed'],
    ['an invalid key', () => fx.client({ appKey: 'nokey' }).listAccounts(), 'invalid-key'],
  ] as const)('does not retry %s', async (_, call, kind) => {
    await expectApiError(call(), kind);
    expect(fx.requests()).toHaveLength(1);
  });

  it('never retries a POST after a 500', async () => {
    fx.sb.setFault({ kind: 'http500', path: 'order/create', times: 1 });
    await expectApiError(fx.client().createOrder({ pid: 101, pmId: 1 }), 'http');
    expect(fx.requests('order/create')).toHaveLength(1);
  });

  it('never retries a POST that timed out, even though the server may have applied it', async () => {
    fx.sb.setFault({ kind: 'slow', path: 'whitelist-account/add', delayMs: 300 });
    await expectApiError(fx.client({ timeoutMs: 60 }).addAccounts({ accounts: [{ username: 'slow1', password: 'p1' }] }), 'timeout');
    expect(fx.requests('whitelist-account/add')).toHaveLength(1);
  });

  it('never retries a POST whose connection dropped', async () => {
    const server = await droppingServer(1);
    await expectApiError(fx.client({ baseUrl: server.url }).closeOrder({ tradeNo: 'T1' }), 'network');
    expect(server.hits()).toBe(1);
  });
});

describe('requests', () => {
  it('put the key in the query of a GET and in the JSON body of a POST, nowhere else', async () => {
    const client = fx.client();
    await client.listOrders({ pageNo: 2 });
    await client.changeAccountLimit({ account: fx.sb.state.getKey(fx.sb.demoKey)!.listAccounts()[0]!.username, limitGb: 3 });
    const [get, post] = fx.requests();
    expect(get).toMatchObject({ method: 'GET', path: '/api-gate-way/order/list', query: { app_key: fx.sb.demoKey, page_no: '2' }, body: null });
    expect(post).toMatchObject({ method: 'POST', path: '/api-gate-way/whitelist-account/change-limit', query: {} });
    expect(post?.body?.app_key).toBe(fx.sb.demoKey);
  });

  it('ask the browser to store no answer, since a GET URL carries the key (the sandbox says it may keep them)', async () => {
    const modes: (RequestCache | undefined)[] = [];
    const recording: typeof fetch = (input, init) => {
      modes.push(init?.cache);
      return fetch(input, init);
    };
    const client = fx.client({ fetch: recording });
    const answer = await fetch(`${fx.sb.url}/api-gate-way/order/list?app_key=${fx.sb.demoKey}`);
    expect(answer.headers.get('cache-control')).toMatch(/max-age=\d+/);
    await client.listOrders({ pageNo: 1 });
    await client.extractIps({ format: 'txt' });
    await client.closeOrder({ tradeNo: 'T1' }).catch(() => undefined);
    expect(modes).toEqual(['no-store', 'no-store', 'no-store']);
  });

  it('do not follow a redirect, which would carry the key to another host', async () => {
    const elsewhere = await droppingServer(0);
    const redirecting = createServer((req, res) => {
      res.writeHead(302, { Location: `${elsewhere.url}${req.url ?? '/'}` });
      res.end();
    });
    servers.push(redirecting);
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`;
    const error = await expectApiError(fx.client({ baseUrl, retries: 0 }).rechargeGiftRatios(), 'http');
    expect(error.status).toBe(302);
    await expectApiError(fx.client({ baseUrl }).closeOrder({ tradeNo: 'T1' }), 'http');
    expect(elsewhere.hits()).toBe(0);
  });

  it.each(['api.911proxy.com', 'ftp://127.0.0.1', ''])('refuse the base URL %j as invalid input, sending nothing', async (baseUrl) => {
    const error = await expectApiError(fx.client({ baseUrl }).listAccounts(), 'invalid-input');
    expect(error.field).toBe('baseUrl');
  });

  it('accept a base URL with a trailing slash', async () => {
    await fx.client({ baseUrl: `${fx.sb.url}/` }).rechargeGiftRatios();
    expect(fx.requests()[0]?.path).toBe('/api-gate-way/activity/balance-recharge-gift-ratio');
  });
});
