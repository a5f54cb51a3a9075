import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createExitCheck, parseExitAnswer } from './exit-check.ts';

/** An IP-echo service on loopback: `/ip` answers, `/error` fails, `/silent` never answers. */
let echo: Server;
let base: string;
beforeAll(async () => {
  echo = createServer((request, response) => {
    if (request.url === '/silent') return;
    response.setHeader('Content-Type', 'application/json');
    if (request.url === '/error') response.statusCode = 502;
    response.end(JSON.stringify({ ip: '203.0.113.7', country: 'jp' }));
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
});
afterAll(() => {
  echo.closeAllConnections();
  return new Promise<void>((resolve) => echo.close(() => resolve()));
});

describe('the exit check', () => {
  it('reads the exit IP and country the echo service sees', async () => {
    expect(await createExitCheck()(`${base}/ip`)).toEqual({ ip: '203.0.113.7', country: 'JP', checkedAt: expect.any(Number) });
  });

  it('asks anew each time and sends no cookies', async () => {
    const fetch = vi.fn(async () => Response.json({ ip: '203.0.113.7' }));
    await createExitCheck({ fetch })(`${base}/ip`);
    expect(fetch).toHaveBeenCalledWith(`${base}/ip`, expect.objectContaining({ cache: 'no-store', credentials: 'omit' }));
  });

  it('knows nothing when the echo service fails', async () => {
    expect(await createExitCheck()(`${base}/error`)).toBeUndefined();
  });

  it('knows nothing when the answer names no IP', async () => {
    expect(await createExitCheck({ fetch: async () => Response.json({ nothing: true }) })(`${base}/ip`)).toBeUndefined();
  });

  it('gives up when no answer comes in time', async () => {
    const started = Date.now();
    expect(await createExitCheck({ timeoutMs: 100 })(`${base}/silent`)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('knows nothing when the echo service cannot be reached', async () => {
    // The discard port of this machine: the connection is refused at once.
    expect(await createExitCheck()('http://127.0.0.1:9/ip')).toBeUndefined();
  });
});

describe('parseExitAnswer', () => {
  it.each([
    [{ ip: '203.0.113.9', country: 'us' }, { ip: '203.0.113.9', country: 'US' }],
    [{ query: '203.0.113.9', countryCode: 'DE', status: 'success' }, { ip: '203.0.113.9', country: 'DE' }],
    [{ origin: '203.0.113.9' }, { ip: '203.0.113.9' }],
    [{ ip: '203.0.113.9', country: 'United States' }, { ip: '203.0.113.9' }],
  ])('%o', (answer, expected) => {
    const { checkedAt, ...rest } = parseExitAnswer(answer);
    expect(rest).toEqual(expected);
    expect(checkedAt).toBeGreaterThan(0);
  });

  it.each([null, 'text', {}, { ip: 5 }])('refuses %o', (answer) => {
    expect(() => parseExitAnswer(answer)).toThrow();
  });
});
