/**
 * Purchased packages: the traffic summary (remaining, expiring within 7 days, expired, used) for the
 * two traffic products the API summarises, and the package list with paging and order-number search,
 * each package marked when it has expired or expires within the summary's window.
 */
import { useState } from 'preact/hooks';
import { t, tCount } from '../../lib/shared/i18n.ts';
import { formatApiTime, formatTraffic } from '../../lib/shared/format.ts';
import { useCachedList } from '../../lib/ui/hooks.ts';
import type { PackageSummary } from '../../lib/background/api/schemas.ts';
import { ExpiryBadge } from '../ExpiryBadge.tsx';
import { EmptyState, ErrorState, Loading } from '../States.tsx';
import { Pager } from '../Pager.tsx';
import { useSteadyPageCount } from '../../lib/ui/paging.ts';
import { DEFAULT_SUMMARY_PRODUCT_TYPE, SUMMARY_PRODUCT_TYPES, type SummaryProductType } from '../../lib/shared/products.ts';
import { productTypeName } from '../../lib/shared/product-names.ts';
import { ProductTypeSelect } from '../ProductTypeSelect.tsx';
import { SearchBox } from './SearchBox.tsx';

const PACKAGES_PAGE_SIZE = 20;

/** The packages section of the dashboard. */
export function PackagesSection() {
  return (
    <section class="card" aria-labelledby="packages-title" id="packages">
      <h2 id="packages-title">{t('dashboard_packagesTitle')}</h2>
      <Summary />
      <PackageList />
    </section>
  );
}

function Summary() {
  const [productType, setProductType] = useState<SummaryProductType>(DEFAULT_SUMMARY_PRODUCT_TYPE);
  const summary = useCachedList('getPackageSummary', { productType });
  return (
    <>
      <div class="field">
        <label for="summary-product">{t('dashboard_summaryProduct')}</label>
        <ProductTypeSelect id="summary-product" types={SUMMARY_PRODUCT_TYPES} value={productType} onChange={(type) => setProductType(type ?? DEFAULT_SUMMARY_PRODUCT_TYPE)} />
      </div>
      {summary.data ? (
        <>
          {summary.error && <ErrorState error={summary.error} onRetry={summary.reload} />}
          <SummaryFigures summary={summary.data} />
        </>
      ) : summary.error ? (
        <ErrorState error={summary.error} onRetry={summary.reload} />
      ) : (
        <Loading list={summary} />
      )}
    </>
  );
}

function SummaryFigures({ summary }: { summary: PackageSummary }) {
  if (summary.total_count === 0) return <EmptyState>{t('dashboard_summaryEmpty')}</EmptyState>;
  const figure = (label: string, kilobytes: number, detail: string, attention = false) => (
    <div class={attention ? 'attention' : undefined}>
      <dt>{label}</dt>
      <dd>
        {formatTraffic(kilobytes)} <span class="hint">{detail}</span>
      </dd>
    </div>
  );
  return (
    <dl class="figures" data-testid="package-summary">
      {figure(t('dashboard_summaryRemaining'), summary.effective, tCount('dashboard_summaryOf', summary.effective_count, formatTraffic(summary.effective_total)))}
      {figure(t('dashboard_summaryExpiring'), summary.temporary, tCount('dashboard_summaryPackages', summary.temporary_count), summary.temporary_count > 0)}
      {figure(t('dashboard_summaryExpired'), summary.expired, tCount('dashboard_summaryPackages', summary.expired_count))}
      {figure(t('dashboard_summaryUsed'), summary.used, tCount('dashboard_summaryPackages', summary.total_count))}
    </dl>
  );
}

function PackageList() {
  const [page, setPage] = useState(1);
  const [tradeNo, setTradeNo] = useState('');
  const packages = useCachedList('getPackages', { page, size: PACKAGES_PAGE_SIZE, ...(tradeNo && { tradeNo }) });
  const data = packages.data;
  const pages = useSteadyPageCount(data?.total_page);
  return (
    <>
      <h3>{t('dashboard_packageList')}</h3>
      <SearchBox
        id="packages-search"
        label={t('ui_orderNumber')}
        hint={t('dashboard_orderNumberHint')}
        value={tradeNo}
        onSearch={(text) => {
          setTradeNo(text);
          setPage(1);
        }}
      />
      {packages.error && <ErrorState error={packages.error} onRetry={packages.reload} />}
      {!data ? (
        !packages.error && <Loading list={packages} />
      ) : data.list.length === 0 ? (
        <EmptyState>{tradeNo ? t('dashboard_packagesNoMatch', tradeNo) : t('dashboard_packagesEmpty')}</EmptyState>
      ) : (
        <div class="table-scroll">
          <table data-testid="package-table">
            <caption class="visually-hidden">{t('dashboard_packageList')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard_package')}</th>
                <th scope="col">{t('ui_productType')}</th>
                <th scope="col">{t('ui_orderNumber')}</th>
                <th scope="col">{t('dashboard_bought')}</th>
                <th scope="col">{t('dashboard_expires')}</th>
              </tr>
            </thead>
            <tbody>
              {data.list.map((item) => (
                <tr key={item.id}>
                  <td>{item.order?.title || '—'}</td>
                  <td>{productTypeName(item.product_type)}</td>
                  <td>
                    <code>{item.trade_no}</code>
                  </td>
                  <td>{formatApiTime(item.created_at)}</td>
                  <td>
                    {formatApiTime(item.expired_at)} <ExpiryBadge expiredAt={item.expired_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pages={pages} label={t('dashboard_packagesPages')} onPage={setPage} />
    </>
  );
}
