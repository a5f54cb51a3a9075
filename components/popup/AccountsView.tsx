/**
 * The Accounts tab: search, filter and sort over a virtualized list (smooth at 10,000 accounts), one
 * account's details and actions, and the form that adds one or many. The search text and sort orders
 * are computed once per data change (lib/ui/filter.ts); a keystroke only filters, and only the rows
 * in view render.
 */
import { memo } from '../../lib/ui/memo.ts';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { Account } from '../../lib/background/api/schemas.ts';
import { t, tCount } from '../../lib/shared/i18n.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';
import type { Gateway } from '../../lib/background/proxy/endpoint.ts';
import { useAction } from '../../lib/ui/use-action.ts';
import { filterAccounts, indexAccounts, isDefaultView, sortAccounts, type AccountSort, type AccountStatusFilter } from '../../lib/ui/filter.ts';
import { productTypesOf } from '../../lib/shared/account-order.ts';
import { formatNumber } from '../../lib/shared/format.ts';
import { firstViewShown } from '../../lib/ui/first-view.ts';
import { useCachedList } from '../../lib/ui/hooks.ts';
import { accountUsage } from '../../lib/ui/traffic.ts';
import { productTypeName } from '../../lib/shared/product-names.ts';
import { ProductTypeSelect } from '../ProductTypeSelect.tsx';
import { ActionError, EmptyState, ErrorState, Loading } from '../States.tsx';
import { UsageBar } from '../UsageBar.tsx';
import { VirtualList } from '../VirtualList.tsx';
import { ConnectOrEnable } from './ConnectOrEnable.tsx';
import { lazyView } from '../lazy.tsx';

const AccountDetails = lazyView(() => import('./AccountDetails.tsx').then((module) => module.AccountDetails));
const AddAccountsForm = lazyView(() => import('./AddAccountsForm.tsx').then((module) => module.AddAccountsForm));

/** Starts loading the views a click away from the list. */
export function preloadAccountViews(): void {
  void AccountDetails.preload();
  void AddAccountsForm.preload();
}

const ROW_HEIGHT = 64;

type View = { kind: 'list' } | { kind: 'details'; username: string } | { kind: 'add' };

