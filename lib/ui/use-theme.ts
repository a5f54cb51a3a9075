/** Applies the theme setting to the page: `<html data-theme>` selects the palette in theme.css. */
import { useEffect } from 'preact/hooks';
import type { Settings } from '../background/settings.ts';

/** Follows `theme`; "system" (or not known yet) leaves the choice to `prefers-color-scheme`. */
export function useTheme(theme: Settings['theme'] | undefined): void {
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
    else delete root.dataset.theme;
  }, [theme]);
}
