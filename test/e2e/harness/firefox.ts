import { execFile } from 'node:child_process';
import { access, cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import puppeteer from 'puppeteer-core';
import type { Browser, LaunchOptions, Page } from 'puppeteer-core';
import { GECKO_ID } from '../../../wxt.config.ts';
import { REPO_ROOT, makeTempDir, pollFor, removeAtExit, removeDir, sleep } from './util.ts';
import { visitInNewTab } from './visit.ts';

const FIREFOX = '/usr/bin/firefox-esr';
const run = promisify(execFile);

/**
 * Prefs that make Firefox ESR install an unsigned add-on found in `<profile>/extensions/` at start-up
 * and keep it across restarts (a temporary add-on is gone after a restart). Firefox looks in that
 * folder at every start (`startupScanScopes`), not only at a profile's first: the profile may be a copy
 * of one that has started before ({@link firefoxProfileTemplate}).
 */
const PROFILE_ADDON_PREFS = {
  'xpinstall.signatures.required': false,
  'extensions.autoDisableScopes': 0,
  'extensions.enabledScopes': 15,
  'extensions.startupScanScopes': 1,
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
    await seedFromTemplate(profileDir);
    if (inProfile) await packIntoProfile(extensionDir, profileDir);
    browser = await puppeteer.launch(launchOptions(profileDir, options.args, { ...(inProfile && PROFILE_ADDON_PREFS), ...options.prefs }));
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

  // WebDriver BiDi reaches the browser's own window when Firefox runs with --remote-allow-system-access.
  const bidi = (launched as unknown as { connection: { send(method: string, params: object): Promise<{ result: unknown }> } }).connection;
  const privileged = async <T>(expression: string): Promise<T> => {
    const { result: tree } = (await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as { result: { contexts: { context: string; url: string }[] } };
    const window = tree.contexts.find((context) => context.url === 'chrome://browser/content/browser.xhtml') ?? tree.contexts[0]!;
    // Answered as JSON: BiDi's own serialization of objects is a list of entries.
    const json = `Promise.resolve(${expression}).then((value) => JSON.stringify(value ?? null))`;
    const { result } = (await bidi.send('script.evaluate', { expression: json, target: { context: window.context }, awaitPromise: true })) as {
      result: { type: 'success'; result: { value: string } } | { type: 'exception'; exceptionDetails: { text: string } };
    };
    if (result.type !== 'success') throw new Error(`privileged script failed: ${result.exceptionDetails.text}`);
    return JSON.parse(result.result.value) as T;
  };
  const addon = `AddonManager.getAddonByID(${JSON.stringify(GECKO_ID)})`;

  let closed = false;
  return {
    browser: launched,
    extensionUrl,
    openExtensionPage,
    visit: (url) => visitInNewTab(() => launched.newPage(), url, 10_000),
    privileged,
    // The time is taken in the browser, right before the add-on manager is asked.
    setAddonEnabled: (enabled) => privileged<number>(`(async () => { const found = await ${addon}; const at = Date.now(); await found.${enabled ? 'enable' : 'disable'}(); return at; })()`),
    reloadAddon: () => privileged<number>(`(async () => { const found = await ${addon}; const at = Date.now(); await found.reload(); return at; })()`),
    addonVersion: () => privileged<string>(`${addon}.then((a) => a.version)`),
    installAddon: (xpi) =>
      privileged<{ at: number; outcome: 'installed' | 'postponed' | 'failed' }>(`(async () => {
        const file = Cc['@mozilla.org/file/local;1'].createInstance(Ci.nsIFile);
        file.initWithPath(${JSON.stringify(xpi)});
        const install = await AddonManager.getInstallForFile(file);
        const at = Date.now();
        const outcome = await new Promise((resolve) => {
          install.addListener({ onInstallEnded: () => resolve('installed'), onInstallPostponed: () => resolve('postponed'), onInstallFailed: () => resolve('failed') });
          install.install();
        });
        return { at, outcome };
      })()`),
    setPrivateWindowsAllowed: (allowed) =>
      privileged<void>(`(async () => {
        const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
        const permissions = { permissions: ['internal:privateBrowsingAllowed'], origins: [] };
        await ExtensionPermissions.${allowed ? 'add' : 'remove'}(${JSON.stringify(GECKO_ID)}, permissions);
        await (await ${addon}).reload();
      })()`),
    browserRequest: (url) =>
      privileged<number | string>(`new Promise((resolve) => {
        const channel = NetUtil.newChannel({ uri: ${JSON.stringify(url)}, loadUsingSystemPrincipal: true });
        channel.loadFlags |= Ci.nsIRequest.LOAD_BYPASS_CACHE | Ci.nsIRequest.LOAD_ANONYMOUS;
        NetUtil.asyncFetch(channel, (stream, status) => {
          try {
            resolve(Components.isSuccessCode(status) ? channel.QueryInterface(Ci.nsIHttpChannel).responseStatus : '0x' + (status >>> 0).toString(16));
          } catch (error) {
            resolve(String(error));
          }
        });
      })`),
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.race([launched.close().catch(() => undefined), sleep(10_000)]);
      kill();
      if (ownProfile) await removeDir(profileDir);
    },
  };
}

/** How every Firefox here is started: headless over WebDriver BiDi, the add-on's UUID fixed, with `prefs` added. */
function launchOptions(profileDir: string, args: string[] = [], prefs: LaunchOptions['extraPrefsFirefox'] = {}): LaunchOptions {
  return {
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profileDir,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access', ...args],
    protocolTimeout: 20_000,
    timeout: 60_000,
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }), ...prefs },
  };
}

