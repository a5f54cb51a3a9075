/**
 * The app_key: whether one is stored (only its last four characters are ever shown), entering or
 * replacing it (checked by the background against the confirmed API host before it is stored), and
 * forgetting it after a confirmation.
 */
import { ActionError } from '../States.tsx';
import { useState } from 'preact/hooks';
import { t } from '../../lib/shared/i18n.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';
import { type KeyStatus } from '../../lib/background/requests.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { useAction } from '../../lib/ui/use-action.ts';

/** The key section; `apiBaseUrl` is the confirmed host the next key will be checked against. */
export function KeySection({ status, apiBaseUrl }: { status: KeyStatus; apiBaseUrl: string }) {
  const [editing, setEditing] = useState(false);
  const [confirmingForget, setConfirmingForget] = useState(false);
  const [saved, setSaved] = useState(false);
  const showForm = !status.set || editing;

  return (
    <section class="card" aria-labelledby="key-title" id="key">
      <h2 id="key-title">{t('options_keyTitle')}</h2>
      {status.set ? (
        <>
          <p data-testid="key-summary">
            {t('options_keySet', `…${status.last4 ?? ''}`, status.baseUrl ?? apiBaseUrl)}{' '}
            {status.remembered ? t('options_keyRemembered') : t('options_keyNotRemembered')}
          </p>
          {status.unverified && <p class="warning">{t('key_unverifiedWarning')}</p>}
          {!editing && (
            <div class="actions">
              <button
                type="button"
                onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}
              >
                {t('options_keyReplace')}
              </button>
              <button type="button" class="danger" onClick={() => setConfirmingForget(true)}>
                {t('options_keyForget')}
              </button>
            </div>
          )}
        </>
      ) : (
        <p>{t('options_keyNone')}</p>
      )}
      <div aria-live="polite">{saved && status.set && <p class="status-ok">{t('options_keySaved')}</p>}</div>
      {showForm && (
        <KeyForm
          apiBaseUrl={apiBaseUrl}
          cancellable={status.set}
          onDone={(stored) => {
            setSaved(stored);
            setEditing(false);
          }}
        />
      )}
      {confirmingForget && (
        <ConfirmDialog
          title={t('options_keyForgetTitle')}
          confirmLabel={t('options_keyForget')}
          danger
          onConfirm={() => {
            setSaved(false);
            return sendToBackground('forgetKey', {});
          }}
          onClose={() => setConfirmingForget(false)}
        >
          <p>{t('options_keyForgetBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function KeyForm({ apiBaseUrl, cancellable, onDone }: { apiBaseUrl: string; cancellable: boolean; onDone(stored: boolean): void }) {
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
      // The key leaves the page as soon as the background has it.
      setKey('');
      onDone(true);
    }
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('options_keyFormLabel')}>
      <div class="field">
        <label for="key-input">{t('options_keyInput')}</label>
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
          {t('options_keyHint', apiBaseUrl)}
        </p>
        {missing && <p class="problem">{t('options_keyMissing')}</p>}
      </div>
      <label class="choice">
        <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.currentTarget.checked)} />
        <span>
          {t('options_keyRemember')}
          <br />
          <span class="hint">{t('options_keyRememberHint')}</span>
        </span>
      </label>
      <div class="actions">
        <button type="submit" class="primary" disabled={save.pending}>
          {save.pending ? t('options_keyChecking') : t('options_keySave')}
        </button>
        {cancellable && (
          <button type="button" onClick={() => onDone(false)}>
            {t('options_keyKeep')}
          </button>
        )}
      </div>
      <ActionError error={save.error} />
    </form>
  );
}
