import preact from '@preact/preset-vite';
import type { Plugin, Rollup } from 'vite';
import { defineConfig } from 'wxt';

/** Firefox add-on id; fixed so that storage and the moz-extension:// UUID mapping survive updates. */
export const GECKO_ID = '911proxy-extension@911proxy-tools';

/**
 * A build-time rewrite of one known snippet in one dependency's files. The build fails unless the
 * snippet occurs exactly once in every matching file, so a dependency update that changes the code
 * cannot make the rewrite silently stop applying.
 */
function rewriteDependency(name: string, file: RegExp, find: RegExp, replacement: string): Plugin {
  return {
    name: `911proxy:${name}`,
    enforce: 'pre',
    transform(code, id) {
      if (!file.test(id.split('?')[0] ?? '')) return null;
      const count = code.match(new RegExp(find.source, 'g'))?.length ?? 0;
      if (count !== 1) this.error(`${name}: expected the snippet once in ${id}, found it ${count} times; update wxt.config.ts`);
      return { code: code.replace(find, replacement), map: null };
    },
  };
}

/**
 * Rewrites that keep dynamic HTML and code out of the pages, which addons-linter (`web-ext lint`,
 * release-blocking for Firefox) otherwise flags:
 * - Preact's only dynamic HTML sink, `dom.innerHTML = props.dangerouslySetInnerHTML.__html`
 *   (UNSAFE_VAR_ASSIGNMENT), becomes a throw. The extension never uses dangerouslySetInnerHTML, so
 *   nothing changes, except that no page can be made to parse HTML from data. Its other innerHTML
 *   write only clears the element.
 * - zod's `new Function("")` probe (DANGEROUS_EVAL) becomes `false`: extension pages and workers
 *   forbid eval by CSP, so the probe is always false here and zod never uses its eval-compiled parsers.
 */
const hardening = [
  rewriteDependency(
    'no-dangerously-set-inner-html',
    /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.[\w.]*js$/,
    /\b[\w$]+\.innerHTML\s*=\s*[\w$]+\.__html\b/,
    '(()=>{throw new Error("dangerouslySetInnerHTML is disabled in this extension")})()',
  ),
  rewriteDependency(
    'no-zod-eval-probe',
    /[\\/]node_modules[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/,
    /const F = Function;\s*new F\(""\);\s*return true;/,
    'return false; // 911proxy: CSP forbids eval in extensions',
  ),
];

/**
 * webextension-polyfill only where it changes something: Chrome's service worker, whose message
 * listener answers with a promise (Chrome's own `onMessage` wants `sendResponse`). Firefox's `browser`
 * is promise-based already (the polyfill hands it back unchanged), and Chrome's pages call only APIs
 * that return promises in MV3, so they load WXT's plain `browser` and no polyfill.
 */
function polyfillChromeWorkerOnly(browser: string): Plugin {
  let workerBuild = false;
  return {
    name: '911proxy:polyfill-chrome-worker-only',
    enforce: 'pre',
    // WXT builds the background alone in library mode and the pages together as a multi-page app.
    configResolved(config) {
      workerBuild = Boolean(config.build.lib);
    },
    resolveId(source, importer, options) {
      if (source !== 'wxt/browser' || browser !== 'chrome' || !workerBuild) return null;
      return this.resolve('@wxt-dev/webextension-polyfill/browser', importer, { ...options, skipSelf: true });
    },
  };
}

/** The module Vite wraps each dynamic `import()` of the pages in, to preload what the imported chunk needs. */
const PRELOAD_HELPER = '\0vite/preload-helper.js';

/**
 * Vite's preload helper, which wraps every dynamic `import()` of the pages, replaced by one that only
 * makes the import: Vite's sits in the first chunk of every page with a lazily loaded view
 * (components/lazy.tsx), or in a chunk those pages share. It adds modulepreload links for the
 * imported chunk's own imports (none here: see `build.modulePreload`) and stylesheet links for its
 * CSS; CSS is imported by the pages' entries only, so the page's HTML has every stylesheet already
 * (inlined, see inlinePageStylesheets).
 * The build fails if a lazily loaded chunk ever brings CSS of its own, which nothing would then load.
 */
function dynamicImportsWithoutPreload(): Plugin {
  return {
    name: '911proxy:dynamic-imports-without-preload',
    enforce: 'pre',
    resolveId: (source) => (source === PRELOAD_HELPER ? PRELOAD_HELPER : null),
    load: (id) => (id === PRELOAD_HELPER ? 'export const __vitePreload = (load) => load();' : null),
    generateBundle(_options, bundle) {
      const chunks = new Map<string, Rollup.OutputChunk>();
      for (const file of Object.values(bundle)) if (file.type === 'chunk') chunks.set(file.fileName, file);
      /** The CSS of `entry` and of every chunk it reaches through `via`. */
      const cssReached = (entry: Rollup.OutputChunk, via: (chunk: Rollup.OutputChunk) => readonly string[]) => {
        const seen = new Set<string>();
        const css = new Set<string>();
        const queue = [entry.fileName];
        for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
          if (seen.has(name)) continue;
          seen.add(name);
          const chunk = chunks.get(name)!;
          for (const file of chunk.viteMetadata?.importedCss ?? []) css.add(file);
          queue.push(...via(chunk));
        }
        return css;
      };
      for (const entry of chunks.values()) {
        if (!entry.isEntry) continue;
        const linked = cssReached(entry, (chunk) => chunk.imports);
        const unlinked = [...cssReached(entry, (chunk) => [...chunk.imports, ...chunk.dynamicImports])].filter((css) => !linked.has(css));
        if (unlinked.length > 0) this.error(`${entry.fileName} loads ${unlinked.join(', ')} only with a lazily loaded chunk; import the CSS from the page's entry (see wxt.config.ts)`);
      }
    },
  };
}

