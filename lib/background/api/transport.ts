/**
 * The one place that talks HTTP to the API: builds the URL, adds the app_key (query for GET, JSON body
 * for POST, as the document shows), applies the timeout and the retry policy, normalises the envelope
 * and turns every failure into an ApiError with the key redacted.
 */
import type { z } from '../zod.ts';
import { ApiError, redact, unreadableAnswer } from './api-error.ts';
import { envelopeSchema } from './schemas.ts';

export const DEFAULT_API_BASE_URL = 'https://api.911proxy.com';
export const API_PATH_PREFIX = '/api-gate-way/';
/** The code that means "app_key invalid", and "account not real-name verified". */
export const CODE_INVALID_KEY = 3;
export const CODE_UNVERIFIED = 156;
/** The document's "parameter error" code, which comes with `errors: { field: [messages] }`. */
export const CODE_INVALID_PARAMETER = 400;
/** Real-name verification named in a message, simplified or traditional, whatever the code beside it. */
const UNVERIFIED_TEXT = /未实名|未實名/;

export interface TransportOptions {
  appKey: string;
  /** Default `https://api.911proxy.com`; a mirror or the local sandbox in tests. */
  baseUrl?: string;
  /** Per attempt; default 15 s. */
  timeoutMs?: number;
  /** Extra attempts for idempotent GETs on network errors, timeouts and 5xx; default 2. POSTs never retry. */
  retries?: number;
  /** Backoff before retry n is `retryDelayMs * 2^n`; default 400 ms. */
  retryDelayMs?: number;
  fetch?: typeof fetch;
  /** Stops waiting: the request in flight is aborted, no retry follows, and the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Told as each try starts (1-based), with the number of tries this call may make. */
  onAttempt?: (attempt: number, attempts: number) => void;
}

/** Query or body values; `undefined` ones are left out. */
export type Params = Record<string, string | number | boolean | undefined>;

interface Call {
  method: 'GET' | 'POST';
  path: string;
  params: Params;
}

/** A raw answer: the status and the body text, before any parsing. */
interface RawAnswer {
  status: number;
  body: string;
}

