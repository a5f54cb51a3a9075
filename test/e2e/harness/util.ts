import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root (this file lives in test/e2e/harness/). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Creates a fresh temporary directory whose name starts with `911proxy-e2e-<prefix>-`. */
export function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `911proxy-e2e-${prefix}-`));
}

/** Removes a directory tree, ignoring a missing one. */
export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Asks the kernel for a free TCP port on 127.0.0.1 (there is a short race before the caller binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** Resolves once a TCP connection to host:port succeeds; rejects after `timeoutMs`. */
export async function waitForPort(host: string, port: number, timeoutMs: number, isAlive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (!isAlive()) throw new Error(`process for ${host}:${port} exited before listening`);
    if (Date.now() > deadline) throw new Error(`nothing listening on ${host}:${port} after ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Polls `probe` until it returns a value other than undefined; rejects with `what` after `timeoutMs`. */
export async function pollFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** Promise-based setTimeout. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Process group id → its temporary directory (if any), for the exit hook. */
const liveGroups = new Map<number, string | undefined>();
/** Directories that outlive any one test file, removed by the exit hook. */
const runDirs = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [group, dir] of liveGroups) {
      signalGroup(group, 'SIGKILL');
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
    for (const dir of runDirs) rmSync(dir, { recursive: true, force: true });
  });
}

/**
 * Remembers a child started with `detached: true` (its own process group) so that its whole tree is
 * SIGKILLed, and `tempDir` removed, if the test process exits (even by an uncaught error) without
 * stopping it. Not on a signal: vitest ends its workers normally.
 */
export function trackProcessGroup(pid: number, tempDir?: string): void {
  liveGroups.set(pid, tempDir);
  installExitHook();
}

/** Removes `dir` when the test process exits (normally, as vitest ends it): for what a whole run shares. */
export function removeAtExit(dir: string): void {
  runDirs.add(dir);
  installExitHook();
}

/**
 * Stops a child started with `detached: true` and everything it spawned: SIGTERM to its process
 * group (skipped when `graceMs` is 0), SIGKILL after `graceMs`, then SIGKILL once more for any
 * straggler in the group.
 */
export async function killTree(child: ChildProcess, graceMs: number): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    if (graceMs > 0) signalGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
  signalGroup(pid, 'SIGKILL');
  liveGroups.delete(pid);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}
