/**
 * The site of the tab the popup was opened over, to prefill a route with. Read with the host access
 * the extension has anyway (`<all_urls>`, for the proxy login): no `tabs` permission is needed for a
 * tab's address then.
 */
import { browser } from 'wxt/browser';

/** The host a route for `url` names: web pages only, without a leading `www.`. */
export function siteOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  return parsed.hostname.replace(/^\[|\]$/g, '').replace(/^www\./, '') || undefined;
}

/** The active tab's site in the popup's window, or undefined (a browser page, no tab). */
export async function currentSite(): Promise<string | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
  return siteOf(tab?.url);
}

/** The id of the active tab in the popup's window, or undefined (no tab). */
export async function currentTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
  return tab?.id;
}
