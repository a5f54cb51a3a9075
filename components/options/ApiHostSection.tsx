/**
 * The API host, an advanced setting: the key travels in every request, and phishing copies of the
 * provider exist, so another host is used only after the user has read the warning and confirmed it.
 * The background still decides (https, or http on this computer only) and its refusal is shown.
 */
import { CheckboxChoice } from '../Choices.tsx';
import { ActionError } from '../States.tsx';
import { useState } from 'preact/hooks';
import { t } from '../../lib/shared/i18n.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';
import type { KeyStatus } from '../../lib/background/requests.ts';
import { useAction } from '../../lib/ui/use-action.ts';
import { useDraft } from '../../lib/ui/use-draft.ts';

/** The disclosure with the API address form and its warning. */
export function ApiHostSection({ apiBaseUrl, keyStatus }: { apiBaseUrl: string; keyStatus: KeyStatus }) {
  const [url, setUrl] = useDraft(apiBaseUrl);
  const [understood, setUnderstood] = useState(false);
  const save = useAction();
  const keyElsewhere = keyStatus.set && keyStatus.baseUrl !== undefined && keyStatus.baseUrl !== apiBaseUrl;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!understood) return;
    const settings = await save.run(() => sendToBackground('updateSettings', { apiBaseUrl: url.trim() }));
    // Each new host needs its own confirmation.
    if (settings) setUnderstood(false);
  };

  return (
    <section class="card" aria-labelledby="host-title" id="api-host">
      <details>
        <summary>
          <h2 id="host-title" style={{ display: 'inline' }}>
            {t('options_hostTitle')}
          </h2>
        </summary>
        <p>{t('options_hostCurrent', apiBaseUrl)}</p>
        {keyElsewhere && <p class="warning">{t('options_hostKeyElsewhere', keyStatus.baseUrl ?? '')}</p>}
        <form onSubmit={onSubmit} noValidate>
          <div class="field">
            <label for="host-input">{t('options_hostInput')}</label>
            <input id="host-input" type="url" spellcheck={false} value={url} aria-describedby="host-warning" onInput={(event) => setUrl(event.currentTarget.value)} />
          </div>
          <div class="warning" id="host-warning">
            <p>{t('options_hostWarning')}</p>
            <p>{t('options_hostPhishing')}</p>
          </div>
          <CheckboxChoice label={t('options_hostConfirm')} checked={understood} onChange={setUnderstood} />
          <div class="actions">
            <button type="submit" class="primary" disabled={!understood || save.pending}>
              {t('options_hostSave')}
            </button>
            <div aria-live="polite">{save.done && <p class="status-ok">{t('options_hostSaved')}</p>}</div>
          </div>
          <ActionError error={save.error} />
        </form>
      </details>
    </section>
  );
}
