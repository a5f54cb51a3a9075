/**
 * The Static tab: the static IPs bought (get-static-ip, with its country, type and status filters),
 * connect and copy for each, a renewal entry point (the dashboard's order form with the chosen IPs)
 * and, on demand, the stock on sale per country.
 */
import { useState } from 'preact/hooks';
import type { StaticIp } from '../../lib/api/schemas.ts';
import { t, type MessageKey } from '../../lib/i18n.ts';
import { sendToBackground, type RequestInput } from '../../lib/messaging.ts';
import { useAction } from '../useAction.ts';
import { formatApiTime, formatNumber } from '../../lib/ui/format.ts';
import { useCachedList } from '../../lib/ui/hooks.ts';
import { proxyLine } from '../../lib/ui/proxy-text.ts';
import { regionName } from '../../lib/ui/region.ts';
import { CopyButton } from '../CopyButton.tsx';
import { productTypeName } from '../product-type.ts';
import { EmptyState, ErrorState, Loading } from '../States.tsx';
import { pageUrl } from './links.ts';

type Filters = RequestInput<'getStaticIps'>;
const STATUS_TEXT: Record<number, MessageKey> = { 1: 'popup_staticValid', 2: 'popup_staticInvalid', 3: 'popup_staticExpiring', 4: 'popup_staticMaintenance' };

/** The Static tab. */
export function StaticView() {
  const [filters, setFilters] = useState<Filters>({});
  const [country, setCountry] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const list = useCachedList('getStaticIps', filters);
  const connect = useAction();
  const ips = list.data?.list;
  const set = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }));
  const toggle = (id: number) =>
    setChosen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <div class="view">
      <div class="scroll">
        <form
          class="toolbar wrap"
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            set({ countryCode: /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : undefined });
          }}
        >
          <input class="narrow" aria-label={t('popup_staticCountry')} placeholder={t('popup_staticCountryPlaceholder')} maxLength={2} value={country} onInput={(event) => setCountry(event.currentTarget.value)} onBlur={(event) => event.currentTarget.form?.requestSubmit()} />
          <select aria-label={t('popup_staticType')} value={filters.productType ?? ''} onChange={(event) => set({ productType: event.currentTarget.value ? (Number(event.currentTarget.value) as 25 | 14) : undefined })}>
            <option value="">{t('popup_staticTypeAll')}</option>
            <option value="25">{productTypeName(25)}</option>
            <option value="14">{productTypeName(14)}</option>
          </select>
          <select aria-label={t('popup_staticStatus')} value={filters.status ?? ''} onChange={(event) => set({ status: event.currentTarget.value ? (Number(event.currentTarget.value) as 1 | 2 | 3 | 4) : undefined })}>
            <option value="">{t('popup_statusAll')}</option>
            {Object.entries(STATUS_TEXT).map(([value, key]) => (
              <option key={value} value={value}>
                {t(key)}
              </option>
            ))}
          </select>
          <button type="submit">{t('popup_apply')}</button>
        </form>
        {connect.error && (
          <p class="error small" role="alert">
            {connect.error.message}
          </p>
        )}
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
              <a class={chosen.size ? 'button' : 'button disabled'} aria-disabled={chosen.size === 0} href={chosen.size ? pageUrl('dashboard.html', `renew=${[...chosen].join(',')}`) : undefined} target="_blank" rel="noopener">
                {t('popup_renew', formatNumber(chosen.size))}
              </a>
            </p>
          </>
        )}
        <Stock />
      </div>
    </div>
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
          {[ip.country_code && regionName(ip.country_code), ip.product_type !== undefined && productTypeName(ip.product_type), status && t(status), ip.expired_at && t('popup_expires', formatApiTime(ip.expired_at))].filter(Boolean).join(' · ')}
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
      <select aria-label={t('popup_staticType')} value={kind} onChange={(event) => setKind(event.currentTarget.value as typeof kind)}>
        <option value="residential">{productTypeName(25)}</option>
        <option value="datacenter">{productTypeName(14)}</option>
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
