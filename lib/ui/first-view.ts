/**
 * A page's first view: what it opens on (the popup's account list). What a page drew from storage is
 * confirmed by the background only once that view is on screen (lib/ui/watch.ts): a stopped worker
 * woken earlier starts on the same cores as the first draw. A page that expects no first view asks
 * after its next frame; one whose first view never says it is shown asks after `FIRST_VIEW_WAIT_MS`.
 * What no view needs yet (the code of the views a click away) waits for the page to be idle (`whenIdle`).
 */

/** The longest the background's confirmations wait for the first view. */
export const FIRST_VIEW_WAIT_MS = 1000;

let firstView: Promise<unknown> | undefined;
let shown: (value?: unknown) => void = () => undefined;

/** Called before the page's first render: its confirmations wait for `firstViewShown`. */
export function expectFirstView(): void {
  firstView = new Promise((resolve) => {
    shown = resolve;
    setTimeout(resolve, FIRST_VIEW_WAIT_MS);
  });
}

/** Called by the first view once it is on screen (an effect, which runs after the paint). */
export const firstViewShown = () => shown();

/** Resolves once the first view is shown, or at once on a page that expects none. */
export const whenFirstViewShown = () => firstView ?? Promise.resolve();

/**
 * The longest `afterNextFrame` waits for the next frame: frames can stall (a popup drawn off screen, a
 * busy machine) or never come (a hidden page). (Preact's effects wait for a frame the same way, for 35 ms.)
 */
export const FRAME_WAIT_MS = 100;

/** Runs `task` in a task after the page's next frame (the frame is done then), or after `FRAME_WAIT_MS` if none comes. */
export function afterNextFrame(task: () => void): void {
  let ran = false;
  const run = () => {
    if (ran) return;
    ran = true;
    setTimeout(task);
  };
  requestAnimationFrame(run);
  setTimeout(run, FRAME_WAIT_MS);
}

/** The longest `whenIdle` waits for the page to be idle. */
export const IDLE_WAIT_MS = 2000;

/**
 * Runs `task` once the page is idle after its next frame. Starting one module's fetch takes the main
 * thread 0.5–2 ms: the popup's five preloads and two quiet views, in the effects that run right after
 * its first paint, held it up for 7–12 ms. Not before that frame: the browser is idle while it waits
 * for it, and an effect may run before it (Preact runs a component's pending effects when it renders
 * again), so the list's overscan rows were made for the first frame. (Both browsers' pages have idle
 * callbacks.)
 */
export function whenIdle(task: () => void): void {
  afterNextFrame(() => requestIdleCallback(task, { timeout: IDLE_WAIT_MS }));
}