/** The Accounts tab; `gateway` (from the settings) is where account connections and copies point. */
export function AccountsView({ gateway }: { gateway: Gateway }) {
  const accounts = useCachedList('getAccounts', {});
  const [view, setView] = useState<View>({ kind: 'list' });
  const [text, setText] = useState('');
  const [status, setStatus] = useState<AccountStatusFilter>('all');
  const [productType, setProductType] = useState<number>();
  const [sort, setSort] = useState<AccountSort>('name');
  const [notice, setNotice] = useState<string>();

  const data = accounts.data;
  const screen = accounts.firstScreen;
  // A filter or another order over the first screen would be a wrong answer: it waits for the whole list.
  const listed = !screen || isDefaultView({ text, status, productType }, sort);
  // The popup's first view: shown once the rows, the empty state or the error are.
  const settled = data !== undefined || accounts.error !== undefined;
  useEffect(() => void (settled && firstViewShown()), [settled]);
  const index = useMemo(() => indexAccounts(data ?? []), [data]);
  // A first screen is listed in the default order only, and comes in it (lib/shared/account-order.ts).
  const sorted = useMemo(() => (screen ? index : sortAccounts(index, sort)), [screen, index, sort]);
  const shown = useMemo(() => filterAccounts(sorted, { text, status, productType }), [sorted, text, status, productType]);
  const types = useMemo(() => screen?.productTypes ?? productTypesOf(data ?? []), [screen, data]);
  // Stable callbacks, so a filter change re-renders only the rows whose account changed.
  const connect = useAction();
  const { run } = connect;
  const connectAccount = useCallback(
    (account: Account) => void run(() => sendToBackground('connect', { endpoint: { kind: 'account', account: account.username, password: account.password } })),
    [run],
  );
  const enable = useAction();
  const { run: runEnable } = enable;
  const enableAccount = useCallback((account: Account) => void runEnable(() => sendToBackground('enableAccounts', { accounts: [account.username] })), [runEnable]);
  const open = useCallback((username: string) => setView({ kind: 'details', username }), []);

  if (view.kind === 'add') {
    return (
      <AddAccountsForm
        // Built here, not memoized above, so that the list's first draw does not pay for it.
        existing={new Set((data ?? []).map((account) => account.username))}
        onDone={(added) => {
          setView({ kind: 'list' });
          if (added) setNotice(tCount('popup_addedAccounts', added));
        }}
      />
    );
  }
  if (view.kind === 'details') {
    const account = data?.find((candidate) => candidate.username === view.username);
    const back = () => setView({ kind: 'list' });
    const deleted = () => {
      back();
      setNotice(t('popup_deletedAccount', view.username));
    };
    // An account gone from the data (deleted elsewhere) falls back to the list.
    if (account) return <AccountDetails account={account} gateway={gateway} onBack={back} onDeleted={deleted} />;
  }

  return (
    <div class="view">
      <div class="toolbar" role="search">
        <input type="search" aria-label={t('popup_searchAccounts')} placeholder={t('popup_searchAccounts')} value={text} onInput={(event) => setText(event.currentTarget.value)} />
        <button type="button" class="primary" onClick={() => (setNotice(undefined), setView({ kind: 'add' }))}>
          {t('popup_add')}
        </button>
      </div>
      <div class="toolbar">
        <select aria-label={t('popup_filterStatus')} value={status} onChange={(event) => setStatus(event.currentTarget.value as AccountStatusFilter)}>
          <option value="all">{t('popup_statusAll')}</option>
          <option value="enabled">{t('popup_enabled')}</option>
          <option value="disabled">{t('popup_disabled')}</option>
        </select>
        <ProductTypeSelect aria-label={t('popup_filterProduct')} types={types} value={productType} anyLabel={t('popup_productAll')} onChange={setProductType} />
        <select aria-label={t('popup_sort')} value={sort} onChange={(event) => setSort(event.currentTarget.value as AccountSort)}>
          <option value="name">{t('popup_sortName')}</option>
          <option value="usage">{t('popup_sortUsage')}</option>
          <option value="created">{t('popup_sortCreated')}</option>
        </select>
        <button type="button" aria-label={t('popup_reload')} title={t('popup_reload')} disabled={accounts.refreshing} onClick={accounts.reload}>
          ⟳
        </button>
      </div>
      {notice && (
        <p class="banner ok" role="status">
          {notice}
        </p>
      )}
      <ActionError error={connect.error ?? enable.error} />
      <ActionError error={data ? accounts.error : undefined} />
      {data === undefined && accounts.error ? (
        <ErrorState error={accounts.error} onRetry={accounts.reload} />
      ) : data === undefined || !listed ? (
        <Loading list={accounts} />
      ) : data.length === 0 ? (
        <EmptyState>{t('popup_noAccounts')}</EmptyState>
      ) : (
        <>
          <p class="count muted" role="status">
            {tCount('popup_accountCount', screen?.total ?? data.length, formatNumber(screen?.total ?? shown.length))}
          </p>
          {shown.length === 0 ? (
            <EmptyState>{t('popup_noMatch')}</EmptyState>
          ) : (
            <VirtualList
              items={shown}
              total={screen?.total}
              rowHeight={ROW_HEIGHT}
              itemKey={(account) => account.id}
              label={t('popup_tabAccounts')}
              renderRow={(account) => <AccountRow account={account} onOpen={open} onConnect={connectAccount} connecting={connect.pending} onEnable={enableAccount} enabling={enable.pending} />}
            />
          )}
        </>
      )}
    </div>
  );
}

/** One row: name, status, product and remark, the usage bar, connect (or why not, and enable) and details. */
const AccountRow = memo(function AccountRow({
  account,
  onOpen,
  onConnect,
  connecting,
  onEnable,
  enabling,
}: {
  account: Account;
  onOpen: (username: string) => void;
  onConnect: (account: Account) => void;
  connecting: boolean;
  onEnable: (account: Account) => void;
  enabling: boolean;
}) {
  const enabled = account.status === 1;
  const usage = accountUsage(account);
  return (
    <div class="account-row">
      <div class="account-main">
        <div class="account-title">
          <strong class="name">{account.username}</strong>
          <span class={`badge ${enabled ? 'ok' : 'off'}`}>{enabled ? t('popup_enabled') : t('popup_disabled')}</span>
          <span class="muted small ellipsis">{productTypeName(account.product_type)}</span>
        </div>
        <div class="muted small ellipsis">{account.remark}</div>
        <UsageBar usedKb={usage.usedKb} limitKb={usage.limitKb} />
      </div>
      <div class="account-actions">
        <div class="account-connect">
          <ConnectOrEnable account={account} connectBlocked={connecting} onConnect={() => onConnect(account)} enabling={enabling} onEnable={() => onEnable(account)} reasonClass="visually-hidden" />
        </div>
        <button type="button" aria-label={t('popup_accountDetails', account.username)} onClick={() => onOpen(account.username)}>
          {t('popup_details')}
        </button>
      </div>
    </div>
  );
});
