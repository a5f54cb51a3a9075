/**
 * The e2e files run two at a time (vitest.config.ts), in two processes. A file whose assertions bound
 * how quickly a browser reacts (how long requests go direct while the extension restarts, how soon a
 * woken worker answers) calls {@link runsAlone} at its top: on two cores, a second browser beside it
 * would measure the machine, not the extension. Every file takes its turn before its first hook
 * (setup.ts): a file that runs alone waits until no other file runs, and no file starts while it does.
 *
 * The turns are files in a directory that global-setup.ts makes for the run: `alone/`, made with an
 * atomic mkdir by the file running alone, and one `shared/<pid>` per file running beside another.
 */
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sleep } from './util.ts';

/** How often a waiting file looks again; small against any file's run. */
const RETRY_MS = 200;

let alone = false;

/** Declares that this test file runs with no other e2e file beside it. */
export function runsAlone(): void {
  alone = true;
}

/** Waits for this file's turn (alone or beside another, as it declared) in the run's directory `dir`. */
export async function takeTurn(dir: string): Promise<void> {
  if (alone) await takeTurnAlone(dir);
  else await takeSharedTurn(dir);
}

/** Ends this file's turn; the next file in this process runs beside others unless it declares otherwise. */
export async function endTurn(dir: string): Promise<void> {
  if (alone) await rm(aloneDir(dir), { recursive: true, force: true });
  else await rm(sharedMark(dir), { force: true });
  alone = false;
}

const aloneDir = (dir: string) => path.join(dir, 'alone');
const sharedDir = (dir: string) => path.join(dir, 'shared');
const sharedMark = (dir: string) => path.join(sharedDir(dir), String(process.pid));
const exists = (file: string) => stat(file).then(() => true, () => false);

async function takeTurnAlone(dir: string): Promise<void> {
  for (;;) {
    try {
      await mkdir(aloneDir(dir));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await sleep(RETRY_MS);
    }
  }
  // Files that began before are let finish; new ones see alone/ and wait.
  while ((await readdir(sharedDir(dir)).catch(() => [])).length > 0) await sleep(RETRY_MS);
}

async function takeSharedTurn(dir: string): Promise<void> {
  await mkdir(sharedDir(dir), { recursive: true });
  for (;;) {
    if (!(await exists(aloneDir(dir)))) {
      await writeFile(sharedMark(dir), '');
      // A file may have taken its turn alone between the look and the mark: it goes first.
      if (!(await exists(aloneDir(dir)))) return;
      await rm(sharedMark(dir), { force: true });
    }
    await sleep(RETRY_MS);
  }
}
