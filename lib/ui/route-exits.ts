/**
 * The route form's page logic: the exits a rule can be given (from what the extension already has),
 * how an exit is named, an extracted IP typed in, and the new order after a move.
 */
import type { Account, StaticIp } from '../background/api/schemas.ts';
import type { SavedCustomEndpoint } from '../background/proxy/custom-endpoints.ts';
import type { Endpoint } from '../background/proxy/endpoint.ts';
import type { ChosenExit } from '../background/proxy/routes.ts';
import { parsePort } from '../shared/custom-proxy.ts';
import { describeEndpoint } from '../shared/endpoint-names.ts';
import { t } from '../shared/i18n.ts';
import { HOST_PATTERN } from '../shared/input-limits.ts';
import { splitAddress } from './proxy-lines.ts';

/** One entry of the exit picker: `key` names the exit without its location and session options. */
export interface ExitChoice {
  key: string;
  group: 'direct' | 'account' | 'static' | 'custom' | 'extracted' | 'other';
  label: string;
  exit: ChosenExit;
}

/** What the extension knows to route to. Extracted IPs are kept nowhere: the one connected now is offered, any other is typed in. */
export interface KnownExits {
  accounts?: readonly Account[];
  staticIps?: readonly StaticIp[];
  customEndpoints?: readonly SavedCustomEndpoint[];
  connected?: Endpoint | null;
}

/** The picker's key for "another extracted IP", typed in as ip:port. */
export const TYPED_EXTRACTED_KEY = 'extracted:typed';

/** The picker's key of an exit: an account by its name (its location is chosen beside it), a saved proxy by its id, anything else by its address. */
export function exitKey(exit: ChosenExit): string {
  switch (exit.kind) {
    case 'direct':
      return 'direct';
    case 'account':
      return `account:${exit.account}`;
    case 'custom':
      return exit.id ? `custom:${exit.id}` : `custom:${exit.scheme}://${exit.host}:${exit.port}`;
    default:
      return `${exit.kind}:${exit.host}:${exit.port}`;
  }
}

export function describeExit(exit: ChosenExit): string {
  return exit.kind === 'direct' ? t('routes_direct') : describeEndpoint(exit);
}

const choice = (group: ExitChoice['group'], exit: ChosenExit, label = describeExit(exit)): ExitChoice => ({ key: exitKey(exit), group, label, exit });

/** Direct, the accounts through the gateway, the static IPs that have a port, the saved custom proxies, the extracted IP connected now; and `current` when it is none of these. */
export function exitChoices({ accounts = [], staticIps = [], customEndpoints = [], connected }: KnownExits, current?: ChosenExit): ExitChoice[] {
  const choices: ExitChoice[] = [
    choice('direct', { kind: 'direct' }),
    ...accounts.map((account) => choice('account', { kind: 'account', account: account.username, password: account.password }, account.username)),
    ...staticIps
      .filter((ip) => ip.host && ip.port !== undefined)
      .map((ip) => choice('static', { kind: 'static', host: ip.host!, port: ip.port!, ...(ip.username && { username: ip.username, password: ip.password ?? '' }), ...(ip.country_code?.length === 2 && { country: ip.country_code }) })),
    ...customEndpoints.map((endpoint) => choice('custom', endpoint)),
    ...(connected?.kind === 'extracted' ? [choice('extracted', connected)] : []),
  ];
  if (current && !choices.some((known) => known.key === exitKey(current))) choices.push(choice(current.kind === 'extracted' ? 'extracted' : 'other', current));
  return choices;
}

/** An extracted IP typed in as `ip:port` (an IPv6 address in brackets), or undefined when it is not one. */
export function parseExtractedAddress(text: string): ChosenExit | undefined {
  const address = splitAddress(text.trim());
  if (!address || address.tail !== undefined || !HOST_PATTERN.test(address.host)) return undefined;
  const port = parsePort(address.port);
  return port >= 1 && port <= 65_535 ? { kind: 'extracted', host: address.host, port } : undefined;
}

/** The ids in their order with the one at `index` moved `by` places (-1 up, 1 down); unchanged at either end. */
export function movedOrder(ids: readonly string[], index: number, by: -1 | 1): string[] {
  const to = index + by;
  if (index < 0 || to < 0 || to >= ids.length) return [...ids];
  const order = [...ids];
  [order[index], order[to]] = [order[to]!, order[index]!];
  return order;
}
