// A stateful local stand-in for the 911Proxy OpenAPI (plain node:http), with the provider's quirks and
// injectable faults. Used by unit tests, e2e tests, the demo and benchmarks; never talks to the internet.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Random, hashString } from './random.ts';
import { ROUTES } from './routes.ts';
import type { Envelope, Outcome, Route } from './routes/route.ts';
import { SandboxState } from './state.ts';
import type { Params } from './validate.ts';

export { SandboxState } from './state.ts';
export type { AccountView, IpListShape, KeyOptions, KeyState } from './state.ts';

export interface SandboxOptions {
  /** Default 0: a random free port. */
  port?: number;
  /** Seeded proxy accounts of the demo key. Default 25. */
  accounts?: number;
  /** Seed of all generated data and keys. Default 911. */
  seed?: number;
}

export type FaultKind = 'http500' | 'truncated' | 'wrong-shape' | 'not-json' | 'empty' | 'slow' | 'hang';

export interface Fault {
  kind: FaultKind;
  /** Only this endpoint, e.g. 'whitelist-account/list' (a leading '/' or '/api-gate-way/' is ignored). Default all. */
  path?: string;
  /** How many requests it hits before clearing itself. Default unlimited. */
  times?: number;
  /**
   * For 'slow': the delay before the normal answer. Default 1000. For 'hang': when the request is carried
   * out (a change applied), though never answered, as a provider may still do after the client gave up.
   * Default 0.
   */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  /** Full pathname, e.g. '/api-gate-way/whitelist-account/list'. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON (or form) body when it is an object, else null. */
  body: Record<string, unknown> | null;
  at: number;
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  demoKey: string;
  unverifiedKey: string;
  state: SandboxState;
  setFault(fault: Fault | null): void;
  /** Live log of API requests (oldest first), capped at the most recent REQUEST_LOG_LIMIT. */
  requests: RecordedRequest[];
  /** Regenerates every key's data, clears the fault and the request log. */
  reset(): void;
  close(): Promise<void>;
}

export const API_PREFIX = '/api-gate-way/';
export const CONTROL_PREFIX = '/__sandbox/';
export const REQUEST_LOG_LIMIT = 10_000;
const BODY_LIMIT = 1024 * 1024;
const FAULT_KINDS: readonly FaultKind[] = ['http500', 'truncated', 'wrong-shape', 'not-json', 'empty', 'slow', 'hang'];

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Authorization',
  'Access-Control-Max-Age': '600',
};

