/**
 * One route's form: the site pattern and the exit, picked from everything the extension knows (direct,
 * the accounts through the gateway with their country, state, city and sticky session as the main
 * connection offers them, the static IPs, the user's own proxies, an extracted IP). Adds a route (its
 * site prefilled with `site`, from the popup), or saves the one given. The options' routes section and
 * the popup's "this site" view both load it on first use (lazy.tsx): it brings the location picker.
 */
import { useMemo, useState } from 'preact/hooks';
import { LocationPicker, type Location } from './LocationPicker.tsx';
import { ActionError } from './States.tsx';
import { t, tCount } from '../lib/shared/i18n.ts';
import { STICKY_MAX_MINUTES } from '../lib/shared/input-limits.ts';
import { newSessionId } from '../lib/shared/username.ts';
import type { ChosenExit, Route } from '../lib/background/proxy/routes.ts';
import { useBackgroundValue, useCachedList } from '../lib/ui/hooks.ts';
import { exitChoices, exitKey, parseExtractedAddress, TYPED_EXTRACTED_KEY, type ExitChoice } from '../lib/ui/route-exits.ts';
import { sendToBackground } from '../lib/ui/send-to-background.ts';
import { useAction } from '../lib/ui/use-action.ts';

const GROUPS = [
  ['account', 'routes_accounts'],
  ['static', 'routes_staticIps'],
  ['custom', 'custom_title'],
  ['extracted', 'routes_extractedIps'],
] as const;

export function RouteForm({ route, site, onDone, onAdded }: { route?: Route; site?: string; onDone?(): void; onAdded?(): void }) {
  const accounts = useCachedList('getAccounts', {});
  const staticIps = useCachedList('getStaticIps', { page: 1, size: 100 });
  const customEndpoints = useBackgroundValue('getCustomEndpoints');
  const status = useBackgroundValue('getProxyStatus');
  const choices = useMemo(
    () => exitChoices({ accounts: accounts.data, staticIps: staticIps.data?.list, customEndpoints: customEndpoints.value, connected: status.value?.endpoint }, route?.exit),
    [accounts.data, staticIps.data, customEndpoints.value, status.value, route],
  );
  // Made once per list (with 10,000 accounts, one option each): a keystroke in the form then redraws none of them.
  const options = useMemo(
    () => (
      <>
        {choices.filter((choice) => choice.group === 'direct' || choice.group === 'other').map(option)}
        {GROUPS.map(([group, label]) => {
          const members = choices.filter((choice) => choice.group === group);
          return (
            (members.length > 0 || group === 'extracted') && (
              <optgroup label={t(label)}>
                {members.map(option)}
                {group === 'extracted' && <option value={TYPED_EXTRACTED_KEY}>{t('routes_extractedOther')}</option>}
              </optgroup>
            )
          );
        })}
      </>
    ),
    [choices],
  );
  const initial = route?.exit.kind === 'account' ? route.exit : undefined;
  const [pattern, setPattern] = useState(route?.pattern ?? site ?? '');
  const [key, setKey] = useState(route ? exitKey(route.exit) : 'direct');
  const [location, setLocation] = useState<Location>({ country: initial?.country?.toUpperCase(), state: initial?.state, city: initial?.city });
  const [sticky, setSticky] = useState(initial?.stickyMinutes ? String(initial.stickyMinutes) : '');
  const [address, setAddress] = useState('');
  const save = useAction();
  const typed = key === TYPED_EXTRACTED_KEY;
  const chosen = typed ? undefined : (choices.find((choice) => choice.key === key) ?? choices[0]!);
  const stickyValid = sticky === '' || (/^\d+$/.test(sticky) && Number(sticky) >= 1 && Number(sticky) <= STICKY_MAX_MINUTES);
  const extracted = typed ? parseExtractedAddress(address) : undefined;
  const valid = typed ? extracted !== undefined : chosen?.exit.kind !== 'account' || stickyValid;
  const id = route?.id ?? 'new';

  const exitToSave = (): ChosenExit | undefined => {
    if (!chosen) return extracted;
    if (chosen.exit.kind !== 'account') return chosen.exit;
    const stickyMinutes = sticky ? Number(sticky) : undefined;
    const sessionId = stickyMinutes && (initial?.sessionId ?? newSessionId());
    const { country, state, city } = location;
    return { ...chosen.exit, ...(country && { country }), ...(state && { state }), ...(city && { city }), ...(stickyMinutes && sessionId && { stickyMinutes, sessionId }) };
  };
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const exit = exitToSave();
    if (!valid || !exit) return;
    const input = { pattern: pattern.trim(), exit };
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
          <select id={`route-exit-${id}`} value={key} onChange={(event) => setKey(event.currentTarget.value)}>
            {options}
          </select>
        </div>
      </div>
      {chosen?.exit.kind === 'account' && (
        <>
          <LocationPicker value={location} onChange={setLocation} />
          <div class="field">
            <label for={`route-sticky-${id}`}>{t('routes_sticky')}</label>
            <input id={`route-sticky-${id}`} type="number" min={1} max={STICKY_MAX_MINUTES} value={sticky} aria-invalid={stickyValid ? undefined : true} aria-describedby={`route-sticky-hint-${id}`} onInput={(event) => setSticky(event.currentTarget.value)} />
            <p id={`route-sticky-hint-${id}`} class={stickyValid ? 'hint' : 'problem'}>
              {tCount('popup_stickyRule', STICKY_MAX_MINUTES)}
            </p>
          </div>
        </>
      )}
      {(typed || chosen?.exit.kind === 'extracted') && <p class="hint">{t('popup_extractWhitelist')}</p>}
      {typed && (
        <div class="field">
          <label for={`route-extracted-${id}`}>{t('routes_extractedAddress')}</label>
          <input
            id={`route-extracted-${id}`}
            type="text"
            spellcheck={false}
            placeholder="203.0.113.5:8000"
            value={address}
            aria-invalid={address === '' || extracted ? undefined : true}
            aria-describedby={`route-extracted-hint-${id}`}
            onInput={(event) => setAddress(event.currentTarget.value)}
          />
          <p id={`route-extracted-hint-${id}`} class={address === '' || extracted ? 'hint' : 'problem'}>
            {t('routes_extractedRule')}
          </p>
        </div>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={save.pending || !valid}>
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

const option = (choice: ExitChoice) => (
  <option key={choice.key} value={choice.key}>
    {choice.label}
  </option>
);
