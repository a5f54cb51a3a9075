/**
 * Orders with the API's filters (status, product type, order number) and paging; an unpaid order can
 * be cancelled after a confirmation. The list refreshes by itself after a change (the background
 * refetches what a change made stale).
 */
import { useState } from 'preact/hooks';
import { t, uiLanguage } from '../../lib/shared/i18n.ts';
import type { Order } from '../../lib/background/api/schemas.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';
import { formatApiTime } from '../../lib/shared/format.ts';
import { formatAmount } from '../../lib/ui/amount.ts';
import { useCachedList } from '../../lib/ui/hooks.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { EmptyState, ErrorState, Loading } from '../States.tsx';
import { Pager } from '../Pager.tsx';
import { useSteadyPageCount } from '../../lib/ui/paging.ts';
import { KNOWN_PRODUCT_TYPES, ORDER_STATUS, ORDER_STATUS_LIST, type KnownProductType, type OrderStatus } from '../../lib/shared/products.ts';
import { ProductTypeSelect } from '../ProductTypeSelect.tsx';
import { SearchBox } from './SearchBox.tsx';

const ORDERS_PAGE_SIZE = 10;
const STATUS_BADGE: Record<OrderStatus, string> = { [ORDER_STATUS.unpaid]: 'warn', [ORDER_STATUS.paid]: 'ok', [ORDER_STATUS.cancelled]: '', [ORDER_STATUS.refunded]: '' };

const isStatus = (status: number): status is OrderStatus => (ORDER_STATUS_LIST as readonly number[]).includes(status);
const statusName = (status: number): string => (isStatus(status) ? t(`dashboard_orderStatus_${status}`) : String(status));

/** Order times come as ISO 8601 with a zone; the API's zone-less local times are handled too. */
function formatOrderTime(text: string): string {
  if (!/[zZ]|[+-]\d{2}:?\d{2}$/.test(text)) return formatApiTime(text);
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** The orders section of the dashboard. */
export function OrdersSection() {
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState('');
  const [productType, setProductType] = useState<KnownProductType>();
  const [tradeNo, setTradeNo] = useState('');
  const [cancelling, setCancelling] = useState<Order>();
  const [cancelled, setCancelled] = useState<string>();
  const orders = useCachedList('getOrders', {
    pageNo: page,
    pageSize: ORDERS_PAGE_SIZE,
    ...(status && { status: Number(status) as OrderStatus }),
    ...(productType !== undefined && { productType }),
    ...(tradeNo && { tradeNo }),
  });
  const filter = <V,>(set: (value: V) => void) => (value: V) => {
    set(value);
    setPage(1);
  };
  const data = orders.data;
  const pages = useSteadyPageCount(data?.pagination.total_pages);

  return (
    <section class="card" aria-labelledby="orders-title" id="orders">
      <h2 id="orders-title">{t('dashboard_ordersTitle')}</h2>
      <div class="row">
        <div class="field">
          <label for="orders-status">{t('dashboard_orderStatus')}</label>
          <select id="orders-status" value={status} onChange={(event) => filter(setStatus)(event.currentTarget.value)}>
            <option value="">{t('dashboard_allStatuses')}</option>
            {ORDER_STATUS_LIST.map((value) => (
              <option key={value} value={String(value)}>
                {statusName(value)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="orders-product">{t('ui_productType')}</label>
          <ProductTypeSelect id="orders-product" types={KNOWN_PRODUCT_TYPES} value={productType} anyLabel={t('dashboard_allProductTypes')} onChange={filter(setProductType)} />
        </div>
        <SearchBox id="orders-search" label={t('ui_orderNumber')} value={tradeNo} onSearch={filter(setTradeNo)} />
      </div>
      <div aria-live="polite">{cancelled && <p class="status-ok">{t('dashboard_orderCancelled', cancelled)}</p>}</div>
      {orders.error && <ErrorState error={orders.error} onRetry={orders.reload} />}
      {!data ? (
        !orders.error && <Loading list={orders} />
      ) : data.list.length === 0 ? (
        <EmptyState>{t('dashboard_ordersEmpty')}</EmptyState>
      ) : (
        <div class="table-scroll">
          <table data-testid="order-table">
            <caption class="visually-hidden">{t('dashboard_ordersTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ui_orderNumber')}</th>
                <th scope="col">{t('dashboard_product')}</th>
                <th scope="col" class="number">
                  {t('dashboard_orderFee')}
                </th>
                <th scope="col">{t('dashboard_orderStatus')}</th>
                <th scope="col">{t('dashboard_orderCreated')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('dashboard_actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.list.map((order) => (
                <tr key={order.trade_no} data-trade-no={order.trade_no}>
                  <td>
                    <code>{order.trade_no}</code>
                  </td>
                  <td>{order.product_name || '—'}</td>
                  <td class="number">
                    {formatAmount(order.pay_fee)}
                    {order.pay_fee !== order.total_fee && <span class="hint"> ({t('dashboard_orderListPrice', formatAmount(order.total_fee))})</span>}
                  </td>
                  <td>
                    <span class={`badge ${isStatus(order.status) ? STATUS_BADGE[order.status] : ''}`}>{statusName(order.status)}</span>
                  </td>
                  <td>{formatOrderTime(order.created_at)}</td>
                  <td>
                    {order.status === 0 && (
                      <button type="button" class="danger" aria-label={t('dashboard_orderCancelLabel', order.trade_no)} onClick={() => setCancelling(order)}>
                        {t('dashboard_orderCancel')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pages={pages} label={t('dashboard_ordersPages')} onPage={setPage} />
      {cancelling && (
        <ConfirmDialog
          title={t('dashboard_orderCancelTitle')}
          confirmLabel={t('dashboard_orderCancel')}
          danger
          onConfirm={async () => {
            setCancelled(undefined);
            await sendToBackground('closeOrder', { tradeNo: cancelling.trade_no });
            setCancelled(cancelling.trade_no);
          }}
          onClose={() => setCancelling(undefined)}
        >
          <p>{t('dashboard_orderCancelBody', cancelling.trade_no, cancelling.product_name)}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
