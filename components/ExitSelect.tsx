/**
 * The exit picker's fields: the list, direct (and an exit chosen elsewhere) first, then the accounts
 * through the gateway and the static IPs, each group under its name; and the country a gateway
 * account is asked for. The route form and the container and tab exit form use them.
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

/** A gateway account's country: two letters, or empty for the gateway's choice. */
export function CountryField({ id, value, valid, onInput }: { id: string; value: string; valid: boolean; onInput(value: string): void }) {
  return (
    <div class="field">
      <label for={id}>{t('routes_country')}</label>
      <input id={id} type="text" maxLength={2} spellcheck={false} value={value} aria-invalid={valid ? undefined : true} onInput={(event) => onInput(event.currentTarget.value)} />
    </div>
  );
}

const option = (choice: ExitChoice) => (
  <option key={choice.key} value={choice.key}>
    {choice.label}
  </option>
);
