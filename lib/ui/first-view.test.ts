import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectFirstView, FIRST_VIEW_WAIT_MS, firstViewShown, IDLE_WAIT_MS, whenFirstViewShown, whenIdle } from './first-view.ts';

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

  it('runs what waits for an idle page only once the browser says it is idle, waiting at most IDLE_WAIT_MS', () => {
    const idle: { callback: () => void; timeout?: number }[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void, options?: { timeout?: number }) => idle.push({ callback, timeout: options?.timeout }));
    const task = vi.fn();
    whenIdle(task);
    expect(task).not.toHaveBeenCalled();
    expect(idle).toEqual([{ callback: expect.any(Function), timeout: IDLE_WAIT_MS }]);
    idle[0]!.callback();
    expect(task).toHaveBeenCalledOnce();
  });
});
