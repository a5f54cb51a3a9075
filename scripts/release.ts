/**
 * `npm run release -- <version | patch | minor | major>`: the one release command. It sets the
 * version in package.json (the one place: WXT writes it into both manifests, npm mirrors it in the
 * lock file), files CHANGELOG.md's unreleased notes under it, builds and zips both stores with the
 * Firefox sources zip into .output/, and runs web-ext lint on the Firefox build. It refuses to start
 * with uncommitted or untracked files, which would end up in the sources zip; committing and tagging
 * the result is left to the person releasing.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileRelease, unreleasedNotes } from './release/changelog.ts';
import { zipStores } from './release/zip.ts';
import { REPO_ROOT } from './store/manifest.ts';

const requested = process.argv[2];
if (!requested || !/^(\d+\.\d+\.\d+|patch|minor|major)$/.test(requested)) {
  console.error('Usage: npm run release -- <x.y.z | patch | minor | major>');
  process.exit(2);
}

const sh = (command: string, args: string[]): string => execFileSync(command, args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();

if (sh('git', ['status', '--porcelain'])) {
  console.error('The working tree has uncommitted or untracked files, which would go into the sources zip: commit or remove them first.');
  process.exit(1);
}
const changelogPath = path.join(REPO_ROOT, 'CHANGELOG.md');
const changelog = readFileSync(changelogPath, 'utf8');
unreleasedNotes(changelog);

const current = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const version = sh('npm', ['version', requested, '--no-git-tag-version', ...(requested === current ? ['--allow-same-version'] : [])]).replace(/^v/, '');
writeFileSync(changelogPath, fileRelease(changelog, version, new Date().toISOString().slice(0, 10)));
console.log(`Version ${current} → ${version}; CHANGELOG.md filed under ${version}.`);

const zips = await zipStores();
execFileSync('npm', ['run', 'lint:firefox'], { cwd: REPO_ROOT, stdio: 'inherit' });

console.log(`\nRelease ${version}:`);
for (const file of zips) {
  const bytes = readFileSync(file);
  console.log(`  ${path.relative(REPO_ROOT, file)}  ${bytes.length} bytes  sha256 ${createHash('sha256').update(bytes).digest('hex')}`);
}
console.log(`\nNext: git commit -am "release: ${version}" && git tag v${version}; upload the zips (scripts/store/README.md).`);
