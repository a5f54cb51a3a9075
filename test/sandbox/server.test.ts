// Tests of the sandbox itself, over real HTTP with global fetch.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type AccountView, type Sandbox } from './server.ts';

interface Envelope<T> {
  code: number;
  msg?: string;
  message?: string;
  data: T;
  errors?: Record<string, string[]>;
}

interface Paged<T> {
  list: T[];
  page: number;
  page_size: number;
  total_count: number;
  total_page: number;
}

interface Order {
  trade_no: string;
  status: number;
}

let sb: Sandbox;

function apiUrl(path: string, query: Record<string, string | number> = {}): string {
  const url = new URL(`${sb.url}/api-gate-way/${path}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
  return url.toString();
}

async function get<T>(path: string, query: Record<string, string | number> = {}, key: string | null = sb.demoKey): Promise<Envelope<T>> {
  const response = await fetch(apiUrl(path, key === null ? query : { app_key: key, ...query }));
  return (await response.json()) as Envelope<T>;
}

async function post<T>(path: string, body: Record<string, unknown>, key: string = sb.demoKey): Promise<Envelope<T>> {
  const response = await fetch(apiUrl(path), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ app_key: key, ...body }),
  });
  return (await response.json()) as Envelope<T>;
}

const accounts = async (): Promise<AccountView[]> => (await get<{ list: AccountView[] }>('whitelist-account/list')).data.list;

beforeAll(async () => {
  sb = await startSandbox({ seed: 7 });
});
afterAll(async () => {
  await sb.close();
});
beforeEach(() => {
  sb.reset();
});

describe('auth and envelopes', () => {
  it('answers code 3 for a missing or unknown key, with HTTP 200', async () => {
    const missing = await fetch(apiUrl('whitelist-account/list'));
    expect(missing.status).toBe(200);
    expect(await missing.json()).toEqual({ code: 3, msg: 'app_key无效', data: null });
    expect((await get('whitelist-account/list', {}, 'x'.repeat(32))).code).toBe(3);
  });

  it('takes the POST key from the body or from the query string', async () => {
    expect((await post('whitelist-account/add', { accounts: 'bodykey1:pw1' })).code).toBe(200);
    const viaQuery = await fetch(apiUrl('whitelist-account/add', { app_key: sb.demoKey }), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ accounts: 'querykey1:pw1' }),
    });
    expect(((await viaQuery.json()) as Envelope<null>).code).toBe(200);
    expect(sb.requests.at(-1)?.query.app_key).toBe(sb.demoKey);
    expect(sb.requests.at(-2)?.body?.app_key).toBe(sb.demoKey);
  });

  it('answers 156 to an unverified key where the document lists it: changes and some reads', async () => {
    expect(await post('whitelist-account/add', { accounts: 'newone:pw' }, sb.unverifiedKey)).toEqual({ code: 156, msg: '账户未实名认证', data: null });
    const documentedReads = ['user-usage-flow/total', 'user-product/list', 'ip/v3', 'ip/dynamic-citys', 'ip/dynamic-states', 'payment/groups', 'activity/balance-recharge-gift-ratio'];
    for (const path of documentedReads) expect((await get(path, {}, sb.unverifiedKey)).code, path).toBe(156);
    expect((await get('ip/dynamic-states/search', { country_code: 'US' }, sb.unverifiedKey)).code).toBe(156);
    expect((await get('ip/dynamic-citys/search', { country_code: 'US', state: 'california' }, sb.unverifiedKey)).code).toBe(156);
    // The account list, the summary, static IPs and orders list only code 3.
    expect((await get<{ list: unknown[] }>('whitelist-account/list', {}, sb.unverifiedKey)).data.list).toHaveLength(3);
    for (const path of ['user-product/summary', 'ip/get-static-ip', 'order/list']) expect((await get(path, {}, sb.unverifiedKey)).code, path).not.toBe(156);
  });

  it('mixes envelopes: code 0 with message on orders, code 0 with msg on marketing, 403 on user/info', async () => {
    const orders = await get('order/list');
    expect([orders.code, orders.message, orders.msg]).toEqual([0, '操作成功', undefined]);
    const gifts = await get('activity/balance-recharge-gift-ratio');
    expect([gifts.code, gifts.msg]).toEqual([0, '操作成功']);
    expect(await get('user/info')).toEqual({ code: 403, message: '接口暂未开放', data: null });
  });

  it('answers 404 with HTML for an unknown path and 405 for a wrong method', async () => {
    const missing = await fetch(apiUrl('no/such-endpoint', { app_key: sb.demoKey }));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('text/html');
    expect((await fetch(apiUrl('whitelist-account/list'), { method: 'POST' })).status).toBe(405);
  });
});

describe('proxy accounts', () => {
  it('seeds varied accounts: disabled ones, capped ones, an unknown product type, Chinese remarks', async () => {
    const list = await accounts();
    expect(list).toHaveLength(25);
    expect(list.some((account) => account.status === 0)).toBe(true);
    expect(list.some((account) => account.limit_flow > 0 && account.usage_flow > account.limit_flow * 1024 * 1024)).toBe(true);
    expect(list.some((account) => ![9, 11, 14, 25].includes(account.product_type))).toBe(true);
    expect(list.some((account) => /[\u4e00-\u9fff]/.test(account.remark))).toBe(true);
    expect(list[0]?.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('adds, changes and deletes for real; a taken name and an unknown name are rejected', async () => {
    expect((await post('whitelist-account/add', { accounts: 'alpha1:pw1,beta2:pw2', remark: '新账户', product_type: 25 })).code).toBe(200);
    expect((await post('whitelist-account/change-limit', { account: 'alpha1', limit: 10 })).code).toBe(200);
    expect((await post('whitelist-account/disable', { accounts: 'alpha1,beta2' })).code).toBe(200);
    const alpha = (await accounts()).find((account) => account.username === 'alpha1');
    expect(alpha).toMatchObject({ password: 'pw1', remark: '新账户', product_type: 25, limit_flow: 10, status: 0, usage_flow: 0 });

    expect(await post('whitelist-account/add', { accounts: 'alpha1:other' })).toEqual({ code: 1001, msg: '账户已存在：alpha1', data: null });
    expect((await post('whitelist-account/delete', { accounts: 'alpha1,ghost9' })).code).toBe(1002);
    expect((await accounts()).some((account) => account.username === 'alpha1')).toBe(true); // the batch is all or nothing
    expect((await post('whitelist-account/delete', { accounts: 'alpha1' })).code).toBe(200);
    expect((await accounts()).some((account) => account.username === 'alpha1')).toBe(false);
  });

  it('names the field on bad input: symbols in names, over-long CJK remarks, limits out of range', async () => {
    const symbols = await post('whitelist-account/add', { accounts: 'bad_name:pw' });
    expect(symbols).toMatchObject({ code: 400, message: '参数错误' });
    expect(Object.keys(symbols.errors ?? {})).toEqual(['accounts']);
    const [first] = await accounts();
    const account = first?.username ?? '';
    expect((await post('whitelist-account/change-remark', { account, remark: '中'.repeat(32) })).code).toBe(200);
    expect((await post('whitelist-account/change-remark', { account, remark: `${'中'.repeat(32)}x` })).errors).toHaveProperty('remark');
    expect((await post('whitelist-account/change-limit', { account, limit: 102_401 })).errors).toHaveProperty('limit');
  });
});

describe('usage and packages', () => {
  it('reports the last 7 days by default, deterministically, and follows the username filter', async () => {
    const all = await get<{ list: { day: string; flow: number }[] }>('user-usage-flow/total');
    expect(all.data.list).toHaveLength(7);
    const other = await startSandbox({ seed: 7 });
    try {
      const again = (await (await fetch(`${other.url}/api-gate-way/user-usage-flow/total?app_key=${other.demoKey}`)).json()) as typeof all;
      expect(again.data.list).toEqual(all.data.list);
    } finally {
      await other.close();
    }
    const [first] = await accounts();
    const one = await get<{ list: { flow: number }[] }>('user-usage-flow/total', { username: first?.username ?? '' });
    const sum = (list: { flow: number }[]): number => list.reduce((total, day) => total + day.flow, 0);
    expect(sum(one.data.list)).toBeLessThanOrEqual(sum(all.data.list));
    expect((await get('user-usage-flow/total', { start_time: '2024-13-01 00:00:00' })).errors).toHaveProperty('start_time');
  });

  it('pages packages and keeps the summary consistent; summary only takes 9 or 12', async () => {
    const first = await get<Paged<{ trade_no: string }>>('user-product/list');
    expect(first.data).toMatchObject({ page: 1, page_size: 20, total_count: 45, total_page: 3 });
    const last = await get<Paged<{ trade_no: string }>>('user-product/list', { page: 3 });
    expect(last.data.list).toHaveLength(5);
    const tradeNo = last.data.list[0]?.trade_no ?? '';
    expect((await get<Paged<unknown>>('user-product/list', { trade_no: tradeNo })).data.total_count).toBe(1);

    const summary = (await get<Record<string, number>>('user-product/summary', { product_type: 9 })).data;
    expect(summary.effective).toBe((summary.effective_total ?? 0) - (summary.effective_used ?? 0));
    expect((summary.total ?? 0) - (summary.used ?? 0)).toBe((summary.effective ?? 0) + (summary.expired ?? 0));
    expect((await get('user-product/summary', { product_type: 11 })).code).toBe(400);
  });
});

describe('IP extraction and locations', () => {
  it('extracts 500 in one call, nested by default and flat on request; 1,000 over calls never repeat', async () => {
    const nested = await get<{ list: string[][] }>('ip/v3', { num: 500, cc: 'US', state: 'california' });
    expect(nested.data.list[0]).toHaveLength(500);
    sb.state.ipListShape = 'flat';
    const flat = await get<{ list: string[] }>('ip/v3', { num: 500 });
    const all = [...(nested.data.list[0] ?? []), ...flat.data.list];
    expect(new Set(all).size).toBe(1000);
    expect(all.every((ip) => /^(198\.51\.100|203\.0\.113)\.\d+:\d+$/.test(ip))).toBe(true);
    expect((await get('ip/v3', { num: 501 })).errors).toHaveProperty('num');
  });

  it('answers text with the chosen separator, yet errors stay JSON', async () => {
    const text = await fetch(apiUrl('ip/v3', { app_key: sb.demoKey, num: 3, format: 'txt', lb: 2 }));
    expect(text.headers.get('content-type')).toContain('text/plain');
    expect((await text.text()).split('\n')).toHaveLength(3);
    const unknown = await fetch(apiUrl('ip/v3', { app_key: sb.demoKey, format: 'txt', cc: 'ZZ' }));
    expect(((await unknown.json()) as Envelope<null>).code).toBe(1101);
  });

  it('searches states and cities, requiring their parameters', async () => {
    expect((await get<{ list: string[] }>('ip/dynamic-states/search', { country_code: 'US' })).data.list).toContain('california');
    expect((await get('ip/dynamic-states/search')).code).toBe(400);
    expect((await get<{ list: string[] }>('ip/dynamic-citys/search', { country_code: 'US', state: 'texas' })).data.list).toContain('houston');
    expect((await get('ip/dynamic-citys/search', { country_code: 'US' })).errors).toHaveProperty('state');
  });
});

describe('static IPs, orders and payment', () => {
  it('filters and pages static IPs; stock differs between residential and datacenter', async () => {
    const residential = await get<{ list: { product_type: number }[]; total: number; size: number }>('ip/get-static-ip', { product_type: 25, size: 2 });
    expect(residential.data.list.length).toBeLessThanOrEqual(2);
    expect(residential.data.list.every((ip) => ip.product_type === 25)).toBe(true);
    const isp1 = await get<{ list: unknown[] }>('static-ip-region', { isp: 1 });
    const isp0 = await get<{ list: unknown[] }>('static-ip-region', { isp: 0 });
    expect(isp1.data.list).not.toEqual(isp0.data.list);
  });

  it('creates an unpaid order, closes it once, and refuses a disabled payment method', async () => {
    const created = await post<Order>('order/create', { pid: 101, pm_id: 1 });
    expect(created).toMatchObject({ code: 0, data: { status: 0 } });
    const listed = await get<{ list: Order[] }>('order/list', { trade_no: created.data.trade_no });
    expect(listed.data.list).toEqual([expect.objectContaining({ trade_no: created.data.trade_no, status: 0 })]);
    expect((await post('order/close', { trade_no: created.data.trade_no })).code).toBe(0);
    expect((await post('order/close', { trade_no: created.data.trade_no })).code).toBe(2005);
    expect((await post('order/create', { pid: 101 })).errors).toHaveProperty('pm_id');
    expect((await post('order/create', { pid: 101, pm_id: 3 })).code).toBe(2002);
  });
});

describe('faults and recording', () => {
  it('fails a given endpoint a given number of times, then recovers', async () => {
    sb.setFault({ kind: 'http500', path: 'whitelist-account/list', times: 1 });
    expect((await fetch(apiUrl('order/list', { app_key: sb.demoKey }))).status).toBe(200);
    const failed = await fetch(apiUrl('whitelist-account/list', { app_key: sb.demoKey }));
    expect([failed.status, failed.headers.get('content-type')]).toEqual([500, 'text/html; charset=utf-8']);
    expect((await fetch(apiUrl('whitelist-account/list', { app_key: sb.demoKey }))).status).toBe(200);
  });

  it('truncates, hangs and answers wrong shapes; the fault can be set over HTTP', async () => {
    await fetch(`${sb.url}/__sandbox/fault`, { method: 'POST', body: JSON.stringify({ kind: 'truncated', times: 1 }) });
    const truncated = await (await fetch(apiUrl('whitelist-account/list', { app_key: sb.demoKey }))).text();
    expect(() => JSON.parse(truncated)).toThrow();

    sb.setFault({ kind: 'wrong-shape', times: 1 });
    expect(typeof (await get<{ list: unknown }>('whitelist-account/list')).data.list).toBe('string');

    sb.setFault({ kind: 'hang', times: 1 });
    await expect(fetch(apiUrl('order/list', { app_key: sb.demoKey }), { signal: AbortSignal.timeout(200) })).rejects.toThrow();
  });

  it('carries out a hung change though it never answers, after delayMs (as a provider may once the client gave up)', async () => {
    const account = sb.state.getKey(sb.demoKey)!.listAccounts().find((candidate) => candidate.status === 1)!;
    const statusNow = () => sb.state.getKey(sb.demoKey)!.getAccount(account.username)?.status;
    sb.setFault({ kind: 'hang', path: 'whitelist-account/disable', times: 1, delayMs: 300 });
    const request = fetch(apiUrl('whitelist-account/disable'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ app_key: sb.demoKey, accounts: account.username }),
      signal: AbortSignal.timeout(100),
    });
    await expect(request).rejects.toThrow();
    expect(statusNow()).toBe(1);
    await expect.poll(statusNow, { timeout: 2_000 }).toBe(0);
  });

  it('records every API call with its query and body', async () => {
    await get('order/list', { page_no: 2 });
    await post('order/close', { trade_no: 'nope' });
    const recorded = (await (await fetch(`${sb.url}/__sandbox/requests`)).json()) as typeof sb.requests;
    expect(recorded.map((entry) => [entry.method, entry.path])).toEqual([
      ['GET', '/api-gate-way/order/list'],
      ['POST', '/api-gate-way/order/close'],
    ]);
    expect(recorded[0]?.query).toEqual({ app_key: sb.demoKey, page_no: '2' });
    expect(recorded[1]?.body).toEqual({ app_key: sb.demoKey, trade_no: 'nope' });
  });
});

describe('scale', () => {
  it('lists 10,000 accounts in well under a second', async () => {
    sb.state.addKey('scale0000000000000000000000000000', { accounts: 10_000 });
    const started = performance.now();
    const list = (await get<{ list: AccountView[] }>('whitelist-account/list', {}, 'scale0000000000000000000000000000')).data.list;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(list).toHaveLength(10_000);
    expect(new Set(list.map((account) => account.username)).size).toBe(10_000);
  });
});
