/**
 * The routes section's page logic: the exits a rule can be given (from the lists the extension
 * already has), how an exit is named, and the new order after a move.
 */
import type { Account, StaticIp } from '../background/api/schemas.ts';
import type { ChosenExit } from '../background/proxy/routes.ts';
import { describeEndpoint } from '../shared/endpoint-names.ts';
import { t } from '../shared/i18n.ts';

/** One entry of the exit picker: `key` names the exit without its location and session options. */
export interface ExitChoice {
  key: string;
  group: 'direct' | 'account' | 'static' | 'other';
  label: string;
  exit: ChosenExit;
}

/** The picker's key of an exit: an account by its name (its location is chosen beside it), anything else by its address. */
export function exitKey(exit: ChosenExit): string {
  switch (exit.kind) {
    case 'direct':
      return 'direct';
    case 'account':
      return `account:${exit.account}`;
    case 'custom':
      return `custom:${exit.scheme}://${exit.host}:${exit.port}`;
    default:
      return `${exit.kind}:${exit.host}:${exit.port}`;
  }
}

export function describeExit(exit: ChosenExit): string {
  return exit.kind === 'direct' ? t('routes_direct') : describeEndpoint(exit);
}

/** Direct, the accounts through the gateway, the static IPs that have a port; and `current` when it is none of these (an exit chosen elsewhere). */
export function exitChoices(accounts: readonly Account[] = [], staticIps: readonly StaticIp[] = [], current?: ChosenExit): ExitChoice[] {
  const choices: ExitChoice[] = [
    { key: 'direct', group: 'direct', label: t('routes_direct'), exit: { kind: 'direct' } },
    ...accounts.map((account): ExitChoice => {
      const exit: ChosenExit = { kind: 'account', account: account.username, password: account.password };
      return { key: exitKey(exit), group: 'account', label: account.username, exit };
    }),
    ...staticIps
      .filter((ip) => ip.host && ip.port !== undefined)
      .map((ip): ExitChoice => {
        const exit: ChosenExit = { kind: 'static', host: ip.host!, port: ip.port!, ...(ip.username && { username: ip.username, password: ip.password ?? '' }), ...(ip.country_code?.length === 2 && { country: ip.country_code }) };
        return { key: exitKey(exit), group: 'static', label: describeEndpoint(exit), exit };
      }),
  ];
  if (current && !choices.some((choice) => choice.key === exitKey(current))) choices.push({ key: exitKey(current), group: 'other', label: describeExit(current), exit: current });
  return choices;
}

/** The ids in their order with the one at `index` moved `by` places (-1 up, 1 down); unchanged at either end. */
export function movedOrder(ids: readonly string[], index: number, by: -1 | 1): string[] {
  const to = index + by;
  if (index < 0 || to < 0 || to >= ids.length) return [...ids];
  const order = [...ids];
  [order[index], order[to]] = [order[to]!, order[index]!];
  return order;
}
