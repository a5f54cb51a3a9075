/**
 * A page's animation frames as a test makes them: `requestAnimationFrame` callbacks wait for
 * `frame()`, and the page's timers for the test to move the fake clock (`vi.advanceTimersByTimeAsync`),
 * until the test ends.
 */
import { onTestFinished, vi } from 'vitest';

export function stubAnimationFrames(): { frame(): void } {
  const callbacks: FrameRequestCallback[] = [];
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => callbacks.push(callback));
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  onTestFinished(() => void vi.useRealTimers());
  return { frame: () => callbacks.splice(0).forEach((callback) => callback(0)) };
}
