/**
 * Code the benchmark runs inside the extension's pages (Playwright serializes each function, so each
 * one is self-contained). Every time is `performance.now()` in the page: milliseconds since the
 * navigation started. "Drawn" means: the DOM shows it, then the next animation frame ran and a task
 * posted from that frame ran, i.e. the frame that contains it has been produced.
 */

export interface ReadyProbe {
  /** The ready element first appeared in the DOM. */
  dom?: number;
  /** The next animation frame began. */
  frame?: number;
  /** A task posted from that frame ran: the frame is done. */
  painted?: number;
}

export interface KeystrokeRecord {
  /** The keydown event's timestamp. */
  start: number;
  /** Right after the input handlers and the render they queued (a microtask after them). */
  updated?: number;
  /** After a forced style and layout at that point. */
  laidOut?: number;
  /** The last DOM change seen before the frame was done. */
  lastMutation?: number;
  /** The next frame is done. */
  painted?: number;
}

export interface SwitchRecord {
  /** The click event's timestamp. */
  click?: number;
  /** proxy.settings.onChange fired (the browser's proxy setting changed). */
  settingChanged?: number;
  /** The background stored "connected" for the target (after applying the proxy and dropping old logins). */
  connectedStored?: number;
  /** The background stored the exit IP: the exit check's answer came back through the proxy. */
  exitStored?: number;
  exitIp?: string;
  /** The popup shows "Connected: target". */
  connectedDrawn?: number;
  /** The popup shows the exit IP. */
  exitDrawn?: number;
  failed?: string;
}

export interface ExtractRecord {
  click?: number;
  drawn?: number;
  rows?: number;
}

export interface NewRouteRecord {
  /** The click event's timestamp ("Add route", which sends addRoute). */
  click?: number;
  /** proxy.settings.onChange fired, and proxy.settings.get then showed a PAC script naming the site. */
  applied?: number;
  /** The answer is in: the rule's row is drawn in the options' list. */
  listed?: number;
  /** A request to the routed site, sent the moment the rule was applied, came back (its status, or the error). */
  responded?: number;
  status?: number | string;
}

interface BenchGlobal {
  __benchReady?: ReadyProbe;
  __benchFigures?: ReadyFigures;
  __benchKeys?: KeystrokeRecord[];
  __benchSwitch?: Promise<SwitchRecord>;
  __benchExtract?: Promise<ExtractRecord>;
  __benchRoute?: Promise<NewRouteRecord>;
  __benchPosted?: Promise<ReadyFigures>;
}

