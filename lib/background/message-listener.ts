/**
 * The listener that validates each message against its request schema (lib/background/requests.ts)
 * before its handler runs. Messages are untrusted input: a malformed one gets an error answer, never a
 * crash; messages from other extensions or web pages are ignored.
 */
import { browser } from 'wxt/browser';
import { z } from './zod.ts';
import { PROTOCOL, type Answer } from '../shared/message-envelope.ts';
import { requestSchemas, type ErrorMapper, type Handlers, type RequestName, type RequestParams } from './requests.ts';

const envelopeSchema = z.object({ protocol: z.literal(PROTOCOL), name: z.string(), input: z.unknown() });

/**
 * Registers the background's handlers. `toErrorAnswer` turns any thrown value into what the page sees
 * (the one place that maps errors to messages). Messages from other extensions or web pages are ignored.
 */
export function handleMessages(handlers: Handlers, toErrorAnswer: ErrorMapper): void {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const envelope = envelopeSchema.safeParse(message);
    if (!envelope.success) return undefined;
    return dispatch(handlers, envelope.data.name, envelope.data.input).then(
      (value): Answer => ({ ok: true, value }),
      (error: unknown): Answer => ({ ok: false, error: toErrorAnswer(error) }),
    );
  });
}

/** Validates and runs one request; exported for tests that call the protocol without a browser. */
export async function dispatch(handlers: Handlers, name: string, input: unknown): Promise<unknown> {
  if (!Object.hasOwn(requestSchemas, name)) throw new MalformedMessageError(`unknown request "${name.slice(0, 40)}"`);
  const requestName = name as RequestName;
  const handler = handlers[requestName] as (params: unknown) => Promise<unknown>;
  return handler(parseRequest(requestName, input ?? {}));
}

/** Issue codes that mean the page sent the wrong shape (a bug), not a value the user typed wrong. */
const SHAPE_ISSUES = new Set(['invalid_type', 'unrecognized_keys', 'invalid_union', 'invalid_key', 'invalid_element']);

/**
 * Checks a request's input against its schema. A value that breaks a rule (a bad host pattern, a remark
 * too long) throws an InvalidRequestError naming the field, for the user to fix; a wrong shape throws a
 * MalformedMessageError.
 */
export function parseRequest<K extends RequestName>(name: K, input: unknown): RequestParams<K> {
  const params = requestSchemas[name].safeParse(input);
  if (!params.success) {
    const issue = params.error.issues[0];
    const field = issue?.path.join('.') || 'input';
    if (issue && issue.path.length > 0 && !SHAPE_ISSUES.has(issue.code)) throw new InvalidRequestError(field, issue.message);
    throw new MalformedMessageError(`${name}: ${field}: ${issue?.message}`);
  }
  // Indexing the schema map with a generic name loses the link between K and its schema's output.
  return params.data as RequestParams<K>;
}

/** A message that is not part of the protocol, or whose input has the wrong shape. */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
}

/** A well-formed request with a value that breaks its rule: the user can correct `field`. */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
  }
}
