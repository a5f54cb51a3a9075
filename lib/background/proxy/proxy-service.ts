/**
 * The proxy service: connect, disconnect, toggle, a new sticky session and status, for the message
 * handlers and the keyboard shortcut. It keeps the stored connection, the browser's proxy setting, leak protection,
 * the badge and the status in step, one operation at a time, and never reports "connected" unless
 * the browser is really using the proxy.
 *
 * The stored connection (`storage.local`) is the truth; the status (`storage.session`) and the badge
 * are made from it whenever the background starts (`start`), however it started: a browser start,
 * the extension enabled again, reloaded or updated (each of which empties `storage.session` and the
 * badge), or a stopped Chrome worker woken by an event.
 */
import { t, type MessageKey } from '../../shared/i18n.ts';
import { renewSession } from '../../shared/username.ts';
import { ServiceError } from '../error-answers.ts';
import { createPendingWork } from '../pending-work.ts';
import { createSerialQueue } from '../serial-queue.ts';
import { connectionItem, proxyStatusItem, type Connection } from './connection.ts';
import { settingsItem, type Settings } from '../settings.ts';
import type { ActiveProxy, ActiveProxyStore } from './active-proxy.ts';
import { showBadge } from './badge.ts';
import { isFromProvider, resolveEndpoint, sameEndpoint, type AccountEndpoint, type Endpoint, type ProxyServer } from './endpoint.ts';
import { ProxyControlError, type ProxyControl, type ProxyEngine } from './engine.ts';
import type { ExitCheck } from './exit-check.ts';
import { describeFailure, type FailureContext, type ListenerFailureKind } from './failure-messages.ts';
import { setLeakProtection } from './leak-protection.ts';
import { loginsNewToTheirOrigin, originOf } from './route-plan.ts';
import { DIRECT_STATUS, type ProxyStatus } from './status.ts';

/** A proxy operation that cannot be done; worded, like every refusal of the background, by `toErrorAnswer`. */
export class ProxyError extends ServiceError<
  'socks-auth-unsupported' | 'not-in-control' | 'no-last-endpoint' | 'account-disabled' | 'not-connected' | 'not-a-gateway-account' | 'no-sticky-session'
> {
  override readonly name = 'ProxyError';
}

export interface ProxyServiceOptions {
  engine: ProxyEngine;
  active: ActiveProxyStore;
  exitCheck: ExitCheck;
  explainRefusal?: FailureContext['explainRefusal'];
  /** Whether the account list says an account is disabled (so the gateway would refuse it); asked before the shortcut connects one. */
  isAccountDisabled?: (endpoint: AccountEndpoint) => Promise<boolean>;
}

