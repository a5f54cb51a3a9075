/**
 * Preact hooks for the pages: a component subscribes to a stored item or a cached list and re-renders
 * when it changes; the subscription ends with the component.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CachedData, CachedRequestName, RequestInput } from '../messaging.ts';
import type { StoredItem } from '../storage.ts';
import { watchCachedList, watchStoredValue, type CachedListState, type CachedListWatch } from './watch.ts';

/** The item's current value; undefined until the first read. */
export function useStoredValue<T>(item: StoredItem<T>): T | undefined {
  const [value, setValue] = useState<{ current: T }>();
  // Boxed, so that a function-valued T is never taken for a state updater.
  useEffect(() => watchStoredValue(item, (current) => setValue({ current })), [item]);
  return value?.current;
}

/**
 * A cached list: the cached answer at once, the fresh one when it lands. The request is made again
 * when `input` changes (compared by value, so an inline object literal does not loop).
 */
export function useCachedList<K extends CachedRequestName>(name: K, input: RequestInput<K>): CachedListState<CachedData<K>> & { reload(): void } {
  const [state, setState] = useState<CachedListState<CachedData<K>>>({ refreshing: true });
  const watch = useRef<CachedListWatch>();
  const latestInput = useRef(input);
  latestInput.current = input;
  const inputKey = JSON.stringify(input);
  useEffect(() => {
    const current = watchCachedList(name, latestInput.current, setState);
    watch.current = current;
    return () => current.stop();
  }, [name, inputKey]);
  return { ...state, reload: () => watch.current?.reload() };
}
