/**
 * `npm run bench` (after `npm run build`): measures the built Chrome extension in Debian's Chromium
 * (headless) against the sandbox API and the sandbox gateway, prints a table and writes the figures to
 * test-results/bench.json. A measurement, not a test: nothing here fails on a slow figure; the issue's
 * targets are printed beside the figures with met/missed.
 *
 * The build is copied to a temporary directory and a blank page (`blank.html`: one <p>, no script or
 * style) is added to the copy only, as the baseline "blank page of the same extension", with a page
 * whose one tiny module script adds that <p> (`script.html`): the least any page drawn by a script
 * costs, which bounds what the popup can reach; the shipped
 * build is not changed. Times are taken inside the pages (scripts/bench/in-page.ts): from the start of
 * the navigation (performance.now() = 0) to the frame that shows the thing, which leaves out
 * Playwright's own round trips; the time seen from Node (goto until Playwright sees the element) is
 * printed beside it. The popup's opens: warm and cold beside a live control page (the renderer process
 * stays), and in a new process, as a click after minutes of browsing finds it
 * (scripts/bench/new-process.ts). Flags (after `npm run bench --`) choose what to run:
 * scripts/bench/options.ts.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/e2e/harness/chromium.ts';
import { chromiumProtocol } from '../test/e2e/harness/protocol.ts';
import { makeTempDir, removeDir, sleep } from '../test/e2e/harness/util.ts';
import { EXIT_ECHO_HOST, startGateway } from '../test/sandbox/gateway.ts';
import { startSandbox, type AccountView } from '../test/sandbox/server.ts';
import { backgroundBundle, INITIAL_JS_BUDGETS_KB, pageBundle, type InitialBundle } from './bench/bundles.ts';
import { installExtractProbe, installKeystrokeProbe, installReadyProbe, installSwitchProbe, readReadyProbe, timeRequest, type KeystrokeRecord, type SwitchRecord } from './bench/in-page.ts';
import { describeMachine } from './bench/machine.ts';
import { measureNewRoute } from './bench/new-route.ts';
import { parseBenchOptions } from './bench/options.ts';
import { measureRouteMatching } from './bench/route-matching.ts';
import { medianInterval, rounded, summarize, type MedianInterval, type Summary } from './bench/stats.ts';
import { createNewProcessPopup, startFiguresReceiver, TRIGGER_ACTION_SWITCH } from './bench/new-process.ts';
import { createToolbarPopup, probeScript, withOnlyScript, withProbe, type ToolbarOpen } from './bench/toolbar-popup.ts';
import { workerHeap, type HeapUsage } from './bench/worker-heap.ts';

const options = parseBenchOptions(process.argv.slice(2));
const OPENS = options.opens;
const ACCOUNT_COUNTS = options.accountCounts;
/** The account count of the filter, extraction and switching measurements. */
const LARGEST = 10_000;
const FILTER_WORDS = 6;
const FILTER_PREFIX = 5;
const EXTRACT_RUNS = 15;
const EXTRACT_COUNT = 500;
const SWITCH_ROUNDS = 8;
const NEW_ROUTE_ADDS = 12;
const POPUP_READY = '[role="list"] [role="listitem"], .view > p.state:not([role])';
const BLANK_HTML = '<!doctype html>\n<html lang="en">\n<head><meta charset="UTF-8"><title>911Proxy</title></head>\n<body><p>blank</p></body>\n</html>\n';
const SCRIPT_HTML = BLANK_HTML.replace('<p>blank</p>', '').replace('</title>', '</title><script type="module" src="/script.js"></script>');
const SCRIPT_JS = "document.body.append(Object.assign(document.createElement('p'), { textContent: 'blank' }));\n";
const KB = 1000;

/**
 * The performance targets. Ready times as ratios to the script page measured in the same run, since
 * times on these machines vary.
 */
const TARGETS = {
  coldRatioToScriptPage: { 0: 1.3, 1_000: 1.3, 10_000: 1.6 } as Partial<Record<number, number>>,
  filterP95Ms: 16,
  jsGzipKb: INITIAL_JS_BUDGETS_KB,
  warmCallsBeforeDraw: 0,
  clickToAppliedMs: 50,
};

const startedAt = new Date();
const log = (line: string) => console.log(`[bench ${((Date.now() - startedAt.getTime()) / 1000).toFixed(1).padStart(5)} s] ${line}`);

// ---- the build, with a blank page beside it ----
const extensionDir = await makeTempDir('bench-extension');
await cp(options.buildDir, extensionDir, { recursive: true });
await writeFile(path.join(extensionDir, 'blank.html'), BLANK_HTML);
await writeFile(path.join(extensionDir, 'script.html'), withProbe(SCRIPT_HTML));
await writeFile(path.join(extensionDir, 'script.js'), SCRIPT_JS);
// The pages opened as the toolbar popup bring their ready probe (Playwright cannot add it there).
const figuresReceiver = await startFiguresReceiver();
await writeFile(path.join(extensionDir, 'bench-probe.js'), probeScript(figuresReceiver.url));
const POPUP_HTML = withProbe(await readFile(path.join(extensionDir, 'popup.html'), 'utf8'));
await writeFile(path.join(extensionDir, 'popup.html'), POPUP_HTML);

const bundles: Record<string, InitialBundle> = {
  popup: await pageBundle(options.buildDir, 'popup.html'),
  options: await pageBundle(options.buildDir, 'options.html'),
  dashboard: await pageBundle(options.buildDir, 'dashboard.html'),
  background: await backgroundBundle(options.buildDir),
};
log('bundle sizes read');

