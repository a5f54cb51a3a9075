/**
 * The store packages: the Chrome zip, the Firefox zip and the Firefox sources zip (what AMO's
 * reviewers rebuild from), each built first by WXT with the repository's wxt.config.ts.
 * `tsx scripts/release/zip.ts [--out-dir DIR] [--browser chrome|firefox]` runs it alone; the release
 * command and the rebuild test call `zipStores`.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { zip } from 'wxt';
import { REPO_ROOT } from '../store/manifest.ts';
import type { StoreBrowser } from '../store/permissions.ts';

export const STORE_BROWSERS: StoreBrowser[] = ['chrome', 'firefox'];

/** Builds and zips each browser into `outDir` (default `.output`); resolves with the zips' paths. */
export async function zipStores({ outDir = path.join(REPO_ROOT, '.output'), browsers = STORE_BROWSERS }: { outDir?: string; browsers?: StoreBrowser[] } = {}): Promise<string[]> {
  const zips: string[] = [];
  // One after the other: both builds share WXT's generated files in .wxt/.
  for (const browser of browsers) zips.push(...(await zip({ root: REPO_ROOT, browser, outDir })));
  return zips;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string' }, browser: { type: 'string', multiple: true } } });
  const browsers = values.browser?.map((name) => {
    if (!STORE_BROWSERS.includes(name as StoreBrowser)) throw new Error(`unknown browser ${name}`);
    return name as StoreBrowser;
  });
  const zips = await zipStores({ ...(values['out-dir'] && { outDir: path.resolve(values['out-dir']) }), ...(browsers && { browsers }) });
  for (const file of zips) console.log(file);
}
