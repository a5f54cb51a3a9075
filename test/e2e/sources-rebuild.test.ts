/**
 * AMO's reviewers rebuild the add-on from the sources zip: unpacked into an empty folder, `npm ci` and
 * `npm run build` (the steps scripts/store/README.md gives them) must give exactly the files of the
 * Firefox package that was uploaded. Both zips are made as the release command makes them. `npm ci`
 * may take packages from the local npm cache, which `npm ci` in the checkout filled.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { makeTempDir, REPO_ROOT, removeDir } from './harness/util.ts';

const run = promisify(execFile);

/**
 * The environment of a reviewer's shell: vitest's own variables removed, since NODE_ENV=test makes
 * Vite build for development, with the absolute paths of the sources in the code.
 */
const shellEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST')));

/** Runs a command, failing with the end of its output. */
async function runIn(cwd: string, command: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(command, args, { cwd, maxBuffer: 64 * 1024 * 1024, env: shellEnv });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${`${stdout}\n${stderr}`.slice(-4000)}`, { cause: error });
  }
}

/** Every file under `dir` with its bytes, by relative path. */
function filesIn(dir: string, prefix = ''): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(path.join(dir, prefix))) {
    const relative = path.join(prefix, name);
    if (statSync(path.join(dir, relative)).isDirectory()) for (const [file, bytes] of filesIn(dir, relative)) files.set(file, bytes);
    else files.set(relative, readFileSync(path.join(dir, relative)));
  }
  return files;
}

it('rebuilds the Firefox package byte for byte from a clean unpack of the sources zip', async () => {
  const work = await makeTempDir('sources');
  try {
    const zips = (await runIn(REPO_ROOT, 'npx', ['tsx', 'scripts/release/zip.ts', '--out-dir', path.join(work, 'zips'), '--browser', 'firefox'])).trim().split('\n');
    const packageZip = zips.find((file) => file.endsWith('-firefox.zip'));
    const sourcesZip = zips.find((file) => file.endsWith('-sources.zip'));
    expect(packageZip && sourcesZip, zips.join(', ')).toBeTruthy();

    const sources = path.join(work, 'sources');
    await runIn(work, 'unzip', ['-q', sourcesZip!, '-d', sources]);
    expect(readdirSync(sources)).not.toContain('node_modules');
    expect(readdirSync(sources)).not.toContain('.output');
    await runIn(sources, 'npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']);
    await runIn(sources, 'npm', ['run', 'build']);

    const uploaded = path.join(work, 'package');
    await runIn(work, 'unzip', ['-q', packageZip!, '-d', uploaded]);
    const expected = filesIn(uploaded);
    const rebuilt = filesIn(path.join(sources, '.output/firefox-mv2'));
    expect([...rebuilt.keys()].sort()).toEqual([...expected.keys()].sort());
    expect(expected.size).toBeGreaterThan(10);
    for (const [file, bytes] of expected) expect(rebuilt.get(file)?.equals(bytes), file).toBe(true);
  } finally {
    await removeDir(work);
  }
}, 300_000);