/**
 * A profile that Firefox has started in and closed once, without the add-on, made once per test
 * process (the e2e files share one process, see vitest.config.ts) and removed when it exits. Firefox
 * spends much of a launch on a profile's first start; a copy of this one skips that work and is still a
 * profile the add-on has never been in.
 */
let profileTemplate: Promise<string> | undefined;

function firefoxProfileTemplate(): Promise<string> {
  profileTemplate ??= (async () => {
    const dir = await makeTempDir('firefox-template');
    removeAtExit(dir);
    const browser = await puppeteer.launch(launchOptions(dir));
    await browser.close();
    return dir;
  })().catch((error: unknown) => {
    profileTemplate = undefined;
    throw new Error(`could not prepare a Firefox profile to copy: ${String(error)}`, { cause: error });
  });
  return profileTemplate;
}

/** Copies the template into `profileDir` if it is empty (a new profile); a profile Firefox has used is left as it is. */
async function seedFromTemplate(profileDir: string): Promise<void> {
  if ((await readdir(profileDir)).length > 0) return;
  await cp(await firefoxProfileTemplate(), profileDir, { recursive: true });
}

/** Options for {@link launchFirefox}. */
export interface LaunchFirefoxOptions {
  /** Unpacked add-on, relative to the repository root or absolute; default `.output/firefox-mv2`. */
  extensionDir?: string;
  /**
   * Profile to use and keep (for browser-restart tests), begun as a copy of the template when empty;
   * default a temporary one removed on close.
   */
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
  /** Loads `url` in a new tab (10 s at most); the response status, or the error's first line. */
  visit(url: string): Promise<number | string>;
  /**
   * Evaluates `expression` in the browser's own window (system privileges: `AddonManager`,
   * `ChromeUtils`, `Services`), awaiting a promise; resolves with its JSON-serializable value.
   */
  privileged<T>(expression: string): Promise<T>;
  /** Disables or enables the add-on as about:addons does; resolves, once done, with the browser's clock when it asked. */
  setAddonEnabled(enabled: boolean): Promise<number>;
  /** Reloads the add-on as about:debugging does (disabled and enabled again); resolves, once done, with the browser's clock when it asked. */
  reloadAddon(): Promise<number>;
  addonVersion(): Promise<string>;
  /**
   * Installs an .xpi (an update of the add-on, see {@link packAddonVersion}); `postponed` when the
   * add-on asked Firefox to wait (runtime.onUpdateAvailable). `at` is the browser's clock when it began.
   */
  installAddon(xpi: string): Promise<{ at: number; outcome: 'installed' | 'postponed' | 'failed' }>;
  /** Allows or disallows the add-on in private windows, as about:addons does (Firefox then restarts it). */
  setPrivateWindowsAllowed(allowed: boolean): Promise<void>;
  /**
   * Loads `url` as one of Firefox's own requests (system principal: no tab, no page, no extension);
   * the HTTP status, or the failure code (`0x804b…`).
   */
  browserRequest(url: string): Promise<number | string>;
  /** Closes Firefox (killing its process group if it lingers) and removes a temporary profile. */
  close(): Promise<void>;
}

/**
 * Zips a copy of the unpacked add-on under another version, into `dir`: an update Firefox accepts
 * (unsigned, with `xpinstall.signatures.required=false`). Resolves with the .xpi's path.
 */
export async function packAddonVersion(version: string, dir: string, extensionDir = '.output/firefox-mv2'): Promise<string> {
  const copy = path.join(dir, `addon-${version}`);
  await cp(path.resolve(REPO_ROOT, extensionDir), copy, { recursive: true });
  const manifestPath = path.join(copy, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { version: string };
  await writeFile(manifestPath, JSON.stringify({ ...manifest, version }));
  const xpi = path.join(dir, `addon-${version}.xpi`);
  await run('zip', ['-q', '-r', '-X', xpi, '.'], { cwd: copy });
  return xpi;
}
