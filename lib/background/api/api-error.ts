/**
 * The one error type for every API failure. `kind` says what went wrong in terms a caller can act on;
 * `describeApiError` (lib/background/api/error-messages.ts) turns it into a sentence for the user.
 *
 * The app_key must never leak through an error: messages are built here from fixed text plus values the
 * client has already redacted, `cause` is a redacted copy, and `toJSON()` lists only safe fields.
 */
export type ApiErrorKind =
  /** code 3: the app_key is wrong, revoked or missing. */
  | 'invalid-key'
  /** code 156: the provider account has not passed real-name verification. */
  | 'unverified'
  /** any other non-success code: the server said no, with its own message. */
  | 'rejected'
  /** a non-2xx HTTP status. */
  | 'http'
  /** the request never got an HTTP answer (DNS, refused, reset, offline). */
  | 'network'
  /** no answer within the time limit. */
  | 'timeout'
  /** an answer that is not JSON, or JSON that does not match the schema. */
  | 'malformed'
  /** a parameter failed the document's input rules; nothing was sent. */
  | 'invalid-input';

/**
 * What exactly went wrong, where the client can tell; `describeApiError` words each one.
 * - unverified: `read` (a view was refused) or `change`.
 * - malformed: what came instead of the expected answer: an `empty` body, a `web-page` (a maintenance
 *   or error page), JSON `cut-off` before its end, some other text (`not-json`), or JSON that does not
 *   match the schema (`unexpected-data`, the default).
 */
export type ApiErrorReason = 'read' | 'change' | 'empty' | 'web-page' | 'cut-off' | 'not-json' | 'unexpected-data';

export interface ApiErrorDetails {
  /** The endpoint path below `/api-gate-way/`, e.g. `whitelist-account/list`. */
  endpoint: string;
  /** The envelope's `code` (rejected, invalid-key, unverified). */
  code?: number;
  /** The HTTP status (http). */
  status?: number;
  /** The offending field: a response path for malformed, a parameter name for invalid-input. */
  field?: string;
  /**
   * The server's own message (rejected: for a parameter error, the one about `field`), the title of a
   * web page that came instead of data (malformed), or the rule that failed (invalid-input); redacted.
   */
  detail?: string;
  reason?: ApiErrorReason;
  cause?: Error;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly endpoint: string;
  readonly code?: number;
  readonly status?: number;
  readonly field?: string;
  readonly detail?: string;
  readonly reason?: ApiErrorReason;

  constructor(kind: ApiErrorKind, details: ApiErrorDetails) {
    super(summarize(kind, details), details.cause ? { cause: details.cause } : undefined);
    this.kind = kind;
    this.endpoint = details.endpoint;
    this.code = details.code;
    this.status = details.status;
    this.field = details.field;
    this.detail = details.detail;
    this.reason = details.reason;
  }

  /** Only the safe, structured fields: this is what crosses to the pages. */
  toJSON(): ApiErrorJson {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      endpoint: this.endpoint,
      ...(this.code !== undefined && { code: this.code }),
      ...(this.status !== undefined && { status: this.status }),
      ...(this.field !== undefined && { field: this.field }),
      ...(this.detail !== undefined && { detail: this.detail }),
      ...(this.reason !== undefined && { reason: this.reason }),
    };
  }
}

/** A developer-facing one-liner; the user-facing text comes from `describeApiError`. */
function summarize(kind: ApiErrorKind, { endpoint, code, status, field, detail, reason }: ApiErrorDetails): string {
  const where = `${endpoint}: `;
  switch (kind) {
    case 'invalid-key':
      return `${where}the app_key was refused (code ${code ?? 3})`;
    case 'unverified':
      return `${where}the account is not real-name verified (code ${code ?? 156})`;
    case 'rejected':
      return `${where}rejected with code ${code}${detail ? `: ${detail}` : ''}`;
    case 'http':
      return `${where}HTTP ${status}`;
    case 'network':
      return `${where}network error${detail ? `: ${detail}` : ''}`;
    case 'timeout':
      return `${where}no answer in time`;
    case 'malformed':
      return `${where}malformed answer${reason ? ` (${reason})` : ''}${field ? ` at ${field}` : ''}${detail ? `: ${detail}` : ''}`;
    case 'invalid-input':
      return `${where}invalid ${field ?? 'input'}${detail ? `: ${detail}` : ''}`;
  }
}

/**
 * An answer that is not the JSON (or text) expected, by what it looks like: nothing, a web page (its
 * title kept as the detail, for a maintenance page says why), JSON cut off, or other text.
 */
export function unreadableAnswer(endpoint: string, body: string): ApiError {
  const text = body.trim();
  if (text === '') return new ApiError('malformed', { endpoint, field: 'body', reason: 'empty' });
  if (text.startsWith('<')) {
    const title = /<title[^>]*>([^<]*)<\/title>|<h1[^>]*>([^<]*)<\/h1>/i.exec(text);
    const detail = (title?.[1] ?? title?.[2] ?? '').replace(/\s+/g, ' ').trim().slice(0, 100);
    return new ApiError('malformed', { endpoint, field: 'body', reason: 'web-page', ...(detail && { detail }) });
  }
  return new ApiError('malformed', { endpoint, field: 'body', reason: text.startsWith('{') || text.startsWith('[') ? 'cut-off' : 'not-json' });
}

export const isApiError = (value: unknown): value is ApiError => value instanceof ApiError;

/** Replaces every occurrence of `secret` in `text`, so a key echoed by a server or a URL never escapes. */
export function redact(text: string, secret: string): string {
  return secret ? text.split(secret).join('***') : text;
}

/** An ApiError as `toJSON` gives it: the details without the cause, with the kind and summary. */
export type ApiErrorJson = { name: 'ApiError'; kind: ApiErrorKind; message: string } & Omit<ApiErrorDetails, 'cause'>;
