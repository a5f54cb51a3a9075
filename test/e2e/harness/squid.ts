import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { access, chmod, chown, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, killTree, makeTempDir, pollFor, removeDir, sleep, trackProcessGroup } from './util.ts';

const run = promisify(execFile);

/**
 * Hostnames that Squid resolves to 127.0.0.1. Tests point browsers at these (e.g.
 * `http://target.test:PORT/`) and assert on them only, since browsers send their own background
 * traffic through the proxy too. Need another name? Pass it in `StartSquidOptions.hosts`: it must end
 * in `.test`, because only `.test` names and 127.0.0.1 are allowed through.
 */
export const DEFAULT_TEST_HOSTS = ['target.test', 'other.test'] as const;

const SQUID = '/usr/sbin/squid';
const NCSA_HELPERS = ['/usr/lib/squid/basic_ncsa_auth', '/usr/lib/squid3/basic_ncsa_auth', '/usr/libexec/squid/basic_ncsa_auth'];
const LOG_FIELDS = 7;

/**
 * Starts a real Squid on 127.0.0.1 (random free port) in the foreground (`-N`), with its own config,
 * pid file, logs and password file in a temporary directory. Only users in `users` may use it
 * (Basic auth via `basic_ncsa_auth`); everything else gets 407. Destinations are limited to `.test`
 * names (resolved from a private hosts file to 127.0.0.1) and 127.0.0.1, any port, CONNECT included;
 * DNS goes to 127.0.0.1 only, so nothing leaves the machine.
 */
