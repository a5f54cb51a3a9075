/**
 * The one place that words an error for the user: it turns anything a background handler throws into
 * the `{ kind, message }` a page shows (the shortcut's notification shows the same). Errors carry no
 * sentence, only what to say: a `ServiceError` (and its subclasses) a message key and its
 * substitutions, an `ApiError` what went wrong (worded by `describeApiError`); the words are looked
 * up here, with `t`. Messages come from `_locales` only: the raw text of an unexpected error never
 * crosses, since it could hold the key (a URL, a request body).
 *
 * What is not an error is worded with the same `t` by the module that shows it: the proxy status and
 * its failure, the badge, the notifications.
 */
import { describeApiError } from './api/error-messages.ts';
import { t, type MessageKey } from '../shared/i18n.ts';
import { isApiError, type ApiError } from './api/api-error.ts';
import type { ErrorAnswer } from '../shared/storage-keys.ts';
import { InvalidRequestError, MalformedMessageError } from './message-listener.ts';

export type ServiceErrorKind =
  /** No key is stored: the user has to enter one. */
  | 'no-key'
  /** setKey named a host the user has not confirmed in the settings. */
  | 'host-not-confirmed'
  /** An API base URL that is neither https nor http on a loopback address. */
  | 'host-not-allowed'
  /** The user stopped waiting for a slow answer: the request was aborted. */
  | 'stopped-waiting';

/**
 * A refusal by the background itself, described by a message key and its substitutions, which
 * `toErrorAnswer` words. An area with refusals of its own names their kinds in a subclass (`ProxyError`).
 */
export class ServiceError<Kind extends string = ServiceErrorKind> extends Error {
  override readonly name: string = 'ServiceError';
  constructor(
    readonly kind: Kind,
    readonly messageKey: MessageKey,
    readonly substitutions: string[] = [],
  ) {
    super(kind);
  }
}

/** The key check failed, so nothing was stored; `reason` says why (refused, unreachable, ...). */
export class KeyNotSavedError extends Error {
  override readonly name = 'KeyNotSavedError';
  constructor(readonly reason: ApiError) {
    super(`key not saved: ${reason.kind}`);
  }
}

/**
 * A change whose answer was lost (no answer in time, or one cut off) though the provider may have applied
 * it. The lists it affects have been read again first, or `reread` is false when that failed.
 */
export class ChangeMaybeAppliedError extends Error {
  override readonly name = 'ChangeMaybeAppliedError';
  constructor(
    readonly reason: ApiError,
    readonly reread: boolean,
  ) {
    super(`change may have been applied: ${reason.kind}`);
  }
}

/** Maps a thrown value to what the page sees; see the module comment. */
export function toErrorAnswer(error: unknown): ErrorAnswer {
  if (isApiError(error)) return { kind: error.kind, message: describeApiError(error) };
  if (error instanceof ChangeMaybeAppliedError) return { kind: 'maybe-applied', message: describeMaybeApplied(error) };
  if (error instanceof KeyNotSavedError) return { kind: error.reason.kind, message: t('key_notSaved', describeApiError(error.reason)) };
  if (error instanceof ServiceError) return { kind: error.kind, message: t(error.messageKey, ...error.substitutions) };
  // The detail names the request and the failing field, never a value (zod messages do not echo input).
  if (error instanceof InvalidRequestError) return { kind: 'invalid-input', message: t('apiError_invalidInput', error.field, error.rule) };
  if (error instanceof MalformedMessageError) return { kind: 'bad-message', message: t('error_badMessage', error.message) };
  // Only the type is logged: the text of an unexpected error could hold the key.
  console.error('[background] unexpected error:', error instanceof Error ? error.name : typeof error);
  return { kind: 'internal', message: t('error_internal') };
}

/** Why the change may have been applied, then what the list shows now: two sentences. */
function describeMaybeApplied({ reason, reread }: ChangeMaybeAppliedError): string {
  const why = t(reason.kind === 'timeout' ? 'change_noAnswer' : 'change_unreadableAnswer');
  return `${why} ${t(reread ? 'change_listReread' : 'change_listNotReread')}`;
}