export function createProxyService({ engine, active, exitCheck, explainRefusal, isAccountDisabled }: ProxyServiceOptions) {
  /** Operations run one after another, so twenty quick clicks end in the state of the last. */
  const { run: serialized } = createSerialQueue();

  /** Bumped by every connect and disconnect, so a slow exit check cannot report on a newer connection. */
  let generation = 0;

  async function setStatus(status: ProxyStatus): Promise<ProxyStatus> {
    await proxyStatusItem.setValue(status);
    await showBadge(status);
    return status;
  }

  /** Exit checks started by a connect and still running. */
  const exitChecks = createPendingWork('exit check');

  async function connect(endpoint: Endpoint): Promise<ProxyStatus> {
    const settings = await settingsItem.getValue();
    const server = resolveEndpoint(endpoint, settings.gateway);
    if (!engine.supports(server)) throw new ProxyError('socks-auth-unsupported', 'proxyError_socksAuthChrome');
    const previous = await connectionItem.getValue();
    const before = await active.get();
    const current = ++generation;
    await setStatus({ state: 'connecting', endpoint });
    // Stored first: the auth listener answers the first challenge from storage. Connected again to
    // the same endpoint (a restart), it has been in use since it was chosen.
    const since = previous.since !== null && sameEndpoint(previous.active, endpoint) ? previous.since : Date.now();
    await connectionItem.setValue({ active: endpoint, last: endpoint, since });
    active.invalidate();
    try {
      const applied = await active.get();
      await engine.apply(applied!);
      await refreshLogins(before, applied, [server]);
    } catch (error) {
      await rollBack(previous);
      if (error instanceof ProxyControlError) {
        const messageKey = whyNotInControl(error.control);
        await setStatus({ state: 'failed', endpoint, failure: { kind: 'not-in-control', message: t(messageKey) } });
        throw new ProxyError('not-in-control', messageKey);
      }
      throw error;
    }
    await setLeakProtection(settings.webrtcProtection);
    appliedSettings = connectionSettings(settings);
    const status = await setStatus({ state: 'connected', endpoint });
    exitChecks.run(checkExit(current));
    return status;
  }

  /** A failed connect leaves the previous connection in place, applied again. */
  async function rollBack(previous: Connection): Promise<void> {
    await connectionItem.setValue(previous);
    active.invalidate();
    const restored = await active.get();
    if (restored) await engine.apply(restored).catch(() => undefined);
    else await engine.clear().catch(() => undefined);
  }

  async function disconnect(): Promise<ProxyStatus> {
    generation++;
    const connection = await connectionItem.getValue();
    const before = await active.get();
    await connectionItem.setValue({ ...connection, active: null, since: null });
    await applyWithoutConnection().catch(async () => {
      await engine.clear();
      await setLeakProtection(false);
    });
    // A rule the connection kept blocked may take the origin back with its own login.
    await refreshLogins(before, await active.get()).catch(() => undefined);
    return setStatus(DIRECT_STATUS);
  }

  /** Disconnected: the site rules, container and tab exits alone apply (WebRTC limited while any does), or nothing does. */
  async function applyWithoutConnection(): Promise<void> {
    active.invalidate();
    const [plan, settings] = await Promise.all([active.get(), settingsItem.getValue()]);
    appliedSettings = connectionSettings(settings);
    if (plan) await engine.apply(plan);
    else await engine.clear();
    await setLeakProtection(plan !== null && settings.webrtcProtection);
  }

  /**
   * Writes a layer of the exit plan (`write`: the routes, a container's or a tab's exit), then applies
   * it at once, with the main connection if there is one; Chrome drops the logins it cached for a
   * proxy origin whose login changed or went, so that the next request there carries the new
   * identity and a deleted rule's login is not kept. Another extension or a policy holding the proxy
   * settings is a refusal; what was written stays stored for when that ends.
   */
  async function changeLayers<T>(write: () => Promise<T>): Promise<T> {
    const before = await active.get();
    const written = await write();
    const connection = await connectionItem.getValue();
    try {
      if (connection.active) {
        active.invalidate();
        await engine.apply((await active.get())!);
      } else await applyWithoutConnection();
    } catch (error) {
      if (error instanceof ProxyControlError) throw new ProxyError('not-in-control', whyNotInControl(error.control));
      throw error;
    }
    const after = await active.get();
    await refreshLogins(before, after, loginsNewToTheirOrigin(after, before));
    return written;
  }

  /** Drops what the browser cached for each origin that now has a new login (and for those of `also`), once per origin. */
  async function refreshLogins(before: ActiveProxy | null, after: ActiveProxy | null, also: readonly ProxyServer[] = []): Promise<void> {
    const servers = [...also.filter((server) => server.username), ...loginsNewToTheirOrigin(before, after)];
    const origins = new Map(servers.map((server) => [originOf(server), server]));
    for (const server of origins.values()) await engine.forgetLogins(server);
  }

  /** Runs the exit check and writes what it found into the status; only for the connection it was started for. */
  async function checkExit(forGeneration = generation): Promise<ProxyStatus> {
    const failureBefore = lastFailure;
    const connection = await connectionItem.getValue();
    if (!connection.active) return setStatus(DIRECT_STATUS);
    const { exitCheckUrl } = await settingsItem.getValue();
    const endpoint = connection.active;
    const exit = await exitCheck(exitCheckUrl);
    if (forGeneration !== generation) return proxyStatusItem.getValue();
    // A refused login or a proxy error seen meanwhile wins over a lucky answer: never claim too much.
    const failure = lastFailure !== failureBefore ? lastFailure : undefined;
    if (failure) return showFailure(failure.kind, endpoint);
    if (exit) return setStatus({ state: 'connected', endpoint, exit });
    return setStatus({ state: 'connected', endpoint, failure: { kind: 'exit-check-failed', message: t('proxyWarning_exitCheckFailed', exitCheckUrl) } });
  }

  /** The latest proxy failure the listeners saw. */
  let lastFailure: { kind: ListenerFailureKind; at: number } | undefined;

  /** Called by the auth and error listeners; turns a live failure into the status at once. */
  async function reportFailure(kind: ListenerFailureKind): Promise<void> {
    lastFailure = { kind, at: Date.now() };
    const connection = await connectionItem.getValue();
    if (!connection.active) return;
    await showFailure(kind, connection.active);
  }

  /** The failure in the status; then an account whose password was changed elsewhere connects again with the new one. */
  async function showFailure(kind: ListenerFailureKind, endpoint: Endpoint): Promise<ProxyStatus> {
    const { blockWhenDown } = await settingsItem.getValue();
    const { message, newPassword } = await describeFailure(kind, endpoint, { blockWhenDown, explainRefusal });
    // Renewed (or left) while the API was asked: the failure was the previous connection's.
    const { active: current } = await connectionItem.getValue();
    if (!sameEndpoint(current, endpoint)) return proxyStatusItem.getValue();
    const status = await setStatus({ state: 'failed', endpoint, failure: { kind, message } });
    // Queued, not awaited: this may run inside a queued operation (the checkExit handler).
    if (newPassword && endpoint.kind === 'account') void serialized(() => reconnectWithPassword(endpoint, newPassword));
    return status;
  }

  /** Connects again with the account list's password, unless the refused connection was left meanwhile (or already renewed). */
  async function reconnectWithPassword(refused: AccountEndpoint, password: string): Promise<void> {
    const { active: current } = await connectionItem.getValue();
    if (current?.kind !== 'account' || current.account !== refused.account || current.password !== refused.password) return;
    await connect({ ...current, password }).catch(() => undefined);
  }

  /**
   * The stored status, corrected where it does not describe the stored connection (`storage.session`
   * was emptied under a running background) and where the browser says otherwise (our setting was
   * overridden).
   */
  async function getStatus(): Promise<ProxyStatus> {
    const [status, connection] = await Promise.all([proxyStatusItem.getValue(), connectionItem.getValue()]);
    if (!connection.active) return status.state === 'direct' ? status : setStatus(DIRECT_STATUS);
    if (!describes(status, connection.active)) {
      await connect(connection.active).catch(() => undefined);
      return proxyStatusItem.getValue();
    }
    const control = await engine.control();
    if (control !== 'ours' || !(await engine.isApplied())) {
      const message = t(control === 'ours' ? 'proxyFailure_settingLost' : whyNotInControl(control));
      return setStatus({ state: 'failed', endpoint: connection.active, failure: { kind: 'not-in-control', message } });
    }
    return status;
  }

  /**
   * Run whenever the background starts, however it started. A status that still describes the stored
   * connection, with the browser's setting still ours, is a stopped Chrome worker woken again: only
   * the badge is shown again. Anything else (the status gone with `storage.session`, a connect cut
   * short, the setting lost) connects the stored endpoint again, which applies the setting, shows
   * the status and the badge and checks the exit. With no connection stored, any setting of ours
   * left behind is taken back.
   */
  async function start(): Promise<void> {
    const [connection, status, settings] = await Promise.all([connectionItem.getValue(), proxyStatusItem.getValue(), settingsItem.getValue()]);
    if (!connection.active) {
      // The site rules apply without a connection; with none, any setting of ours left behind goes.
      if ((await active.get()) || (await engine.isApplied().catch(() => false))) await applyWithoutConnection().catch(() => undefined);
      // Stored even when it is the fallback already: the popup draws the stored status before it asks.
      await setStatus(status.state === 'direct' ? status : DIRECT_STATUS);
      return;
    }
    const resumed =
      (status.state === 'connected' || status.state === 'failed') &&
      describes(status, connection.active) &&
      (await engine.control()) === 'ours' &&
      (await engine.isApplied());
    if (resumed) {
      appliedSettings = connectionSettings(settings);
      await showBadge(status);
      return;
    }
    await connect(connection.active).catch(() => undefined);
  }

  /** The settings a connection depends on, as applied last; other settings changing leaves it be. */
  let appliedSettings = '';
  const connectionSettings = ({ gateway, routing, webrtcProtection, blockWhenDown }: Settings) => JSON.stringify({ gateway, routing, webrtcProtection, blockWhenDown });

  /**
   * "Forget key": the endpoints that came from the API with the key go with it, the one in use and
   * the shortcut's last one alike, and so does the browser's cached login for them. Connected through one, the browser goes direct. An
   * endpoint the user typed in (custom) owes nothing to the key and stays.
   */
  async function forgetProviderEndpoints(): Promise<void> {
    const { active, last } = await connectionItem.getValue();
    const forgotten = [active, last].filter(fromProvider);
    if (forgotten.length === 0) return;
    if (fromProvider(active)) await disconnect();
    await connectionItem.setValue({ ...(await connectionItem.getValue()), ...(fromProvider(last) && { last: null }) });
    const { gateway } = await settingsItem.getValue();
    const servers = new Map(forgotten.map((endpoint) => resolveEndpoint(endpoint, gateway)).map((server) => [`${server.host}:${server.port}`, server]));
    for (const server of servers.values()) if (server.username) await engine.forgetLogins(server);
  }

  /** Settings changed: what applies (the connection, or the site rules alone) is applied again when a setting it depends on changed. */
  async function settingsChanged(settings: Settings): Promise<void> {
    const connection = await connectionItem.getValue();
    if (connectionSettings(settings) === appliedSettings) return;
    if (connection.active) await connect(connection.active).catch(() => undefined);
    else if (await active.get()) await applyWithoutConnection().catch(() => undefined);
  }

  /**
   * A saved custom endpoint was edited (`next`) or deleted (null): a connection through it connects
   * again with the new values, or goes direct; the shortcut's last endpoint follows it too.
   */
  async function customEndpointChanged(id: string, next: Endpoint | null): Promise<void> {
    const isIt = (endpoint: Endpoint | null) => endpoint?.kind === 'custom' && endpoint.id === id;
    const connection = await connectionItem.getValue();
    if (isIt(connection.last)) await connectionItem.setValue({ ...connection, last: next });
    if (!isIt(connection.active)) return;
    if (next) await connect(next).catch(() => undefined);
    else await disconnect();
  }

  /** Disconnects, or connects the last endpoint again; not an account the account list says is disabled. */
  async function toggleLast(): Promise<ProxyStatus> {
    const connection = await connectionItem.getValue();
    if (connection.active) return disconnect();
    const { last } = connection;
    if (!last) throw new ProxyError('no-last-endpoint', 'proxyError_noLastEndpoint');
    // No key or no answer is no reason: the gateway has the last word.
    if (last.kind === 'account' && (await isAccountDisabled?.(last).catch(() => false))) throw new ProxyError('account-disabled', 'proxyError_accountDisabled', [last.account]);
    return connect(last);
  }

  /**
   * "New IP": the connected account again, with its location and session life, under a new session
   * id. Connecting stores it before the browser is switched (so it is also the shortcut's last
   * endpoint) and drops the cached login, as every switch of identity does. Without a sticky session
   * there is nothing to renew: the gateway already picks the exit per connection.
   */
  async function newSession(): Promise<ProxyStatus> {
    const { active } = await connectionItem.getValue();
    if (!active) throw new ProxyError('not-connected', 'proxyError_newSessionNotConnected');
    if (active.kind !== 'account') throw new ProxyError('not-a-gateway-account', 'proxyError_newSessionNotAccount');
    // The endpoint schema keeps the session id and its minutes together.
    if (!active.sessionId) throw new ProxyError('no-sticky-session', 'proxyError_newSessionNotSticky');
    return connect(renewSession(active));
  }

  return {
    handlers: {
      connect: ({ endpoint }: { endpoint: Endpoint }) => serialized(() => connect(endpoint)),
      disconnect: () => serialized(disconnect),
      toggleLast: () => serialized(toggleLast),
      getProxyStatus: () => serialized(getStatus),
      checkExit: () => serialized(() => checkExit()),
      newSession: () => serialized(newSession),
    },
    forgetProviderEndpoints: () => serialized(forgetProviderEndpoints),
    customEndpointChanged: (id: string, next: Endpoint | null) => serialized(() => customEndpointChanged(id, next)),
    /** For the route, container and tab handlers: writes their layer and applies it, in turn with the other operations. */
    changeLayers: <T>(write: () => Promise<T>) => serialized(() => changeLayers(write)),
    /** Call once whenever the background starts (see `start`). */
    start: () => serialized(start),
    /** Whether a connection is stored: the browser should be using a proxy now. */
    isConnected: async () => (await connectionItem.getValue()).active !== null,
    settingsChanged: (settings: Settings) => serialized(() => settingsChanged(settings)),
    /** For the auth responder: the proxy refused our login. */
    onAuthRefused: (_server: ProxyServer) => void reportFailure('auth-refused'),
    /** For the error listeners: a request failed at the proxy. */
    onProxyUnreachable: () => void reportFailure('unreachable'),
    /** Resolves when no exit check is running (tests: a late one would write into the next test's status). */
    idle: exitChecks.idle,
  };
}

export type ProxyService = ReturnType<typeof createProxyService>;

/** Whether a stored endpoint (or none) came from the provider's API with the key. */
const fromProvider = (endpoint: Endpoint | null): endpoint is Endpoint => endpoint !== null && isFromProvider(endpoint);

/** Whether `status` is about `endpoint` (and not "direct"). */
function describes(status: ProxyStatus, endpoint: Endpoint): boolean {
  return status.state !== 'direct' && sameEndpoint(status.endpoint, endpoint);
}

/** Why this extension cannot set the browser's proxy. */
function whyNotInControl(control: Exclude<ProxyControl, 'ours'>): MessageKey {
  return control === 'other-extension' ? 'proxyFailure_otherExtension' : 'proxyFailure_policy';
}
