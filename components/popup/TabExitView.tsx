/**
 * "Only this tab" (Firefox), beside the popup's "This site" form: an exit for the tab the popup was
 * opened over, which the tabs opened from it inherit, ahead of its container and the site rules. It
 * ends with the tab and with the browser session. Chrome cannot tell a request's tab to its proxy
 * setting, and says so in one line.
 */
import { useEffect, useState } from 'preact/hooks';
import { ContextExitForm } from '../ContextExitForm.tsx';
import { Loading } from '../States.tsx';
import { t } from '../../lib/shared/i18n.ts';
import { firefoxProxyApi } from '../../lib/shared/platform.ts';
import type { TabExit } from '../../lib/background/proxy/context-exits.ts';
import { currentTabId } from '../../lib/ui/current-site.ts';
import { describeExit } from '../../lib/ui/route-exits.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';

export function TabExitView() {
  return (
    <section aria-labelledby="tab-exit-title" class="tab-exit">
      <h3 id="tab-exit-title">{t('tabExit_title')}</h3>
      {firefoxProxyApi() ? <TabExitForm /> : <p class="muted small">{t('contextError_firefoxOnly')}</p>}
    </section>
  );
}

function TabExitForm() {
  const [tabId, setTabId] = useState<number | null>();
  const [current, setCurrent] = useState<TabExit>();
  useEffect(() => {
    void currentTabId().then(async (id) => {
      setTabId(id ?? null);
      if (id !== undefined) setCurrent(await sendToBackground('getTabExit', { tabId: id }));
    });
  }, []);
  if (tabId === null) return <p class="muted small">{t('tabExit_noTab')}</p>;
  if (tabId === undefined || !current) return <Loading />;
  const exit = current.exit;
  return (
    <>
      <p class="muted small">{t('tabExit_explain')}</p>
      <p aria-live="polite">{exit ? t('tabExit_uses', describeExit(exit)) : t('containers_followsRules')}</p>
      <ContextExitForm
        key={exit ? JSON.stringify(exit) : 'none'}
        id="tab"
        label={t('tabExit_title')}
        exit={exit}
        saveLabel={t('tabExit_set')}
        clearLabel={t('tabExit_clear')}
        onSave={async (chosen) => setCurrent(await sendToBackground('setTabExit', { tabId, exit: chosen }))}
        onClear={async () => setCurrent(await sendToBackground('clearTabExit', { tabId }))}
      />
    </>
  );
}
