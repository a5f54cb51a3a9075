/**
 * A view whose code loads on first use, so that a page's first draw loads only what it shows first
 * (the popup's views that are a click away, or only shown before a key is set). `preload` starts the
 * load early, so that the click finds the code already there.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/shared/i18n.ts';
import { whenIdle } from '../lib/ui/first-view.ts';
import { ErrorState, Loading } from './States.tsx';

export interface LazyView<P> {
  (props: P): preact.JSX.Element | null;
  preload(): Promise<unknown>;
}

/**
 * `quiet`: nothing is drawn while the code loads (a view that is often empty), instead of Loading, and
 * the load waits for the page to be idle.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>, { quiet = false } = {}): LazyView<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () => {
    loading ??= load().then((view) => (loaded = view));
    return loading;
  };
  function Lazy(props: P) {
    const [failed, setFailed] = useState(false);
    const [, setReady] = useState(loaded !== undefined);
    useEffect(() => {
      if (loaded) return;
      let mounted = true;
      const load = () => {
        if (!mounted) return;
        preload().then(
          () => mounted && setReady(true),
          () => mounted && setFailed(true),
        );
      };
      // A quiet view is often empty, and never what the page shows first: its code waits for an idle page.
      if (quiet) whenIdle(load);
      else load();
      return () => void (mounted = false);
    }, []);
    // The code is part of the installed package: it fails to load only when the extension was updated
    // or removed under an open page, and a reload picks up the new version.
    if (failed) return <ErrorState error={{ message: t('ui_viewLoadFailed') }} onRetry={() => location.reload()} />;
    const View = loaded;
    return View ? <View {...props} /> : quiet ? null : <Loading />;
  }
  return Object.assign(Lazy, { preload });
}
