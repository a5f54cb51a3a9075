/**
 * The built packages (`npm run build` first): both manifests keep the browsers' default content
 * security policy (no eval, no remote code), ask for exactly the permissions the README's Permissions
 * table justifies (so a new permission without a reason there fails), and no built script calls
 * `eval` or `new Function`, nor loads code from the network.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backgroundBundle, INITIAL_JS_BUDGETS_KB, pageBundle } from '../../scripts/bench/bundles.ts';
import { justifiedPermissions } from '../../scripts/store/permissions.ts';
import { REPO_ROOT } from './harness/util.ts';

type Browser = 'chrome' | 'firefox';
const BUILDS: Record<Browser, string> = { chrome: '.output/chrome-mv3', firefox: '.output/firefox-mv2' };

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_security_policy?: string | Record<string, string>;
  content_scripts?: unknown[];
  externally_connectable?: unknown;
  web_accessible_resources?: unknown[];
}

const readManifest = (browser: Browser): Manifest => JSON.parse(readFileSync(path.join(REPO_ROOT, BUILDS[browser], 'manifest.json'), 'utf8')) as Manifest;

/** Every file under `dir`, relative paths. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full).map((file) => path.join(name, file)) : [name];
  });
}

const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

describe.each(['chrome', 'firefox'] as const)('the %s package', (browser) => {
  const manifest = readManifest(browser);
  const dir = path.join(REPO_ROOT, BUILDS[browser]);

  it('keeps the default content security policy: no eval, no remote script sources', () => {
    const csp = manifest.content_security_policy;
    const policies = csp === undefined ? [] : typeof csp === 'string' ? [csp] : Object.values(csp);
    for (const policy of policies) {
      expect(policy).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-inline/);
      const scriptSources = /(?:^|;)\s*script-src([^;]*)/.exec(policy)?.[1] ?? '';
      expect(scriptSources.trim().split(/\s+/).filter((source) => source && source !== "'self'" && source !== "'none'")).toEqual([]);
    }
  });

  it('asks for exactly the permissions the README justifies', () => {
    const rows = justifiedPermissions(README);
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(row.why.length, `a reason for ${row.permission}`).toBeGreaterThan(10);
    const expected = rows.filter((row) => !row.browser || row.browser === browser).map((row) => row.permission);
    // MV3 lists host access apart; Firefox's MV2 puts it among the permissions.
    const asked = [...(manifest.permissions ?? []), ...(manifest.host_permissions ?? [])];
    expect([...asked].sort()).toEqual([...expected].sort());
    expect(manifest.optional_permissions ?? []).toEqual([]);
    expect(manifest.optional_host_permissions ?? []).toEqual([]);
  });

  it('exposes nothing to web pages or other extensions', () => {
    expect(manifest.content_scripts ?? []).toEqual([]);
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
  });

  it('has no eval or new Function in any built script, and loads no script from the network', () => {
    const files = filesUnder(dir);
    const scripts = files.filter((file) => file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(2);
    for (const file of scripts) {
      const code = readFileSync(path.join(dir, file), 'utf8');
      expect(code, file).not.toMatch(/(?<![\w$])eval\s*\(/);
      expect(code, file).not.toMatch(/\bnew\s+Function\s*\(/);
      expect(code, file).not.toMatch(/\bimportScripts\s*\(\s*["'`]https?:/);
      expect(code, file).not.toMatch(/\bimport\s*\(\s*["'`]https?:/);
    }
    for (const file of files.filter((name) => name.endsWith('.html'))) {
      const html = readFileSync(path.join(dir, file), 'utf8');
      expect(html, file).not.toMatch(/<script[^>]+src=["']?(https?:)?\/\//i);
      for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) expect(match[2]!.trim(), `inline script in ${file}`).toBe('');
    }
  });
});

describe.each(Object.keys(BUILDS) as Browser[])('the %s build’s initial JavaScript', (browser) => {
  const dir = path.join(REPO_ROOT, BUILDS[browser]);

  it.each(['popup', 'options', 'dashboard'] as const)('%s page within its budget', async (page) => {
    const { jsGzip, js } = await pageBundle(dir, `${page}.html`);
    expect(js.length).toBeGreaterThan(0);
    expect(jsGzip / 1000, js.map((file) => `${file.file} ${file.gzip}`).join(', ')).toBeLessThanOrEqual(INITIAL_JS_BUDGETS_KB[page]);
  });

  it(`background within ${INITIAL_JS_BUDGETS_KB.background} kB gzip`, async () => {
    const { jsGzip, js } = await backgroundBundle(dir);
    expect(js.length).toBeGreaterThan(0);
    expect(jsGzip / 1000, js.map((file) => `${file.file} ${file.gzip}`).join(', ')).toBeLessThanOrEqual(INITIAL_JS_BUDGETS_KB.background);
  });
});
