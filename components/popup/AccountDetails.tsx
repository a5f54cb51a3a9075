/**
 * One proxy account: connect through the gateway with a country, state, city and sticky session; copy
 * it as `host:port:user:pass` or a curl command; enable or disable it; change its password, remark and
 * limit; delete it. Each change says the provider's delay where there is one, and every input is
 * checked against the document's rules (lib/shared/input-limits.ts) before it is sent.
 */
import { useState } from 'preact/hooks';
import { ALNUM, LIMIT_MAX_GB, REMARK_MAX_COLUMNS, STICKY_MAX_MINUTES, textColumns } from '../../lib/shared/input-limits.ts';
import type { Account } from '../../lib/background/api/schemas.ts';
import { t, tCount } from '../../lib/shared/i18n.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';
import type { Gateway } from '../../lib/background/proxy/endpoint.ts';
import { buildGatewayUsername, newSessionId } from '../../lib/shared/username.ts';
import { useAction } from '../../lib/ui/use-action.ts';
import { formatApiTime, formatNumber } from '../../lib/shared/format.ts';
import { curlCommand, proxyLine } from '../../lib/ui/proxy-text.ts';
import { accountUsage } from '../../lib/ui/traffic.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { CopyButton } from '../CopyButton.tsx';
import { LocationPicker, type Location } from '../LocationPicker.tsx';
import { productTypeName } from '../../lib/shared/product-names.ts';
import { UsageBar } from '../UsageBar.tsx';
import { ConnectOrEnable } from './ConnectOrEnable.tsx';
import { EditField } from './EditField.tsx';
import { ActionError } from '../States.tsx';

export interface AccountDetailsProps {
  account: Account;
  gateway: Gateway;
  onBack: () => void;
  onDeleted: () => void;
}

