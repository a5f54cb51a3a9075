/**
 * Generated hostile API answers (fast-check) for the client's and the background's robustness tests:
 * envelopes with wrong types and missing fields, null data, truncated JSON, HTML, empty and huge
 * bodies, the key echoed back, and text full of markup, right-to-left marks and emoji.
 */
import fc from 'fast-check';
import type { ApiClient } from '../../lib/background/api/client.ts';

/** The key the generated answers echo back; tests check that it never leaks into an error. */
export const HOSTILE_KEY = 'HostileKey0123456789abcdefABCDEF';

/** One generated answer: an HTTP status and a body. */
export interface HostileAnswer {
  status: number;
  body: string;
}

/** Text that a page must show as text: markup, script, right-to-left marks and text, emoji, controls. */
export const oddText = fc.oneof(
  fc.constantFrom(
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(document.cookie)">',
    '"><svg onload=alert(1)>',
    '{{constructor.constructor("alert(1)")()}}',
    '\u202Egnp.exe',
    'مرحبا بالعالم',
    'שלום עולם',
    '👩‍👩‍👧‍👦🇺🇸🏳️‍🌈',
    '\u0000\u0007\u001b[31m',
    '&lt;b&gt;&amp;',
    '__proto__',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Anything JSON can hold, markup and odd text included. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue({ maxDepth: 3 }), oddText, fc.constant(null));

/** A field of a record: often right, often wrong (type, null, missing is done by omission). */
const fieldValue = (right: fc.Arbitrary<unknown>) => fc.oneof({ weight: 3, arbitrary: right }, { weight: 1, arbitrary: anyJson });

/** Something shaped like an account, with fields of the right or the wrong type, some missing. */
const accountLike = fc.record(
  {
    id: fieldValue(fc.oneof(fc.nat(), fc.nat().map(String))),
    username: fieldValue(oddText),
    password: fieldValue(oddText),
    created_at: fieldValue(fc.oneof(oddText, fc.constant(null))),
    remark: fieldValue(fc.oneof(oddText, fc.constant(null))),
    product_type: fieldValue(fc.integer()),
    usage_flow: fieldValue(fc.oneof(fc.double(), fc.string())),
    limit_flow: fieldValue(fc.oneof(fc.double(), fc.string())),
    status: fieldValue(fc.constantFrom(0, 1, '1', true)),
  },
  { requiredKeys: [] },
);

/** `data` as the API could send it: nothing, null, a list under various names, a bare value. */
const dataLike = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  anyJson,
  fc.record({ list: fc.oneof(fc.constant(null), anyJson, fc.array(fc.oneof(accountLike, anyJson), { maxLength: 6 })) }, { requiredKeys: [] }),
  fc.record({ list: fc.array(accountLike, { maxLength: 6 }), pagination: anyJson, page: anyJson, total: anyJson }, { requiredKeys: ['list'] }),
);

/** `{ code, msg | message, data }` with every part possibly wrong. */
const envelopeLike = fc.record(
  {
    code: fc.oneof(fc.constantFrom(0, 200, 3, 156, 400, 1001, -1), fc.integer(), fc.string(), fc.constant(null), fc.double(), fc.boolean()),
    msg: fc.oneof(oddText, fc.constant(null), anyJson),
    message: fc.oneof(oddText, fc.constant(null), anyJson),
    data: dataLike,
    errors: fc.oneof(anyJson, fc.dictionary(oddText, fc.array(oddText, { maxLength: 2 }), { maxKeys: 3 })),
  },
  { requiredKeys: [] },
);

const html = fc.constantFrom(
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>',
  '<html><body onload="alert(1)"><script>document.write(1)</script></body></html>',
  '<?xml version="1.0"?><error>nope</error>',
);

