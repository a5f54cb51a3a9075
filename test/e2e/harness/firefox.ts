import path from 'node:path';
import puppeteer from 'puppeteer-core';
import type { Browser, Page } from 'puppeteer-core';
import { GECKO_ID } from '../../../wxt.config.ts';
import { REPO_ROOT, makeTempDir, pollFor, removeDir, sleep } from './util.ts';

const FIREFOX = '/usr/bin/firefox-esr';

/**
 * The moz-extension:// UUID given to the add-on through the `extensions.webextensions.uuids` pref,
 * so that extension page URLs are known before the add-on is installed.
 */
export const FIREFOX_EXTENSION_UUID = '9e1b7c52-0a11-4d1e-b911-5e2e0f1a9110';

/**
 * Launches Firefox ESR headless over WebDriver BiDi (puppeteer-core) and installs the built add-on
 * as a temporary add-on. Certificate errors are accepted (self-signed target server).
 */
export async function launchFirefox(options: LaunchFirefoxOptions = {}): Promise<FirefoxHandle> {
  const extensionDir = path.resolve(REPO_ROOT, options.extensionDir ?? '.output/firefox-mv2');
  const ownProfile = options.profileDir === undefined;
  const profileDir = options.profileDir ?? (await makeTempDir('firefox'));

  let browser: Browser | undefined;
  const kill = () => {
    const pid = browser?.process()?.pid;
    if (pid === undefined) return;
    try {
      // puppeteer starts Firefox in its own process group: this takes the content processes too.
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: profileDir,
      acceptInsecureCerts: true,
      args: ['--remote-allow-system-access'],
      protocolTimeout: 20_000,
      timeout: 60_000,
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
      },
    });
    await browser.installExtension(extensionDir);
  } catch (error) {
    kill();
    if (ownProfile) await removeDir(profileDir);
    throw error;
  }
  const launched = browser;

  const extensionUrl = (pagePath: string) => `moz-extension://${FIREFOX_EXTENSION_UUID}/${pagePath.replace(/^\//, '')}`;

  const openExtensionPage = async (pagePath: string, timeoutMs = 20_000): Promise<Page> => {
    const url = extensionUrl(pagePath);
    const page = await launched.newPage();
    // page.goto() to a moz-extension:// page never resolves here: start it, then poll the document.
    page.goto(url).catch(() => undefined);
    await pollFor(`${url} to load`, async () => {
      const state = await page
        .evaluate(() => ({ href: location.href, ready: document.readyState }))
        .catch(() => undefined);
      return state?.href === url && state.ready === 'complete' ? true : undefined;
    }, timeoutMs, 100);
    return page;
  };

  let closed = false;
  return {
    browser: launched,
    extensionUrl,
    openExtensionPage,
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.race([launched.close().catch(() => undefined), sleep(10_000)]);
      kill();
      if (ownProfile) await removeDir(profileDir);
    },
  };
}

/** Options for {@link launchFirefox}. */
export interface LaunchFirefoxOptions {
  /** Unpacked add-on, relative to the repository root or absolute; default `.output/firefox-mv2`. */
  extensionDir?: string;
  /** Profile to use and keep (for browser-restart tests); default a temporary one removed on close. */
  profileDir?: string;
}

/** A running Firefox started by {@link launchFirefox}. */
export interface FirefoxHandle {
  browser: Browser;
  /** `moz-extension://<FIREFOX_EXTENSION_UUID>/<path>`. */
  extensionUrl(path: string): string;
  /**
   * Opens an extension page in a new tab and resolves once its document has loaded. The returned
   * page's `url()` may still say about:blank: read `location.href` in the page instead.
   */
  openExtensionPage(path: string, timeoutMs?: number): Promise<Page>;
  /** Closes Firefox (killing its process group if it lingers) and removes a temporary profile. */
  close(): Promise<void>;
}