/**
 * Each page's stylesheet goes into its HTML, a `<style>` in place of the `<link>`: a page's module
 * script runs only once its stylesheets are in, so the stylesheet's own request stood between the HTML
 * and the page's code (cold popup opens came out 0.05–0.1 × the script page sooner without it, in
 * `npm run bench` back to back). Extension pages' CSP governs scripts, not styles. The stylesheet
 * files then go from the package.
 */
function inlinePageStylesheets(): Plugin {
  const STYLESHEET_LINK = /<link rel="stylesheet"[^>]*\bhref="\/([^"]+\.css)"[^>]*>/g;
  return {
    name: '911proxy:inline-page-stylesheets',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        if (!bundle) return html;
        return html.replace(STYLESHEET_LINK, (_link, fileName: string) => {
          const css = bundle[fileName];
          if (css?.type !== 'asset') throw new Error(`inline-page-stylesheets: ${fileName} is not in the bundle`);
          const text = String(css.source);
          if (text.includes('</style')) throw new Error(`inline-page-stylesheets: ${fileName} contains </style`);
          return `<style>${text}</style>`;
        });
      },
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const pages = Object.values(bundle).flatMap((file) => (file.type === 'asset' && file.fileName.endsWith('.html') ? [String(file.source)] : []));
        for (const file of Object.values(bundle)) {
          if (file.type === 'asset' && file.fileName.endsWith('.css') && !pages.some((page) => page.includes(file.fileName))) delete bundle[file.fileName];
        }
      },
    },
  };
}

/**
 * The code most pages load first, in one file (`shared-*.js`): each file a page loads is a request of
 * its own at every open, which costs the popup more than the few hundred bytes of another page's code
 * this brings it. Left to itself the bundler gives every set of pages sharing a module its own chunk,
 * several files for the popup's first draw. Stylesheets stay with their page (one per page, see the
 * pages' styles.css).
 */
const SHARED_CODE = { name: 'shared', test: (id: string) => !/\.css(\?|$)/.test(id) && !LOADED_FIRST_BY_TWO.test(id), tags: ['$initial' as const], minShareCount: 3 };
/**
 * The bundler counts a view loaded on first use as a page of its own: the confirmation dialog, which
 * the options and the dashboard load first and the popup only with an account's details, would
 * otherwise be in the shared file the popup loads first.
 */
const LOADED_FIRST_BY_TWO = /\/components\/ConfirmDialog\.tsx$/;

// See README "Permissions" for why each one is needed.
export default defineConfig({
  vite: (env) => ({
    plugins: [preact(), polyfillChromeWorkerOnly(env.browser), dynamicImportsWithoutPreload(), inlinePageStylesheets(), ...hardening],
    build: {
      // The pages' HTML keeps its modulepreload links; a view loaded on first use (components/lazy.tsx)
      // preloads nothing: its files are in the package (see dynamicImportsWithoutPreload for the CSS).
      modulePreload: { polyfill: false, resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : []) },
      rolldownOptions: { output: { codeSplitting: { groups: [SHARED_CODE] } } },
    },
  }),
  zip: {
    // The Firefox sources zip must let a reviewer rebuild the package from a clean checkout.
    excludeSources: ['test-results/**', '.output/**', 'coverage/**'],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'proxy',
      'storage',
      'privacy',
      'webRequest',
      // lib/background/warnings.ts: the periodic package check and its "running out" notifications.
      'alarms',
      'notifications',
      // Firefox: containers by name (contextualIdentities) and each request's container (cookies) for the container exits.
      ...(browser === 'firefox' ? ['webRequestBlocking', 'contextualIdentities', 'cookies'] : ['webRequestAuthProvider', 'browsingData']),
    ],
    host_permissions: ['<all_urls>'],
    commands: {
      'toggle-proxy': { suggested_key: { default: 'Alt+Shift+P' }, description: '__MSG_commandToggleProxy__' },
    },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: GECKO_ID,
          // Without gecko_android, addons-linter takes this as the Android minimum too, where
          // data_collection_permissions needs 142 (desktop has it from 140, whose ESR line has ended).
          strict_min_version: '142.0',
          // What leaves the browser, by Firefox's data categories; PRIVACY.md gives the reason for each.
          data_collection_permissions: { required: ['authenticationInfo', 'financialAndPaymentInfo', 'browsingActivity', 'websiteContent'] },
        },
        // No gecko_android: the pages are desktop-sized (a 400 px popup, controls under 44 px), so
        // Firefox for Android is not claimed (and not ticked on AMO, scripts/store/README.md).
      },
    }),
  }),
});
