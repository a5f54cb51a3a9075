import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { freePort, killTree, trackProcessGroup, waitForPort } from './util.ts';

const MICROSOCKS = '/usr/bin/microsocks';

/**
 * Starts Debian's `microsocks`, a SOCKS5 proxy with username/password authentication, on 127.0.0.1
 * (random free port), in its own process group. With `bindAddress` (e.g. 127.0.0.2) its outgoing
 * connections leave from that address, so the target server's `remoteAddress` shows that a request
 * came through it. microsocks resolves names with the system resolver: target it by IP address.
 */
export async function startSocks(options: StartSocksOptions): Promise<SocksHandle> {
  const port = await freePort();
  const args = ['-i', '127.0.0.1', '-p', String(port), '-u', options.user, '-P', options.password, ...(options.bindAddress ? ['-b', options.bindAddress] : [])];
  const child: ChildProcess = spawn(MICROSOCKS, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  let spawnError: Error | undefined;
  child.once('exit', () => (exited = true));
  child.once('error', (error) => {
    spawnError = error;
    exited = true;
  });
  if (child.pid !== undefined) trackProcessGroup(child.pid);

  const stop = () => killTree(child, 0);
  try {
    // A probe connection that sends nothing is dropped by microsocks without effect.
    await waitForPort('127.0.0.1', port, 5_000, () => !exited);
  } catch (error) {
    await stop();
    throw new Error(`microsocks did not start (is the microsocks package installed?): ${String(spawnError ?? error)}\n${stderr}`, { cause: error });
  }
  return { host: '127.0.0.1', port, stop };
}

/** Options for {@link startSocks}. */
export interface StartSocksOptions {
  /** The only login the proxy accepts. */
  user: string;
  password: string;
  /** Local address its outgoing connections are bound to (any 127.x.y.z works on Linux). */
  bindAddress?: string;
}

/** A running microsocks started by {@link startSocks}. */
export interface SocksHandle {
  host: string;
  port: number;
  /** Kills microsocks (its whole process group). */
  stop(): Promise<void>;
}
