/** A tab as both Playwright (Chromium) and puppeteer (Firefox) hand it out. */
export interface Tab {
  goto(url: string, options: { timeout: number }): Promise<{ status(): number } | null>;
  close(): Promise<void>;
}

/**
 * Loads `url` in a tab from `newTab` and closes it; the response status, or the error's first line.
 * A browser waits for the user at a login prompt, so a load that ends within `timeoutMs` showed none.
 */
export async function visitInNewTab(newTab: () => Promise<Tab>, url: string, timeoutMs: number): Promise<number | string> {
  const tab = await newTab();
  try {
    return (await tab.goto(url, { timeout: timeoutMs }))?.status() ?? 'no response';
  } catch (error) {
    return String(error).split('\n')[0]!;
  } finally {
    // The tab may be gone already, closed with the add-on or the browser that restarted meanwhile.
    await tab.close().catch(() => undefined);
  }
}
