/**
 * The app_key: whether one is stored (only its last four characters are ever shown), entering or
 * replacing it (checked by the background against the confirmed API host before it is stored), and
 * forgetting it after a confirmation.
 */
import { useState } from 'preact/hooks';
import { t } from '../../lib/shared/i18n.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';
import type { KeyStatus } from '../../lib/background/requests.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { KeyForm } from '../KeyForm.tsx';

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
          onSaved={() => {
            setSaved(true);
            setEditing(false);
          }}
          onCancel={status.set ? () => setEditing(false) : undefined}
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
