/**
 * First run: a welcome, the key form, and the way to the options for another API address. The popup
 * moves on by itself once the stored key changes.
 */
import { useEffect } from 'preact/hooks';
import { t } from '../../lib/shared/i18n.ts';
import { firstViewShown } from '../../lib/ui/first-view.ts';
import { openOptions } from '../../lib/ui/page-links.ts';
import { KeyForm } from '../KeyForm.tsx';

export function KeyEntry({ apiBaseUrl }: { apiBaseUrl?: string }) {
  // With no key, this is the popup's first view.
  useEffect(firstViewShown, []);
  return (
    <div class="key-entry">
      <h1>{t('popup_keyTitle')}</h1>
      <p class="muted">{t('popup_keyIntro')}</p>
      <KeyForm apiBaseUrl={apiBaseUrl} />
      <p class="muted small">
        <button type="button" class="link" onClick={openOptions}>
          {t('popup_keyHostLink')}
        </button>
      </p>
    </div>
  );
}
