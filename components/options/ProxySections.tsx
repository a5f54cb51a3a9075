/**
 * The settings that shape the connection: the gateway for proxy accounts, the routing rules, leak
 * protection and the exit check, and the theme. Each section saves its own fields only.
 */
import { CheckboxChoice, RadioChoices } from '../Choices.tsx';
import { ActionError } from '../States.tsx';
import { useState } from 'preact/hooks';
import { t } from '../../lib/shared/i18n.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';
import { firefoxProxyApi } from '../../lib/shared/platform.ts';
import type { Settings } from '../../lib/background/settings.ts';
import { useAction } from '../../lib/ui/use-action.ts';
import { formatPatternLines, parsePatternLines } from '../../lib/ui/pattern-lines.ts';
import { useDraft, withField } from '../../lib/ui/use-draft.ts';
import { SettingsForm } from './SettingsForm.tsx';

/** The gateway host and port that proxy accounts connect through (observed, not documented). */
export function GatewaySection({ gateway }: { gateway: Settings['gateway'] }) {
  const [draft, setDraft] = useDraft({ host: gateway.host, port: String(gateway.port) });
  const [problem, setProblem] = useState<'host' | 'port'>();
  const patch = () => {
    const port = Number(draft.port);
    const next = !draft.host.trim() ? 'host' : !Number.isInteger(port) || port < 1 || port > 65_535 ? 'port' : undefined;
    setProblem(next);
    return next ? undefined : { gateway: { host: draft.host.trim(), port } };
  };
  return (
    <SettingsForm id="gateway" title={t('options_gatewayTitle')} intro={<p class="hint">{t('options_gatewayIntro')}</p>} patch={patch}>
      <div class="row">
        <div class="field">
          <label for="gateway-host">{t('options_gatewayHost')}</label>
          <input id="gateway-host" type="text" spellcheck={false} value={draft.host} aria-invalid={problem === 'host'} onInput={(event) => setDraft(withField('host', event.currentTarget.value))} />
          {problem === 'host' && <p class="problem">{t('options_gatewayHostMissing')}</p>}
        </div>
        <div class="field">
          <label for="gateway-port">{t('options_gatewayPort')}</label>
          <input id="gateway-port" type="number" min={1} max={65535} value={draft.port} aria-invalid={problem === 'port'} onInput={(event) => setDraft(withField('port', event.currentTarget.value))} />
          {problem === 'port' && <p class="problem">{t('options_gatewayPortInvalid')}</p>}
        </div>
      </div>
    </SettingsForm>
  );
}

const MODES = ['all', 'only', 'except'] as const;

/** Which sites go through the proxy: everything, only the listed sites, or all but them; and the bypass list. */
export function RoutingSection({ routing }: { routing: Settings['routing'] }) {
  const [draft, setDraft] = useDraft({ mode: routing.mode, sites: formatPatternLines(routing.sites), bypass: formatPatternLines(routing.bypass) });
  const patch = () => ({ routing: { mode: draft.mode, sites: parsePatternLines(draft.sites), bypass: parsePatternLines(draft.bypass) } });
  return (
    <SettingsForm id="routing" title={t('options_routingTitle')} patch={patch}>
      <RadioChoices
        legend={t('options_routingMode')}
        name="routing-mode"
        choices={MODES.map((mode) => ({ value: mode, label: t(`options_routingMode_${mode}`) }))}
        value={draft.mode}
        onChange={(mode) => setDraft(withField('mode', mode))}
      />
      {draft.mode !== 'all' && (
        <div class="field">
          <label for="routing-sites">{draft.mode === 'only' ? t('options_routingSitesOnly') : t('options_routingSitesExcept')}</label>
          <textarea id="routing-sites" spellcheck={false} value={draft.sites} aria-describedby="routing-syntax" onInput={(event) => setDraft(withField('sites', event.currentTarget.value))} />
        </div>
      )}
      <div class="field">
        <label for="routing-bypass">{t('options_routingBypass')}</label>
        <textarea id="routing-bypass" spellcheck={false} value={draft.bypass} aria-describedby="routing-bypass-hint routing-syntax" onInput={(event) => setDraft(withField('bypass', event.currentTarget.value))} />
        <p class="hint" id="routing-bypass-hint">
          {t('options_routingBypassHint')}
        </p>
      </div>
      <div class="hint" id="routing-syntax">
        <p>{t('options_routingSyntax')}</p>
        <ul>
          <li>
            <code>example.com</code> {t('options_routingSyntaxDomain')}
          </li>
          <li>
            <code>*.example.com</code> {t('options_routingSyntaxWildcard')}
          </li>
          <li>
            <code>203.0.113.7</code>, <code>::1</code> {t('options_routingSyntaxAddress')}
          </li>
          <li>
            <code>192.168.0.0/16</code> {t('options_routingSyntaxRange')}
          </li>
        </ul>
        <p>{t('options_routingSyntaxComments')}</p>
      </div>
    </SettingsForm>
  );
}

