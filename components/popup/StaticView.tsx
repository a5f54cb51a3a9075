/**
 * The Static tab: the static IPs bought (get-static-ip, with its country, type, status and order
 * filters, a page at a time), connect and copy for each, a renewal entry point (the dashboard's order
 * form with the chosen IPs), a warning when some are about to expire and, on demand, the stock on sale
 * per country.
 */
import { useId, useLayoutEffect, useState } from 'preact/hooks';
import type { StaticIp } from '../../lib/background/api/schemas.ts';
import { t, tCount, type MessageKey } from '../../lib/shared/i18n.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';
import type { RequestInput } from '../../lib/background/requests.ts';
import { useAction } from '../../lib/ui/use-action.ts';
import { formatApiTime, formatNumber } from '../../lib/shared/format.ts';
import { useCachedList } from '../../lib/ui/hooks.ts';
import { pageCount, useSteadyPageCount } from '../../lib/ui/paging.ts';
import { proxyLine } from '../../lib/ui/proxy-text.ts';
import { regionName } from '../../lib/ui/region.ts';
import { CopyButton } from '../CopyButton.tsx';
import { ExpiryBadge } from '../ExpiryBadge.tsx';
import { Pager } from '../Pager.tsx';
import { STATIC_IP_STATUS, STATIC_PRODUCT_TYPE_LIST, STATIC_PRODUCT_TYPES } from '../../lib/shared/products.ts';
import { productTypeName } from '../../lib/shared/product-names.ts';
import { ProductTypeSelect } from '../ProductTypeSelect.tsx';
import { ActionError, EmptyState, ErrorState, Loading } from '../States.tsx';
import { pageUrl } from '../../lib/ui/page-links.ts';

type Filters = Omit<RequestInput<'getStaticIps'>, 'page' | 'size' | 'refresh' | 'known'>;
type Status = NonNullable<Filters['status']>;
const STATUS_TEXT: Record<number, MessageKey> = {
  [STATIC_IP_STATUS.valid]: 'popup_staticValid',
  [STATIC_IP_STATUS.invalid]: 'popup_staticInvalid',
  [STATIC_IP_STATUS.expiring]: 'popup_staticExpiring',
  [STATIC_IP_STATUS.maintenance]: 'popup_staticMaintenance',
};
const STATIC_PAGE_SIZE = 20;
/** The IPs the provider marks as about to expire, asked for by the warning. */
const EXPIRING: Filters = { status: STATIC_IP_STATUS.expiring };

/** A two-letter code as the API takes it, undefined for "every country", null when it is not one. */
const countryFilter = (text: string): string | undefined | null => (text === '' ? undefined : /^[A-Za-z]{2}$/.test(text) ? text.toUpperCase() : null);

