/** How many pages a paged answer has, when the answer may not say. */

/**
 * The page count from the answer's total when it gives one; without it, a full page means there may
 * be one more (the pager then offers "next" until a page comes back short).
 */
export function pageCount({ total, shown, page, size }: { total?: number; shown: number; page: number; size: number }): number {
  if (total !== undefined) return Math.max(1, Math.ceil(total / size));
  return shown < size ? page : page + 1;
}
