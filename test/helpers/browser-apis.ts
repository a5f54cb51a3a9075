/**
 * A browser with other APIs than fakeBrowser's (Firefox's containers, no `action`, …) for the running
 * test. What was there is put back exactly when the test ends, an API it lacked removed again: the
 * unit test files share one process (vitest.config.ts), and `fakeBrowser.reset()` resets every API it
 * finds.
 */
import { onTestFinished } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

/** Sets each of `apis` on fakeBrowser until the test ends; undefined removes it (a browser without it). */
export function replaceBrowserApis(apis: Record<string, object | undefined>): void {
  const target = fakeBrowser as unknown as Record<string, unknown>;
  const before = Object.keys(apis).map((name) => [name, Object.getOwnPropertyDescriptor(target, name)] as const);
  onTestFinished(() => {
    for (const [name, descriptor] of before) {
      if (descriptor) Object.defineProperty(target, name, descriptor);
      else delete target[name];
    }
  });
  for (const [name, api] of Object.entries(apis)) {
    if (api === undefined) delete target[name];
    else target[name] = api;
  }
}
