import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir, pollFor, removeDir } from './util.ts';

const run = promisify(execFile);

/**
 * Starts the origin server for proxy tests: plain HTTP and HTTPS (a self-signed certificate made with
 * the `openssl` CLI for `*.test`, localhost and 127.0.0.1; browsers must ignore certificate errors)
 * on 127.0.0.1, random ports. It records every request and answers:
 * - `/401`: 401 with `WWW-Authenticate: Basic realm="target"` unless an Authorization header came;
 * - `/ip`: `{"ip": <peer address as seen>, "country": <from options.countryOf, default "ZZ">}`;
 * - anything else: 200 `text/html` naming the path.
 */
export async function startTargetServer(options: TargetServerOptions = {}): Promise<TargetServer> {
  const countryOf = options.countryOf ?? (() => 'ZZ');
  const recorded: RecordedRequest[] = [];
  const dir = await makeTempDir('tls');
  let tls: { key: string; cert: string };
  try {
    tls = await selfSignedCert(dir);
  } finally {
    await removeDir(dir);
  }

  const handler = (scheme: 'http' | 'https') => (req: IncomingMessage, res: ServerResponse) => {
    const entry: RecordedRequest = {
      scheme,
      method: req.method ?? '',
      host: req.headers.host ?? '',
      path: req.url ?? '',
      headers: req.headers,
      remoteAddress: req.socket.remoteAddress ?? '',
      time: Date.now(),
    };
    recorded.push(entry);
    const pathname = new URL(entry.path, 'http://x').pathname;
    if (pathname === '/401' && !req.headers.authorization) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="target"', 'Content-Type': 'text/plain' });
      res.end('authorization required');
    } else if (pathname === '/ip') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ ip: entry.remoteAddress.replace(/^::ffff:/, ''), country: countryOf(req) }));
    } else {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(`<!doctype html><title>target</title><p id="path">${escapeHtml(entry.path)}</p>`);
    }
  };

  const httpServer = http.createServer(handler('http'));
  const httpsServer = https.createServer(tls, handler('https'));
  const listen = (server: http.Server) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  const port = await listen(httpServer);
  const httpsPort = await listen(httpsServer);

  const requests = () => [...recorded];
  return {
    host: '127.0.0.1',
    port,
    httpsPort,
    url: (p = '/', host = 'target.test') => `http://${host}:${port}${p}`,
    httpsUrl: (p = '/', host = 'target.test') => `https://${host}:${httpsPort}${p}`,
    requests,
    clearRequests: () => void recorded.splice(0),
    waitForRequest: (predicate, timeoutMs = 10_000) => pollFor('a matching request at the target server', () => requests().find(predicate), timeoutMs, 50),
    close: async () => {
      for (const server of [httpServer, httpsServer]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

async function selfSignedCert(dir: string): Promise<{ key: string; cert: string }> {
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  try {
    await run('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
      '-keyout', keyFile, '-out', certFile, '-subj', '/CN=target.test',
      '-addext', 'subjectAltName=DNS:target.test,DNS:other.test,DNS:*.test,DNS:localhost,IP:127.0.0.1',
    ]);
  } catch (error) {
    throw new Error(`openssl could not make a test certificate (is the openssl package installed?): ${String(error)}`, { cause: error });
  }
  return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8') };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One request as the target server received it. */
export interface RecordedRequest {
  scheme: 'http' | 'https';
  method: string;
  /** The Host header, e.g. `target.test:41234`. */
  host: string;
  /** Path and query. */
  path: string;
  /** All headers, lower-cased names: check `proxy-authorization` never arrives here. */
  headers: http.IncomingHttpHeaders;
  /** The peer address (the proxy's, when the request came through one). */
  remoteAddress: string;
  time: number;
}

/** Options for {@link startTargetServer}. */
export interface TargetServerOptions {
  /** The country `/ip` reports for a request; default "ZZ". */
  countryOf?: (req: IncomingMessage) => string;
}

/** A running target server started by {@link startTargetServer}. */
export interface TargetServer {
  host: string;
  port: number;
  httpsPort: number;
  /** `http://<host>:<port><path>`; host defaults to `target.test`. */
  url(path?: string, host?: string): string;
  /** `https://<host>:<httpsPort><path>`; host defaults to `target.test`. */
  httpsUrl(path?: string, host?: string): string;
  /** A copy of every request recorded so far, oldest first. */
  requests(): RecordedRequest[];
  clearRequests(): void;
  /** Polls until a recorded request matches. */
  waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** Closes both servers, dropping open connections. */
  close(): Promise<void>;
}
