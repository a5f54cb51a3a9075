/**
 * Pages talking to the background inside one test process. fakeBrowser's `runtime.sendMessage` calls
 * the listeners with an empty sender, which `handleMessages` rightly ignores; this delivers messages as
 * coming from the extension itself and keeps every answer, so a test can scan all that reached a page.
 */
import { fakeBrowser } from 'wxt/testing';

/** Every answer delivered to a page since the test file started, serialized. */
export const deliveredAnswers: string[] = [];

/** Call after `fakeBrowser.reset()` (which leaves the replaced `sendMessage` in place but drops listeners). */
export function routeMessagesFromExtensionPages(): void {
  fakeBrowser.runtime.sendMessage = (async (message: unknown) => {
    const answers: unknown[] = await fakeBrowser.runtime.onMessage.trigger(message, { id: fakeBrowser.runtime.id });
    const answer = answers.find((candidate) => candidate !== undefined);
    deliveredAnswers.push(JSON.stringify(answer) ?? 'undefined');
    return answer;
  }) as typeof fakeBrowser.runtime.sendMessage;
}
