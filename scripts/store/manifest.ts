/**
 * The manifest each browser's build gets, read from wxt.config.ts, so that tests that run before a
 * build see what the build will declare.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import config from '../../wxt.config.ts';
import type { StoreBrowser } from './permissions.ts';

/** The repository root (this file is in scripts/store/). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The part of a manifest these checks read. */
export interface DeclaredManifest {
  permissions?: string[];
  host_permissions?: string[];
  browser_specific_settings?: {
    gecko?: { data_collection_permissions?: { required?: string[]; optional?: string[] } };
    gecko_android?: { strict_min_version?: string };
  };
}

/** What wxt.config.ts declares for `browser`'s production build. */
export async function declaredManifest(browser: StoreBrowser): Promise<DeclaredManifest> {
  const { manifest } = config;
  const env = { browser, mode: 'production', command: 'build', manifestVersion: browser === 'firefox' ? 2 : 3 } as const;
  return (typeof manifest === 'function' ? await manifest(env) : await manifest) as DeclaredManifest;
}

/** Every permission `browser` asks for, host access included (MV3 lists it apart; MV2 among the permissions). */
export async function askedPermissions(browser: StoreBrowser): Promise<string[]> {
  const manifest = await declaredManifest(browser);
  return [...(manifest.permissions ?? []), ...(manifest.host_permissions ?? [])];
}

/** A file of the repository, as text. */
export const readRepoFile = (file: string): string => readFileSync(path.join(REPO_ROOT, file), 'utf8');
