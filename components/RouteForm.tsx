/**
 * One route's form: the site pattern and the exit (the exit picker: everything the extension knows).
 * Adds a route (its site prefilled with `site`, from the popup), or saves the one given. The options'
 * routes section and the popup's "this site" view both load it on first use (lazy.tsx): it brings the
 * location picker.
 */
import { useState } from 'preact/hooks';
import { useExitPicker } from './ExitPicker.tsx';
import { ActionError } from './States.tsx';
import { t } from '../lib/shared/i18n.ts';
import type { Route } from '../lib/background/proxy/routes.ts';
import { sendToBackground } from '../lib/ui/send-to-background.ts';
import { useAction } from '../lib/ui/use-action.ts';

export function RouteForm({ route, site, onDone, onAdded }: { route?: Route; site?: string; onDone?(): void; onAdded?(): void }) {
  const id = route?.id ?? 'new';
  const [pattern, setPattern] = useState(route?.pattern ?? site ?? '');
  const picker = useExitPicker(`route-${id}`, route?.exit);
  const save = useAction();

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const { exit } = picker;
    if (!exit) return;
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
        {picker.select}
      </div>
      {picker.details}
      <div class="actions">
        <button type="submit" class="primary" disabled={save.pending || !picker.exit}>
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
