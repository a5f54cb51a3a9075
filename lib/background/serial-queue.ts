/**
 * Tasks run one after another, each once the one before has settled, so that a read, change and
 * write never interleaves with another (two quick changes both land). A failed task fails only its
 * own caller; the queue goes on.
 */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task);
      tail = result.catch(() => undefined);
      return result;
    },
    /** Resolves once every task queued so far has settled. */
    settled: (): Promise<void> => tail.then(() => undefined),
  };
}

export type SerialQueue = ReturnType<typeof createSerialQueue>;