// ---- sandbox, keys of 0, 1,000 and 10,000 accounts, gateway for the largest ----
const sandbox = await startSandbox({ port: 0 });
const benchKey = (accounts: number) => `bench${String(accounts).padStart(5, '0')}`.padEnd(32, 'x');
for (const accounts of new Set([...ACCOUNT_COUNTS, LARGEST])) sandbox.state.addKey(benchKey(accounts), { accounts });
const largest = sandbox.state.getKey(benchKey(LARGEST))!;
const gateway = await startGateway(largest);

const chromium = await launchChromium({ extensionDir, args: [TRIGGER_ACTION_SWITCH] });
const { context } = chromium;
const origin = `chrome-extension://${chromium.extensionId}`;
// tsx (esbuild with keepNames) wraps named inner functions in a `__name(fn, name)` helper that only
// exists in Node; the page code Playwright serializes from scripts/bench/in-page.ts needs it too.
await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
await context.addInitScript(installReadyProbe);

interface OpenResult {
  /** In-page: navigation start to the frame that shows the list (ms). */
  drawn: number;
  /** In-page: navigation start to the list in the DOM (ms). */
  dom: number;
  domContentLoaded: number;
  /** From Node: page.goto until Playwright sees the element (ms); a page opened in a tab only. */
  outside?: number;
  callsBeforeDraw: number;
  /** The service worker began to start before the page was drawn (seen for toolbar popups only). */
  workerWoke?: boolean;
  /** Opened with no extension process left, in one started for it (the new-process series only). */
  newProcess?: boolean;
}

const apiCalls = (since: number, until = Number.POSITIVE_INFINITY) =>
  sandbox.requests.filter((request) => request.at >= since && request.at <= until && request.path.startsWith('/api-gate-way/'));

/** Resolves once no API call came for `quietMs` (at most 15 s). */
async function settle(quietMs = 1500): Promise<void> {
  const deadline = Date.now() + 15_000;
  let count = sandbox.requests.length;
  let quietSince = Date.now();
  while (Date.now() < deadline && Date.now() - quietSince < quietMs) {
    await sleep(100);
    if (sandbox.requests.length !== count) [count, quietSince] = [sandbox.requests.length, Date.now()];
  }
}

async function openPage(pagePath: string, readySelector: string): Promise<OpenResult & { page: Page }> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 400, height: 600 });
  const since = Date.now();
  const begin = performance.now();
  await page.goto(`${origin}/${pagePath}`, { waitUntil: 'commit' });
  await page.waitForSelector(readySelector, { state: 'visible', timeout: 60_000 });
  const outside = performance.now() - begin;
  await page.waitForFunction(() => (globalThis as unknown as { __benchReady?: { painted?: number } }).__benchReady?.painted !== undefined);
  const probe = await page.evaluate(readReadyProbe);
  if (!probe) throw new Error(`no ready figure for ${pagePath}`);
  const callsBeforeDraw = apiCalls(since, probe.timeOrigin + probe.painted).length;
  return { page, drawn: probe.painted, dom: probe.dom, domContentLoaded: probe.domContentLoaded, outside, callsBeforeDraw };
}

async function openAndClose(pagePath: string, readySelector: string): Promise<OpenResult> {
  const { page, ...result } = await openPage(pagePath, readySelector);
  await page.close();
  await sleep(100);
  return result;
}

/** One toolbar open (beside the control page, or in a new process) as a series counts it; `since`: when the open began. */
function toolbarResult(open: ToolbarOpen & { newProcess?: boolean }, since: number): OpenResult {
  const callsBeforeDraw = apiCalls(since, open.timeOrigin + open.painted).length;
  return { drawn: open.painted, dom: open.dom, domContentLoaded: open.domContentLoaded, callsBeforeDraw, workerWoke: open.workerStartedAt !== undefined, ...(open.newProcess !== undefined && { newProcess: open.newProcess }) };
}

/** Opens `pagePath` as the toolbar popup, as a click on the extension's button does, and closes it. */
async function openInToolbar(pagePath: string): Promise<OpenResult> {
  const since = Date.now();
  return toolbarResult(await toolbar.open(pagePath), since);
}

interface ReadySeries {
  drawn: Summary;
  dom: Summary;
  outside?: Summary;
  domContentLoaded: Summary;
}

function readySeries(opens: readonly OpenResult[]): ReadySeries {
  const of = (pick: (open: OpenResult) => number) => rounded(summarize(opens.map(pick)));
  const outside = opens.flatMap((open) => (open.outside === undefined ? [] : [open.outside]));
  return { drawn: of((o) => o.drawn), dom: of((o) => o.dom), ...(outside.length > 0 && { outside: rounded(summarize(outside)) }), domContentLoaded: of((o) => o.domContentLoaded) };
}

/** The popup's opens of one kind, each beside an open of the script page at the same moment of the machine. */
interface PairedSeries {
  popup: ReadySeries;
  scriptPage: ReadySeries;
  /** Median popup ready over median script page ready. */
  ratioToScriptPage: number;
  /** The most API calls any popup open of the series waited for before it drew. */
  maxCallsBeforeDraw: number;
  /** Toolbar popups: in how many of the popup's opens the worker began to start before the popup was drawn. */
  workerWokeBeforeDraw?: number;
  /** The new-process series: in how many of the popup's opens it was so. */
  inNewProcess?: number;
}

