import http from 'node:http';

/**
 * Sends `GET <url>` through an HTTP proxy from Node, with Basic proxy credentials if given, and
 * returns the status and body. For checking a proxy without a browser.
 */
export function proxyGet(proxy: ProxyAddress, url: string, credentials?: { user: string; password: string }): Promise<ProxyResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: proxy.host,
      port: proxy.port,
      method: 'GET',
      path: target.href,
      headers: { host: target.host, ...authHeader(credentials), connection: 'close' },
      timeout: 10_000,
    });
    req.once('timeout', () => req.destroy(new Error(`GET ${url} via proxy timed out`)));
    req.once('error', reject);
    req.once('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.end();
  });
}

/**
 * Opens a CONNECT tunnel to `host:port` through an HTTP proxy and closes it at once, returning the
 * proxy's status (200 when allowed). Squid logs a tunnel only once it is closed.
 */
export function proxyConnect(proxy: ProxyAddress, authority: string, credentials?: { user: string; password: string }): Promise<ProxyResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: proxy.host,
      port: proxy.port,
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...authHeader(credentials) },
      timeout: 10_000,
    });
    req.once('timeout', () => req.destroy(new Error(`CONNECT ${authority} timed out`)));
    req.once('error', reject);
    req.once('connect', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '' });
    });
    req.once('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, body: '' });
    });
    req.end();
  });
}

function authHeader(credentials?: { user: string; password: string }): Record<string, string> {
  if (!credentials) return {};
  const token = Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64');
  return { 'proxy-authorization': `Basic ${token}` };
}

/** Where a proxy listens. */
export interface ProxyAddress {
  host: string;
  port: number;
}

/** A proxy's answer to {@link proxyGet} or {@link proxyConnect}. */
export interface ProxyResponse {
  status: number;
  body: string;
}