/** A body: JSON envelopes (valid, wrong, truncated), bare JSON, HTML, empty, huge, the key echoed. */
export const hostileBody: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: envelopeLike.map((value) => JSON.stringify(value)) },
  { weight: 2, arbitrary: fc.tuple(envelopeLike, fc.nat()).map(([value, cut]) => { const text = JSON.stringify(value); return text.slice(0, cut % Math.max(text.length, 1)); }) },
  { weight: 2, arbitrary: anyJson.map((value) => JSON.stringify(value) ?? '') },
  { weight: 1, arbitrary: html },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n', 'null', '[]', '{}', '"ok"', '0', 'true', '{"code":200', `${'['.repeat(50_000)}${']'.repeat(50_000)}`, `{"code":200,"data":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`, '\uFEFF{"code":200,"msg":"ok","data":{"list":[]}}') },
  { weight: 1, arbitrary: fc.nat({ max: 400_000 }).map((length) => JSON.stringify({ code: 1001, msg: 'x'.repeat(length), data: null })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(oddText, fc.constantFrom(0, 200, 400, 1001))
      .map(([text, code]) => JSON.stringify({ code, msg: `${HOSTILE_KEY} ${text}`, errors: { [HOSTILE_KEY]: [text] }, data: { list: [`${HOSTILE_KEY}:1`, text] } })),
  },
  { weight: 1, arbitrary: oddText },
);

export const hostileAnswer: fc.Arbitrary<HostileAnswer> = fc.record({
  status: fc.oneof({ weight: 8, arbitrary: fc.constant(200) }, { weight: 1, arbitrary: fc.constantFrom(204, 301, 302, 400, 401, 404, 429, 500, 502, 503) }),
  body: hostileBody,
});

/** A fetch that answers every request with `answer` (a 204 carries no body, as the Response API requires). */
export const answering =
  (answer: () => HostileAnswer): typeof fetch =>
  async () => {
    const { status, body } = answer();
    return new Response(status === 204 ? null : body, { status, headers: { 'Content-Type': 'application/json' } });
  };

/** Every client method, with valid input, so that only the answer can make it fail. */
export const EVERY_CALL: [string, (api: ApiClient) => Promise<unknown>][] = [
  ['listAccounts', (api) => api.listAccounts()],
  ['addAccounts', (api) => api.addAccounts({ accounts: [{ username: 'abc1', password: 'pw1' }], remark: 'r' })],
  ['deleteAccounts', (api) => api.deleteAccounts(['abc1'])],
  ['disableAccounts', (api) => api.disableAccounts(['abc1'])],
  ['enableAccounts', (api) => api.enableAccounts(['abc1'])],
  ['changeAccountPassword', (api) => api.changeAccountPassword({ account: 'abc1', password: 'pw2' })],
  ['changeAccountRemark', (api) => api.changeAccountRemark({ account: 'abc1', remark: 'note' })],
  ['changeAccountLimit', (api) => api.changeAccountLimit({ account: 'abc1', limitGb: 5 })],
  ['usageByDay', (api) => api.usageByDay()],
  ['listPackages', (api) => api.listPackages()],
  ['packageSummary', (api) => api.packageSummary()],
  ['extractIps', (api) => api.extractIps({ num: 2 })],
  ['extractIps (txt)', (api) => api.extractIps({ num: 2, format: 'txt' })],
  ['listCityCountries', (api) => api.listCityCountries()],
  ['listStateCountries', (api) => api.listStateCountries()],
  ['searchStates', (api) => api.searchStates({ countryCode: 'US' })],
  ['searchCities', (api) => api.searchCities({ countryCode: 'US', state: 'California' })],
  ['listStaticIps', (api) => api.listStaticIps()],
  ['staticIpStock', (api) => api.staticIpStock({ kind: 'residential' })],
  ['listOrders', (api) => api.listOrders()],
  ['createOrder', (api) => api.createOrder({ pid: 101, pmId: 1 })],
  ['closeOrder', (api) => api.closeOrder({ tradeNo: 'T1' })],
  ['getUserInfo', (api) => api.getUserInfo()],
  ['listPaymentGroups', (api) => api.listPaymentGroups()],
  ['rechargeGiftRatios', (api) => api.rechargeGiftRatios()],
];

