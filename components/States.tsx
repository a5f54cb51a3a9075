/** The loading, empty and error states every view shows, so they look and read the same everywhere. */
import type { ComponentChildren } from 'preact';
import { t } from '../lib/shared/i18n.ts';
import type { CachedListState } from '../lib/ui/watch.ts';

/** A list being loaded (`useCachedList`): once the background says 911Proxy is slow, which try, and a way to stop. */
export interface LoadingList {
  wait?: CachedListState<unknown>['wait'];
  stopWaiting(): void;
}

export function Loading({ label, list }: { label?: string; list?: LoadingList }) {
  const wait = list?.wait;
  return (
    <div class="state loading muted" role="status" aria-live="polite">
      <p>{label ?? t('ui_loading')}</p>
      {wait && (
        <p class="slow">
          {t('ui_slowAnswer', String(wait.attempt), String(wait.attempts))}{' '}
          <button type="button" onClick={list.stopWaiting}>
            {t('ui_stopWaiting')}
          </button>
        </p>
      )}
    </div>
  );
}

export function EmptyState({ children }: { children: ComponentChildren }) {
  return <p class="state muted">{children}</p>;
}

/** The background's actionable message as it is, with a retry when the action can be repeated. */
export function ErrorState({ error, onRetry }: { error: { message: string }; onRetry?: () => void }) {
  return (
    <div class="state error" role="alert">
      <p>{error.message}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('ui_retry')}
        </button>
      )}
    </div>
  );
}

/** A failure's message as the background worded it, beside what failed: the form that sent an action, or a list shown from the cache. */
export function ActionError({ error }: { error?: { message: string } }) {
  if (!error) return null;
  return (
    <p class="action-error" role="alert">
      {error.message}
    </p>
  );
}
