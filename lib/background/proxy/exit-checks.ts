/**
 * The exit check per exit: each distinct exit in use (the main connection's server, each rule's,
 * tab's and container's) is asked through itself which IP and country the web sees, and the answer
 * is kept per exit in session storage, under `exitKey` (the server with its login fingerprinted).
 *
 * Firefox sends each check through the exit it checks (exit-probes.ts). Chrome's PAC script decides
 * by URL alone and sees no mark, so there the check URL reaches one exit only: the one the plan
 * gives that URL (the main connection's, or a rule's when a rule covers the check URL's host). The
 * other exits stay unchecked, and are shown with the country they asked for.
 */
import { z } from '../zod.ts';
import { STORAGE_KEYS } from '../../shared/storage-keys.ts';
import { createSerialQueue } from '../serial-queue.ts';
import { defineStoredItem } from '../stored-item.ts';
import type { ActiveProxyStore } from './active-proxy.ts';
import { loginFingerprint, type ProxyServer } from './endpoint.ts';
import type { ExitCheck } from './exit-check.ts';
import type { ExitProbes } from './exit-probes.ts';
import { exitForRequest, originOf, type ExitPlan } from './route-plan.ts';
import { exitInfoSchema, type ExitInfo } from './status.ts';

/** What the last check through one exit found: its exit, or that it gave no usable answer (`refused`: the proxy refused its login). */
const exitCheckResultSchema = z.union([exitInfoSchema, z.object({ failed: z.literal(true), refused: z.optional(z.literal(true)), checkedAt: z.number() })]);
export type ExitCheckResult = z.infer<typeof exitCheckResultSchema>;

export const exitChecksItem = defineStoredItem(STORAGE_KEYS.exitChecks, z.record(z.string(), exitCheckResultSchema), { fallback: {}, version: 1 });

/** An exit as the results are stored under: its address and a fingerprint of its login, never the password. */
export function exitKey(server: ProxyServer): string {
  return `${originOf(server)}${server.username ? `#${loginFingerprint(server)}` : ''}`;
}

/** The distinct exits the plan uses: the main connection's server, then the rules', the tabs' and the containers'. */
export function exitsInUse(plan: ExitPlan | null): ProxyServer[] {
  if (!plan) return [];
  const servers = [plan.server, ...(plan.routes ?? []).filter((route) => !route.blocked).map((route) => route.server), ...[...(plan.tabs?.values() ?? []), ...(plan.containers?.values() ?? [])].map((exit) => exit.server)];
  return [...new Map(servers.filter((server): server is ProxyServer => server !== null).map((server) => [exitKey(server), server])).values()];
}

export interface ExitChecksOptions {
  active: Pick<ActiveProxyStore, 'get'>;
  /** One check of the check URL (exit-check.ts). */
  fetchExit: ExitCheck;
  /** Firefox: sends a check through the exit it checks. Without it, a check reaches only the exit the plan gives the check URL. */
  probes?: ExitProbes;
}

export function createExitChecks({ active, fetchExit, probes }: ExitChecksOptions) {
  /** The read, change and write of the stored results, one at a time. */
  const writes = createSerialQueue();
  /** Checks running, by exit: asked again meanwhile, an exit is checked once. */
  const running = new Map<string, Promise<ExitInfo | undefined>>();

  const record = (update: (results: Record<string, ExitCheckResult>) => Record<string, ExitCheckResult>) =>
    writes.run(async () => exitChecksItem.setValue(update(await exitChecksItem.getValue())));

  /** Checks `server` through itself where the browser can; undefined when it gave no answer or cannot be reached by the check here. */
  function check(server: ProxyServer, url: string, plan: ExitPlan): Promise<ExitInfo | undefined> {
    const key = exitKey(server);
    const started = running.get(key);
    if (started) return started;
    const job = (async () => {
      let exit: ExitInfo | undefined;
      if (probes) exit = await probes.through(server, url, fetchExit);
      else {
        const taken = exitForRequest({ url }, plan);
        if (taken.kind !== 'proxy' || exitKey(taken.server) !== key) return undefined;
        exit = await fetchExit(url);
      }
      await record((results) => ({ ...results, [key]: exit ?? { failed: true, checkedAt: Date.now() } }));
      return exit;
    })().finally(() => running.delete(key));
    running.set(key, job);
    return job;
  }

  return {
    /**
     * The proxy service's exit check: checks every exit in use, each through itself, forgets the
     * results of exits no longer in use, and answers with the main connection's.
     */
    checkMain: (async (url) => {
      const plan = await active.get();
      const exits = exitsInUse(plan);
      await record((results) => Object.fromEntries(exits.map(exitKey).filter((key) => results[key]).map((key) => [key, results[key]!])));
      if (!plan?.server) return undefined;
      const main = plan.server;
      const [mainExit] = await Promise.all([check(main, url, plan), ...exits.filter((server) => server !== main).map((server) => check(server, url, plan))]);
      return mainExit;
    }) satisfies ExitCheck,
    /** The proxy refused `server`'s login (an exit other than the main connection's, whose status says so): the exit shows it as failed, with why. */
    recordRefusal: (server: ProxyServer) => record((results) => ({ ...results, [exitKey(server)]: { failed: true, refused: true, checkedAt: Date.now() } })),
    /** What the last check through `server` found, if it was checked. */
    resultFor: async (server: ProxyServer): Promise<ExitCheckResult | undefined> => (await exitChecksItem.getValue())[exitKey(server)],
    /** Checks `server` now unless it has a result or is being checked (the popup asked where its tab goes). */
    async checkIfUnknown(server: ProxyServer, url: string): Promise<void> {
      const [plan, results] = await Promise.all([active.get(), exitChecksItem.getValue()]);
      if (!plan || results[exitKey(server)] || running.has(exitKey(server))) return;
      await check(server, url, plan);
    },
  };
}

export type ExitChecks = ReturnType<typeof createExitChecks>;
