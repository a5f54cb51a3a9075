/**
 * "Where am I?": the exit a tab's page takes and which layer chose it, named for the popup's header
 * line and the tab's badge: the exit as the pages name endpoints, its country (the exit check's,
 * else the one the endpoint asked for) and the reason (the bypass list, the tab, the container by
 * its name, a rule by its pattern, the main connection, or nothing).
 */
import { firefoxContainersApi } from '../../shared/platform.ts';
import { describeEndpoint } from '../../shared/endpoint-names.ts';
import type { ActiveProxy, ActiveProxyStore } from './active-proxy.ts';
import { endpointCountry } from './badge.ts';
import { createPendingWork } from '../pending-work.ts';
import { settingsItem } from '../settings.ts';
import type { Endpoint, ProxyServer } from './endpoint.ts';
import type { ExitChecks } from './exit-checks.ts';
import type { ExitPlan, ExitReason, RequestContext, RequestExit } from './route-plan.ts';

/** The exit of the page a tab shows, as the popup and the badge tell it. */
export interface TabExitDescription {
  /** false: the tab shows no web page (about:, a browser or extension page, a file), which uses no proxy. */
  site: boolean;
  kind: RequestExit['kind'];
  why: ExitReason;
  /** Through a proxy: its name, its country and, once checked, its IP or that the check failed. */
  exit?: { name: string; country?: string; ip?: string; failed?: true; refused?: true };
  /** Firefox: the name of the container whose exit the tab takes. */
  container?: string;
}


export function createTabExitDescriptions({ active, exitChecks }: { active: Pick<ActiveProxyStore, 'get' | 'planFor' | 'exitFor'>; exitChecks: Pick<ExitChecks, 'resultFor' | 'checkIfUnknown'> }) {
  /** Checks started because the popup asked about an exit not checked yet. */
  const checks = createPendingWork('exit check');

  /** The endpoint behind the layer that chose a proxy, for its name; undefined where only the server is known. */
  async function endpointOf(why: ExitReason, request: RequestContext): Promise<Endpoint | null | undefined> {
    // The tab and container layers are filled in Firefox only; a tab opened from one with an exit has it too.
    const plan: (ActiveProxy & ExitPlan) | null = await active.planFor(request);
    switch (why.layer) {
      case 'main':
        return plan?.endpoint;
      case 'route':
        return plan?.routes?.find((route) => route.id === why.routeId)?.endpoint;
      case 'tab':
        return request.tabId === undefined ? undefined : plan?.tabs?.get(request.tabId)?.endpoint;
      case 'container':
        return plan?.containers?.get(why.cookieStoreId)?.endpoint;
      default:
        return undefined;
    }
  }

  /** The tab's exit, and the server it goes through (for a check). */
  async function exitOf(request: RequestContext): Promise<{ described: TabExitDescription; server?: ProxyServer; checked: boolean }> {
    // No site, no request through a proxy: while connected, that is the news (the header names the connection's exit).
    if (!/^https?:/i.test(request.url)) return { described: { site: false, kind: 'direct', why: { layer: (await active.get())?.server ? 'main' : 'none' } }, checked: true };
    const taken = await active.exitFor(request);
    const described: TabExitDescription = { site: true, kind: taken.kind, why: taken.why };
    if (taken.why.layer === 'container') {
      const { cookieStoreId } = taken.why;
      // Without the API (or its permission) the container is named by its id.
      const container = await Promise.resolve()
        .then(() => firefoxContainersApi()?.get(cookieStoreId))
        .catch(() => undefined);
      described.container = container?.name ?? cookieStoreId;
    }
    if (taken.kind !== 'proxy') return { described, checked: true };
    const [endpoint, result] = await Promise.all([endpointOf(taken.why, request), exitChecks.resultFor(taken.server)]);
    const checked = result && !('failed' in result) ? result : undefined;
    const country = checked?.country ?? (endpoint ? endpointCountry(endpoint) : undefined);
    described.exit = {
      name: endpoint ? describeEndpoint(endpoint) : `${taken.server.host}:${taken.server.port}`,
      ...(country && { country }),
      ...(checked && { ip: checked.ip }),
      ...(result && 'failed' in result && { failed: true as const, ...(result.refused && { refused: true as const }) }),
    };
    return { described, server: taken.server, checked: result !== undefined };
  }

  return {
    describe: async (request: RequestContext): Promise<TabExitDescription> => (await exitOf(request)).described,
    /** The popup's question; an exit not checked yet is checked now, and its answer follows through storage. */
    async describeTabExit(request: RequestContext): Promise<TabExitDescription> {
      const { described, server, checked } = await exitOf(request);
      if (server && !checked) checks.run(settingsItem.getValue().then(({ exitCheckUrl }) => exitChecks.checkIfUnknown(server, exitCheckUrl)));
      return described;
    },
    /** Resolves when no check started here is running (tests). */
    idle: checks.idle,
  };
}

export type TabExitDescriptions = ReturnType<typeof createTabExitDescriptions>;
