import { describe, expect, it } from 'vitest';
import { withOnlyScript, withProbe } from './toolbar-popup.ts';

describe('withOnlyScript', () => {
  const built =
    '<!DOCTYPE html>\n<html lang="en">\n  <head>\n    <title>911Proxy</title>\n    <script type="module" crossorigin src="/chunks/popup-1.js"></script>\n    <link rel="modulepreload" crossorigin href="/chunks/shared-2.js">\n    <style>body{margin:0}</style>\n  </head>\n  <body><div id="app"></div></body>\n</html>\n';

  it('replaces the page’s module scripts and their preloads by the one given, keeping its stylesheet, probe and body', () => {
    const page = withOnlyScript(withProbe(built), '/snapshot.js');
    expect(page).not.toMatch(/chunks\//);
    expect(page).toContain('<script src="/bench-probe.js"></script>');
    expect(page).toContain('<style>body{margin:0}</style>');
    expect(page).toContain('<script type="module" src="/snapshot.js"></script></head>');
    expect(page).toContain('<body><div id="app"></div></body>');
  });

  it('refuses a page without a head end to put the script in', () => {
    expect(() => withOnlyScript('<p>no head</p>', '/snapshot.js')).toThrow(/<\/head>/);
  });
});
