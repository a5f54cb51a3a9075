/**
 * The exit of a tab or a container (Firefox): picked from what the extension knows, as a route's is,
 * with a country for a gateway account; saved, or cleared so that the tab or container follows the
 * rules again. The popup's "Only this tab" and the options' containers section use it.
 */
import { useMemo, useState } from 'preact/hooks';
import { CountryField, ExitSelect } from './ExitSelect.tsx';
import { ActionError } from './States.tsx';
import { t } from '../lib/shared/i18n.ts';
import type { ChosenExit } from '../lib/background/proxy/routes.ts';
import { useCachedList } from '../lib/ui/hooks.ts';
import { exitChoices, exitKey } from '../lib/ui/route-exits.ts';
import { useAction } from '../lib/ui/use-action.ts';

export interface ContextExitFormProps {
  /** Makes the fields' ids unique on the page. */
  id: string;
  /** What the form is about, for assistive technology ("Only this tab", a container's name). */
  label: string;
  exit: ChosenExit | null;
  saveLabel: string;
  clearLabel: string;
  onSave(exit: ChosenExit): Promise<unknown>;
  onClear(): Promise<unknown>;
}

export function ContextExitForm({ id, label, exit, saveLabel, clearLabel, onSave, onClear }: ContextExitFormProps) {
  const accounts = useCachedList('getAccounts', {});
  const staticIps = useCachedList('getStaticIps', { page: 1, size: 100 });
  const choices = useMemo(() => exitChoices(accounts.data, staticIps.data?.list, exit ?? undefined), [accounts.data, staticIps.data, exit]);
  const [key, setKey] = useState(exit ? exitKey(exit) : 'direct');
  const [country, setCountry] = useState(exit?.kind === 'account' ? (exit.country ?? '') : '');
  const action = useAction();
  const chosen = choices.find((choice) => choice.key === key) ?? choices[0]!;
  const countryValid = /^([A-Za-z]{2})?$/.test(country.trim());

  /** The chosen exit; a gateway account with the country typed beside it (none: the gateway picks). */
  const toSave = (): ChosenExit => {
    if (chosen.exit.kind !== 'account') return chosen.exit;
    const { country: _listed, ...account } = chosen.exit;
    const code = country.trim().toUpperCase();
    return code ? { ...account, country: code } : account;
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (countryValid) void action.run(() => onSave(toSave()));
  };
  return (
    <form class="route-form" onSubmit={onSubmit} noValidate aria-label={label}>
      <div class="row">
        <div class="field">
          <label for={`context-exit-${id}`}>{t('routes_exit')}</label>
          <ExitSelect id={`context-exit-${id}`} choices={choices} value={key} onChange={setKey} />
        </div>
        {chosen.exit.kind === 'account' && (
          <CountryField id={`context-country-${id}`} value={country} valid={countryValid} onInput={setCountry} />
        )}
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={action.pending || !countryValid}>
          {saveLabel}
        </button>
        {exit && (
          <button type="button" disabled={action.pending} onClick={() => void action.run(onClear)}>
            {clearLabel}
          </button>
        )}
      </div>
      <ActionError error={action.error} />
    </form>
  );
}
