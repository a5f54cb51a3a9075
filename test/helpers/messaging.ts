/**
 * Pages talking to the background inside one test process. fakeBrowser's `runtime.sendMessage` calls
 * the listeners with an empty sender, which `handleMessages` rightly ignores; this delivers messages as
 * coming from the extension itself and keeps every answer, so a test can scan all that reached a page.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { rejectedWith } from './rejection.ts';
import { BackgroundError, sendToBackground } from '../../lib/ui/send-to-background.ts';
import type { Cached, CachedAnswer, CachedData, CachedRequestName, RequestInput } from '../../lib/background/requests.ts';

/** Every answer delivered to a page since the test file started (`expectNoKeyDelivered`), serialized. */
export const deliveredAnswers: string[] = [];

/**
 * After the test file: more than `atLeast` answers reached a page, and none of them, error or not,
 * held any of `keys()`.
 */
export function expectNoKeyDelivered(keys: () => string[], atLeast: number): void {
  // The test files share one process: the answers of the files before this one are not its own.
  beforeAll(() => void deliveredAnswers.splice(0));
  afterAll(() => {
    const everything = deliveredAnswers.join('\n');
    expect(deliveredAnswers.length).toBeGreaterThan(atLeast);
    for (const key of keys()) expect(everything).not.toContain(key);
  });
}

/** Call after `fakeBrowser.reset()` (which leaves the replaced `sendMessage` in place but drops listeners). */
export function routeMessagesFromExtensionPages(): void {
  fakeBrowser.runtime.sendMessage = (async (message: unknown) => {
    const answers: unknown[] = await fakeBrowser.runtime.onMessage.trigger(message, { id: fakeBrowser.runtime.id });
    const answer = answers.find((candidate) => candidate !== undefined);
    deliveredAnswers.push(JSON.stringify(answer) ?? 'undefined');
    return answer;
  }) as typeof fakeBrowser.runtime.sendMessage;
}

/**
 * A cached list through the protocol, with its data: no `known` is sent, so an answer without data
 * would be a bug.
 */
export async function askList<K extends CachedRequestName>(name: K, input: RequestInput<K>): Promise<Cached<CachedData<K>>> {
  // Responses[K] for a generic K is not simplified by TypeScript; it is this.
  const answer = (await sendToBackground(name, input)) as CachedAnswer<CachedData<K>>;
  if ('unchanged' in answer) throw new Error(`${name} was answered without its data, though the page named no entry it shows`);
  return answer;
}

/** What a request to the background was rejected with; fails the test unless it is a BackgroundError. */
export const rejection = (promise: Promise<unknown>): Promise<BackgroundError> => rejectedWith(promise, BackgroundError);
