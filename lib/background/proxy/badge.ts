/**
 * The toolbar badge and its tooltip: the proxy status at a glance. Made from the status every time
 * the status is written, and again when the background starts (a browser start empties the badge).
 */
import { browser } from 'wxt/browser';
import { t } from '../../shared/i18n.ts';
import { describeEndpoint } from '../../shared/endpoint-names.ts';
import type { Endpoint } from './endpoint.ts';
import type { ProxyStatus } from './status.ts';

export const BADGE_COLORS = { connected: '#1a7f37', connecting: '#6e7781', failed: '#cf222e' } as const;

/** Shows `status` on the toolbar button: the exit country while connected, "!" when failed, none when direct. */
export async function showBadge(status: ProxyStatus): Promise<void> {
  const action = toolbarAction();
  if (!action) return;
  await Promise.all([
    action.setBadgeText({ text: badgeText(status) }),
    action.setTitle({ title: badgeTitle(status) }),
    status.state !== 'direct' ? action.setBadgeBackgroundColor({ color: BADGE_COLORS[status.state] }) : Promise.resolve(),
  ]);
}

/** The toolbar button's API: Firefox's MV2 build names it `browserAction`. */
export function toolbarAction(): typeof browser.action | undefined {
  return browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
}

function badgeText(status: ProxyStatus): string {
  switch (status.state) {
    case 'direct':
      return '';
    case 'failed':
      return '!';
    case 'connecting':
      return '…';
    case 'connected':
      return status.exit?.country ?? endpointCountry(status.endpoint) ?? 'ON';
  }
}

function badgeTitle(status: ProxyStatus): string {
  switch (status.state) {
    case 'direct':
      return t('badge_direct');
    case 'failed':
      return t('badge_failed', status.failure?.message ?? '');
    default:
      return t('badge_connected', status.endpoint ? describeEndpoint(status.endpoint) : '', status.exit?.ip ?? '');
  }
}

/** The country the endpoint asked for, until the exit check says where the exit really is. */
export function endpointCountry(endpoint: Endpoint | null): string | undefined {
  return endpoint && 'country' in endpoint && endpoint.country ? endpoint.country.toUpperCase() : undefined;
}
