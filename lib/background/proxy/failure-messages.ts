/**
 * The sentence the status gives a proxy failure the listeners saw: what failed and what the user can
 * do about it, by the kind of endpoint. A refused proxy-account login asks the API why.
 */
import { t } from '../../shared/i18n.ts';
import { describeEndpoint } from '../../shared/endpoint-names.ts';
import type { AccountRefusal } from './account-refusal.ts';
import type { AccountEndpoint, Endpoint } from './endpoint.ts';
import type { ProxyFailureKind } from './status.ts';

/** The failures the auth and error listeners report. */
export type ListenerFailureKind = Extract<ProxyFailureKind, 'auth-refused' | 'unreachable'>;

export interface FailureContext {
  /** The "block traffic while the proxy is down" setting: without it, pages load direct meanwhile. */
  blockWhenDown: boolean;
  /** Asks the API why an account's login was refused (see account-refusal.ts); undefined if it can't tell. */
  explainRefusal?: (endpoint: AccountEndpoint) => Promise<AccountRefusal | undefined>;
}

/** The failure's sentence; and for an account whose password was changed elsewhere, the new password. */
export async function describeFailure(kind: ListenerFailureKind, endpoint: Endpoint, { blockWhenDown, explainRefusal }: FailureContext): Promise<{ message: string; newPassword?: string }> {
  if (kind === 'unreachable') return { message: t(blockWhenDown ? 'proxyFailure_unreachable' : 'proxyFailure_unreachableDirect', describeEndpoint(endpoint)) };
  switch (endpoint.kind) {
    case 'extracted':
      return { message: t('proxyFailure_whitelist', `${endpoint.host}:${endpoint.port}`) };
    case 'account': {
      const refusal = await explainRefusal?.(endpoint).catch(() => undefined);
      return { message: refusal?.reason ?? t('proxyFailure_accountRefused', endpoint.account), ...(refusal?.newPassword && { newPassword: refusal.newPassword }) };
    }
    default:
      return { message: t('proxyFailure_loginRefused', describeEndpoint(endpoint)) };
  }
}
