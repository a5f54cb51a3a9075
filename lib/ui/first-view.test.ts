import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubAnimationFrames } from '../../test/helpers/frames.ts';
import { expectFirstView, FIRST_VIEW_WAIT_MS, firstViewShown, FRAME_WAIT_MS, IDLE_WAIT_MS, whenFirstViewShown, whenIdle } from './first-view.ts';

describe('the first view', () => {
  afterEach(() => vi.useRealTimers());

  it('is shown at once on a page that expects none', async () => {
    await expect(whenFirstViewShown()).resolves.toBeUndefined();
  });

  it('holds the confirmations until it is shown', async () => {
    expectFirstView();
    let done = false;
    void whenFirstViewShown().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    firstViewShown();
    await vi.waitFor(() => expect(done).toBe(true));
  });

  it('lets them go after a while if the view never says it is shown (an error state, a lost render)', async () => {
    vi.useFakeTimers();
    expectFirstView();
    let done = false;
    void whenFirstViewShown().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(FIRST_VIEW_WAIT_MS - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  /** A page whose frames and idle periods the test makes, with the clock standing still. */
  function pageWithFrames() {
    const idle: { callback: () => void; timeout?: number }[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void, options?: { timeout?: number }) => idle.push({ callback, timeout: options?.timeout }));
    return { idle, ...stubAnimationFrames() };
  }

  it('runs what waits for an idle page once the next frame is done and the browser says it is idle, waiting at most IDLE_WAIT_MS', async () => {
    const page = pageWithFrames();
    const task = vi.fn();
    whenIdle(task);
    // Idle before the frame is not idle enough: the browser is waiting for that frame.
    await vi.advanceTimersByTimeAsync(FRAME_WAIT_MS - 1);
    expect(page.idle).toEqual([]);
    page.frame();
    await vi.advanceTimersByTimeAsync(0);
    expect(page.idle).toEqual([{ callback: expect.any(Function), timeout: IDLE_WAIT_MS }]);
    expect(task).not.toHaveBeenCalled();
    page.idle[0]!.callback();
    expect(task).toHaveBeenCalledOnce();
    // The frame's fallback, later, asks for no second idle period.
    await vi.advanceTimersByTimeAsync(FRAME_WAIT_MS);
    expect(page.idle).toHaveLength(1);
  });

  it('waits for an idle page without a frame after FRAME_WAIT_MS (a hidden page gets none)', async () => {
    const page = pageWithFrames();
    whenIdle(() => undefined);
    await vi.advanceTimersByTimeAsync(FRAME_WAIT_MS - 1);
    expect(page.idle).toEqual([]);
    // The fallback's task comes 1 ms later: the fake clock's zero-delay timers set while it ticks.
    await vi.advanceTimersByTimeAsync(2);
    expect(page.idle).toHaveLength(1);
    page.frame();
    await vi.advanceTimersByTimeAsync(0);
    expect(page.idle).toHaveLength(1);
  });
});
