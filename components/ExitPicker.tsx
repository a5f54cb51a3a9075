/**
 * The exit picker, one for every place an exit is chosen (a route, a container, a tab): the list of
 * everything the extension knows (direct, the accounts through the gateway, the static IPs, the user's
 * own proxies, the extracted IP in use or one typed in), and below it what the chosen kind asks for (an
 * account's country, state, city and sticky session as the main connection offers them; a typed
 * extracted IP's address). It brings the location picker, so the forms that use it load lazily.
 */
import { useMemo, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { LocationPicker, type Location } from './LocationPicker.tsx';
import { t, tCount } from '../lib/shared/i18n.ts';
import { STICKY_MAX_MINUTES } from '../lib/shared/input-limits.ts';
import { newSessionId } from '../lib/shared/username.ts';
import type { ChosenExit } from '../lib/background/proxy/routes.ts';
import { useBackgroundValue, useCachedList } from '../lib/ui/hooks.ts';
import { exitChoices, exitKey, parseExtractedAddress, TYPED_EXTRACTED_KEY, type ExitChoice } from '../lib/ui/route-exits.ts';

const GROUPS = [
  ['account', 'routes_accounts'],
  ['static', 'routes_staticIps'],
  ['custom', 'custom_title'],
  ['extracted', 'routes_extractedIps'],
] as const;

export interface ExitPicker {
  /** The exit as chosen, or undefined while what was typed is not valid. */
  exit: ChosenExit | undefined;
  /** The list, for the form's first row. */
  select: JSX.Element;
  /** What the chosen kind asks for, below the row. */
  details: JSX.Element;
}

/** `id` makes the fields' ids unique on the page; `initial` is the exit saved so far. */
export function useExitPicker(id: string, initial: ChosenExit | undefined): ExitPicker {
  const accounts = useCachedList('getAccounts', {});
  const staticIps = useCachedList('getStaticIps', { page: 1, size: 100 });
  const customEndpoints = useBackgroundValue('getCustomEndpoints');
  const status = useBackgroundValue('getProxyStatus');
  const choices = useMemo(
    () => exitChoices({ accounts: accounts.data, staticIps: staticIps.data?.list, customEndpoints: customEndpoints.value, connected: status.value?.endpoint }, initial),
    [accounts.data, staticIps.data, customEndpoints.value, status.value, initial],
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
  const account = initial?.kind === 'account' ? initial : undefined;
  const [key, setKey] = useState(initial ? exitKey(initial) : 'direct');
  const [location, setLocation] = useState<Location>({ country: account?.country?.toUpperCase(), state: account?.state, city: account?.city });
  const [sticky, setSticky] = useState(account?.stickyMinutes ? String(account.stickyMinutes) : '');
  const [address, setAddress] = useState('');
  const typed = key === TYPED_EXTRACTED_KEY;
  const chosen = typed ? undefined : (choices.find((choice) => choice.key === key) ?? choices[0]!);
  const stickyValid = sticky === '' || (/^\d+$/.test(sticky) && Number(sticky) >= 1 && Number(sticky) <= STICKY_MAX_MINUTES);
  const extracted = typed ? parseExtractedAddress(address) : undefined;

  const exit = ((): ChosenExit | undefined => {
    if (!chosen) return extracted;
    if (chosen.exit.kind !== 'account') return chosen.exit;
    if (!stickyValid) return undefined;
    const stickyMinutes = sticky ? Number(sticky) : undefined;
    const sessionId = stickyMinutes && (account?.sessionId ?? newSessionId());
    const { country, state, city } = location;
    const { country: _listed, state: _state, city: _city, stickyMinutes: _minutes, sessionId: _session, ...bare } = chosen.exit;
    return { ...bare, ...(country && { country }), ...(state && { state }), ...(city && { city }), ...(stickyMinutes && sessionId && { stickyMinutes, sessionId }) };
  })();

  const select = (
    <div class="field">
      <label for={`exit-${id}`}>{t('routes_exit')}</label>
      <select id={`exit-${id}`} value={key} onChange={(event) => setKey(event.currentTarget.value)}>
        {options}
      </select>
    </div>
  );
  const details = (
    <>
      {chosen?.exit.kind === 'account' && (
        <>
          <LocationPicker value={location} onChange={setLocation} />
          <div class="field">
            <label for={`exit-sticky-${id}`}>{t('routes_sticky')}</label>
            <input id={`exit-sticky-${id}`} type="number" min={1} max={STICKY_MAX_MINUTES} value={sticky} aria-invalid={stickyValid ? undefined : true} aria-describedby={`exit-sticky-hint-${id}`} onInput={(event) => setSticky(event.currentTarget.value)} />
            <p id={`exit-sticky-hint-${id}`} class={stickyValid ? 'hint' : 'problem'}>
              {tCount('popup_stickyRule', STICKY_MAX_MINUTES)}
            </p>
          </div>
        </>
      )}
      {(typed || chosen?.exit.kind === 'extracted') && <p class="hint">{t('popup_extractWhitelist')}</p>}
      {typed && (
        <div class="field">
          <label for={`exit-extracted-${id}`}>{t('routes_extractedAddress')}</label>
          <input
            id={`exit-extracted-${id}`}
            type="text"
            spellcheck={false}
            placeholder="203.0.113.5:8000"
            value={address}
            aria-invalid={address === '' || extracted ? undefined : true}
            aria-describedby={`exit-extracted-hint-${id}`}
            onInput={(event) => setAddress(event.currentTarget.value)}
          />
          <p id={`exit-extracted-hint-${id}`} class={address === '' || extracted ? 'hint' : 'problem'}>
            {t('routes_extractedRule')}
          </p>
        </div>
      )}
    </>
  );
  return { exit, select, details };
}

const option = (choice: ExitChoice) => (
  <option key={choice.key} value={choice.key}>
    {choice.label}
  </option>
);