export function createTransport(options: TransportOptions) {
  const { appKey, timeoutMs = 15_000, retries = 2, retryDelayMs = 400, signal: stop, onAttempt } = options;
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = (options.baseUrl ?? DEFAULT_API_BASE_URL).replace(/\/+$/, '');
  const clean = (text: string) => redact(text, appKey);

  async function attempt({ method, path, params }: Call): Promise<RawAnswer> {
    const url = URL.canParse(base + API_PATH_PREFIX + path) ? new URL(base + API_PATH_PREFIX + path) : undefined;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw new ApiError('invalid-input', { endpoint: path, field: 'baseUrl', detail: 'an http(s) address' });
    }
    // Redirects are not followed: the key would go to a host the user never approved (in the query of a
    // GET). A 3xx is an `http` error naming its status, so the user checks the API address.
    // Nothing is stored in the browser's HTTP cache, whatever the host's headers allow: a GET's URL holds
    // the key, and a cached answer would also hide the provider's current state after a change.
    const init: RequestInit = { method, redirect: 'manual', cache: 'no-store', headers: { Accept: 'application/json, text/plain' } };
    if (method === 'GET') {
      url.searchParams.set('app_key', appKey);
      for (const [name, value] of Object.entries(params)) {
        if (value !== undefined) url.searchParams.set(name, String(value));
      }
    } else {
      init.headers = { ...init.headers, 'Content-Type': 'application/json' };
      init.body = JSON.stringify({ app_key: appKey, ...params });
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const abort = () => controller.abort();
    stop?.addEventListener('abort', abort);
    try {
      const response = await fetchImpl(url, { ...init, signal: controller.signal });
      const body = await response.text();
      if (!response.ok) throw new ApiError('http', { endpoint: path, status: response.status });
      return { status: response.status, body };
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (stop?.aborted) throw stop.reason;
      if (controller.signal.aborted) throw new ApiError('timeout', { endpoint: path });
      const detail = clean(describeFetchFailure(error));
      throw new ApiError('network', { endpoint: path, detail, cause: new Error(detail) });
    } finally {
      clearTimeout(timer);
      stop?.removeEventListener('abort', abort);
    }
  }

  async function send(call: Call): Promise<RawAnswer> {
    const attempts = call.method === 'GET' ? retries + 1 : 1;
    for (let n = 0; ; n++) {
      stop?.throwIfAborted();
      onAttempt?.(n + 1, attempts);
      try {
        return await attempt(call);
      } catch (error) {
        if (n + 1 >= attempts || !isRetryable(error)) throw error;
        await sleep(retryDelayMs * 2 ** n, stop);
      }
    }
  }

  /** Checks the envelope and returns `data` parsed by `schema`. */
  function unwrap<S extends z.ZodMiniType>({ method, path }: Omit<Call, 'params'>, body: string, schema: S): z.output<S> {
    const envelope = parseEnvelope(path, body);
    if (envelope.code !== 0 && envelope.code !== 200) throw refusal(method, path, envelope);
    const data = schema.safeParse(envelope.data);
    if (!data.success) throw malformed(path, data.error, 'data');
    return data.data;
  }

  function parseEnvelope(path: string, body: string): z.output<typeof envelopeSchema> {
    let json: unknown;
    try {
      // A hostile or broken host echoing the key back gets it replaced, so that no answer, cached list
      // or page ever holds it as data (escaped forms such as \u0041 included, since this is after parsing).
      json = redactDeep(JSON.parse(body), appKey);
    } catch {
      throw unreadableAnswer(path, clean(body));
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) throw malformed(path, envelope.error);
    return envelope.data;
  }

  function refusal(method: Call['method'], path: string, envelope: z.output<typeof envelopeSchema>): ApiError {
    const { code } = envelope;
    const serverText = envelope.msg || envelope.message || '';
    if (code === CODE_INVALID_KEY) return new ApiError('invalid-key', { endpoint: path, code });
    if (code === CODE_UNVERIFIED || UNVERIFIED_TEXT.test(serverText)) {
      return new ApiError('unverified', { endpoint: path, code, reason: method === 'GET' ? 'read' : 'change' });
    }
    const [field, fieldText] = firstFieldError(envelope.errors);
    // A parameter error's own text is only "参数错误": the message about the field says what was wrong.
    const detail = fieldText || serverText;
    return new ApiError('rejected', {
      endpoint: path,
      code,
      ...(field && { field }),
      ...(detail && { detail: clean(detail).slice(0, 300) }),
    });
  }

  /**
   * The last line of key safety: every ApiError leaving the transport has the key taken out of its
   * message, field and detail, whatever built it (a schema message quoting a value, an `errors` field
   * name, a text parser quoting a line).
   */
  async function guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw error instanceof ApiError ? scrub(error) : error;
    }
  }

  function scrub(error: ApiError): ApiError {
    const leaks = [error.message, error.field, error.detail, error.cause instanceof Error ? error.cause.message : undefined].some(
      (text) => text !== undefined && appKey !== '' && text.includes(appKey),
    );
    if (!leaks) return error;
    const detail = error.detail === undefined ? undefined : clean(error.detail);
    return new ApiError(error.kind, {
      endpoint: error.endpoint,
      code: error.code,
      status: error.status,
      field: error.field === undefined ? undefined : clean(error.field),
      detail,
      reason: error.reason,
      cause: error.cause instanceof Error ? new Error(clean(error.cause.message)) : undefined,
    });
  }

  return {
    /** An idempotent read; the answer's `data` parsed by `schema`. */
    get<S extends z.ZodMiniType>(path: string, params: Params, schema: S): Promise<z.output<S>> {
      return guarded(async () => unwrap({ method: 'GET', path }, (await send({ method: 'GET', path, params })).body, schema));
    },
    /** A change; never retried, since the server may have applied it before the failure. */
    post<S extends z.ZodMiniType>(path: string, params: Params, schema: S): Promise<z.output<S>> {
      return guarded(async () => unwrap({ method: 'POST', path }, (await send({ method: 'POST', path, params })).body, schema));
    },
    /**
     * A GET whose success is plain text (ip/v3 with format=txt), read by `parseText`. A body that starts
     * with `{` is JSON after all: an error envelope (or a success the server chose to send as JSON),
     * handled as usual.
     */
    getText<S extends z.ZodMiniType, T>(path: string, params: Params, jsonSchema: S, parseText: (text: string) => T): Promise<T | z.output<S>> {
      return guarded(async () => {
        const { body } = await send({ method: 'GET', path, params });
        return body.trimStart().startsWith('{') ? unwrap({ method: 'GET', path }, body, jsonSchema) : parseText(clean(body));
      });
    },
  };
}

export type Transport = ReturnType<typeof createTransport>;

/** `value` with `secret` replaced in every string, names of fields included. */
export function redactDeep(value: unknown, secret: string): unknown {
  if (!secret) return value;
  if (typeof value === 'string') return value.includes(secret) ? redact(value, secret) : value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secret));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [redact(name, secret), redactDeep(item, secret)]));
  }
  return value;
}

function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.kind === 'network' || error.kind === 'timeout') return true;
  return error.kind === 'http' && (error.status ?? 0) >= 500;
}

function malformed(path: string, error: z.core.$ZodError, prefix?: string): ApiError {
  const issue = error.issues[0];
  const field = [prefix, ...(issue?.path ?? [])].filter((part) => part !== undefined).join('.');
  return new ApiError('malformed', { endpoint: path, field: field || 'body', detail: issue?.message, reason: 'unexpected-data' });
}

/** The first field named in a 400 answer's `errors: { field: [messages] }`, and its first message. */
function firstFieldError(errors: unknown): [field?: string, text?: string] {
  if (!errors || typeof errors !== 'object' || Array.isArray(errors)) return [];
  const [entry] = Object.entries(errors);
  if (!entry) return [];
  const [field, messages] = entry;
  const first: unknown = Array.isArray(messages) ? messages[0] : messages;
  return [field, typeof first === 'string' ? first : undefined];
}

/** fetch's TypeError says little ("fetch failed"); its cause usually carries the system error code. */
function describeFetchFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  return code ? `${error.message} (${code})` : error.message;
}

/** Resolves after `ms`, or at once when `signal` aborts (the caller then checks it). */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
