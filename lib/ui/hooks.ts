/**
 * Preact hooks for the pages: a component subscribes to a background value or a cached list and
 * re-renders when it changes; the subscription ends with the component.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CachedData, CachedRequestName, RequestInput, Responses } from '../background/requests.ts';
import { watchBackgroundValue, watchCachedList, type BackgroundValueState, type CachedListState, type CachedListWatch, type Watch, type WatchedRequestName } from './watch.ts';

// The requests start in a layout effect, right after the render that mounts the component: a plain
// effect waits for the next frame to be painted, which delayed each of the popup's waves of requests
// (key and settings, then status and accounts) by a frame.

/**
 * A value the background answers (one of `WATCHED_KEYS`' requests), asked again whenever the stored
 * items behind it change.
 */
export function useBackgroundValue<K extends WatchedRequestName>(name: K): BackgroundValueState<Responses[K]> & { reload(): void } {
  const [state, setState] = useState<BackgroundValueState<Responses[K]>>({});
  const watch = useRef<Watch>();
  useLayoutEffect(() => {
    const current = watchBackgroundValue(name, setState);
    watch.current = current;
    return () => current.stop();
  }, [name]);
  return { ...state, reload: () => watch.current?.reload() };
}

/**
 * A cached list: the cached answer at once, the fresh one when it lands. The request is made again
 * when `input` changes (compared by value, so an inline object literal does not loop).
 */
export function useCachedList<K extends CachedRequestName>(name: K, input: RequestInput<K>): CachedListState<CachedData<K>> & { reload(): void; stopWaiting(): void } {
  const [state, setState] = useState<CachedListState<CachedData<K>>>({ refreshing: true });
  const watch = useRef<CachedListWatch>();
  const latestInput = useRef(input);
  latestInput.current = input;
  const inputKey = JSON.stringify(input);
  useLayoutEffect(() => {
    const current = watchCachedList(name, latestInput.current, setState);
    watch.current = current;
    return () => current.stop();
  }, [name, inputKey]);
  return { ...state, reload: () => watch.current?.reload(), stopWaiting: () => watch.current?.stopWaiting() };
}
