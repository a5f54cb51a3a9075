/**
 * A page's first view: what it opens on (the popup's account list). What a page drew from storage is
 * confirmed by the background only once that view is on screen (lib/ui/watch.ts): a stopped worker
 * woken earlier starts on the same cores as the first draw. A page that expects no first view asks
 * after its next frame; one whose first view never says it is shown asks after `FIRST_VIEW_WAIT_MS`.
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
