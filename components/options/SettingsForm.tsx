/**
 * One titled settings section with its own Save button: the section builds a patch from its draft,
 * the background validates and stores it (`updateSettings`), and the outcome is announced here, the
 * background's refusal word for word.
 */
import { ActionError } from '../States.tsx';
import type { ComponentChildren } from 'preact';
import { t } from '../../lib/shared/i18n.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';
import type { RequestInput } from '../../lib/background/requests.ts';
import { useAction } from '../../lib/ui/use-action.ts';

export type SettingsPatch = RequestInput<'updateSettings'>;

/**
 * `patch()` returns the change to save, or undefined when the draft has a problem the section shows
 * itself (nothing is sent then).
 */
export function SettingsForm({ id, title, intro, patch, children }: { id: string; title: string; intro?: ComponentChildren; patch(): SettingsPatch | undefined; children: ComponentChildren }) {
  const save = useAction();
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const change = patch();
    if (change) void save.run(() => sendToBackground('updateSettings', change));
  };
  return (
    <section class="card" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {intro}
      <form onSubmit={onSubmit} noValidate>
        {children}
        <div class="actions">
          <button type="submit" class="primary" disabled={save.pending}>
            {t('ui_save')}
          </button>
          <div aria-live="polite">
            {save.done && <p class="status-ok">{t('ui_saved')}</p>}
          </div>
        </div>
        <ActionError error={save.error} />
      </form>
    </section>
  );
}
