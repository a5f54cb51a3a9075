/**
 * How a request and its answer travel between a page and the background (lib/background/requests.ts
 * says what each request holds): a page sends `{ protocol, name, input }` and gets an `Answer` back.
 */
import type { ErrorAnswer } from './storage-keys.ts';

/** Names the message format, so the background ignores anything else sent to it. */
export const PROTOCOL = '911proxy/1';

export type Answer = { ok: true; value: unknown } | { ok: false; error: ErrorAnswer };
