/** Where the popup sends the user for what does not fit in it. */
import { browser } from 'wxt/browser';

/**
 * An extension page's URL, e.g. `pageUrl('dashboard.html', 'renew=1,2')`. Built from the root URL
 * because WXT types `getURL` with the pages that exist at build time, and the dashboard is a sibling
 * entrypoint built separately.
 */
export const pageUrl = (page: string, hash?: string): string => `${browser.runtime.getURL('/')}${page}${hash ? `#${hash}` : ''}`;

export const openOptions = (): void => void browser.runtime.openOptionsPage();
