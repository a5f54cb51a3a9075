/**
 * The pages' side of the protocol (lib/background/requests.ts): `sendToBackground` and the error it
 * throws. Types only come from the background's modules, so no zod reaches a page.
 */
import { browser } from 'wxt/browser';
import { PROTOCOL, type Answer } from '../shared/message-envelope.ts';
import type { ErrorAnswer } from '../shared/storage-keys.ts';
import type { RequestInput, RequestName, Responses } from '../background/requests.ts';

/** An error a page received from the background. */
export class BackgroundError extends Error {
  override readonly name = 'BackgroundError';
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a page shows for anything `sendToBackground` threw: the background's words, or "no answer". */
export function asErrorAnswer(error: unknown): ErrorAnswer {
  return error instanceof BackgroundError ? { kind: error.kind, message: error.message } : { kind: 'no-answer', message: browser.i18n.getMessage('error_noAnswer') };
}

/** Asks the background; resolves with its answer or rejects with a BackgroundError. */
export async function sendToBackground<K extends RequestName>(name: K, input: RequestInput<K>): Promise<Responses[K]> {
  const answer = (await browser.runtime.sendMessage({ protocol: PROTOCOL, name, input })) as Answer | undefined;
  if (!answer) throw new BackgroundError('no-answer', browser.i18n.getMessage('error_noAnswer'));
  if (!answer.ok) throw new BackgroundError(answer.error.kind, answer.error.message);
  return answer.value as Responses[K];
}
