/**
 * The routes: the list of rules "site → exit" in their order of precedence, each one turned on or
 * off, moved, edited or deleted in place, and the form that adds one. Every change is the
 * background's to check and apply; its refusal is shown word for word.
 */
import { useState } from 'preact/hooks';
import { lazyView } from '../lazy.tsx';
import { ActionError } from '../States.tsx';
import { t } from '../../lib/shared/i18n.ts';
import { firefoxProxyApi } from '../../lib/shared/platform.ts';
import type { Route } from '../../lib/background/proxy/routes.ts';
import { useBackgroundValue } from '../../lib/ui/hooks.ts';
import { describeExit, movedOrder } from '../../lib/ui/route-exits.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';
import { useAction } from '../../lib/ui/use-action.ts';

// With the location picker, more than the rest of the section: loaded once the section is drawn.
const RouteForm = lazyView(() => import('../RouteForm.tsx').then((module) => module.RouteForm));

export function RoutesSection() {
  const routes = useBackgroundValue('getRoutes');
  const change = useAction();
  const [editing, setEditing] = useState<string>();
  const list = routes.value ?? [];
  const ids = list.map((route) => route.id);
  const move = (index: number, by: -1 | 1) => void change.run(() => sendToBackground('reorderRoutes', { ids: movedOrder(ids, index, by) }));
  return (
    <section class="card" aria-labelledby="routes-title" id="routes">
      <h2 id="routes-title">{t('routes_title')}</h2>
      <p class="hint">{t('routes_intro')}</p>
      <p class="hint" id="routes-precedence">
        {t('routes_precedence')}
      </p>
      {!firefoxProxyApi() && <p class="hint">{t('routes_chromeNote')}</p>}
      {list.length === 0 ? (
        <p class="muted">{t('routes_empty')}</p>
      ) : (
        <ol class="route-list" aria-describedby="routes-precedence">
          {list.map((route, index) =>
            editing === route.id ? (
              <li key={route.id}>
                <RouteForm route={route} onDone={() => setEditing(undefined)} />
              </li>
            ) : (
              <RouteRow key={route.id} route={route} first={index === 0} last={index === list.length - 1} busy={change.pending} onMove={(by) => move(index, by)} onEdit={() => setEditing(route.id)} onChange={change.run} />
            ),
          )}
        </ol>
      )}
      <ActionError error={change.error ?? routes.error} />
      {editing === undefined && <RouteForm />}
    </section>
  );
}

interface RouteRowProps {
  route: Route;
  first: boolean;
  last: boolean;
  busy: boolean;
  onMove(by: -1 | 1): void;
  onEdit(): void;
  onChange(task: () => Promise<unknown>): Promise<unknown>;
}

function RouteRow({ route, first, last, busy, onMove, onEdit, onChange }: RouteRowProps) {
  const { id, pattern } = route;
  return (
    <li class={route.enabled ? 'route-row' : 'route-row off'}>
      <label class="route-toggle">
        <input type="checkbox" checked={route.enabled} disabled={busy} aria-label={`${t('routes_enabled')}: ${pattern}`} onChange={(event) => void onChange(() => sendToBackground('updateRoute', { id, enabled: event.currentTarget.checked }))} />
        {t('routes_enabled')}
      </label>
      <code>{pattern}</code>
      <span aria-hidden="true">→</span>
      <span>{describeExit(route.exit)}</span>
      <span class="route-actions">
        <button type="button" disabled={busy || first} aria-label={t('routes_moveUp', pattern)} onClick={() => onMove(-1)}>
          ↑
        </button>
        <button type="button" disabled={busy || last} aria-label={t('routes_moveDown', pattern)} onClick={() => onMove(1)}>
          ↓
        </button>
        <button type="button" disabled={busy} onClick={onEdit} aria-label={`${t('routes_edit')}: ${pattern}`}>
          {t('routes_edit')}
        </button>
        <button type="button" disabled={busy} onClick={() => void onChange(() => sendToBackground('deleteRoute', { id }))} aria-label={t('routes_delete', pattern)}>
          ✕
        </button>
      </span>
    </li>
  );
}