const html = (title: string): string =>
  `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
const MAINTENANCE_PAGE = '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>系统维护中</title></head><body><h1>系统维护中，请稍后再试</h1></body></html>';

/**
 * Freshness headers as a host in front of an API might send them (nginx's `expires`, a CDN's
 * defaults): they let a browser keep the answer, URL and all, in its HTTP cache. The API's GET URLs
 * carry the key, so the client must refuse to store them whatever the host says.
 */
const cacheableHeaders = (): Record<string, string> => ({ 'Cache-Control': 'private, max-age=300', 'Last-Modified': new Date().toUTCString() });

const AUTH_FAILED = { code: 3, msg: 'app_key无效', data: null };
const NOT_VERIFIED = { code: 156, msg: '账户未实名认证', data: null };

/** Wraps a handler outcome in the endpoint's envelope. Parameter errors look the same everywhere. */
function envelope(kind: Envelope, outcome: Exclude<Outcome, { kind: 'text' }>): unknown {
  if (outcome.kind === 'invalid') return { code: 400, message: '参数错误', errors: outcome.errors };
  const success = kind === 'code200-msg' ? 200 : 0;
  const [code, text, data] = outcome.kind === 'ok' ? [success, success === 200 ? '请求成功' : '操作成功', outcome.data] : [outcome.code, outcome.message, null];
  return kind === 'code0-message' ? { code, message: text, data } : { code, msg: text, data };
}

/** A valid success envelope whose data has the wrong shape (list is a string). */
function wrongShape(route: Route | undefined): unknown {
  const data = { list: 'list', pagination: 'n/a', total: 'many' };
  return route?.envelope === 'code0-message' ? { code: 0, message: '操作成功', data } : { code: route?.envelope === 'code0-msg' ? 0 : 200, msg: '请求成功', data };
}

/** Validates a fault sent over HTTP; returns an error text when it is not a Fault. */
function faultError(input: Record<string, unknown>): string | undefined {
  if (!FAULT_KINDS.includes(input.kind as FaultKind)) return `kind must be one of ${FAULT_KINDS.join(', ')}`;
  if (input.path !== undefined && typeof input.path !== 'string') return 'path must be a string';
  if (input.times !== undefined && !Number.isInteger(input.times)) return 'times must be an integer';
  if (input.delayMs !== undefined && (typeof input.delayMs !== 'number' || input.delayMs < 0)) return 'delayMs must be a number >= 0';
  return undefined;
}

function normalizeFaultPath(path: string): string {
  return path.replace(/^\/+/, '').replace(/^api-gate-way\//, '').split('?')[0] ?? '';
}

interface ActiveFault extends Fault {
  remaining: number;
}

interface ParsedBody {
  value: Record<string, unknown> | null;
  malformed: boolean;
}

function parseBody(raw: string, contentType: string): ParsedBody {
  if (raw.trim() === '') return { value: null, malformed: false };
  if (contentType.includes('application/x-www-form-urlencoded')) return { value: Object.fromEntries(new URLSearchParams(raw)), malformed: false };
  try {
    const parsed: unknown = JSON.parse(raw);
    const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
    return { value: isObject ? (parsed as Record<string, unknown>) : null, malformed: !isObject };
  } catch {
    return { value: null, malformed: true };
  }
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > BODY_LIMIT ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, contentType: string, body: string, extra: Record<string, string> = {}): void {
  if (res.writableEnded || res.destroyed) return; // e.g. a slow answer after close()
  res.writeHead(status, { ...CORS_HEADERS, 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)), ...extra });
  res.end(body);
}

const sendJson = (res: ServerResponse, value: unknown, status = 200): void => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
const sendHtml = (res: ServerResponse, status: number, body: string, extra?: Record<string, string>): void =>
  send(res, status, 'text/html; charset=utf-8', body, extra);

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? 911;
  const state = new SandboxState(seed);
  // Keys are 32 letters and digits like real ones; the prefixes make them recognisable in logs.
  const keyRandom = new Random(hashString('app_key', seed));
  const demoKey = `demo${keyRandom.alnum(28)}`;
  const unverifiedKey = `unverified${keyRandom.alnum(22)}`;
  state.addKey(demoKey, { verified: true, accounts: options.accounts ?? 25 });
  state.addKey(unverifiedKey, { verified: false, accounts: 3 });

  let fault: ActiveFault | null = null;
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const setFault = (next: Fault | null): void => {
    // times <= 0 means "hit nothing", so it simply clears the fault.
    fault = next && (next.times === undefined || next.times > 0) ? { ...next, remaining: next.times ?? Infinity } : null;
  };

  /** Returns the fault hitting this endpoint, if any, and counts the hit. */
  const takeFault = (endpoint: string): Fault | null => {
    if (!fault || (fault.path !== undefined && normalizeFaultPath(fault.path) !== endpoint)) return null;
    const hit = fault;
    hit.remaining--;
    if (hit.remaining <= 0) fault = null;
    return hit;
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const record = (entry: RecordedRequest): void => {
    requests.push(entry);
    if (requests.length > REQUEST_LOG_LIMIT) requests.splice(0, requests.length - REQUEST_LOG_LIMIT);
  };

  const reset = (): void => {
    state.reset();
    fault = null;
    requests.length = 0;
  };

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    if (raw === undefined) return sendHtml(res, 413, html('413 Request Entity Too Large'));
    const body = parseBody(raw, req.headers['content-type'] ?? '');
    const query = Object.fromEntries(url.searchParams);
    record({ method, path: url.pathname, query, body: body.value, at: Date.now() });

    if (!url.pathname.startsWith(API_PREFIX)) return sendHtml(res, 404, html('404 Not Found'));
    const endpoint = url.pathname.slice(API_PREFIX.length);
    const route = ROUTES.get(endpoint);

    const hit = takeFault(endpoint);
    switch (hit?.kind) {
      case 'http500':
        return sendHtml(res, 500, html('500 Internal Server Error'));
      case 'not-json':
        return sendHtml(res, 200, MAINTENANCE_PAGE);
      case 'empty':
        return send(res, 200, 'application/json; charset=utf-8', '');
      case 'wrong-shape':
        return sendJson(res, wrongShape(route));
      case 'hang':
        // Never answered (close() tears the socket down), but carried out, now or after delayMs.
        if (!route || method !== route.method) return;
        await sleep(hit.delayMs ?? 0);
        break;
      case 'slow':
        await sleep(hit.delayMs ?? 1000);
        break;
      default:
        break;
    }

    if (!route) return sendHtml(res, 404, html('404 Not Found'));
    if (method !== route.method) return sendHtml(res, 405, html('405 Not Allowed'), { Allow: `${route.method}, OPTIONS` });

    // The key travels in the query for GET; for POST in the JSON body, or in the query as the document also shows.
    const appKey = method === 'POST' ? (body.value?.app_key ?? query.app_key) : query.app_key;
    const key = typeof appKey === 'string' ? state.getKey(appKey) : undefined;
    const answer = (value: unknown, type = 'application/json; charset=utf-8'): void => {
      if (hit?.kind === 'hang') return;
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      // 'truncated' lets the handler run (the action happened) but the answer is cut in half.
      send(res, 200, type, hit?.kind === 'truncated' ? text.slice(0, Math.floor(text.length / 2)) : text, cacheableHeaders());
    };
    if (!key) return answer(AUTH_FAILED);
    if (route.needsVerified && !key.verified) return answer(NOT_VERIFIED);
    if (body.malformed) return answer({ code: 400, message: '参数错误', errors: { body: ['请求体必须是 JSON 对象'] } });

    const params: Params = { ...query, ...body.value };
    const outcome = route.handle({ params, key, state, now: state.now() });
    if (outcome.kind === 'text') return answer(outcome.body, 'text/plain; charset=utf-8');
    return answer(envelope(route.envelope, outcome));
  }

  /** Control plane for other processes (e2e, demo): faults, reset, request log, extra keys. */
  async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const action = `${req.method ?? 'GET'} ${url.pathname.slice(CONTROL_PREFIX.length)}`;
    const raw = (await readBody(req)) ?? '';
    let input: unknown;
    try {
      input = raw.trim() === '' ? null : JSON.parse(raw);
    } catch {
      return sendJson(res, { ok: false, error: 'body must be JSON' }, 400);
    }
    const fields = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
    switch (action) {
      case 'POST fault': {
        const error = input === null ? undefined : faultError(fields);
        if (error) return sendJson(res, { ok: false, error }, 400);
        setFault(input === null ? null : (fields as unknown as Fault));
        return sendJson(res, { ok: true });
      }
      case 'POST reset':
        reset();
        return sendJson(res, { ok: true });
      case 'GET requests':
        return sendJson(res, requests);
      case 'GET info':
        return sendJson(res, { url: sandbox.url, demoKey, unverifiedKey, ipListShape: state.ipListShape });
      case 'POST keys': {
        if (typeof fields.key !== 'string' || fields.key === '') return sendJson(res, { ok: false, error: 'key is required' }, 400);
        state.addKey(fields.key, {
          verified: typeof fields.verified === 'boolean' ? fields.verified : undefined,
          accounts: typeof fields.accounts === 'number' ? fields.accounts : undefined,
        });
        return sendJson(res, { ok: true });
      }
      case 'POST ip-list-shape': {
        if (fields.shape !== 'nested' && fields.shape !== 'flat') return sendJson(res, { ok: false, error: "shape must be 'nested' or 'flat'" }, 400);
        state.ipListShape = fields.shape;
        return sendJson(res, { ok: true });
      }
      default:
        return sendJson(res, { ok: false, error: `unknown control action ${action}` }, 404);
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    if (req.method === 'OPTIONS') {
      record({ method: 'OPTIONS', path: url.pathname, query: Object.fromEntries(url.searchParams), body: null, at: Date.now() });
      res.writeHead(204, CORS_HEADERS);
      res.end();
      return;
    }
    const work = url.pathname.startsWith(CONTROL_PREFIX) ? handleControl(req, res, url) : handleApi(req, res, url);
    work.catch((error: unknown) => {
      console.error('[sandbox] handler failed', error);
      sendHtml(res, 500, html('500 Internal Server Error'));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const sandbox: Sandbox = {
    url: `http://127.0.0.1:${port}`,
    demoKey,
    unverifiedKey,
    state,
    setFault,
    requests,
    reset,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive and hung sockets would otherwise hold close() open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
  return sandbox;
}
