/** Previous and next page buttons around "Page 2 of 3"; hidden when everything fits on one page. */
import { t } from '../lib/i18n.ts';
import { formatNumber } from '../lib/ui/format.ts';

/** `label` names the list the pager moves through, for screen readers ("Packages pages"). */
export function Pager({ page, pages, label, onPage }: { page: number; pages: number; label: string; onPage(page: number): void }) {
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={label}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('dashboard_previousPage')}
      </button>
      <span aria-live="polite" data-testid="pager-position">
        {t('dashboard_pageOf', formatNumber(page), formatNumber(pages))}
      </span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('dashboard_nextPage')}
      </button>
    </nav>
  );
}
