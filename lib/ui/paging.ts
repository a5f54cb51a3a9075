/** How many pages a paged answer has, when the answer may not say, and while the next page loads. */
import { useRef } from 'preact/hooks';

/**
 * The page count from the answer's total when it gives one; without it, a full page means there may
 * be one more (the pager then offers "next" until a page comes back short).
 */
export function pageCount({ total, shown, page, size }: { total?: number; shown: number; page: number; size: number }): number {
  if (total !== undefined) return Math.max(1, Math.ceil(total / size));
  return shown < size ? page : page + 1;
}

/**
 * The page count of the last answer (undefined while a page loads), kept while the next page loads:
 * a pager drawn from it stays, and so does the focus on the button just pressed.
 */
export function useSteadyPageCount(pages: number | undefined): number {
  const last = useRef(1);
  if (pages !== undefined) last.current = pages;
  return last.current;
}
