/**
 * One route's form: the site pattern and the exit, picked from what the extension knows (direct, the
 * accounts through the gateway with their country and sticky session, the static IPs). Adds a
 * route (its site prefilled with `site`, from the popup), or saves the one given. The options' routes
 * section and the popup's "this site" view both use it.
 */
import { useMemo, useState } from 'preact/hooks';
import { CountryField, ExitSelect } from './ExitSelect.tsx';
import { ActionError } from './States.tsx';
import { t, tCount } from '../lib/shared/i18n.ts';
import { STICKY_MAX_MINUTES } from '../lib/shared/input-limits.ts';
import { newSessionId } from '../lib/shared/username.ts';
import type { ChosenExit, Route } from '../lib/background/proxy/routes.ts';
import { useCachedList } from '../lib/ui/hooks.ts';
import { exitChoices, exitKey } from '../lib/ui/route-exits.ts';
import { sendToBackground } from '../lib/ui/send-to-background.ts';
import { useAction } from '../lib/ui/use-action.ts';

export function RouteForm({ route, site, onDone, onAdded }: { route?: Route; site?: string; onDone?(): void; onAdded?(): void }) {
  const accounts = useCachedList('getAccounts', {});
  const staticIps = useCachedList('getStaticIps', { page: 1, size: 100 });
  const choices = useMemo(() => exitChoices(accounts.data, staticIps.data?.list, route?.exit), [accounts.data, staticIps.data, route]);
  const initial = route?.exit.kind === 'account' ? route.exit : undefined;
  const [pattern, setPattern] = useState(route?.pattern ?? site ?? '');
  const [key, setKey] = useState(route ? exitKey(route.exit) : 'direct');
  const [country, setCountry] = useState(initial?.country ?? '');
  const [sticky, setSticky] = useState(initial?.stickyMinutes ? String(initial.stickyMinutes) : '');
  const save = useAction();
  const chosen = choices.find((choice) => choice.key === key) ?? choices[0]!;
  const countryValid = /^([A-Za-z]{2})?$/.test(country.trim());
  const stickyValid = sticky === '' || (/^\d+$/.test(sticky) && Number(sticky) >= 1 && Number(sticky) <= STICKY_MAX_MINUTES);
  const id = route?.id ?? 'new';

  const exitToSave = (): ChosenExit => {
    if (chosen.exit.kind !== 'account') return chosen.exit;
    const stickyMinutes = sticky ? Number(sticky) : undefined;
    const sessionId = stickyMinutes && (initial?.sessionId ?? newSessionId());
    const code = country.trim().toUpperCase();
    return { ...chosen.exit, ...(code && { country: code }), ...(stickyMinutes && sessionId && { stickyMinutes, sessionId }) };
  };
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!stickyValid || !countryValid) return;
    const input = { pattern: pattern.trim(), exit: exitToSave() };
    const saved = await save.run(() => (route ? sendToBackground('updateRoute', { id: route.id, ...input }) : sendToBackground('addRoute', input)));
    if (!saved) return;
    if (!route) {
      setPattern('');
      onAdded?.();
    }
    onDone?.();
  };
  return (
    <form class="route-form" onSubmit={(event) => void onSubmit(event)} noValidate aria-label={route ? `${t('routes_edit')}: ${route.pattern}` : t('routes_add')}>
      <div class="row">
        <div class="field">
          <label for={`route-pattern-${id}`}>{t('routes_site')}</label>
          <input id={`route-pattern-${id}`} type="text" spellcheck={false} placeholder={t('routes_sitePlaceholder')} value={pattern} onInput={(event) => setPattern(event.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={`route-exit-${id}`}>{t('routes_exit')}</label>
          <ExitSelect id={`route-exit-${id}`} choices={choices} value={key} onChange={setKey} />
        </div>
      </div>
      {chosen.exit.kind === 'account' && (
        <>
          <CountryField id={`route-country-${id}`} value={country} valid={countryValid} onInput={setCountry} />
          <div class="field">
            <label for={`route-sticky-${id}`}>{t('routes_sticky')}</label>
            <input id={`route-sticky-${id}`} type="number" min={1} max={STICKY_MAX_MINUTES} value={sticky} aria-invalid={stickyValid ? undefined : true} aria-describedby={`route-sticky-hint-${id}`} onInput={(event) => setSticky(event.currentTarget.value)} />
            <p id={`route-sticky-hint-${id}`} class={stickyValid ? 'hint' : 'problem'}>
              {tCount('popup_stickyRule', STICKY_MAX_MINUTES)}
            </p>
          </div>
        </>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={save.pending || !stickyValid || !countryValid}>
          {route ? t('routes_save') : t('routes_add')}
        </button>
        {onDone && (
          <button type="button" onClick={onDone}>
            {t('ui_cancel')}
          </button>
        )}
      </div>
      <ActionError error={save.error} />
    </form>
  );
}
