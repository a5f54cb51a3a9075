/**
 * PRIVACY.md, which this page shows, against the code: the hosts the extension contacts, the items it
 * stores and Firefox's data declaration are all taken from the code, so a new host, stored item or
 * declared category that the statement does not name fails here.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedRequestItems } from '../../lib/background/cached-requests.ts';
import { DEFAULT_SETTINGS } from '../../lib/background/settings.ts';
import { STORAGE_KEYS } from '../../lib/shared/storage-keys.ts';
import { declaredManifest, readRepoFile, REPO_ROOT } from '../../scripts/store/manifest.ts';

const PRIVACY = readRepoFile('PRIVACY.md');

/** A section of PRIVACY.md by its `##` heading. */
function section(heading: string): string {
  const text = PRIVACY.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
  if (!text) throw new Error(`PRIVACY.md has no section "${heading}"`);
  return text;
}

/** The source files that ship (tests excluded), relative to the repository. */
function shippedSources(dir: string): string[] {
  return readdirSync(path.join(REPO_ROOT, dir)).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(path.join(REPO_ROOT, file)).isDirectory()) return shippedSources(file);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

describe('PRIVACY.md', () => {
  it('names every address the extension contacts by default, in the section on where data is sent', () => {
    const sent = section('Where data is sent');
    const { apiBaseUrl, exitCheckUrl, gateway } = DEFAULT_SETTINGS;
    expect(sent).toContain(`\`${apiBaseUrl}\``);
    expect(sent).toContain(`\`${exitCheckUrl}\``);
    expect(sent).toContain(`\`${gateway.host}\` port ${gateway.port}`);
  });

  it('names every host written in the extension’s sources', () => {
    const files = ['lib', 'components', 'entrypoints'].flatMap(shippedSources);
    const hosts = new Set(files.flatMap((file) => [...readRepoFile(file).matchAll(/\b(?:https?|wss?):\/\/([\w.-]+)/g)].map((match) => match[1]!)));
    expect(hosts.size).toBeGreaterThan(1);
    for (const host of hosts) expect(PRIVACY, `${host} (found in the sources)`).toContain(host);
  });

  it('names every item the extension stores', () => {
    // Every item is defined on a key of the registry or on a cached request's key (stored-item.ts's types say so).
    const keys = [...Object.values(STORAGE_KEYS), ...Object.values(cachedRequestItems).map((item) => item.key)];
    expect(keys.length).toBeGreaterThan(Object.keys(cachedRequestItems).length + 5);
    const stored = section('What is stored on your device');
    for (const key of keys) expect(stored, key).toContain(`\`${key}\``);
  });

  it('gives a reason for exactly the data categories the Firefox manifest declares', async () => {
    const declared = (await declaredManifest('firefox')).browser_specific_settings?.gecko?.data_collection_permissions;
    expect(declared?.optional ?? []).toEqual([]);
    const required = declared?.required ?? [];
    expect(required).not.toContain('none');
    const explained = [...section('Firefox\'s data declaration').matchAll(/^- `(\w+)`: \S/gm)].map((match) => match[1]);
    expect(explained).toEqual(required);
  });
});