function pairedSeries(popupOpens: readonly OpenResult[], scriptOpens: readonly OpenResult[]): PairedSeries {
  const popup = readySeries(popupOpens);
  const scriptPage = readySeries(scriptOpens);
  const ratioToScriptPage = Math.round((popup.drawn.median / scriptPage.drawn.median) * 100) / 100;
  const woke = popupOpens.filter((open) => open.workerWoke !== undefined);
  const counted = popupOpens.filter((open) => open.newProcess !== undefined);
  return {
    popup,
    scriptPage,
    ratioToScriptPage,
    maxCallsBeforeDraw: Math.max(...popupOpens.map((open) => open.callsBeforeDraw)),
    ...(woke.length > 0 && { workerWokeBeforeDraw: woke.filter((open) => open.workerWoke).length }),
    ...(counted.length > 0 && { inNewProcess: counted.filter((open) => open.newProcess).length }),
  };
}

/**
 * How long a woken worker is left before a warm open, as a click finds a running worker: idle. Woken
 * right before, warm opens came out 4–17 % slower than the cold ones beside them.
 */
const WORKER_IDLE_MS = 1_000;

/** A toolbar popup closed right after its first view may leave the worker asleep: a request wakes it. */
const wakeWorker = () => protocol.call('getKeyStatus', {}).then(() => chromium.serviceWorker());

/**
 * A warm open's ready time less the cold one's of the same round: the median and its 95 % interval,
 * which says whether a warm open that came out slower than the cold ones is slower or within the noise.
 */
type WarmMinusCold = MedianInterval & { median: number };

function warmMinusCold(warm: readonly OpenResult[], cold: readonly OpenResult[]): WarmMinusCold {
  const differences = warm.map((open, round) => open.drawn - cold[round]!.drawn);
  const { low, high, coverage } = medianInterval(differences);
  const r = (value: number) => Math.round(value * 10) / 10;
  return { median: r(summarize(differences).median), low: r(low), high: r(high), coverage: Math.round(coverage * 1000) / 1000 };
}

/**
 * OPENS rounds of the toolbar popup (what a click on the button opens), each with a cold and a warm
 * open, the cold first in every other round. Every popup open comes right after an open of the script
 * page, so that both meet the same moments of the machine (the floor drifts as much as the popup), and
 * warm and cold are interleaved for the same reason: run one series after the other, warm (run first)
 * came out 10–18 % slower than cold in one run, and within 3 % of it interleaved. Cold: the service worker
 * is stopped over CDP before each open, as Chrome does after 30 s idle, which is how most opens begin.
 * Warm: it runs. Also the API calls from each warm open until the next open begins.
 */
async function toolbarSeries(): Promise<{ warm: PairedSeries; cold: PairedSeries; warmMinusCold: WarmMinusCold; warmCalls: number }> {
  const opens = { warm: { popup: [] as OpenResult[], script: [] as OpenResult[] }, cold: { popup: [] as OpenResult[], script: [] as OpenResult[] } };
  let warmCalls = 0;
  for (let index = 0; index < OPENS; index++) {
    for (const worker of index % 2 === 0 ? (['cold', 'warm'] as const) : (['warm', 'cold'] as const)) {
      const since = Date.now();
      if (worker === 'cold') await toolbar.stopWorker();
      else await wakeWorker().then(() => sleep(WORKER_IDLE_MS));
      opens[worker].script.push(await openInToolbar('script.html'));
      if (worker === 'cold') await toolbar.stopWorker();
      opens[worker].popup.push(await openInToolbar('popup.html'));
      if (worker === 'warm') warmCalls += apiCalls(since).length;
    }
  }
  await wakeWorker();
  return {
    warm: pairedSeries(opens.warm.popup, opens.warm.script),
    cold: pairedSeries(opens.cold.popup, opens.cold.script),
    warmMinusCold: warmMinusCold(opens.warm.popup, opens.cold.popup),
    warmCalls,
  };
}

/**
 * OPENS cold opens of the popup in a tab, for comparison with earlier runs, each after an open of the
 * script page in a tab with the worker running: the stop opens an extension tab, and that tab and the
 * popup's own wake the worker at once by their tab events.
 */
async function coldInTabSeries(): Promise<PairedSeries> {
  const popupOpens: OpenResult[] = [];
  const scriptOpens: OpenResult[] = [];
  for (let index = 0; index < OPENS; index++) {
    scriptOpens.push(await openAndClose('script.html', 'p'));
    await chromium.stopServiceWorker();
    popupOpens.push(await openAndClose('popup.html', POPUP_READY));
  }
  await wakeWorker();
  return pairedSeries(popupOpens, scriptOpens);
}

/**
 * The popup's first screen as it was drawn, set by one module script with no framework and no storage
 * read (`snapshot.html`, written into the measured copy): what drawing that DOM with the popup's
 * stylesheet costs, the floor of any code that draws it. OPENS toolbar opens, each after one of the
 * script page. The DOM is taken in a tab, when the ready probe's element appears.
 */
