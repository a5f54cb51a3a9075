// Hostile API answers reaching the background (generated with fast-check): every request a page can
// make gets a well-formed answer, `{ ok: true }` or an error the page can word, never an "internal"
// error (which is what an unexpected exception becomes), never the key; the worker keeps serving,
// and whatever it caches it can read back.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { resetFakeExtension, startApiBackground } from '../../test/helpers/background.ts';
import { answering, HOSTILE_KEY as KEY, hostileAnswer, oddText, type HostileAnswer } from '../../test/helpers/hostile.ts';
import type { ApiErrorKind } from './api/api-error.ts';
import { PROTOCOL, type Answer } from '../shared/message-envelope.ts';
import { sendToBackground } from '../ui/send-to-background.ts';
import type { RequestName } from './requests.ts';
import { cachedRequestItems } from './cached-requests.ts';
import { askList } from '../../test/helpers/messaging.ts';

const API_HOST = 'http://127.0.0.1:9';
/** The API's kinds, and the background's word for a change whose answer was lost ("it may have been applied"). */
const API_KINDS: readonly (ApiErrorKind | 'maybe-applied')[] = ['invalid-key', 'unverified', 'rejected', 'http', 'network', 'timeout', 'malformed', 'invalid-input', 'maybe-applied'];

/** Every API request a page can make, with valid input; cached lists are forced to the API. */
const REQUESTS: [RequestName, unknown][] = [
  ['getAccounts', { refresh: true }],
  ['getUsage', { refresh: true }],
  ['getPackages', { page: 1, refresh: true }],
  ['getPackageSummary', { refresh: true }],
  ['getCityCountries', { refresh: true }],
  ['searchStates', { countryCode: 'US', refresh: true }],
  ['searchCities', { countryCode: 'US', state: 'California', refresh: true }],
  ['getStaticIps', { refresh: true }],
  ['getStaticIpStock', { kind: 'datacenter', refresh: true }],
  ['getOrders', { refresh: true }],
  ['getPaymentGroups', { refresh: true }],
  ['getGiftRatios', { refresh: true }],
  ['getUserInfo', { refresh: true }],
  ['addAccounts', { accounts: [{ username: 'abc1', password: 'pw1' }] }],
  ['deleteAccounts', { accounts: ['abc1'] }],
  ['disableAccounts', { accounts: ['abc1'] }],
  ['enableAccounts', { accounts: ['abc1'] }],
  ['changeAccountPassword', { account: 'abc1', password: 'pw2' }],
  ['changeAccountRemark', { account: 'abc1', remark: 'note' }],
  ['changeAccountLimit', { account: 'abc1', limitGb: 3 }],
  ['extractIps', { num: 2 }],
  ['createOrder', { pid: 101, pmId: 1 }],
  ['closeOrder', { tradeNo: 'T1' }],
];

const okList = (list: unknown[] = []): HostileAnswer => ({ status: 200, body: JSON.stringify({ code: 200, msg: 'ok', data: { list } }) });

/** What the fake API answers next. */
let next: HostileAnswer = okList();
const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

async function startWithKey() {
  // A lost change's lists are read once more at once: every run waits for the background to be idle.
  const service = startApiBackground({ recheckAfterMs: 0, client: { fetch: answering(() => next) } });
  next = okList();
  await sendToBackground('updateSettings', { apiBaseUrl: API_HOST });
  await sendToBackground('setKey', { key: KEY, remember: true });
  return service;
}

const ask = async (name: string, input: unknown): Promise<Answer> => (await fakeBrowser.runtime.sendMessage({ protocol: PROTOCOL, name, input })) as Answer;

beforeEach(() => {
  resetFakeExtension();
  errors.mockClear();
  warnings.mockClear();
});

afterEach(() => {
  // Nothing failed unexpectedly in the background either (a refresh nobody waits for, a cache write).
  expect(errors.mock.calls).toEqual([]);
  expect(JSON.stringify(warnings.mock.calls)).not.toContain(KEY);
});

describe('the background under hostile API answers', () => {
  it('answers every request with data or a worded API error, and keeps serving', async () => {
    const service = await startWithKey();
    await fc.assert(
      fc.asyncProperty(hostileAnswer, fc.constantFrom(...REQUESTS), async (answer, [name, input]) => {
        next = answer;
        const reply = await ask(name, input);
        await service.idle();
        expect(JSON.stringify(reply)).not.toContain(KEY);
        if (!reply.ok) {
          expect(API_KINDS).toContain(reply.error.kind);
          expect(reply.error.message.length).toBeGreaterThan(0);
        }
        expect(await sendToBackground('getKeyStatus', {})).toMatchObject({ set: true });
      }),
      { numRuns: 150 },
    );
    // Whatever was cached reads back as stored (no entry was reset as unreadable).
    for (const item of Object.values(cachedRequestItems)) await item.getValue();
    expect(warnings).not.toHaveBeenCalled();
  });

  it('caches and serves markup, right-to-left text and emoji as data, unchanged', async () => {
    const service = await startWithKey();
    const name = oddText.filter((text) => text.length > 0);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ username: name, remark: oddText }), { minLength: 1, maxLength: 4 }), async (rows) => {
        const list = rows.map((row, id) => ({ id, ...row, password: 'pw', created_at: '', product_type: 9, usage_flow: 0, limit_flow: 0, status: 1 }));
        next = okList(list);
        const fresh = await askList('getAccounts', { refresh: true });
        expect(fresh.data.map(({ username, remark }) => ({ username, remark }))).toEqual(rows);
        // The next read comes from storage: the same text.
        next = { status: 500, body: '' };
        const cached = await askList('getAccounts', {});
        expect(cached.data).toEqual(fresh.data);
        await service.idle();
      }),
      { numRuns: 40 },
    );
  });

  it('keeps serving after a 100,000-item account list', async () => {
    const service = await startWithKey();
    next = okList(Array.from({ length: 100_000 }, (_, id) => ({ id, username: `u${id}`, password: 'p', remark: '<i>‏', product_type: 9, usage_flow: 0, limit_flow: 0, status: 1 })));
    const answer = await askList('getAccounts', { refresh: true });
    expect(answer.data).toHaveLength(100_000);
    await service.idle();
    next = { status: 200, body: '<html>maintenance</html>' };
    expect(await ask('getAccounts', { refresh: true })).toMatchObject({ ok: false, error: { kind: 'malformed' } });
    expect((await askList('getAccounts', {})).data).toHaveLength(100_000);
  });
});
