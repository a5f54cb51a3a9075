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

/** The longest `whenIdle` waits for the page to be idle. */
export const IDLE_WAIT_MS = 2000;

/**
 * Runs `task` once the page is idle: after its first frame and the tasks that follow it. Starting one
 * module's fetch takes the main thread 0.5–2 ms: the popup's five preloads and two quiet views, in the
 * effects that run right after its first paint, held it up for 7–12 ms. (Both browsers' pages have
 * idle callbacks.)
 */
export function whenIdle(task: () => void): void {
  requestIdleCallback(task, { timeout: IDLE_WAIT_MS });
}
