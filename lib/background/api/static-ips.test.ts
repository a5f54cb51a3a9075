// Purchased static IPs (ip/get-static-ip, undocumented shape) and stock on sale (static-ip-region).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { expectApiError, useSandbox } from '../../../test/helpers/api.ts';
import type { z } from '../zod.ts';
import { createApiClient } from './client.ts';
import type { staticIpParams } from './static-ips.ts';

const fx = useSandbox();

const demoState = () => fx.sb.state.getKey(fx.sb.demoKey)!;

/** A one-answer server for shapes the sandbox does not produce. */
async function answering(data: unknown, run: (baseUrl: string) => Promise<void>): Promise<void> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ code: 200, msg: 'ok', data }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('GET ip/get-static-ip', () => {
  it('lists the static IPs bought, each with host and port', async () => {
    const page = await fx.client().listStaticIps({ page: 1, size: 5 });
    const expected = demoState().staticIps.slice(0, 5);
    expect(page.list.map((ip) => [ip.host, ip.port, ip.id])).toEqual(expected.map((ip) => [ip.ip, ip.port, ip.id]));
    expect(page.total).toBe(demoState().staticIps.length);
    expect(fx.requests('ip/get-static-ip')[0]?.query).toEqual({ app_key: fx.sb.demoKey, page: '1', size: '5' });
  });

  it('sends the filters with the country upper-cased', async () => {
    const page = await fx.client().listStaticIps({ countryCode: 'us', productType: 25, status: 1 });
    for (const ip of page.list) expect(ip).toMatchObject({ country_code: 'US', product_type: 25, status: 1 });
    expect(fx.requests('ip/get-static-ip')[0]?.query).toEqual({ app_key: fx.sb.demoKey, country_code: 'US', product_type: '25', status: '1' });
  });

  it.each([
    ['a bare array', [{ ip: '192.0.2.1:8000' }]],
    ['items', { items: [{ host: '192.0.2.1', port: '8000' }] }],
    ['rows, with junk entries', { rows: [{ ip: '192.0.2.1', port: 8000 }, 'junk', { remark: 'no address' }] }],
  ])('finds the list in %s', async (_, data) => {
    await answering(data, async (baseUrl) => {
      const page = await createApiClient({ appKey: 'k', baseUrl, retries: 0 }).listStaticIps();
      expect(page.list.map((ip) => [ip.host, ip.port])).toEqual([['192.0.2.1', 8000]]);
    });
  });

  it.each([
    ['total', { list: [], total: 41 }, 41],
    ['total_count', { list: [], total_count: '41', page: 3 }, 41],
    ['neither', { list: [] }, undefined],
  ])('reads the number of IPs from %s', async (_, data, total) => {
    await answering(data, async (baseUrl) => {
      expect((await createApiClient({ appKey: 'k', baseUrl, retries: 0 }).listStaticIps()).total).toBe(total);
    });
  });

  it('fails with invalid-key on a wrong key', async () => {
    await expectApiError(fx.client({ appKey: 'wrong' }).listStaticIps(), 'invalid-key');
  });

  it('passes a parameter error as rejected naming the field', async () => {
    const error = await expectApiError(fx.client().listStaticIps({ size: 5000 }), 'rejected');
    expect(error).toMatchObject({ code: 400, field: 'size' });
  });

  it.each([
    [{ productType: 9 }, 'productType'],
    [{ status: 5 }, 'status'],
    [{ countryCode: 'U' }, 'countryCode'],
    [{ page: -1 }, 'page'],
  ])('refuses %j before sending', async (input, field) => {
    // Values the types forbid, as an untyped caller (a page's message) could send them.
    const error = await expectApiError(fx.client().listStaticIps(input as z.input<typeof staticIpParams>), 'invalid-input');
    expect(error.field).toBe(field);
    expect(fx.requests()).toHaveLength(0);
  });
});

describe('GET static-ip-region', () => {
  it.each([
    ['residential', '1', 55],
    ['datacenter', '0', 120],
  ] as const)('gives the %s stock per country (isp=%s)', async (kind, isp, us) => {
    const stock = await fx.client().staticIpStock({ kind });
    expect(stock.find((region) => region.code === 'US')?.number).toBe(us);
    expect(fx.requests('static-ip-region')[0]?.query).toEqual({ app_key: fx.sb.demoKey, isp });
  });

  it('fails with malformed naming the field on a wrong-shaped answer', async () => {
    fx.sb.setFault({ kind: 'wrong-shape', path: 'static-ip-region' });
    expect((await expectApiError(fx.client().staticIpStock({ kind: 'residential' }), 'malformed')).field).toBe('data.list');
  });

  it('refuses an unknown kind before sending', async () => {
    const error = await expectApiError(fx.client().staticIpStock({ kind: 'mobile' as 'residential' }), 'invalid-input');
    expect(error.field).toBe('kind');
    expect(fx.requests()).toHaveLength(0);
  });
});
