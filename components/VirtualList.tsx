/**
 * A list that renders only the rows in view (plus a few either side), so 10,000 items cost the same
 * as 20. Rows have one fixed height; the list fills its container's height (give the container one,
 * e.g. flex: 1 with min-height: 0). Rows are `role="listitem"` with their position, so a screen reader
 * still hears "3 of 10,000"; keyboard focus moving past the last rendered row scrolls it into view,
 * which renders the next ones.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { whenIdle } from '../lib/ui/first-view.ts';

/**
 * Rows rendered beyond each edge of the view, so fast scrolling and Tab do not meet a blank: once the
 * page is idle. The first draw has only the rows in view.
 */
const OVERSCAN = 4;

export interface VirtualListProps<T> {
  items: readonly T[];
  /**
   * The rows the list has in all when `items` are only its first ones (a first screen, the rest on its
   * way): the scroll height and the positions a screen reader hears are the whole list's.
   */
  total?: number;
  /** Every row's height in px. */
  rowHeight: number;
  /** A stable key per item (its id), so a row keeps its DOM and focus while the list scrolls. */
  itemKey: (item: T) => string | number;
  renderRow: (item: T, index: number) => ComponentChildren;
  /** The list's accessible name. */
  label: string;
  class?: string;
}

/** The virtualized list; see the module comment. */
export function VirtualList<T>({ items, total = items.length, rowHeight, itemKey, renderRow, label, class: className }: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // Unknown until measured, before the first paint: no row is made for a guessed height.
  const [viewHeight, setViewHeight] = useState<number>();
  const [overscan, setOverscan] = useState(0);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    setViewHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setViewHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useEffect(() => whenIdle(() => setOverscan(OVERSCAN)), []);

  // A shorter list (a new filter) may leave the old scroll position past its end.
  const maxTop = Math.max(0, total * rowHeight - (viewHeight ?? 0));
  const top = Math.min(scrollTop, maxTop);
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = viewHeight === undefined ? first : Math.min(items.length, Math.ceil((top + viewHeight) / rowHeight) + overscan);
  const rows: ComponentChildren[] = [];
  for (let index = first; index < last; index++) {
    const item = items[index]!;
    rows.push(
      <div key={itemKey(item)} role="listitem" aria-setsize={total} aria-posinset={index + 1} class="vlist-row" style={{ top: index * rowHeight, height: rowHeight }}>
        {renderRow(item, index)}
      </div>,
    );
  }

  return (
    <div ref={scroller} class={`vlist ${className ?? ''}`} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
      <div role="list" aria-label={label} class="vlist-body" style={{ height: total * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