/** The Static tab. */
export function StaticView() {
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const list = useCachedList('getStaticIps', { ...filters, page, size: STATIC_PAGE_SIZE });
  const expiring = useCachedList('getStaticIps', { ...EXPIRING, page: 1, size: STATIC_PAGE_SIZE });
  const connect = useAction();
  const ips = list.data?.list;
  const pages = useSteadyPageCount(list.data && pageCount({ total: list.data.total, shown: list.data.list.length, page, size: STATIC_PAGE_SIZE }));
  // Every filter applies when its value changes, and only then: one request per change.
  const apply = (next: Filters) => {
    if (JSON.stringify(next) === JSON.stringify(filters)) return;
    setFilters(next);
    setPage(1);
  };
  const set = (patch: Partial<Filters>) => apply({ ...filters, ...patch });
  const toggle = (id: number) =>
    setChosen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  // Only what is on screen is renewed: a choice the filters or the page now hide stays out.
  const renewIds = (ips ?? []).flatMap((ip) => (ip.id !== undefined && chosen.has(ip.id) ? [ip.id] : []));
  const expiringCount = expiring.data && (expiring.data.total ?? expiring.data.list.length);

  return (
    <div class="view">
      <div class="scroll">
        <form class="toolbar wrap" role="search" onSubmit={(event) => event.preventDefault()}>
          <TextFilter class="narrow" label={t('popup_staticCountry')} placeholder={t('popup_staticCountryPlaceholder')} maxLength={2} invalid={t('popup_staticCountryInvalid')} parse={countryFilter} applied={filters.countryCode} onApply={(countryCode) => set({ countryCode })} />
          <ProductTypeSelect aria-label={t('popup_staticType')} types={STATIC_PRODUCT_TYPE_LIST} value={filters.productType} anyLabel={t('popup_staticTypeAll')} onChange={(productType) => set({ productType })} />
          <select aria-label={t('popup_staticStatus')} value={filters.status ?? ''} onChange={(event) => set({ status: event.currentTarget.value ? (Number(event.currentTarget.value) as Status) : undefined })}>
            <option value="">{t('popup_statusAll')}</option>
            {Object.entries(STATUS_TEXT).map(([value, key]) => (
              <option key={value} value={value}>
                {t(key)}
              </option>
            ))}
          </select>
          <TextFilter label={t('ui_orderNumber')} placeholder={t('popup_staticTradeNoPlaceholder')} parse={(text) => text || undefined} applied={filters.tradeNo} onApply={(tradeNo) => set({ tradeNo })} />
        </form>
        {expiringCount !== undefined && expiringCount > 0 && filters.status !== EXPIRING.status && (
          <p class="banner warn" role="note">
            {tCount('popup_staticExpiringSoon', expiringCount)}{' '}
            <button type="button" class="link" onClick={() => apply(EXPIRING)}>
              {t('popup_staticShowExpiring')}
            </button>
          </p>
        )}
        <ActionError error={connect.error} />
        {ips === undefined ? (
          list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : <Loading list={list} />
        ) : ips.length === 0 ? (
          <EmptyState>{t('popup_staticNone')}</EmptyState>
        ) : (
          <>
            <ul class="static-list" aria-label={t('popup_tabStatic')}>
              {ips.map((ip, index) => (
                <StaticRow key={ip.id ?? `${ip.host}:${ip.port ?? index}`} ip={ip} chosen={ip.id !== undefined && chosen.has(ip.id)} onToggle={toggle} onConnect={(endpoint) => void connect.run(() => sendToBackground('connect', { endpoint }))} busy={connect.pending} />
              ))}
            </ul>
            <p class="row">
              {/* Without an href, an <a> is no link to assistive technology: the role keeps it one, disabled. */}
              <a role="link" class={renewIds.length ? 'button' : 'button disabled'} aria-disabled={renewIds.length === 0} href={renewIds.length ? pageUrl('dashboard.html', `renew=${renewIds.join(',')}`) : undefined} target="_blank" rel="noopener">
                {t('popup_renew', formatNumber(renewIds.length))}
              </a>
            </p>
          </>
        )}
        <Pager page={page} pages={pages} label={t('popup_staticPages')} onPage={setPage} />
        <Stock />
      </div>
    </div>
  );
}

interface TextFilterProps {
  label: string;
  placeholder: string;
  maxLength?: number;
  class?: string;
  /** The filter's value for the trimmed text: undefined for none, null when the text is not valid. */
  parse(text: string): string | undefined | null;
  /** Said beside the field while its text is not valid (never sent). */
  invalid?: string;
  applied: string | undefined;
  onApply(value: string | undefined): void;
}

