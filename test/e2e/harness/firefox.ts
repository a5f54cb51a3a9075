import { execFile } from 'node:child_process';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import puppeteer from 'puppeteer-core';
import type { Browser, Page } from 'puppeteer-core';
import { GECKO_ID } from '../../../wxt.config.ts';
import { REPO_ROOT, makeTempDir, pollFor, removeDir, sleep } from './util.ts';

const FIREFOX = '/usr/bin/firefox-esr';
const run = promisify(execFile);

/**
 * Prefs that make Firefox ESR install an unsigned add-on found in `<profile>/extensions/` at start-up
 * and keep it across restarts (a temporary add-on is gone after a restart).
 */
const PROFILE_ADDON_PREFS = {
  'xpinstall.signatures.required': false,
  'extensions.autoDisableScopes': 0,
  'extensions.enabledScopes': 15,
} as const;

/**
 * The moz-extension:// UUID given to the add-on through the `extensions.webextensions.uuids` pref,
 * so that extension page URLs are known before the add-on is installed.
 */
export const FIREFOX_EXTENSION_UUID = '9e1b7c52-0a11-4d1e-b911-5e2e0f1a9110';

/**
 * Launches Firefox ESR headless over WebDriver BiDi (puppeteer-core) and installs the built add-on,
 * as a temporary add-on by default, or (`addon: 'profile'`) as a regular unsigned add-on in the
 * profile that survives a browser restart. Certificate errors are accepted (self-signed target server).
 */
export async function launchFirefox(options: LaunchFirefoxOptions = {}): Promise<FirefoxHandle> {
  const extensionDir = path.resolve(REPO_ROOT, options.extensionDir ?? '.output/firefox-mv2');
  const ownProfile = options.profileDir === undefined;
  const profileDir = options.profileDir ?? (await makeTempDir('firefox'));

  const inProfile = options.addon === 'profile';
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
    if (inProfile) await packIntoProfile(extensionDir, profileDir);
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: profileDir,
      acceptInsecureCerts: true,
      args: ['--remote-allow-system-access', ...(options.args ?? [])],
      protocolTimeout: 20_000,
      timeout: 60_000,
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
        ...(inProfile && PROFILE_ADDON_PREFS),
        ...options.prefs,
      },
    });
    if (!inProfile) await browser.installExtension(extensionDir);
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
  /**
   * How the add-on is installed: `temporary` (default, over BiDi; gone after a restart) or `profile`
   * (zipped into `<profile>/extensions/<GECKO_ID>.xpi` before the first launch with that profile,
   * unsigned, which Firefox ESR accepts with `xpinstall.signatures.required=false`; it stays installed
   * across restarts, and later launches reuse the file as it is).
   */
  addon?: 'temporary' | 'profile';
  /** Extra command-line arguments; a URL among them is the first page Firefox opens (instead of about:blank). */
  args?: string[];
  /** Extra Firefox prefs, e.g. `{ 'network.proxy.allow_hijacking_localhost': true }`. */
  prefs?: Record<string, string | number | boolean>;
}

/**
 * Zips the unpacked add-on into the profile's extensions folder, unless an earlier launch did: a
 * restart must find the very same file, or Firefox takes it for an update and installs it anew
 * (dropping what it remembered about the add-on, such as its listeners to wake at start-up).
 */
async function packIntoProfile(extensionDir: string, profileDir: string): Promise<void> {
  const dir = path.join(profileDir, 'extensions');
  const xpi = path.join(dir, `${GECKO_ID}.xpi`);
  if (await access(xpi).then(() => true, () => false)) return;
  await mkdir(dir, { recursive: true });
  try {
    await run('zip', ['-q', '-r', '-X', xpi, '.'], { cwd: extensionDir });
  } catch (error) {
    throw new Error(`could not zip ${extensionDir} into ${xpi} (is the zip package installed?): ${String(error)}`, { cause: error });
  }
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