export async function startSquid(options: StartSquidOptions): Promise<SquidHandle> {
  const startedAt = Date.now();
  const dir = await makeTempDir('squid');
  const helper = await findNcsaHelper();
  const port = await freePort();
  const hosts = [...DEFAULT_TEST_HOSTS, ...(options.hosts ?? [])];
  for (const host of hosts) {
    if (!host.endsWith('.test')) throw new Error(`test host ${host} must end in .test`);
  }
  const files = {
    conf: path.join(dir, 'squid.conf'),
    passwd: path.join(dir, 'passwd'),
    hosts: path.join(dir, 'hosts'),
    access: path.join(dir, 'access.log'),
    cache: path.join(dir, 'cache.log'),
    pid: path.join(dir, 'squid.pid'),
  };

  let passwdMtime = 0;
  const writeUsers = async (users: Record<string, string>): Promise<void> => {
    const lines: string[] = [];
    for (const [user, password] of Object.entries(users)) {
      const { stdout } = await run('htpasswd', ['-nbB', options.anySession ? anySession(user) : user, password]);
      lines.push(stdout.trim());
    }
    await writeFile(files.passwd, lines.join('\n') + '\n', { mode: 0o644 });
    // basic_ncsa_auth re-reads the file when its mtime (whole seconds) changes: make every rewrite
    // visible even when two happen within the same second.
    passwdMtime = Math.max(Math.floor(Date.now() / 1000), passwdMtime + 1);
    await utimes(files.passwd, passwdMtime, passwdMtime);
  };
  const setUsers = async (users: Record<string, string>): Promise<void> => {
    await writeUsers(users);
    // Squid trusts a verified login for the rest of the current second (credentialsttl 1 second on a clock
    // in whole seconds): resolve once the next second has begun, when the new file is what counts.
    await sleep(1000 - (Date.now() % 1000) + 50);
  };

  await writeUsers(options.users);
  await writeFile(files.hosts, hosts.map((h) => `127.0.0.1 ${h}`).join('\n') + '\n');
  await writeFile(files.conf, squidConf({ port, authProgram: options.anySession ? await writeAnySessionHelper(dir, helper, files.passwd) : `${helper} ${files.passwd}`, ...files }));
  await makeWritableForSquid(dir);

  const child: ChildProcess = spawn(SQUID, ['-N', '-f', files.conf], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  if (child.pid !== undefined) trackProcessGroup(child.pid, dir);

  const stop = async (): Promise<void> => {
    // No graceful shutdown needed (logs are unbuffered) and Squid's takes over a second.
    await killTree(child, 0);
    await removeDir(dir);
  };

  try {
    // Watch cache.log rather than probing the port: a probe connection would show up in the access log.
    await pollFor('squid to accept connections', async () => {
      if (exited) throw new Error(`squid exited with ${String(child.exitCode ?? child.signalCode)}`);
      const log = await readFile(files.cache, 'utf8').catch(() => '');
      return log.includes('Accepting HTTP Socket connections') ? true : undefined;
    }, 15_000, 25);
  } catch (error) {
    const log = await readFile(files.cache, 'utf8').catch(() => '');
    await stop();
    throw new Error(`squid did not start: ${String(error)}\n${stderr}\n${log}`, { cause: error });
  }

  const accessLog = async (): Promise<SquidLogEntry[]> => {
    const text = await readFile(files.access, 'utf8').catch(() => '');
    return text.split('\n').filter(Boolean).map(parseLogLine);
  };

  const waitForLogEntry = (predicate: (entry: SquidLogEntry) => boolean, timeoutMs = 10_000): Promise<SquidLogEntry> =>
    pollFor('a matching squid access log entry', async () => (await accessLog()).find(predicate), timeoutMs);
  return {
    host: '127.0.0.1',
    port,
    startupMs: Date.now() - startedAt,
    setUsers,
    accessLog,
    waitForLogEntry,
    entriesFor: async (fragment) => (await accessLog()).filter((entry) => entry.url.includes(fragment)),
    waitForSuccess: (fragment, user, timeoutMs) => waitForLogEntry((entry) => entry.url.includes(fragment) && entry.user === user && entry.status < 400, timeoutMs),
    stop,
  };
}

/** Parses one line of the access log written with the `e2e` logformat. */
export function parseLogLine(line: string): SquidLogEntry {
  const parts = line.split(' ');
  if (parts.length !== LOG_FIELDS) throw new Error(`unexpected squid log line: ${line}`);
  const [time, client, user, method, url, status, squidStatus] = parts as [string, string, string, string, string, string, string];
  return {
    time: Number(time) * 1000,
    client,
    user: user === '-' ? undefined : decodeURIComponent(user),
    method,
    url,
    host: hostOf(method, url),
    status: Number(status),
    squidStatus,
  };
}

function hostOf(method: string, url: string): string {
  if (method === 'CONNECT') return url.replace(/:\d+$/, '');
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** A sticky session's id, as the password file holds it when any id is accepted. */
const SESSION_PART = /_session-[A-Za-z0-9]+/;
const anySession = (user: string) => user.replace(SESSION_PART, '_session-any');

/**
 * The login helper for `anySession`: basic_ncsa_auth, reading the usernames with their session id
 * replaced as in the password file. Squid still logs the username the browser sent.
 */
async function writeAnySessionHelper(dir: string, helper: string, passwd: string): Promise<string> {
  const script = path.join(dir, 'any-session-auth.sh');
  await writeFile(script, `#!/bin/sh\nsed -u -E 's/${SESSION_PART.source}/_session-any/' | exec ${helper} ${passwd}\n`, { mode: 0o755 });
  return script;
}

function squidConf(c: { port: number; authProgram: string; passwd: string; hosts: string; access: string; cache: string; pid: string }): string {
  return `# Generated by test/e2e/harness/squid.ts
http_port 127.0.0.1:${c.port}
pid_filename ${c.pid}
visible_hostname e2e-squid
cache_effective_user proxy
cache_effective_group proxy

# No disk cache, no caching at all: every request must reach the log and the target server.
cache deny all
cache_mem 8 MB
coredump_dir ${path.dirname(c.pid)}
netdb_filename none
pinger_enable off
icp_port 0
htcp_port 0
shutdown_lifetime 0 seconds

# Name resolution: only the names in our hosts file; DNS to loopback only, giving up quickly.
hosts_file ${c.hosts}
dns_nameservers 127.0.0.1
dns_timeout 2 seconds
negative_dns_ttl 1 seconds

auth_param basic program ${c.authProgram}
auth_param basic children 2 startup=1 idle=1
auth_param basic realm e2e-squid
# Gateway usernames carry an upper-case country code; Squid lower-cases them unless told not to.
auth_param basic casesensitive on
# Re-check credentials once per second (Squid's clock ticks in whole seconds), see setUsers().
auth_param basic credentialsttl 1 seconds
authenticate_ttl 0 seconds

acl authed proxy_auth REQUIRED
acl test_sites dstdomain -n .test 127.0.0.1
http_access deny !authed
http_access allow authed test_sites
http_access deny all

logformat e2e %ts.%03tu %>a %un %rm %ru %>Hs %Ss
access_log stdio:${c.access} e2e
cache_log ${c.cache}
logfile_rotate 0
buffered_logs off
`;
}

async function findNcsaHelper(): Promise<string> {
  for (const candidate of NCSA_HELPERS) {
    try {
      await access(candidate);
      return candidate;
    } catch {
      // try the next location
    }
  }
  throw new Error(`basic_ncsa_auth not found in ${NCSA_HELPERS.join(', ')} (is the squid package installed?)`);
}

/**
 * Run as root, Squid drops to `cache_effective_user` (proxy) and must then still write its logs and
 * pid file and let the auth helper read the password file: hand the directory to that user.
 */
async function makeWritableForSquid(dir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const { stdout } = await run('id', ['-u', 'proxy']);
  const { stdout: gid } = await run('id', ['-g', 'proxy']);
  const uid = Number(stdout.trim());
  await chmod(dir, 0o755);
  await chown(dir, uid, Number(gid.trim()));
}

/** One request as Squid logged it. */
export interface SquidLogEntry {
  /** Epoch milliseconds when the request finished (CONNECT tunnels are logged when they close). */
  time: number;
  client: string;
  /** The authenticated user, or undefined if none (e.g. the 407 answer to an unauthenticated request). */
  user: string | undefined;
  method: string;
  /** Absolute URL, or host:port for CONNECT. */
  url: string;
  host: string;
  /** HTTP status sent to the client (407 for a missing or wrong login). */
  status: number;
  /** Squid's result code, e.g. TCP_MISS, TCP_DENIED, TCP_TUNNEL. */
  squidStatus: string;
}

/** Options for {@link startSquid}. */
export interface StartSquidOptions {
  /** user → password; replaced later with `setUsers`. */
  users: Record<string, string>;
  /** Extra `.test` hostnames resolved to 127.0.0.1, besides {@link DEFAULT_TEST_HOSTS}. */
  hosts?: string[];
  /**
   * Accept a user's sticky session under any session id, as the gateway does (a new id is a new
   * session): `users` name one session (`…_session-x`), the log names the one each request used.
   */
  anySession?: boolean;
}

/** A running Squid started by {@link startSquid}. */
export interface SquidHandle {
  host: string;
  port: number;
  /** How long start-up took, until the port accepted connections. */
  startupMs: number;
  /** Rewrites the password file; the next request that needs a login is checked against it. */
  setUsers(users: Record<string, string>): Promise<void>;
  /** Every access log entry so far, parsed. */
  accessLog(): Promise<SquidLogEntry[]>;
  /** Polls the access log until an entry matches (requests are logged when they finish). */
  waitForLogEntry(predicate: (entry: SquidLogEntry) => boolean, timeoutMs?: number): Promise<SquidLogEntry>;
  /** The entries whose URL (or CONNECT authority) contains `fragment`. */
  entriesFor(fragment: string): Promise<SquidLogEntry[]>;
  /** Waits until a request whose URL contains `fragment` succeeded as `user`. */
  waitForSuccess(fragment: string, user: string, timeoutMs?: number): Promise<SquidLogEntry>;
  /** Stops Squid and its helpers and removes the temporary directory. */
  stop(): Promise<void>;
}
