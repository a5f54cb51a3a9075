/**
 * The tab the popup was opened over, and its site to prefill a route with. Read with the host access
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

/** The active tab in the popup's window (in Firefox with its `cookieStoreId`), or undefined. */
export async function currentTab(): Promise<(Browser.tabs.Tab & { cookieStoreId?: string }) | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
  return tab;
}

/** The active tab's site in the popup's window, or undefined (a browser page, no tab). */
export async function currentSite(): Promise<string | undefined> {
  return siteOf((await currentTab())?.url);
}

/** The id of the active tab in the popup's window, or undefined (no tab). */
export async function currentTabId(): Promise<number | undefined> {
  return (await currentTab())?.id;
}
