/**
 * A local stand-in for the provider's gateway (`us.911proxy.com:2600`): an HTTP proxy that admits the
 * sandbox's proxy accounts under the gateway username syntax
 * (`{account}_area-{CC}[_state-…][_city-…][_life-{min}_session-{id}]`), refuses disabled accounts,
 * accounts over their traffic limit and wrong passwords with 407, and logs who used it.
 *
 * Requests for `ip.sandbox.test` are answered by the gateway itself with an IP echo whose exit IP and
 * country follow the username, so the extension's exit check shows what the identity would give.
 * Other destinations are forwarded for real (they fail where there is no internet, as in CI).
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { KeyState } from './state.ts';

export const EXIT_ECHO_HOST = 'ip.sandbox.test';
const KB_PER_GB = 1024 * 1024;

export interface GatewayLogEntry {
  at: number;
  /** The username as sent, or undefined when no login came. */
  user?: string;
  method: string;
  target: string;
  status: number;
}

export interface Gateway {
  host: string;
  port: number;
  log: GatewayLogEntry[];
  close(): Promise<void>;
}

/** The parts of a gateway username; undefined when it does not follow the syntax. */
export function parseGatewayUsername(username: string): { account: string; country?: string; session?: string } | undefined {
  const [account, ...parts] = username.split('_');
  if (!account || !/^[A-Za-z0-9]+$/.test(account)) return undefined;
  const options = new Map<string, string>();
  for (const part of parts) {
    const match = /^(area|state|city|life|session)-([A-Za-z0-9]+)$/.exec(part);
    if (!match) return undefined;
    options.set(match[1]!, match[2]!);
  }
  return { account, country: options.get('area')?.toUpperCase(), session: options.get('session') };
}

/** Starts the gateway on 127.0.0.1; `accounts` is the sandbox key whose accounts may log in. */
export async function startGateway(accounts: KeyState, options: { port?: number } = {}): Promise<Gateway> {
  const log: GatewayLogEntry[] = [];
  const record = (entry: Omit<GatewayLogEntry, 'at'>) => {
    log.push({ at: Date.now(), ...entry });
    if (log.length > 10_000) log.shift();
  };

  /** The username if the request carries a login the sandbox accepts; null if it must be refused. */
  function authenticate(header: string | undefined): { user: string; country?: string; session?: string } | null {
    const match = /^Basic\s+(.+)$/i.exec(header ?? '');
    if (!match) return null;
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = decoded.slice(0, colon);
    const identity = colon > 0 ? parseGatewayUsername(user) : undefined;
    const account = identity && accounts.getAccount(identity.account);
    if (!identity || !account || account.password !== decoded.slice(colon + 1) || account.status !== 1) return null;
    if (account.limit_flow > 0 && account.usage_flow >= account.limit_flow * KB_PER_GB) return null;
    return { user, country: identity.country, session: identity.session };
  }

  const refuse = (response: ServerResponse) => {
    response.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="911Proxy sandbox gateway"', 'Content-Type': 'text/plain' });
    response.end('proxy login required');
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const target = request.url ?? '';
    const login = authenticate(request.headers['proxy-authorization']);
    if (!login) {
      record({ method: request.method ?? '', target, status: 407 });
      return refuse(response);
    }
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      record({ user: login.user, method: request.method ?? '', target, status: 400 });
      response.writeHead(400).end('absolute URL expected');
      return;
    }
    if (url.hostname === EXIT_ECHO_HOST) {
      record({ user: login.user, method: request.method ?? '', target, status: 200 });
      response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      response.end(JSON.stringify({ ip: exitIp(login.user), country: login.country ?? 'US' }));
      return;
    }
    const headers = { ...request.headers };
    delete headers['proxy-authorization'];
    const upstream = httpRequest(url, { method: request.method, headers }, (answer) => {
      record({ user: login.user, method: request.method ?? '', target, status: answer.statusCode ?? 502 });
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', (error) => {
      record({ user: login.user, method: request.method ?? '', target, status: 502 });
      if (!response.headersSent) response.writeHead(502, { 'Content-Type': 'text/plain' });
      response.end(`sandbox gateway could not reach ${url.host}: ${error.message}`);
    });
    request.pipe(upstream);
  });

  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    const target = request.url ?? '';
    const login = authenticate(request.headers['proxy-authorization']);
    if (!login) {
      record({ method: 'CONNECT', target, status: 407 });
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="911Proxy sandbox gateway"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = splitAuthority(target);
    const upstream = connect(port, host, () => {
      record({ user: login.user, method: 'CONNECT', target, status: 200 });
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => {
      record({ user: login.user, method: 'CONNECT', target, status: 502 });
      client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
    });
    client.on('error', () => upstream.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function splitAuthority(authority: string): [string, number] {
  const colon = authority.lastIndexOf(':');
  return [authority.slice(0, colon).replace(/^\[|\]$/g, ''), Number(authority.slice(colon + 1)) || 443];
}

/** A stable documentation-range address per username, so a new session id shows a new exit IP. */
function exitIp(username: string): string {
  let hash = 7;
  for (const char of username) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `203.0.113.${(hash % 254) + 1}`;
}
