/** A page that opens in a tab: its title, a navigation bar beside it, and the main content. */
import type { ComponentChildren } from 'preact';

export function PageFrame({ title, navLabel, nav, children }: { title: string; navLabel: string; nav: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class="page">
      <header class="page-header">
        <h1>{title}</h1>
        <nav aria-label={navLabel}>{nav}</nav>
      </header>
      <main>{children}</main>
    </div>
  );
}
