/**
 * The popup's "This site" tab: a route for the site of the tab the popup was opened over, in one
 * step ("Use this exit for amazon.de"), with the exit picked as in the options' routes section; and
 * below it "Only this tab" (Firefox).
 */
import { useEffect, useState } from 'preact/hooks';
import { RouteForm } from '../RouteForm.tsx';
import { Loading } from '../States.tsx';
import { t } from '../../lib/shared/i18n.ts';
import { firefoxProxyApi } from '../../lib/shared/platform.ts';
import { currentSite } from '../../lib/ui/current-site.ts';
import { TabExitView } from './TabExitView.tsx';

export function RouteSiteView() {
  const [site, setSite] = useState<string | null>();
  const [added, setAdded] = useState(false);
  useEffect(() => void currentSite().then((found) => setSite(found ?? null)), []);
  if (site === undefined) return <Loading />;
  return (
    <section aria-labelledby="route-site-title">
      <h3 id="route-site-title">{site ? t('routes_useExitFor', site) : t('routes_title')}</h3>
      {!site && <p class="muted small">{t('routes_noSite')}</p>}
      {!firefoxProxyApi() && <p class="muted small">{t('routes_chromeNote')}</p>}
      <RouteForm site={site ?? undefined} onAdded={() => setAdded(true)} />
      <div aria-live="polite">{added && <p class="status-ok">{t('ui_saved')}</p>}</div>
      <a href="/options.html#routes" target="_blank" rel="noopener">
        {t('routes_manage')}
      </a>
      <TabExitView />
    </section>
  );
}
