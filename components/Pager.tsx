/** Previous and next page buttons around "Page 2 of 3"; hidden when everything fits on one page. */
import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../lib/shared/i18n.ts';
import { formatNumber } from '../lib/shared/format.ts';

/** `label` names the list the pager moves through, for screen readers ("Packages pages"). */
export function Pager({ page, pages, label, onPage }: { page: number; pages: number; label: string; onPage(page: number): void }) {
  const previous = useRef<HTMLButtonElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  const pressed = useRef<'previous' | 'next'>();
  // On the first or the last page the button just pressed is disabled and drops the focus: the other one takes it.
  useLayoutEffect(() => {
    const other = pressed.current === 'next' && page >= pages ? previous : pressed.current === 'previous' && page <= 1 ? next : undefined;
    pressed.current = undefined;
    other?.current?.focus();
  }, [page, pages]);
  if (pages <= 1) return null;
  const go = (direction: 'previous' | 'next') => {
    pressed.current = direction;
    onPage(direction === 'next' ? page + 1 : page - 1);
  };
  return (
    <nav class="pager" aria-label={label}>
      <button type="button" ref={previous} disabled={page <= 1} onClick={() => go('previous')}>
        {t('dashboard_previousPage')}
      </button>
      <span aria-live="polite" data-testid="pager-position">
        {t('dashboard_pageOf', formatNumber(page), formatNumber(pages))}
      </span>
      <button type="button" ref={next} disabled={page >= pages} onClick={() => go('next')}>
        {t('dashboard_nextPage')}
      </button>
    </nav>
  );
}
