/** The user's own proxies as the options page and the popup list them: loading, failed, none yet, or a row each. */
import type { VNode } from 'preact';
import { t } from '../lib/shared/i18n.ts';
import type { SavedCustomEndpoint } from '../lib/background/proxy/custom-endpoints.ts';
import type { useCustomEndpoints } from '../lib/ui/custom-endpoints.ts';
import { EmptyState, ErrorState, Loading } from './States.tsx';

export function CustomEndpointList({ saved, label, class: className, children }: { saved: ReturnType<typeof useCustomEndpoints>['saved']; label: string; class: string; children(endpoint: SavedCustomEndpoint): VNode }) {
  if (saved.error) return <ErrorState error={saved.error} onRetry={saved.reload} />;
  if (!saved.value) return <Loading />;
  if (saved.value.length === 0) return <EmptyState>{t('custom_none')}</EmptyState>;
  return (
    <ul class={className} aria-label={label}>
      {saved.value.map(children)}
    </ul>
  );
}