/** A typed filter: it applies when its text is committed (Enter, or leaving the field), as a select applies when chosen. */
function TextFilter({ label, placeholder, maxLength, class: className, parse, invalid, applied, onApply }: TextFilterProps) {
  const [text, setText] = useState(applied ?? '');
  const [refused, setRefused] = useState(false);
  const errorId = useId();
  // The field shows the filter in force: as sent ("jp" becomes "JP"), or cleared from elsewhere.
  useLayoutEffect(() => {
    setText(applied ?? '');
    setRefused(false);
  }, [applied]);
  return (
    <>
      <input
        type="text"
        class={className}
        aria-label={label}
        placeholder={placeholder}
        maxLength={maxLength}
        spellcheck={false}
        value={text}
        aria-invalid={refused}
        aria-describedby={refused ? errorId : undefined}
        onInput={(event) => setText(event.currentTarget.value)}
        onChange={(event) => {
          const value = parse(event.currentTarget.value.trim());
          setRefused(value === null);
          if (value !== null) onApply(value);
        }}
      />
      {refused && (
        <p id={errorId} class="error small field-error" role="alert">
          {invalid}
        </p>
      )}
    </>
  );
}

type StaticEndpoint = Extract<RequestInput<'connect'>['endpoint'], { kind: 'static' }>;

function StaticRow({ ip, chosen, onToggle, onConnect, busy }: { ip: StaticIp; chosen: boolean; onToggle: (id: number) => void; onConnect: (endpoint: StaticEndpoint) => void; busy: boolean }) {
  const host = ip.host ?? '';
  const address = ip.port === undefined ? host : `${host}:${ip.port}`;
  const line = ip.port === undefined ? host : proxyLine({ host, port: ip.port, username: ip.username, password: ip.password });
  const status = ip.status !== undefined ? STATUS_TEXT[ip.status] : undefined;
  return (
    <li class="static-row">
      {ip.id !== undefined && <input type="checkbox" checked={chosen} aria-label={t('popup_chooseForRenewal', address)} onChange={() => onToggle(ip.id!)} />}
      <div class="account-main">
        <code>{address}</code>
        <div class="muted small">
          {[ip.country_code && regionName(ip.country_code), ip.product_type !== undefined && productTypeName(ip.product_type), status && t(status), ip.expired_at && t('popup_expires', formatApiTime(ip.expired_at))].filter(Boolean).join(' · ')}{' '}
          <ExpiryBadge expiredAt={ip.expired_at} />
        </div>
      </div>
      {ip.port !== undefined && (
        <>
          <button
            type="button"
            class="primary"
            disabled={busy}
            aria-label={t('popup_connectTo', address)}
            onClick={() => onConnect({ kind: 'static', host, port: ip.port!, ...(ip.username && { username: ip.username, password: ip.password ?? '' }), ...(ip.country_code?.length === 2 && { country: ip.country_code }) })}
          >
            {t('popup_connect')}
          </button>
          <CopyButton text={line} label={t('popup_copyIp', address)}>
            {t('popup_copy')}
          </CopyButton>
        </>
      )}
    </li>
  );
}

/** Stock per country, asked for only when opened (it is not needed to use the popup). */
function Stock() {
  const [open, setOpen] = useState(false);
  return (
    <details class="stock" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('popup_stock')}</summary>
      {open && <StockList />}
    </details>
  );
}

function StockList() {
  const [kind, setKind] = useState<'residential' | 'datacenter'>('residential');
  const stock = useCachedList('getStaticIpStock', { kind });
  return (
    <div>
      <select aria-label={t('popup_stockType')} value={kind} onChange={(event) => setKind(event.currentTarget.value as typeof kind)}>
        <option value="residential">{productTypeName(STATIC_PRODUCT_TYPES.residential)}</option>
        <option value="datacenter">{productTypeName(STATIC_PRODUCT_TYPES.datacenter)}</option>
      </select>
      {stock.data === undefined ? (
        stock.error ? <ErrorState error={stock.error} onRetry={stock.reload} /> : <Loading list={stock} />
      ) : stock.data.length === 0 ? (
        <EmptyState>{t('popup_stockNone')}</EmptyState>
      ) : (
        <table class="stock-table">
          <thead>
            <tr>
              <th scope="col">{t('ui_country')}</th>
              <th scope="col">{t('popup_stockCount')}</th>
            </tr>
          </thead>
          <tbody>
            {stock.data.map((region) => (
              <tr key={region.code}>
                <td>{regionName(region.code)}</td>
                <td>{formatNumber(region.number)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
