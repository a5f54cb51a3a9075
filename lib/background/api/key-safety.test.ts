// The app_key never appears in any error output, whatever failed and whatever the server echoed back.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectApiError, useSandbox } from '../../../test/helpers/api.ts';
import { createApiClient, type ApiClient } from './client.ts';
import type { ApiError, ApiErrorKind } from './api-error.ts';

const KEY = 'K3ySecretAbCdEfGhIjKlMnOpQrSt789';

/** How the echo server answers; every answer quotes the request (URL and body) and so the key. */
type Mode = 'rejected' | 'field' | 'invalid-key' | 'unverified' | 'http' | 'not-json' | 'shape' | 'text' | 'hang' | 'drop';
let mode: Mode = 'rejected';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => resolve(body));
  });
}

const echo = createServer((req, res) => {
  void readBody(req).then((body) => {
    const seen = `${req.url ?? ''} ${body}`;
    const json = (value: unknown, status = 200) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    switch (mode) {
      case 'rejected':
        return json({ code: 1001, msg: `请求被拒绝：${seen}`, data: null });
      case 'field':
        return json({ code: 400, message: `参数错误 ${seen}`, errors: { [KEY]: [`${KEY} 无效`] } });
      case 'invalid-key':
        return json({ code: 3, msg: `app_key ${KEY} 无效` });
      case 'unverified':
        return json({ code: 156, message: `${seen} 未实名` });
      case 'http':
        res.writeHead(502, { 'Content-Type': 'text/html' });
        return res.end(`<h1>Bad gateway for ${seen}</h1>`);
      case 'not-json':
        res.writeHead(200, { 'Content-Type': 'text/html' });
        // A page whose title (kept as the error's detail) echoes the request.
        return res.end(`<html><head><title>${seen}</title></head><body><p>${seen}</p></body></html>`);
      case 'shape':
        return json({ code: 200, msg: 'ok', data: { list: [`${KEY}:99999`], [KEY]: KEY } });
      case 'text':
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        return res.end(`${KEY}\n${seen}`);
      case 'hang':
        return;
      case 'drop':
        return req.socket.destroy();
    }
  });
});

let echoUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
});
afterAll(async () => {
  echo.closeAllConnections();
  await new Promise((resolve) => echo.close(resolve));
});

const fx = useSandbox();

/** Every text an error can show: message, String(), stack, JSON, and the same for each cause. */
function everyOutput(error: unknown): string[] {
  const out: string[] = [];
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    out.push(String(current), JSON.stringify(current) ?? '');
    if (current instanceof Error) {
      out.push(current.message, current.stack ?? '', JSON.stringify(Object.entries(current)));
      current = current.cause;
    } else break;
  }
  return out;
}

const console_ = ['log', 'info', 'warn', 'error', 'debug'] as const;
const spies = console_.map((method) => vi.spyOn(console, method).mockImplementation(() => undefined));
afterEach(() => {
  for (const spy of spies) {
    expect(JSON.stringify(spy.mock.calls)).not.toContain(KEY);
    spy.mockClear();
  }
});
afterAll(() => {
  for (const spy of spies) spy.mockRestore();
});

const echoClient = (timeoutMs = 2_000): ApiClient => createApiClient({ appKey: KEY, baseUrl: echoUrl, timeoutMs, retries: 0 });

interface Case {
  name: string;
  kind: ApiErrorKind;
  mode?: Mode;
  call: () => Promise<unknown>;
}

const CASES: Case[] = [
  { name: 'a refusal quoting the request (GET)', kind: 'rejected', mode: 'rejected', call: () => echoClient().listAccounts() },
  { name: 'a refusal quoting the request body (POST)', kind: 'rejected', mode: 'rejected', call: () => echoClient().deleteAccounts(['user1']) },
  { name: 'a parameter error naming the key as its field', kind: 'rejected', mode: 'field', call: () => echoClient().listOrders() },
  { name: 'code 3 quoting the key', kind: 'invalid-key', mode: 'invalid-key', call: () => echoClient().listAccounts() },
  { name: 'code 156 quoting the request', kind: 'unverified', mode: 'unverified', call: () => echoClient().enableAccounts(['user1']) },
  { name: 'an HTTP error page quoting the request', kind: 'http', mode: 'http', call: () => echoClient().usageByDay() },
  { name: 'a non-JSON page quoting the request', kind: 'malformed', mode: 'not-json', call: () => echoClient().listPackages() },
  { name: 'a list entry that is the key', kind: 'malformed', mode: 'shape', call: () => echoClient().extractIps() },
  { name: 'a text answer quoting the key', kind: 'malformed', mode: 'text', call: () => echoClient().extractIps({ format: 'txt' }) },
  { name: 'no answer (the key is in the URL)', kind: 'timeout', mode: 'hang', call: () => echoClient(80).listStaticIps() },
  { name: 'a dropped connection', kind: 'network', mode: 'drop', call: () => echoClient().staticIpStock({ kind: 'residential' }) },
  {
    name: 'a refused connection, with retries',
    kind: 'network',
    call: async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise((resolve) => closed.close(resolve));
      return createApiClient({ appKey: KEY, baseUrl: `http://127.0.0.1:${port}`, retryDelayMs: 1 }).rechargeGiftRatios();
    },
  },
  { name: 'invalid input containing the key', kind: 'invalid-input', call: () => echoClient().changeAccountPassword({ account: `${KEY}!`, password: `${KEY} ` }) },
  { name: 'a batch containing the key twice', kind: 'invalid-input', call: () => echoClient().disableAccounts([KEY, KEY]) },
];

describe('the key appears in no error output', () => {
  it.each(CASES)('$name ($kind)', async ({ kind, mode: caseMode, call }) => {
    if (caseMode) mode = caseMode;
    const error: ApiError = await expectApiError(call(), kind);
    for (const text of everyOutput(error)) expect(text).not.toContain(KEY);
    // The server's words (a web page's title) are still passed on, redacted.
    if (caseMode === 'rejected' || caseMode === 'field' || caseMode === 'not-json') expect(error.detail).toContain('***');
  });

  it('covers every kind', () => {
    expect(new Set(CASES.map((row) => row.kind)).size).toBe(8);
  });

  it('holds against the sandbox too, for each of its faults and refusals', async () => {
    const key = 'SandboxSecret0123456789abcdefXYZ';
    fx.sb.state.addKey(key, { verified: false, accounts: 2 });
    const client = createApiClient({ appKey: key, baseUrl: fx.sb.url, timeoutMs: 300, retries: 0 });
    const failures: unknown[] = [];
    const capture = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected a failure'), (error: unknown) => failures.push(error));
    await capture(client.addAccounts({ accounts: [{ username: 'abc1', password: 'x1' }] })); // 156
    await capture(client.getUserInfo()); // rejected
    await capture(client.listPackages({ size: 5000 })); // 400
    for (const kind of ['http500', 'truncated', 'wrong-shape', 'not-json', 'empty', 'hang'] as const) {
      fx.sb.setFault({ kind, times: 1 });
      await capture(client.listAccounts());
    }
    expect(failures).toHaveLength(9);
    for (const error of failures) for (const text of everyOutput(error)) expect(text).not.toContain(key);
  });
});