/** The details view of one account, with every action on it. */
export function AccountDetails({ account, gateway, onBack, onDeleted }: AccountDetailsProps) {
  const name = account.username;
  const enabled = account.status === 1;
  const usage = accountUsage(account);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const toggle = useAction();

  return (
    <div class="view details">
      <div class="toolbar">
        <button type="button" onClick={onBack}>
          {t('popup_back')}
        </button>
        <h2 class="ellipsis">{name}</h2>
      </div>
      <div class="scroll">
        <dl class="facts">
          <dt>{t('popup_status')}</dt>
          <dd>{enabled ? t('popup_enabled') : t('popup_disabled')}</dd>
          <dt>{t('ui_productType')}</dt>
          <dd>{productTypeName(account.product_type)}</dd>
          <dt>{t('popup_created')}</dt>
          <dd>{formatApiTime(account.created_at)}</dd>
          <dt>{t('popup_usage')}</dt>
          <dd>
            <UsageBar usedKb={usage.usedKb} limitKb={usage.limitKb} />
          </dd>
        </dl>
        <p class="muted small">{t('popup_usageLag')}</p>

        <ConnectAccount account={account} gateway={gateway} enabling={toggle.pending} onEnable={() => void toggle.run(() => sendToBackground('enableAccounts', { accounts: [name] }))} />

        <section aria-labelledby="manage-title">
          <h3 id="manage-title">{t('popup_manage')}</h3>
          <div class="row">
            <button type="button" disabled={toggle.pending} onClick={() => void toggle.run(() => sendToBackground(enabled ? 'disableAccounts' : 'enableAccounts', { accounts: [name] }))}>
              {enabled ? t('popup_disable') : t('popup_enable')}
            </button>
            <button type="button" class="danger" onClick={() => setConfirmDelete(true)}>
              {t('popup_delete')}
            </button>
          </div>
          <p class="muted small">{t('popup_toggleCaveat')}</p>
          <ActionError error={toggle.error} />
          <EditField
            label={t('popup_remark')}
            initial={account.remark}
            hint={tCount('popup_remarkRule', REMARK_MAX_COLUMNS)}
            problem={(value) => (textColumns(value) > REMARK_MAX_COLUMNS ? tCount('popup_remarkTooLong', REMARK_MAX_COLUMNS, formatNumber(textColumns(value))) : undefined)}
            onSave={(remark) => sendToBackground('changeAccountRemark', { account: name, remark })}
          />
          <EditField
            label={t('popup_newPassword')}
            initial=""
            secret
            hint={t('popup_passwordRule')}
            problem={(value) => (ALNUM.test(value) ? undefined : t('popup_alnumOnly'))}
            onSave={(password) => sendToBackground('changeAccountPassword', { account: name, password })}
            savedNote={t('popup_passwordCaveat')}
            inputProps={{ autocomplete: 'new-password' }}
          />
          <EditField
            label={t('popup_limit')}
            type="number"
            initial={String(account.limit_flow)}
            hint={t('popup_limitRule', LIMIT_MAX_GB)}
            problem={(value) => (/^\d+$/.test(value) && Number(value) <= LIMIT_MAX_GB ? undefined : t('popup_limitInvalid', LIMIT_MAX_GB))}
            onSave={(limit) => sendToBackground('changeAccountLimit', { account: name, limitGb: Number(limit) })}
            savedNote={t('popup_usageLag')}
            inputProps={{ min: 0, max: LIMIT_MAX_GB, step: 1 }}
          />
        </section>
      </div>
      {confirmDelete && (
        <ConfirmDialog
          title={t('popup_deleteTitle', name)}
          confirmLabel={t('popup_delete')}
          danger
          onConfirm={() => sendToBackground('deleteAccounts', { accounts: [name] }).then(onDeleted)}
          onClose={() => setConfirmDelete(false)}
        >
          <ul class="caveats">
            <li>{t('popup_deleteIrreversible')}</li>
            <li>{t('popup_deleteBilling')}</li>
          </ul>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** Connect options and the copy buttons, which copy what "Connect" would use. */
function ConnectAccount({ account, gateway, enabling, onEnable }: { account: Account; gateway: Gateway; enabling: boolean; onEnable: () => void }) {
  const [location, setLocation] = useState<Location>({});
  const [sticky, setSticky] = useState('');
  // One session id per visit; "New IP" makes another, which the gateway answers with a new exit.
  const [sessionId, setSessionId] = useState(newSessionId);
  const connect = useAction();
  const stickyValid = sticky === '' || (/^\d+$/.test(sticky) && Number(sticky) >= 1 && Number(sticky) <= STICKY_MAX_MINUTES);
  const stickyMinutes = sticky && stickyValid ? Number(sticky) : undefined;
  const identity = { account: account.username, ...location, ...(stickyMinutes && { stickyMinutes, sessionId }) };
  const credentials = { host: gateway.host, port: gateway.port, username: buildGatewayUsername(identity), password: account.password };
  return (
    <section aria-labelledby="connect-title">
      <h3 id="connect-title">{t('popup_connectTitle')}</h3>
      <LocationPicker value={location} onChange={setLocation} />
      <label for="sticky-minutes">{t('popup_sticky')}</label>
      <div class="row">
        <input
          id="sticky-minutes"
          type="number"
          min={1}
          max={STICKY_MAX_MINUTES}
          placeholder={t('popup_stickyNone')}
          value={sticky}
          aria-invalid={stickyValid ? undefined : true}
          aria-describedby="sticky-hint"
          onInput={(event) => setSticky(event.currentTarget.value)}
        />
        {stickyMinutes && (
          <button type="button" onClick={() => setSessionId(newSessionId())}>
            {t('popup_newSession')}
          </button>
        )}
      </div>
      <p id="sticky-hint" class={stickyValid ? 'muted small' : 'error small'}>
        {tCount('popup_stickyRule', STICKY_MAX_MINUTES)}
      </p>
      <div class="row wrap">
        <ConnectOrEnable
          account={account}
          connectBlocked={connect.pending || !stickyValid}
          onConnect={() => void connect.run(() => sendToBackground('connect', { endpoint: { kind: 'account', account: account.username, password: account.password, ...location, ...(stickyMinutes && { stickyMinutes, sessionId }) } }))}
          enabling={enabling}
          onEnable={onEnable}
          reasonClass="warn small reason"
        />
        <CopyButton text={proxyLine(credentials)}>{t('popup_copyLine')}</CopyButton>
        <CopyButton text={curlCommand(credentials)}>{t('popup_copyCurl')}</CopyButton>
      </div>
      <code class="preview small">{proxyLine({ ...credentials, password: '••••' })}</code>
      <ActionError error={connect.error} />
    </section>
  );
}
