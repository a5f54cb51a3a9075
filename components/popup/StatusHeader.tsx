/**
 * The top of the popup: where the browser's traffic goes now (the endpoint, its exit IP and country,
 * connecting or why it failed), a new IP for a sticky account session, disconnect, links to the dashboard and options, and a warning when
 * the traffic packages run low or expire soon (TrafficWarning.tsx, loaded after the first paint).
 */
import { t } from '../../lib/shared/i18n.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';
import { describeEndpoint } from '../../lib/shared/endpoint-names.ts';
import { useAction } from '../../lib/ui/use-action.ts';
import { useBackgroundValue } from '../../lib/ui/hooks.ts';
import { regionName } from '../../lib/ui/region.ts';
import { openOptions, pageUrl } from '../../lib/ui/page-links.ts';
import { ActionError } from '../States.tsx';
import { lazyView } from '../lazy.tsx';

// After the first paint, drawn once its code is in.
const TabExitLine = lazyView(() => import('./TabExitLine.tsx').then((module) => module.TabExitLine), { quiet: true });
// Mostly empty: drawn once its code is in, with no placeholder meanwhile.
const TrafficWarning = lazyView(() => import('./TrafficWarning.tsx').then((module) => module.TrafficWarning), { quiet: true });

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
