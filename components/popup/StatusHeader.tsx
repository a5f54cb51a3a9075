/**
 * The top of the popup: where the browser's traffic goes now (the endpoint, its exit IP and country,
 * connecting or why it failed), a new IP for a sticky account session, disconnect, links to the dashboard and options, and a warning when
 * the traffic packages run low or expire soon.
 */
import { t } from '../../lib/shared/i18n.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';
import { describeEndpoint } from '../../lib/shared/endpoint-names.ts';
import { useAction } from '../../lib/ui/use-action.ts';
import { formatTraffic } from '../../lib/shared/format.ts';
import { useBackgroundValue, useCachedList } from '../../lib/ui/hooks.ts';
import { regionName } from '../../lib/ui/region.ts';
import { trafficWarning } from '../../lib/ui/traffic.ts';
import { openOptions, pageUrl } from '../../lib/ui/page-links.ts';
import { ActionError } from '../States.tsx';
import { lazyView } from '../lazy.tsx';

// After the first paint, drawn once its code is in.
const TabExitLine = lazyView(() => import('./TabExitLine.tsx').then((module) => module.TabExitLine), { quiet: true });

/** The header; follows the proxy status the background keeps (getProxyStatus). */
export function StatusHeader() {
  const status = useBackgroundValue('getProxyStatus');
  const disconnect = useAction();
  const recheck = useAction();
  const renew = useAction();
  const value = status.value;
  const where = value?.endpoint ? describeEndpoint(value.endpoint) : '';

  let line: string;
  if (status.error) line = status.error.message;
  else if (!value) line = t('ui_loading');
  else if (value.state === 'connected') line = t('popup_statusConnected', where);
  else if (value.state === 'connecting') line = t('popup_statusConnecting', where);
  else if (value.state === 'failed') line = t('popup_statusFailed', where);
  else line = t('popup_statusDirect');

  return (
    <header class="status">
      <div class="status-top">
        <span class={`dot ${value?.state ?? 'direct'}`} aria-hidden="true" />
        <div class="status-text" role="status" aria-live="polite">
          <strong class="status-line">{line}</strong>
          {value?.state === 'connected' && (
            <span class="muted exit">
              {value.exit ? t('popup_exit', value.exit.ip, value.exit.country ? regionName(value.exit.country) : t('popup_exitUnknownCountry')) : t('popup_exitChecking')}
            </span>
          )}
        </div>
        <nav class="status-links" aria-label={t('popup_linksLabel')}>
          <a href={pageUrl('dashboard.html')} target="_blank" rel="noopener">
            {t('popup_dashboard')}
          </a>
          <button type="button" class="link" onClick={openOptions}>
            {t('ui_options')}
          </button>
        </nav>
      </div>
      <TabExitLine />
      {value?.failure && (
        <p class={value.state === 'failed' ? 'error' : 'warn'} role="alert">
          {value.failure.message}
        </p>
      )}
      {value && value.state !== 'direct' && (
        <div class="status-actions">
          {value.endpoint?.kind === 'account' && value.endpoint.sessionId && (
            <button type="button" title={t('popup_newIpHint')} disabled={renew.pending || value.state === 'connecting'} onClick={() => void renew.run(() => sendToBackground('newSession', {}))}>
              {t('popup_newIp')}
            </button>
          )}
          {value.state === 'connected' && (
            <button type="button" disabled={recheck.pending} onClick={() => void recheck.run(() => sendToBackground('checkExit', {}))}>
              {t('popup_checkExit')}
            </button>
          )}
          <button type="button" disabled={disconnect.pending} onClick={() => void disconnect.run(() => sendToBackground('disconnect', {}))}>
            {t('popup_disconnect')}
          </button>
        </div>
      )}
      <ActionError error={disconnect.error ?? recheck.error ?? renew.error} />
      <TrafficWarning />
    </header>
  );
}

/** Dynamic residential traffic (product 9): below 10% left, or some expiring within 7 days. */
function TrafficWarning() {
  const summary = useCachedList('getPackageSummary', { productType: 9 });
  // No summary (an error, or not loaded yet) is no warning: the dashboard shows the details.
  const warning = summary.data && trafficWarning(summary.data);
  if (!warning) return null;
  return (
    <p class="banner warn" role="note">
      {warning.low && t('popup_trafficLow', formatTraffic(summary.data!.effective))}{' '}
      {warning.expiringKb > 0 && t('popup_trafficExpiring', formatTraffic(warning.expiringKb))}{' '}
      <a href={pageUrl('dashboard.html', 'packages')} target="_blank" rel="noopener">
        {t('popup_trafficDetails')}
      </a>
    </p>
  );
}