async function firstScreenFloorSeries(): Promise<PairedSeries> {
  const tab = await context.newPage();
  await tab.setViewportSize({ width: 400, height: 600 });
  await tab.addInitScript((ready) => {
    const snapshot = globalThis as unknown as { __firstScreen?: string };
    const observer = new MutationObserver(() => {
      if (!document.querySelector(ready)) return;
      snapshot.__firstScreen = document.getElementById('app')!.innerHTML;
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  }, POPUP_READY);
  await tab.goto(`${origin}/popup.html`);
  const firstScreen = await tab.waitForFunction(() => (globalThis as unknown as { __firstScreen?: string }).__firstScreen).then((handle) => handle.jsonValue() as Promise<string>);
  await tab.close();
  // The popup's HTML (its inlined stylesheet, the bench probe), its code replaced by the snapshot's.
  await writeFile(path.join(extensionDir, 'snapshot.html'), withOnlyScript(POPUP_HTML, '/snapshot.js'));
  await writeFile(path.join(extensionDir, 'snapshot.js'), `document.getElementById('app').innerHTML = ${JSON.stringify(firstScreen)};\n`);
  await openInToolbar('snapshot.html');
  const snapshotOpens: OpenResult[] = [];
  const scriptOpens: OpenResult[] = [];
  for (let index = 0; index < OPENS; index++) {
    scriptOpens.push(await openInToolbar('script.html'));
    snapshotOpens.push(await openInToolbar('snapshot.html'));
  }
  return pairedSeries(snapshotOpens, scriptOpens);
}

const control = await chromium.openExtensionPage('manifest.json');
const protocol = chromiumProtocol(control);
const toolbar = await createToolbarPopup(context, control, origin);
const browserVersion = (await (await context.newCDPSession(control)).send('Browser.getVersion')).product;
await protocol.call('updateSettings', { apiBaseUrl: sandbox.url, gateway: { host: gateway.host, port: gateway.port }, exitCheckUrl: `http://${EXIT_ECHO_HOST}/` });

try {
  const heapBaseline = await workerHeap(context, origin);
  log('worker heap baseline (no key)');

  // ---- 1. popup ready, warm and with the worker stopped, against the script page ----
  await openInToolbar('script.html');
  interface PopupCase {
    /** Opened as the toolbar popup. */
    warm: PairedSeries;
    cold: PairedSeries;
    /** The same first screen set by one script: the floor of drawing it (`firstScreenFloorSeries`). */
    firstScreenFloor: PairedSeries;
    /** Warm less cold, round by round (ms). */
    warmMinusCold: WarmMinusCold;
    /** Opened in a tab, worker stopped first (the figure of earlier runs). */
    coldInTab: PairedSeries;
    /** The first open after the key was set: the lists are not cached yet. */
    firstOpen: { drawn: number; callsBeforeDraw: number; calls: number; endpoints: Record<string, number> };
    /** API calls per warm open: the lists are within their freshness, so none is needed. */
    warmCallsPerOpen: number;
  }
  const popup: Record<string, PopupCase> = {};
  let heapAfter10k: HeapUsage | undefined;
  let getAccounts10k: Summary | undefined;
  for (const accounts of ACCOUNT_COUNTS) {
    await protocol.call('setKey', { key: benchKey(accounts), remember: true });
    await settle(500);
    const firstSince = Date.now();
    const first = await openInToolbar('popup.html');
    await settle();
    const firstCalls = apiCalls(firstSince);
    const endpoints: Record<string, number> = {};
    for (const call of firstCalls) endpoints[call.path.replace('/api-gate-way/', '')] = (endpoints[call.path.replace('/api-gate-way/', '')] ?? 0) + 1;
    await openInToolbar('popup.html'); // warm-up: the code cache
    const { warm, cold, warmMinusCold, warmCalls } = await toolbarSeries();
    const firstScreenFloor = await firstScreenFloorSeries();
    await settle();
    const coldInTab = await coldInTabSeries();
    await settle();
    popup[String(accounts)] = {
      warm,
      cold,
      firstScreenFloor,
      warmMinusCold,
      coldInTab,
      firstOpen: { drawn: Math.round(first.drawn * 10) / 10, callsBeforeDraw: first.callsBeforeDraw, calls: firstCalls.length, endpoints },
      warmCallsPerOpen: warmCalls / OPENS,
    };
    log(`popup, ${accounts} accounts: warm ${warm.popup.drawn.median} ms (${warm.ratioToScriptPage} × script page), cold ${cold.popup.drawn.median} ms (${cold.ratioToScriptPage} ×), cold in a tab ${coldInTab.popup.drawn.median} ms (${coldInTab.ratioToScriptPage} ×)`);
    if (accounts === LARGEST) {
      heapAfter10k = await workerHeap(context, origin);
      // Where the popup's time goes at 10,000: the cached list's trip from the background to a page.
      getAccounts10k = rounded(summarize(await control.evaluate(timeRequest, { name: 'getAccounts', times: 10 })));
    }
  }

  /** Everything but the popup opens: skipped with --popup-only. */
  async function measureTheRest() {
    // ---- 1b. the floor: a page drawn by one tiny module script, against the blank page ----
    const scriptOpens: OpenResult[] = [];
    const blankBesideScript: OpenResult[] = [];
    for (let index = 0; index < OPENS; index++) {
      blankBesideScript.push(await openAndClose('blank.html', 'p'));
      scriptOpens.push(await openAndClose('script.html', 'p'));
    }
    const scriptPage = readySeries(scriptOpens);
    const scriptFloor = { ready: scriptPage, blank: readySeries(blankBesideScript), ratioToBlank: Math.round((scriptPage.drawn.median / readySeries(blankBesideScript).drawn.median) * 100) / 100 };
    log(`script page: median ${scriptPage.drawn.median} ms, ${scriptFloor.ratioToBlank} × blank`);

    // ---- 2. filtering 10,000 accounts ----
    const filterPage = (await openPage('popup.html', POPUP_READY)).page;
    await filterPage.evaluate(installKeystrokeProbe);
    const searchBox = filterPage.getByRole('searchbox', { name: 'Search name or remark' });
    await searchBox.click();
    const usernames = largest.listAccounts().map((account) => account.username);
    const words = Array.from({ length: FILTER_WORDS }, (_, index) => usernames[Math.floor(((index + 0.5) * usernames.length) / FILTER_WORDS)]!);
    const keys = words.flatMap((word) => [...word.slice(0, FILTER_PREFIX)].concat(Array<string>(Math.min(FILTER_PREFIX, word.length)).fill('Backspace')));
    for (const [index, key] of keys.entries()) {
      await filterPage.keyboard.press(key);
      await filterPage.waitForFunction((count) => ((globalThis as unknown as { __benchKeys: unknown[] }).__benchKeys.length > count), index);
      await sleep(30);
    }
    const keystrokes = await filterPage.evaluate(() => (globalThis as unknown as { __benchKeys: KeystrokeRecord[] }).__benchKeys);
    await filterPage.close();
    const toLaidOut = keystrokes.map((k) => Math.max(k.laidOut!, k.lastMutation ?? 0) - k.start);
    const toPainted = keystrokes.map((k) => k.painted! - k.start);
    const unchanged = keystrokes.filter((k) => k.lastMutation === undefined).length;
    const filtering = { keystrokes: keystrokes.length, withoutListChange: unchanged, toLaidOut: rounded(summarize(toLaidOut)), toNextFrame: rounded(summarize(toPainted)) };
    log(`filtering: p95 ${filtering.toLaidOut.p95} ms over ${keystrokes.length} keystrokes`);

    // ---- 3b. extraction: the click to the list of extracted IPs drawn ----
    const page = (await openPage('popup.html', POPUP_READY)).page;
    await page.getByRole('tab', { name: 'Extract' }).click();
    await page.getByRole('spinbutton', { name: 'Count', exact: true }).fill(String(EXTRACT_COUNT));
    const extractButton = page.getByRole('button', { name: 'Extract IPs' });
    const extractTimes: number[] = [];
    let extractRows = 0;
    for (let run = 0; run < EXTRACT_RUNS; run++) {
      await page.evaluate(installExtractProbe);
      await extractButton.click();
      const record = await page.evaluate(() => (globalThis as unknown as { __benchExtract: Promise<{ click?: number; drawn?: number; rows?: number }> }).__benchExtract);
      extractTimes.push(record.drawn! - record.click!);
      extractRows = record.rows ?? 0;
      await page.getByRole('button', { name: 'Extract IPs' }).and(page.locator(':enabled')).waitFor();
    }
    const extraction = { ips: extractRows, drawn: rounded(summarize(extractTimes)) };
    log(`extraction of ${extractRows}: median ${extraction.drawn.median} ms`);

    // ---- 3. switching ----
    await page.getByRole('tab', { name: 'Accounts' }).click();
    const usable = (account: AccountView) => account.status === 1 && (account.limit_flow === 0 || account.usage_flow < account.limit_flow * 1024 * 1024);
    const [first, second] = largest.listAccounts().filter(usable).map((account) => account.username).sort();
    if (!first || !second) throw new Error('the sandbox has fewer than two usable accounts');
    const search = page.getByRole('searchbox', { name: 'Search name or remark' });
    const connectWith = async (username: string): Promise<SwitchRecord> => {
      await search.fill(username);
      const button = page.getByRole('button', { name: `Connect with ${username}`, exact: true });
      await button.and(page.locator(':enabled')).waitFor();
      await page.evaluate(installSwitchProbe, username);
      await button.click();
      const record = await page.evaluate(() => (globalThis as unknown as { __benchSwitch: Promise<SwitchRecord> }).__benchSwitch);
      if (record.failed || record.exitDrawn === undefined) throw new Error(`connecting with ${username} did not finish: ${record.failed ?? 'no exit IP within 20 s'}`);
      return record;
    };
    const fromDirect: SwitchRecord[] = [];
    const betweenIdentities: SwitchRecord[] = [];
    const exitIps = new Set<string>();
    for (let round = 0; round < SWITCH_ROUNDS; round++) {
      await protocol.call('disconnect', {});
      await page.locator('header.status .dot.direct').waitFor();
      await sleep(200);
      fromDirect.push(await connectWith(first));
      await sleep(200);
      betweenIdentities.push(await connectWith(second));
      for (const record of [fromDirect.at(-1)!, betweenIdentities.at(-1)!]) if (record.exitIp) exitIps.add(record.exitIp);
      await sleep(200);
    }
    await protocol.call('disconnect', {});
    await page.close();
    const since = (records: SwitchRecord[], pick: (record: SwitchRecord) => number | undefined) => {
      const values = records.map((record) => pick(record)).filter((value): value is number => value !== undefined);
      return values.length > 0 ? rounded(summarize(values)) : undefined;
    };
    const switchFigures = (records: SwitchRecord[]) => ({
      settingChanged: since(records, (r) => (r.settingChanged === undefined ? undefined : r.settingChanged - r.click!)),
      applied: since(records, (r) => r.connectedStored! - r.click!),
      appliedDrawn: since(records, (r) => r.connectedDrawn! - r.click!),
      firstResponse: since(records, (r) => r.exitStored! - r.click!),
      exitDrawn: since(records, (r) => r.exitDrawn! - r.click!),
    });
    const switching = {
      accounts: [first, second],
      exitIps: [...exitIps],
      gatewayUsers: [...new Set(gateway.log.filter((entry) => entry.status === 200).map((entry) => entry.user))],
      fromDirect: switchFigures(fromDirect),
      betweenIdentities: switchFigures(betweenIdentities),
    };
    log('switching measured');

    // ---- 3c. a new site rule: the options' "Add route" click → the rule in Chrome's proxy setting ----
    const newRoute = await measureNewRoute({ context, origin, protocol, gateway, account: first, adds: NEW_ROUTE_ADDS });
    log(`new site rule: click → applied median ${newRoute.applied.median} ms`);

    // ---- 4. site rules: one request's exit with many rules ----
    const routeMatching = measureRouteMatching();
    log('route matching measured');
    return { scriptFloor, filtering, extraction, switching, newRoute, routeMatching };
  }
  const rest = options.popupOnly ? undefined : await measureTheRest();

  // ---- 5. the toolbar popup in a new process: no extension page left open (new-process.ts) ----
  // Last, as it closes the control page: the extension's process must end before each open.
  await control.close();
  const newProcessPopup = await createNewProcessPopup(chromium, figuresReceiver);
  const openInNewProcess = async (pagePath: string): Promise<OpenResult> => {
    const since = Date.now();
    return toolbarResult(await newProcessPopup.open(pagePath), since);
  };
  const inNewProcess: Record<string, PairedSeries> = {};
  for (const accounts of ACCOUNT_COUNTS) {
    await newProcessPopup.withExtensionPage((page) => chromiumProtocol(page).call('setKey', { key: benchKey(accounts), remember: true }));
    await settle(500);
    // The first open after the key fetches the lists, and the next ones find them cached.
    await openInNewProcess('popup.html');
    await settle();
    const popupOpens: OpenResult[] = [];
    const scriptOpens: OpenResult[] = [];
    for (let index = 0; index < OPENS; index++) {
      scriptOpens.push(await openInNewProcess('script.html'));
      popupOpens.push(await openInNewProcess('popup.html'));
    }
    const paired = (inNewProcess[String(accounts)] = pairedSeries(popupOpens, scriptOpens));
    log(`popup, ${accounts} accounts, new process: ${paired.popup.drawn.median} ms (${paired.ratioToScriptPage} × script page), new in ${paired.inNewProcess} of ${OPENS}`);
  }

  // ---- report ----
  const machine = await describeMachine(browserVersion);
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
  // Judged on the bytes: rounded to 0.1 kB, a popup 36 bytes over its 15 kB read as met.
  const kbOf = (bundle: InitialBundle) => bundle.jsGzip / KB;
  const warmBeforeDraw = Math.max(...ACCOUNT_COUNTS.map((accounts) => popup[String(accounts)]!.warm.maxCallsBeforeDraw));
  const target = (figure: number, limit: number, unit: string) => ({ figure, target: `≤ ${limit}${unit}`, met: figure <= limit });
  const targets: Record<string, { figure: number; target: string; met: boolean }> = {
    ...Object.fromEntries(
      ACCOUNT_COUNTS.flatMap((accounts) => {
        const entry = popup[String(accounts)]!;
        const coldLimit = TARGETS.coldRatioToScriptPage[accounts];
        return [
          ...(coldLimit === undefined ? [] : [[`popupColdRatio${accounts}`, target(entry.cold.ratioToScriptPage, coldLimit, ' × script page')]]),
          // "Warm no slower than cold": the warm median over the cold one.
          [`popupWarmOverCold${accounts}`, target(Math.round((entry.warm.popup.drawn.median / entry.cold.popup.drawn.median) * 100) / 100, 1, ' × cold')],
        ];
      }),
    ),
    ...(rest && { filterP95: target(rest.filtering.toLaidOut.p95, TARGETS.filterP95Ms, ' ms') }),
    ...Object.fromEntries(Object.entries(bundles).map(([name, bundle]) => [`${name}JsGzipKb`, target(kbOf(bundle), TARGETS.jsGzipKb[name as keyof typeof TARGETS.jsGzipKb], ' kB')])),
    warmCallsBeforeDraw: target(warmBeforeDraw, TARGETS.warmCallsBeforeDraw, ''),
    ...(rest && {
      clickToAppliedMedian: target(rest.switching.fromDirect.applied!.median, TARGETS.clickToAppliedMs, ' ms'),
      switchClickToAppliedMedian: target(rest.switching.betweenIdentities.applied!.median, TARGETS.clickToAppliedMs, ' ms'),
      newRouteClickToAppliedMedian: target(rest.newRoute.applied.median, TARGETS.clickToAppliedMs, ' ms'),
    }),
  };
  const judged = (name: string) => (targets[name] ? `${targets[name].target}: ${verdict(targets[name].met)}` : '');

  const ms = (summary: Summary | undefined, spread: 'p10-p90' | 'p95' = 'p10-p90') =>
    summary === undefined ? 'n/a' : spread === 'p95' ? `p50 ${summary.median} ms, p95 ${summary.p95} ms` : `${summary.median} ms (p10–p90 ${summary.p10}–${summary.p90}, min–max ${summary.min}–${summary.max})`;
  const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} kB`;
  const rows: [string, string, string][] = [];
  const row = (figure: string, value: string, target = '') => rows.push([figure, value, target]);
  if (rest) row('Floor: a page drawn by one tiny module script', `${ms(rest.scriptFloor.ready.drawn)}; ${rest.scriptFloor.ratioToBlank} × the blank page (${rest.scriptFloor.blank.drawn.median} ms)`);
  for (const accounts of ACCOUNT_COUNTS) {
    const entry = popup[String(accounts)]!;
    const count = accounts.toLocaleString('en');
    const woke = entry.cold.workerWokeBeforeDraw === undefined ? '' : `; worker woken before the draw in ${entry.cold.workerWokeBeforeDraw} of ${OPENS}`;
    row(`Popup ready, ${count} accounts, worker stopped first (cold)`, `${ms(entry.cold.popup.drawn)}; ${entry.cold.ratioToScriptPage} × script page (${entry.cold.scriptPage.drawn.median} ms)${woke}`, judged(`popupColdRatio${accounts}`));
    const floor = entry.firstScreenFloor;
    row(`  its first screen set by one script (no framework, no reads)`, `${ms(floor.popup.drawn)}; ${floor.ratioToScriptPage} × script page (${floor.scriptPage.drawn.median} ms)`);
    row(`Popup ready, ${count} accounts, worker running (warm)`, `${ms(entry.warm.popup.drawn)}; ${entry.warm.ratioToScriptPage} × script page (${entry.warm.scriptPage.drawn.median} ms)`, `warm/cold ${judged(`popupWarmOverCold${accounts}`)}`);
    const difference = entry.warmMinusCold;
    const signed = (value: number) => `${value > 0 ? '+' : ''}${value}`;
    row(
      `  warm less cold, round by round`,
      `median ${signed(difference.median)} ms, ${Math.round(difference.coverage * 100)} % interval ${signed(difference.low)} to ${signed(difference.high)} ms${difference.low <= 0 && difference.high >= 0 ? ': no difference beyond the noise' : ''}`,
    );
    const fresh = inNewProcess[String(accounts)]!;
    row(
      `Popup ready, ${count} accounts, no extension page open (new process, worker stopped)`,
      `${ms(fresh.popup.drawn)}; ${fresh.ratioToScriptPage} × script page (${fresh.scriptPage.drawn.median} ms); new process in ${fresh.inNewProcess} of ${OPENS}; worker woken before the draw in ${fresh.workerWokeBeforeDraw} of ${OPENS}`,
    );
    row(`  in a tab, cold (the tab's events wake the worker)`, `${ms(entry.coldInTab.popup.drawn)}; ${entry.coldInTab.ratioToScriptPage} × script page in a tab (${entry.coldInTab.scriptPage.drawn.median} ms)`);
  }
  row('  in a tab, cold, seen from Node (goto → element)', ACCOUNT_COUNTS.map((a) => `${a.toLocaleString('en')}: ${popup[String(a)]!.coldInTab.popup.outside?.median} ms`).join('; '));
  if (getAccounts10k) row('getAccounts round trip, 10,000 cached (page → background → page)', ms(getAccounts10k));
  if (rest) {
    const { extraction, filtering, switching, newRoute } = rest;
    row(`Extract ${EXTRACT_COUNT} IPs (API max): click → list drawn`, ms(extraction.drawn));
    row('Filter 10,000: keystroke → list updated and laid out', `${ms(filtering.toLaidOut, 'p95')} (${filtering.keystrokes} keys)`, `p95 ${judged('filterP95')}`);
    row('Filter 10,000: keystroke → next frame done', ms(filtering.toNextFrame, 'p95'));
    row('Connect (direct → account): click → proxy setting changed', ms(switching.fromDirect.settingChanged));
    row('Connect: click → applied (background stores "connected")', ms(switching.fromDirect.applied), judged('clickToAppliedMedian'));
    row('Connect: click → first response through the gateway', ms(switching.fromDirect.firstResponse));
    row('Connect: click → exit IP drawn in the popup', ms(switching.fromDirect.exitDrawn));
    row('Switch identity (A → B): click → proxy setting changed', switching.betweenIdentities.settingChanged ? ms(switching.betweenIdentities.settingChanged) : 'no change event: same gateway host:port, only the login changes');
    row('Switch identity (A → B): click → applied', ms(switching.betweenIdentities.applied), judged('switchClickToAppliedMedian'));
    row('Switch identity: click → first response through the gateway', ms(switching.betweenIdentities.firstResponse));
    row('Switch identity: click → exit IP drawn', ms(switching.betweenIdentities.exitDrawn));
    row('New site rule (options, Add route): click → Chrome’s proxy setting holds it (change event, PAC script read back)', ms(newRoute.applied, 'p95'), judged('newRouteClickToAppliedMedian'));
    row('New site rule: click → answered (the rule drawn in the list)', ms(newRoute.listed, 'p95'));
    row('New site rule: click → first response through it (sent once applied)', `${ms(newRoute.firstResponse, 'p95')}; ${newRoute.asTheRulesAccount} of ${newRoute.adds} as the rule’s account`);
  }
  for (const [name, bundle] of Object.entries(bundles)) {
    row(
      `Initial ${name}: JS raw / gzip; CSS raw / gzip`,
      // Gzip to 10 bytes: near a budget, 0.1 kB would not show which side it is on.
      `${kb(bundle.jsRaw)} / ${(bundle.jsGzip / KB).toFixed(2)} kB; ${kb(bundle.cssRaw)} / ${kb(bundle.cssGzip)}`,
      `JS gzip ${judged(`${name}JsGzipKb`)}`,
    );
  }
  const us = (summary: Summary) => `p50 ${summary.median} µs, p95 ${summary.p95} µs`;
  if (rest) {
    row(`Exit of one request, ${rest.routeMatching.rules} site rules: Firefox matcher`, us(rest.routeMatching.matcherUs));
    row(`Exit of one request, ${rest.routeMatching.rules} site rules: Chrome PAC script (in Node's V8)`, us(rest.routeMatching.pacUs));
  }
  const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(2)} MiB`;
  row('Worker JS heap, no key (as found / after GC)', `${mib(heapBaseline.usedBytes)} / ${mib(heapBaseline.usedAfterGcBytes)}`);
  if (heapAfter10k) row('Worker JS heap, 10,000 accounts loaded', `${mib(heapAfter10k.usedBytes)} / ${mib(heapAfter10k.usedAfterGcBytes)}`);
  for (const accounts of ACCOUNT_COUNTS) {
    const entry = popup[String(accounts)]!;
    const count = accounts.toLocaleString('en');
    row(`API calls, ${count} accounts: first open after the key (before draw / in all)`, `${entry.firstOpen.callsBeforeDraw} / ${entry.firstOpen.calls}: ${Object.entries(entry.firstOpen.endpoints).map(([p, n]) => `${p} ×${n}`).join(', ')}`);
    row(`API calls, ${count} accounts: warm and cold opens (most before draw / per warm open)`, `${Math.max(entry.warm.maxCallsBeforeDraw, entry.cold.maxCallsBeforeDraw, entry.coldInTab.maxCallsBeforeDraw)} / ${entry.warmCallsPerOpen.toFixed(2)}`);
  }
  row('API calls before a warm popup draws (all cases)', String(warmBeforeDraw), judged('warmCallsBeforeDraw'));
  const missed = Object.entries(targets).filter(([, entry]) => !entry.met).map(([name]) => name);

  const widths = [0, 1].map((column) => Math.max(...rows.map((r) => r[column]!.length)));
  console.log('');
  for (const [figure, value, target] of rows) console.log(`${figure.padEnd(widths[0]!)}  ${value.padEnd(widths[1]!)}  ${target}`.trimEnd());
  console.log('');
  if (rest) console.log(`Switching: ${rest.switching.accounts.join(' ↔ ')}; exit IPs seen ${rest.switching.exitIps.join(', ')}; gateway logins ${rest.switching.gatewayUsers.join(', ')}`);
  console.log(`Build: ${options.buildDir}${options.popupOnly ? '; popup opens only (--popup-only)' : ''}`);
  console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; ${machine.os}; ${machine.chromium}; Node ${machine.node}`);
  console.log(`Date: ${startedAt.toISOString()}; ${OPENS} warm and ${OPENS} cold opens as the toolbar popup, ${OPENS} in a new process and ${OPENS} cold ones in a tab per case, each beside a script page open the same way; kB = 1,000 bytes; gzip level 9.`);
  console.log(missed.length === 0 ? 'Targets: all met.' : `Targets missed: ${missed.join(', ')}.`);

  const output = {
    date: startedAt.toISOString(),
    machine,
    run: options,
    method: {
      opensPerCase: OPENS,
      ready: 'in-page: navigation start → first account row (or the empty state) in the DOM → next animation frame → a task posted from it (the frame is done); each popup open beside a script page open; opened as the toolbar popup (action.setPopup + action.openPopup from an extension page, the probe a script first in the page’s head, its figures posted on a BroadcastChannel) and, for comparison, in a tab; cold = service worker stopped over CDP (ServiceWorker.stopAllWorkers) before the open, warm = running, the two interleaved (a cold and a warm open per round, which first alternating), warmMinusCold = the rounds’ differences, their median and its distribution-free interval (order statistics); firstScreenFloor = the popup’s #app as drawn in a tab when the ready element appeared, set by one module script in a page with the popup’s head and no code of its own (snapshot.html), opened as the toolbar popup; new process = no extension page open and the worker stopped, once the extension’s renderer process has ended, the toolbar popup opened by CDP Extensions.triggerAction and its figures sent to a loopback receiver',
      filter: 'in-page: keydown timestamp → after the render the input queued and a forced layout (or the last DOM change, if later); and → the next frame done',
      switching: 'in-page: click event timestamp → proxy.settings.onChange / session:proxyStatus "connected" / status with exit IP / the header drawn',
      newRoute: 'in-page, options page, main connection off: "Add route" click event timestamp → proxy.settings.onChange whose setting, read back, has a PAC script naming the site (the fetch of the routed site sent then, its response, and the gateway log naming its account) / the rule’s row drawn; each rule deleted again before the next add',
      bundles: 'HTML module script + modulepreload + static-import closure; stylesheets; gzip -9; kB = 1000 bytes',
      routeMatching: 'Node: exitForHost, and the PAC script chromeProxyConfig makes, timed per call with process.hrtime over hosts half matching one of the rules and half none; µs',
      heap: 'CDP Runtime.getHeapUsage on the service worker target (attached from an extension page session), before and after HeapProfiler.collectGarbage',
    },
    popupReady: Object.fromEntries(Object.entries(popup).map(([accounts, entry]) => [accounts, { warm: entry.warm, cold: entry.cold, firstScreenFloor: entry.firstScreenFloor, warmMinusCold: entry.warmMinusCold, coldInNewProcess: inNewProcess[accounts], coldInTab: entry.coldInTab }])),
    scriptPageFloor: rest?.scriptFloor,
    getAccountsRoundTrip10k: getAccounts10k,
    extraction: rest?.extraction,
    filtering: rest?.filtering,
    switching: rest?.switching,
    newRoute: rest?.newRoute,
    bundles,
    workerHeap: { noKey: heapBaseline, after10kAccounts: heapAfter10k },
    routeMatching: rest?.routeMatching,
    apiCalls: Object.fromEntries(Object.entries(popup).map(([accounts, entry]) => [accounts, { firstOpen: entry.firstOpen, warmPerOpen: entry.warmCallsPerOpen, mostBeforeDraw: Math.max(entry.warm.maxCallsBeforeDraw, entry.cold.maxCallsBeforeDraw, entry.coldInTab.maxCallsBeforeDraw) }])),
    targets,
  };
  await mkdir('test-results', { recursive: true });
  await writeFile('test-results/bench.json', `${JSON.stringify(output, null, 2)}\n`);
  console.log('Figures written to test-results/bench.json');
} finally {
  await chromium.close();
  await Promise.all([gateway.close(), sandbox.close(), figuresReceiver.close()]);
  await removeDir(extensionDir);
}