/** The options of Firefox alone: its proxy API is the one with `proxy.onRequest`. */
const inFirefox = firefoxProxyApi() !== undefined;

/** WebRTC protection, blocking while the proxy is down, Firefox's own requests, and the exit-check address. */
export function PrivacySection({ settings }: { settings: Pick<Settings, 'webrtcProtection' | 'blockWhenDown' | 'proxyBrowserRequests' | 'exitCheckUrl'> }) {
  const [draft, setDraft] = useDraft({
    webrtcProtection: settings.webrtcProtection,
    blockWhenDown: settings.blockWhenDown,
    proxyBrowserRequests: settings.proxyBrowserRequests,
    exitCheckUrl: settings.exitCheckUrl,
  });
  const patch = () => ({ ...draft, exitCheckUrl: draft.exitCheckUrl.trim() });
  return (
    <SettingsForm id="privacy" title={t('options_privacyTitle')} patch={patch}>
      <CheckboxChoice label={t('options_webrtc')} hint={t('options_webrtcHint')} checked={draft.webrtcProtection} onChange={(webrtcProtection) => setDraft(withField('webrtcProtection', webrtcProtection))} />
      <CheckboxChoice label={t('options_blockWhenDown')} hint={t('options_blockWhenDownHint')} checked={draft.blockWhenDown} onChange={(blockWhenDown) => setDraft(withField('blockWhenDown', blockWhenDown))} />
      {inFirefox && (
        <>
          <CheckboxChoice
            label={t('options_browserRequests')}
            hint={t('options_browserRequestsHint')}
            checked={draft.proxyBrowserRequests}
            onChange={(proxyBrowserRequests) => setDraft(withField('proxyBrowserRequests', proxyBrowserRequests))}
          />
          <p class="hint">{t('options_privateWindowsHint')}</p>
        </>
      )}
      <div class="field">
        <label for="exit-check-url">{t('options_exitCheckUrl')}</label>
        <input id="exit-check-url" type="url" spellcheck={false} value={draft.exitCheckUrl} aria-describedby="exit-check-hint" onInput={(event) => setDraft(withField('exitCheckUrl', event.currentTarget.value))} />
        <p class="hint" id="exit-check-hint">
          {t('options_exitCheckUrlHint')}
        </p>
      </div>
    </SettingsForm>
  );
}

const THEMES = ['system', 'light', 'dark'] as const;

/** The theme, saved as soon as it is picked so the page shows it at once. */
export function ThemeSection({ theme }: { theme: Settings['theme'] }) {
  const save = useAction();
  // Checked at once, before the stored setting comes back; a refusal puts the stored one back.
  const [selected, setSelected] = useDraft(theme);
  const choose = async (choice: Settings['theme']) => {
    setSelected(choice);
    if (!(await save.run(() => sendToBackground('updateSettings', { theme: choice })))) setSelected(theme);
  };
  return (
    <section class="card" aria-labelledby="theme-title" id="theme">
      <h2 id="theme-title">{t('options_themeTitle')}</h2>
      <RadioChoices
        legend={t('options_theme')}
        name="theme"
        choices={THEMES.map((choice) => ({ value: choice, label: t(`options_theme_${choice}`) }))}
        value={selected}
        onChange={(choice) => void choose(choice)}
      />
      <ActionError error={save.error} />
    </section>
  );
}