interface ChromeForBench {
  proxy: {
    settings: {
      onChange: { addListener(listener: () => void): void; removeListener(listener: () => void): void };
      get(details: object): Promise<{ value: unknown }>;
    };
  };
  storage: {
    onChanged: {
      addListener(listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void;
      removeListener(listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void;
    };
  };
}

/** A page's ready figures, and when it was drawn: the moment, in the page, the ready probe names. */
export interface ReadyFigures extends Required<ReadyProbe> {
  domContentLoaded: number;
  timeOrigin: number;
  /** The page's path, e.g. `/popup.html`. */
  path: string;
}


/**
 * Init script for every page: records when the popup's account list (a row, or the "no accounts"
 * state) or the paragraph of the blank or the script page first appears, and when it is drawn, and
 * then posts the figures on the `bench-ready` broadcast channel, and to `reportUrl` if given (a
 * loopback receiver, for pages opened while no extension page is alive to hear the channel).
 */
export function installReadyProbe(reportUrl?: string): void {
  const bench = globalThis as unknown as BenchGlobal;
  // Pages opened as the toolbar popup get this probe from a script in their HTML, and a tab of them
  // from Playwright's init script as well: the first one counts.
  if (bench.__benchReady) return;
  const selector = ['/blank.html', '/script.html'].includes(location.pathname) ? 'p' : '[role="list"] [role="listitem"], .view > p.state:not([role])';
  const probe: ReadyProbe = {};
  bench.__benchReady = probe;
  const check = () => {
    if (probe.dom !== undefined || !document.querySelector(selector)) return;
    probe.dom = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {
      probe.frame = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        probe.painted = performance.now();
        const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        bench.__benchFigures = { ...(probe as Required<ReadyProbe>), domContentLoaded: navigation?.domContentLoadedEventEnd ?? Number.NaN, timeOrigin: performance.timeOrigin, path: location.pathname };
        const ready = new BroadcastChannel('bench-ready');
        ready.postMessage(bench.__benchFigures);
        ready.close();
        if (reportUrl) navigator.sendBeacon(reportUrl, JSON.stringify(bench.__benchFigures));
      };
      channel.port2.postMessage(null);
    });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
  check();
}

/** The ready probe's figures, once drawn; undefined until then. */
export function readReadyProbe(): ReadyFigures | undefined {
  return (globalThis as unknown as BenchGlobal).__benchFigures;
}

/**
 * In an extension page: starts listening for the figures the ready probe of the next page drawn posts
 * on the `bench-ready` channel (`readyFiguresPosted` gives them), before that page is opened.
 */
export function listenForReadyFigures(page: string): void {
  const bench = globalThis as unknown as BenchGlobal;
  const ready = new BroadcastChannel('bench-ready');
  bench.__benchPosted = new Promise<ReadyFigures>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${page} did not draw as the toolbar popup within 60 s`)), 60_000);
    ready.onmessage = (event: MessageEvent<ReadyFigures>) => {
      clearTimeout(timer);
      resolve(event.data);
    };
  }).finally(() => ready.close());
  // An open that failed before anyone waited for its figures leaves this to time out unheard: handled here,
  // it is still a rejection for whoever waits.
  bench.__benchPosted.catch(() => undefined);
}

/** In the same page: the figures `listenForReadyFigures` waits for, once posted. */
export function readyFiguresPosted(): Promise<ReadyFigures> {
  return (globalThis as unknown as BenchGlobal).__benchPosted!;
}

/** In the popup: times every keystroke from keydown to the updated, laid-out and drawn list. */
export function installKeystrokeProbe(): void {
  const bench = globalThis as unknown as BenchGlobal;
  const records: KeystrokeRecord[] = [];
  bench.__benchKeys = records;
  let current: KeystrokeRecord | undefined;
  const observer = new MutationObserver(() => {
    if (current && current.painted === undefined) current.lastMutation = performance.now();
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  addEventListener('keydown', (event) => (current = { start: event.timeStamp }), true);
  // Bubble phase on window: after the search box's own handler, so this microtask runs after the
  // render that handler queued.
  addEventListener('input', () => {
    const record = current;
    if (!record) return;
    queueMicrotask(() => {
      record.updated = performance.now();
      void document.body.offsetHeight;
      record.laidOut = performance.now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          record.painted = performance.now();
          records.push(record);
        };
        channel.port2.postMessage(null);
      });
    });
  });
}

/**
 * In the popup, before clicking "Connect with <target>": follows the click, the browser's proxy
 * setting, the stored status and the status header until the exit IP is drawn (or 20 s pass).
 */
export function installSwitchProbe(target: string): void {
  const bench = globalThis as unknown as BenchGlobal;
  const chrome = (globalThis as unknown as { chrome: ChromeForBench }).chrome;
  const record: SwitchRecord = {};
  bench.__benchSwitch = new Promise<SwitchRecord>((resolve) => {
    const afterFrame = (done: (time: number) => void) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => done(performance.now());
        channel.port2.postMessage(null);
      });
    const onClick = (event: Event) => {
      record.click ??= event.timeStamp;
    };
    const onSetting = () => {
      if (record.click !== undefined) record.settingChanged ??= performance.now();
    };
    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const status = changes.proxyStatus?.newValue as { state?: string; endpoint?: { account?: string }; exit?: { ip?: string }; failure?: { message?: string } } | undefined;
      if (area !== 'session' || !status || status.endpoint?.account !== target) return;
      if (status.state === 'failed') record.failed = status.failure?.message ?? 'failed';
      if (status.state !== 'connected') return;
      record.connectedStored ??= performance.now();
      if (status.exit) {
        record.exitStored ??= performance.now();
        record.exitIp = status.exit.ip;
      }
    };
    const header = document.querySelector('header.status')!;
    let connectedSeen = false;
    let exitSeen = false;
    const check = () => {
      const line = header.querySelector('.status-line')?.textContent ?? '';
      const connected = line.startsWith('Connected') && line.includes(target);
      if (connected && !connectedSeen) {
        connectedSeen = true;
        afterFrame((time) => (record.connectedDrawn = time));
      }
      if (connected && !exitSeen && /Exit IP/.test(header.querySelector('.exit')?.textContent ?? '')) {
        exitSeen = true;
        afterFrame((time) => {
          record.exitDrawn = time;
          finish();
        });
      }
    };
    const observer = new MutationObserver(check);
    const timer = setTimeout(() => finish(), 20_000);
    function finish() {
      clearTimeout(timer);
      observer.disconnect();
      removeEventListener('click', onClick, true);
      chrome.proxy.settings.onChange.removeListener(onSetting);
      chrome.storage.onChanged.removeListener(onStorage);
      resolve(record);
    }
    addEventListener('click', onClick, true);
    chrome.proxy.settings.onChange.addListener(onSetting);
    chrome.storage.onChanged.addListener(onStorage);
    observer.observe(header, { childList: true, subtree: true, characterData: true });
  });
}

/** In the popup's Extract tab, before clicking "Extract IPs": the click to the new list's first row drawn. */
export function installExtractProbe(): void {
  const bench = globalThis as unknown as BenchGlobal;
  const firstRow = () => document.querySelector('[role="list"][aria-label="Extracted IPs"] [role="listitem"]');
  const before = firstRow()?.textContent ?? null;
  const record: ExtractRecord = {};
  bench.__benchExtract = new Promise<ExtractRecord>((resolve) => {
    const onClick = (event: Event) => {
      record.click ??= event.timeStamp;
    };
    const observer = new MutationObserver(() => {
      const row = firstRow();
      if (record.click === undefined || !row || row.textContent === before) return;
      observer.disconnect();
      removeEventListener('click', onClick, true);
      record.rows = Number(row.getAttribute('aria-setsize'));
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          record.drawn = performance.now();
          resolve(record);
        };
        channel.port2.postMessage(null);
      });
    });
    addEventListener('click', onClick, true);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

/**
 * In the options page, before clicking "Add route" for `site`: the click to the moment Chrome's proxy
 * setting holds the rule (the setting's change event, confirmed by reading the PAC script back), then
 * one request to `url` (on the routed site) sent at once, and the rule's row drawn in the list.
 */
export function installNewRouteProbe({ site, url }: { site: string; url: string }): void {
  const bench = globalThis as unknown as BenchGlobal;
  const chrome = (globalThis as unknown as { chrome: ChromeForBench }).chrome;
  const record: NewRouteRecord = {};
  bench.__benchRoute = new Promise<NewRouteRecord>((resolve) => {
    const onClick = (event: Event) => {
      record.click ??= event.timeStamp;
    };
    const onSetting = () => {
      const at = performance.now();
      if (record.click === undefined || record.applied !== undefined) return;
      void chrome.proxy.settings.get({}).then(({ value }) => {
        if (record.applied !== undefined || !JSON.stringify(value).includes(site)) return;
        record.applied = at;
        void fetch(url, { cache: 'no-store' })
          .then((response) => response.status, (error: unknown) => String(error))
          .then((status) => {
            record.status = status;
            record.responded = performance.now();
            check();
          });
      });
    };
    const observer = new MutationObserver(() => {
      if (record.click === undefined || record.listed !== undefined || ![...document.querySelectorAll('#routes .route-list code')].some((code) => code.textContent === site)) return;
      record.listed = -1;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          record.listed = performance.now();
          check();
        };
        channel.port2.postMessage(null);
      });
    });
    const timer = setTimeout(() => finish(), 20_000);
    function check() {
      if (record.responded !== undefined && record.listed !== undefined && record.listed >= 0) finish();
    }
    function finish() {
      clearTimeout(timer);
      observer.disconnect();
      removeEventListener('click', onClick, true);
      chrome.proxy.settings.onChange.removeListener(onSetting);
      resolve(record);
    }
    addEventListener('click', onClick, true);
    chrome.proxy.settings.onChange.addListener(onSetting);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

/** From an extension page: the round-trip times (ms) of `times` protocol requests `name` with no input. */
export async function timeRequest({ name, times }: { name: string; times: number }): Promise<number[]> {
  const chrome = (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome;
  const durations: number[] = [];
  for (let index = 0; index < times; index++) {
    const begin = performance.now();
    await chrome.runtime.sendMessage({ protocol: '911proxy/1', name, input: {} });
    durations.push(performance.now() - begin);
  }
  return durations;
}
