/**
 * The toolbar popup: the key-entry screen until a key is set, then the proxy status and the
 * Accounts, Extract, Custom, This site and Static tabs. Everything comes from the background (lib/background/requests.ts); the
 * cached lists are first drawn from the entries it stored (lib/ui/watch.ts).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { lazyView } from '../../components/lazy.tsx';
import { ErrorState, Loading } from '../../components/States.tsx';
import { TabList, TabPanel } from '../../components/Tabs.tsx';
import { AccountsView, preloadAccountViews } from '../../components/popup/AccountsView.tsx';
import { StatusHeader } from '../../components/popup/StatusHeader.tsx';
import { useTheme } from '../../lib/ui/use-theme.ts';
import { t } from '../../lib/shared/i18n.ts';
import type { KeyStatus } from '../../lib/background/requests.ts';
import type { Settings } from '../../lib/background/settings.ts';
import { useBackgroundValue } from '../../lib/ui/hooks.ts';
import { whenIdle } from '../../lib/ui/first-view.ts';

type Tab = 'accounts' | 'extract' | 'static' | 'custom' | 'site';

// Not part of the first draw: loaded on first use, or once the first view is on screen.
const KeyEntry = lazyView(() => import('../../components/popup/KeyEntry.tsx').then((module) => module.KeyEntry));
const ExtractView = lazyView(() => import('../../components/popup/ExtractView.tsx').then((module) => module.ExtractView));
const StaticView = lazyView(() => import('../../components/popup/StaticView.tsx').then((module) => module.StaticView));
const CustomView = lazyView(() => import('../../components/popup/CustomView.tsx').then((module) => module.CustomView));
// Mostly empty: drawn once its code is in, with no placeholder meanwhile.
const Notices = lazyView(() => import('../../components/Notices.tsx').then((module) => module.Notices), { quiet: true });
const RouteSiteView = lazyView(() => import('../../components/popup/RouteSiteView.tsx').then((module) => module.RouteSiteView));

/** The popup's root: theme, key gate, then the main view. */
export function App() {
  const settings = useBackgroundValue('getSettings');
  const keyStatus = useBackgroundValue('getKeyStatus');
  useTheme(settings.value?.theme);

  if (keyStatus.error) return <ErrorState error={keyStatus.error} onRetry={keyStatus.reload} />;
  if (!keyStatus.value) return <Loading />;
  if (!keyStatus.value.set) return <KeyEntry apiBaseUrl={settings.value?.apiBaseUrl} />;
  if (settings.error) return <ErrorState error={settings.error} onRetry={settings.reload} />;
  if (!settings.value) return <Loading />;
  return <Main settings={settings.value} keyStatus={keyStatus.value} />;
}

function Main({ settings, keyStatus }: { settings: Settings; keyStatus: KeyStatus }) {
  const [tab, setTab] = useState<Tab>('accounts');
  // A tab is mounted on its first visit and kept, so switching back keeps its filters and results.
  const [visited, setVisited] = useState<ReadonlySet<Tab>>(new Set(['accounts']));
  // Once the first paint is done and the page idle, so that the clicks find the views loaded.
  useEffect(
    () =>
      whenIdle(() => {
        void ExtractView.preload();
        void StaticView.preload();
        void CustomView.preload();
        preloadAccountViews();
      }),
    [],
  );
  const select = (next: Tab) => {
    setTab(next);
    setVisited((seen) => (seen.has(next) ? seen : new Set([...seen, next])));
  };
  const tabs = [
    { id: 'accounts', label: t('popup_tabAccounts') },
    { id: 'extract', label: t('popup_tabExtract') },
    { id: 'custom', label: t('popup_tabCustom') },
    { id: 'site', label: t('popup_tabSite') },
    { id: 'static', label: t('popup_tabStatic') },
  ] as const;
  const panel = (id: Tab, view: ComponentChildren) =>
    visited.has(id) && (
      <div hidden={tab !== id} class="panel-slot">
        <TabPanel idBase="popup" id={id} class="panel">
          {view}
        </TabPanel>
      </div>
    );
  return (
    <div class="popup">
      <StatusHeader />
      <Notices />
      {keyStatus.set && keyStatus.unverified && (
        <p class="banner warn" role="note">
          {t('popup_unverified')}
        </p>
      )}
      <TabList idBase="popup" label={t('popup_tabsLabel')} tabs={tabs} selected={tab} onSelect={select} />
      {panel('accounts', <AccountsView gateway={settings.gateway} />)}
      {panel('extract', <ExtractView />)}
      {panel('custom', <CustomView />)}
      {panel('static', <StaticView />)}
      {panel('site', <RouteSiteView />)}
    </div>
  );
}
