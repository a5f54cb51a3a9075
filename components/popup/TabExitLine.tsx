/**
 * The header's line for the tab the popup was opened over: which exit its page takes and why
 * ("This tab: DE, via alice · rule amazon.de"). Shown only where it differs from what the header
 * says, the main connection's exit: a line repeating the header would teach the eye to skip it, and
 * then miss the tab that goes elsewhere. Loaded after the first paint; asked again whenever what
 * decides it changes while the popup is open, and then announced (a polite live region of its own:
 * the header's status region is the connection's).
 */
import { useEffect, useState } from 'preact/hooks';
import type { TabExitDescription } from '../../lib/background/proxy/tab-exit-descriptions.ts';
import { STORAGE_KEYS } from '../../lib/shared/storage-keys.ts';
import { differsFromHeader, tabExitLine } from '../../lib/shared/tab-exit-words.ts';
import { currentTab } from '../../lib/ui/current-site.ts';
import { sendToBackground } from '../../lib/ui/send-to-background.ts';
import { watchStored } from '../../lib/ui/stored.ts';

/** What the tab's exit depends on: the connection and its status, the routes, the settings (routing), the exits' checks. */
const DECIDING_KEYS = [STORAGE_KEYS.connection, STORAGE_KEYS.proxyStatus, STORAGE_KEYS.routes, STORAGE_KEYS.containerExits, STORAGE_KEYS.tabExits, STORAGE_KEYS.settings, STORAGE_KEYS.exitChecks];

export function TabExitLine() {
  const [exit, setExit] = useState<TabExitDescription>();
  useEffect(() => {
    let asked = 0;
    const ask = async () => {
      const attempt = ++asked;
      const tab = await currentTab();
      if (!tab?.url) return;
      const answer = await sendToBackground('describeTabExit', { url: tab.url, tabId: tab.id, ...(tab.cookieStoreId && { cookieStoreId: tab.cookieStoreId }) }).catch(() => undefined);
      // Only the latest question's answer, and none after the popup closed the line.
      if (attempt === asked) setExit(answer);
    };
    void ask();
    const stops = DECIDING_KEYS.map((key) => watchStored(key, () => void ask()));
    return () => {
      asked = -1;
      for (const stop of stops) stop();
    };
  }, []);
  return (
    <p class="tab-exit small" aria-live="polite">
      {exit && differsFromHeader(exit) ? tabExitLine(exit) : null}
    </p>
  );
}
