// IP extraction (ip/v3) in both formats, and the location lists, against the sandbox.
import { describe, expect, it } from 'vitest';
import { expectApiError, useSandbox } from '../../../test/helpers/api.ts';

const fx = useSandbox();

/** The sandbox hands out 198.51.100.1:1140…1149, then 198.51.100.2:1140… for a fresh key. */
function firstAddresses(count: number): { host: string; port: number }[] {
  return Array.from({ length: count }, (_, i) => ({ host: `198.51.100.${Math.floor(i / 10) + 1}`, port: 1140 + (i % 10) }));
}

describe('GET ip/v3, JSON', () => {
  it('reads the document’s nested list', async () => {
    fx.sb.state.ipListShape = 'nested';
    expect(await fx.client().extractIps({ num: 12 })).toEqual(firstAddresses(12));
    expect(fx.requests('ip/v3')[0]?.query).toEqual({ app_key: fx.sb.demoKey, num: '12', format: 'json' });
  });

  it('reads a flat list the same way', async () => {
    fx.sb.state.ipListShape = 'flat';
    expect(await fx.client().extractIps({ num: 3 })).toEqual(firstAddresses(3));
  });

  it('sends the location, sticky life and network, the country upper-cased', async () => {
    await fx.client().extractIps({ cc: 'us', state: 'california', city: 'losangeles', num: 2, life: 30, ep: 'hk' });
    expect(fx.requests('ip/v3')[0]?.query).toEqual({ app_key: fx.sb.demoKey, cc: 'US', state: 'california', city: 'losangeles', num: '2', life: '30', ep: 'hk', format: 'json' });
  });

  it('passes an unsupported country’s refusal as rejected with the server’s message', async () => {
    const error = await expectApiError(fx.client().extractIps({ cc: 'ZZ' }), 'rejected');
    expect(error.code).toBe(1101);
    expect(error.detail).toContain('暂不支持该国家或地区');
  });

  it('passes a parameter error as rejected naming the field', async () => {
    const error = await expectApiError(fx.client().extractIps({ state: 'california' }), 'rejected');
    expect(error).toMatchObject({ code: 400, field: 'cc' });
  });

  it('fails with unverified for an unverified account', async () => {
    await expectApiError(fx.client({ appKey: fx.sb.unverifiedKey }).extractIps(), 'unverified');
  });

  it('fails with malformed naming the entry when a list item is not ip:port', async () => {
    fx.sb.setFault({ kind: 'wrong-shape', path: 'ip/v3' });
    const error = await expectApiError(fx.client().extractIps(), 'malformed');
    expect(error.field).toBe('data.list');
  });

  it.each([
    [{ num: 0 }, 'num'],
    [{ num: 501 }, 'num'],
    [{ num: 2.5 }, 'num'],
    [{ cc: 'USA' }, 'cc'],
    [{ life: 0 }, 'life'],
    [{ life: 1441 }, 'life'],
    [{ state: ' ' }, 'state'],
  ])('refuses %j before sending', async (input, field) => {
    const error = await expectApiError(fx.client().extractIps(input), 'invalid-input');
    expect(error.field).toBe(field);
    expect(fx.requests()).toHaveLength(0);
  });

  it('accepts the bounds 1 and 500', async () => {
    expect(await fx.client().extractIps({ num: 1 })).toHaveLength(1);
    expect(await fx.client().extractIps({ num: 500 })).toHaveLength(500);
  });
});

