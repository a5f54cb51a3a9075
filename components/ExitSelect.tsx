/**
 * The exit picker's list: direct (and an exit chosen elsewhere) first, then the accounts through the
 * gateway and the static IPs, each group under its name. The route form and the container and tab
 * exit form use it.
 */
import { t } from '../lib/shared/i18n.ts';
import type { ExitChoice } from '../lib/ui/route-exits.ts';

const GROUPS = [
  ['account', 'routes_accounts'],
  ['static', 'routes_staticIps'],
] as const;

export function ExitSelect({ id, choices, value, onChange }: { id: string; choices: readonly ExitChoice[]; value: string; onChange(key: string): void }) {
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
      {choices.filter((choice) => choice.group === 'direct' || choice.group === 'other').map(option)}
      {GROUPS.map(([group, label]) => {
        const members = choices.filter((choice) => choice.group === group);
        return members.length > 0 && <optgroup label={t(label)}>{members.map(option)}</optgroup>;
      })}
    </select>
  );
}

const option = (choice: ExitChoice) => (
  <option key={choice.key} value={choice.key}>
    {choice.label}
  </option>
);
