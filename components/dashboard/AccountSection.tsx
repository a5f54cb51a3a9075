/**
 * The account line at the top of the dashboard: who is signed in, the balance (user/info), and the
 * real-name verification, which tells why 911Proxy may refuse changes and some views. The provider
 * marks user/info "not open yet": while it refuses, its reason is shown and the verification still
 * comes from the key's check.
 */
import type { KeyStatus } from '../../lib/background/requests.ts';
import { formatAmount } from '../../lib/ui/amount.ts';
import { t } from '../../lib/shared/i18n.ts';
import { accountLine } from '../../lib/ui/account.ts';
import { useCachedList } from '../../lib/ui/hooks.ts';
import { ErrorState, Loading } from '../States.tsx';

export function AccountSection({ keyStatus }: { keyStatus: KeyStatus }) {
  const user = useCachedList('getUserInfo', {});
  const line = accountLine(user.data, keyStatus);
  return (
    <section class="card account" aria-labelledby="account-title" id="account">
      <h2 id="account-title">{t('dashboard_accountTitle')}</h2>
      <dl class="account-line" data-testid="account-line">
        {line.signedInAs && (
          <div>
            <dt>{t('dashboard_accountSignedInAs')}</dt>
            <dd>{line.signedInAs}</dd>
          </div>
        )}
        {line.balance !== undefined && (
          <div>
            <dt>{t('dashboard_accountBalance')}</dt>
            <dd data-testid="account-balance">{formatAmount(line.balance)}</dd>
          </div>
        )}
        <div>
          <dt>{t('dashboard_accountVerification')}</dt>
          <dd class={line.verified ? 'status-ok' : 'unverified'}>{line.verified ? t('dashboard_accountVerified') : t('dashboard_accountUnverified')}</dd>
        </div>
      </dl>
      {user.error ? <ErrorState error={user.error} onRetry={user.reload} /> : !user.data && <Loading list={user} />}
    </section>
  );
}