describe('GET ip/v3, text', () => {
  it.each([1, 2, 3, 4] as const)('splits a text answer on separator lb=%i', async (lb) => {
    const ips = await fx.client().extractIps({ format: 'txt', lb, num: 12 });
    expect(ips).toEqual(firstAddresses(12));
    expect(fx.requests('ip/v3')[0]?.query).toMatchObject({ format: 'txt', lb: String(lb), num: '12' });
  });

  it('reads a JSON error body where text was asked for', async () => {
    const error = await expectApiError(fx.client().extractIps({ format: 'txt', cc: 'ZZ' }), 'rejected');
    expect(error.code).toBe(1101);
    await expectApiError(fx.client({ appKey: 'nosuchkey' }).extractIps({ format: 'txt' }), 'invalid-key');
    await expectApiError(fx.client({ appKey: fx.sb.unverifiedKey }).extractIps({ format: 'txt' }), 'unverified');
  });

  it('fails with malformed naming the line when a text answer is not a list of ip:port', async () => {
    const answer = async () => new Response('203.0.113.1:8000\nnot an endpoint', { headers: { 'Content-Type': 'text/plain' } });
    const error = await expectApiError(fx.client({ fetch: answer }).extractIps({ format: 'txt' }), 'malformed');
    expect(error).toMatchObject({ field: 'line 2', reason: 'unexpected-data' });
  });

  it('fails with malformed (a web page) when a maintenance page comes instead of the text list', async () => {
    fx.sb.setFault({ kind: 'not-json', path: 'ip/v3' });
    const error = await expectApiError(fx.client().extractIps({ format: 'txt' }), 'malformed');
    expect(error).toMatchObject({ field: 'body', reason: 'web-page', detail: '系统维护中' });
  });

  it('fails with malformed on an empty text answer (at least one IP was asked for)', async () => {
    fx.sb.setFault({ kind: 'empty', path: 'ip/v3' });
    const error = await expectApiError(fx.client().extractIps({ format: 'txt' }), 'malformed');
    expect(error.field).toBe('body');
  });

  it('fails with malformed on a truncated JSON error body', async () => {
    fx.sb.setFault({ kind: 'truncated', path: 'ip/v3' });
    await expectApiError(fx.client().extractIps({ format: 'txt', cc: 'ZZ' }), 'malformed');
  });

  it('does not send lb with a JSON request', async () => {
    await fx.client().extractIps({ format: 'json', lb: 4 });
    expect(fx.requests('ip/v3')[0]?.query.lb).toBeUndefined();
  });
});

describe.each([
  ['ip/dynamic-citys', 'listCityCountries'],
  ['ip/dynamic-states', 'listStateCountries'],
] as const)('GET %s', (endpoint, method) => {
  it('lists countries with their locations', async () => {
    const countries = await fx.client()[method]();
    const us = countries.find((country) => country.country_code === 'US');
    expect(us).toMatchObject({ name_en: 'United States', name_zh_cn: '美国', continent_code: 'NA' });
    expect(us?.items.length).toBeGreaterThan(0);
    expect(us?.items.some((item) => item.state === 'california')).toBe(true);
    if (endpoint === 'ip/dynamic-citys') expect(us?.items.some((item) => item.city === 'losangeles')).toBe(true);
    expect(fx.requests(endpoint)).toHaveLength(1);
  });

  it('fails with malformed naming the field on a wrong-shaped answer', async () => {
    fx.sb.setFault({ kind: 'wrong-shape', path: endpoint });
    const error = await expectApiError(fx.client()[method](), 'malformed');
    expect(error.field).toBe('data.list');
  });

  it('fails with invalid-key on a wrong key', async () => {
    await expectApiError(fx.client({ appKey: 'wrong' })[method](), 'invalid-key');
  });
});

describe('GET ip/dynamic-states/search', () => {
  it('lists the state codes of a country, sent upper-cased', async () => {
    const states = await fx.client().searchStates({ countryCode: 'gb' });
    expect(states).toEqual(['england', 'scotland', 'wales', 'northernireland']);
    expect(fx.requests('ip/dynamic-states/search')[0]?.query).toEqual({ app_key: fx.sb.demoKey, country_code: 'GB' });
  });

  it('refuses a missing country before sending', async () => {
    const error = await expectApiError(fx.client().searchStates({ countryCode: '' }), 'invalid-input');
    expect(error.field).toBe('countryCode');
    expect(fx.requests()).toHaveLength(0);
  });

  it('fails with malformed on a body that is not JSON', async () => {
    fx.sb.setFault({ kind: 'not-json', path: 'ip/dynamic-states/search' });
    const error = await expectApiError(fx.client().searchStates({ countryCode: 'GB' }), 'malformed');
    expect(error.field).toBe('body');
  });
});

describe('GET ip/dynamic-citys/search', () => {
  it('lists the cities of a state', async () => {
    expect(await fx.client().searchCities({ countryCode: 'DE', state: 'bavaria' })).toEqual(['munich', 'nuremberg']);
    expect(fx.requests('ip/dynamic-citys/search')[0]?.query).toEqual({ app_key: fx.sb.demoKey, country_code: 'DE', state: 'bavaria' });
  });

  it('refuses a missing state before sending', async () => {
    const error = await expectApiError(fx.client().searchCities({ countryCode: 'DE', state: '' }), 'invalid-input');
    expect(error.field).toBe('state');
    expect(fx.requests()).toHaveLength(0);
  });

  it('fails with invalid-key on a wrong key', async () => {
    await expectApiError(fx.client({ appKey: 'wrong' }).searchCities({ countryCode: 'DE', state: 'bavaria' }), 'invalid-key');
  });
});
