/**
 * The app_key form of the popup's first run and of the options page: the key is handed to the
 * background (`setKey`), which checks it against the confirmed API host before keeping it, and leaves
 * the page as soon as the background has it. A refusal shows the background's message as it is.
 */
import { useState } from 'preact/hooks';
import { t } from '../lib/shared/i18n.ts';
import { sendToBackground } from '../lib/ui/send-to-background.ts';
import { useAction } from '../lib/ui/use-action.ts';
import { CheckboxChoice } from './Choices.tsx';
import { ActionError } from './States.tsx';

export interface KeyFormProps {
  /** The host the key will be checked against, once the settings are known. */
  apiBaseUrl: string | undefined;
  /** After the key was accepted and stored. */
  onSaved?(): void;
  /** Offers to keep the current key instead (when there is one). */
  onCancel?(): void;
}

export function KeyForm({ apiBaseUrl, onSaved, onCancel }: KeyFormProps) {
  const [key, setKey] = useState('');
  const [remember, setRemember] = useState(true);
  const [missing, setMissing] = useState(false);
  const save = useAction();
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const trimmed = key.trim();
    setMissing(trimmed === '');
    if (!trimmed) return;
    const status = await save.run(() => sendToBackground('setKey', { key: trimmed, remember }));
    if (status) {
      setKey('');
      onSaved?.();
    }
  };
  return (
    <form class="key-form" onSubmit={onSubmit} noValidate aria-label={t('keyForm_label')}>
      <div class="field">
        <label for="key-input">{t('keyForm_input')}</label>
        <input
          id="key-input"
          type="password"
          autoComplete="off"
          spellcheck={false}
          value={key}
          aria-invalid={missing}
          aria-describedby="key-hint"
          onInput={(event) => setKey(event.currentTarget.value)}
        />
        <p class="hint" id="key-hint">
          {apiBaseUrl && t('keyForm_hint', apiBaseUrl)}
        </p>
        {missing && <p class="problem">{t('keyForm_missing')}</p>}
      </div>
      <CheckboxChoice label={t('keyForm_remember')} hint={t('keyForm_rememberHint')} checked={remember} onChange={setRemember} />
      <div class="actions">
        <button type="submit" class="primary" disabled={save.pending} aria-busy={save.pending}>
          {save.pending ? t('keyForm_checking') : t('keyForm_save')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('keyForm_keep')}
          </button>
        )}
      </div>
      <ActionError error={save.error} />
    </form>
  );
}
