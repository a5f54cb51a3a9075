/**
 * The Custom tab: the user's own proxies (made in the options), each connected in one click like any
 * other endpoint; the one in use is marked.
 */
import { t } from '../../lib/shared/i18n.ts';
import { proxyAddress } from '../../lib/shared/custom-proxy.ts';
import { SCHEME_NAMES, useCustomEndpoints } from '../../lib/ui/custom-endpoints.ts';
import { openOptions } from '../../lib/ui/page-links.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';
import { useAction } from '../../lib/ui/use-action.ts';
import { CustomEndpointList } from '../CustomEndpointList.tsx';
import { ActionError } from '../States.tsx';

export function CustomView() {
  const { saved, activeId } = useCustomEndpoints();
  const connect = useAction();
  return (
    <div class="view">
      <div class="scroll">
        <ActionError error={connect.error} />
        <CustomEndpointList saved={saved} label={t('popup_tabCustom')} class="static-list">
          {(endpoint) => {
            const name = endpoint.label ?? proxyAddress(endpoint);
            return (
              <li key={endpoint.id} class="static-row">
                <div class="account-main">
                  <span>{name}</span>
                  <span class="muted small">
                    {SCHEME_NAMES[endpoint.scheme]} · {proxyAddress(endpoint)}
                    {endpoint.username && ` · ${endpoint.username}`}
                  </span>
                </div>
                {endpoint.id === activeId ? (
                  <span class="badge ok">{t('custom_inUse')}</span>
                ) : (
                  <button type="button" class="primary" disabled={connect.pending} aria-label={t('popup_connectTo', name)} onClick={() => void connect.run(() => sendToBackground('connect', { endpoint }))}>
                    {t('popup_connect')}
                  </button>
                )}
              </li>
            );
          }}
        </CustomEndpointList>
        <p>
          <button type="button" class="link" onClick={openOptions}>
            {t('popup_customManage')}
          </button>
        </p>
      </div>
    </div>
  );
}
