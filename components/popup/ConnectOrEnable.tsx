/**
 * The Connect button of an account, in the list and in its details: a file of its own, so that the
 * list does not load the details view to draw it.
 */
import type { Account } from '../../lib/background/api/schemas.ts';
import { t } from '../../lib/shared/i18n.ts';

export interface ConnectOrEnableProps {
  account: Account;
  /** Connect is unavailable meanwhile (a connect running, an option invalid). */
  connectBlocked: boolean;
  onConnect: () => void;
  enabling: boolean;
  onEnable: () => void;
  /** How the reason a disabled account cannot connect is shown (the list keeps it for screen readers and the tooltip). */
  reasonClass: string;
}

/**
 * Connect with an account. A disabled one would only be refused by the gateway, so its Connect is
 * disabled with that reason, beside the Enable that lifts it.
 */
export function ConnectOrEnable({ account, connectBlocked, onConnect, enabling, onEnable, reasonClass }: ConnectOrEnableProps) {
  const name = account.username;
  const reason = account.status === 1 ? undefined : t('proxyError_accountDisabled', name);
  const reasonId = `connect-reason-${account.id}`;
  return (
    <>
      <button
        type="button"
        class="primary"
        aria-label={t('popup_connectAccount', name)}
        aria-describedby={reason && reasonId}
        title={reason}
        disabled={connectBlocked || reason !== undefined}
        onClick={onConnect}
      >
        {t('popup_connect')}
      </button>
      {reason && (
        <>
          <button type="button" aria-label={t('popup_enableAccount', name)} disabled={enabling} onClick={onEnable}>
            {t('popup_enable')}
          </button>
          <span id={reasonId} class={reasonClass}>
            {reason}
          </span>
        </>
      )}
    </>
  );
}
