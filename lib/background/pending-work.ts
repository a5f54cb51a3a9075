/**
 * Work a service starts and nobody awaits (a background refresh, an exit check), kept so that
 * `idle()` can wait for all of it: tests, and anything that must see the final state. A failure is
 * logged with `label` (the errors logged hold no key: the API client scrubs it).
 */
export function createPendingWork(label: string) {
  const pending = new Set<Promise<void>>();
  return {
    run(work: Promise<unknown>): void {
      const tracked = work
        .then(
          () => undefined,
          (error: unknown) => console.error(`[${label}] background work failed`, error),
        )
        .finally(() => pending.delete(tracked));
      pending.add(tracked);
    },
    async idle(): Promise<void> {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}
