/**
 * First run: the app_key is pasted here and handed to the background (`setKey`), which checks it
 * against the API host before keeping it. The key is never shown again; a refusal shows the
 * background's message as it is.
 */
import { useState } from 'preact/hooks';
import { t } from '../../lib/shared/i18n.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';
import { useAction } from '../../lib/ui/use-action.ts';
import { openOptions } from '../../lib/ui/page-links.ts';
import { ActionError } from '../States.tsx';

/** The key-entry screen; the popup moves on by itself once the stored key changes. */
export function KeyEntry({ apiBaseUrl }: { apiBaseUrl?: string }) {
  const [key, setKey] = useState('');
  const [remember, setRemember] = useState(true);
  const action = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    void action.run(() => sendToBackground('setKey', { key: key.trim(), remember }));
  };
  return (
    <form class="key-entry" onSubmit={submit}>
      <h1>{t('popup_keyTitle')}</h1>
      <p class="muted">{t('popup_keyIntro')}</p>
      <label for="app-key">{t('popup_keyLabel')}</label>
      <input id="app-key" type="password" autocomplete="off" spellcheck={false} required value={key} onInput={(event) => setKey(event.currentTarget.value)} />
      <label class="check">
        <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.currentTarget.checked)} />
        {t('popup_keyRemember')}
      </label>
      <p class="muted small">{t('popup_keyRememberHint')}</p>
      <ActionError error={action.error} />
      <button type="submit" class="primary" disabled={action.pending || !key.trim()} aria-busy={action.pending}>
        {action.pending ? t('popup_keyChecking') : t('popup_keySave')}
      </button>
      <p class="muted small">
        {apiBaseUrl && t('popup_keyHost', new URL(apiBaseUrl).host)}{' '}
        <button type="button" class="link" onClick={openOptions}>
          {t('popup_keyHostLink')}
        </button>
      </p>
    </form>
  );
}
