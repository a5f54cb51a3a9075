import { describe, expect, it, vi } from 'vitest';
import { rejectedWith, rejectionOf } from '../../test/helpers/rejection.ts';
import type { ApiClient } from './api/client.ts';
import { ApiError } from './api/api-error.ts';
import type { CachedRequestName } from './cached-requests.ts';
import { createChangeHandlers, type ChangeHandlerOptions } from './change-handlers.ts';
import { ChangeMaybeAppliedError } from './error-answers.ts';
import type { ApiKeyRecord } from './keys.ts';
import type { RequestParams } from './requests.ts';

/** The fake client ignores what it is asked. */
const anyExtraction = {} as RequestParams<'extractIps'>;
const record: ApiKeyRecord = { id: 'record-1', key: 'k'.repeat(32), baseUrl: 'https://api.example.test', unverified: false, checkedAt: 0 };

/** Change handlers over a fake client whose every call gives `outcome`, recording each list marked out of date. */
function changeHandlers(outcome: () => Promise<unknown>, { reread = true, recheckAfterMs = 60_000 } = {}) {
  const invalidated: CachedRequestName[] = [];
  const api = new Proxy({}, { get: () => outcome }) as ApiClient;
  const options: ChangeHandlerOptions = {
    requireKey: async () => record,
    withApi: (used, call) => {
      expect(used).toBe(record);
      return call(api);
    },
    invalidate: async (list) => {
      invalidated.push(list);
      return { refetched: Promise.resolve(reread) };
    },
    recheckAfterMs,
  };
  return { ...createChangeHandlers(options), invalidated };
}

describe('a change', () => {
  it('answers what the client answered, then refetches exactly the lists it makes stale', async () => {
    const { handlers, invalidated } = changeHandlers(async () => ({ tradeNo: 'T1' }));
    expect(await handlers.closeOrder({ tradeNo: 'T1' })).toEqual({ tradeNo: 'T1' });
    expect(invalidated).toEqual(['getOrders']);
  });

  it('refetches nothing for a change that makes no list stale', async () => {
    const { handlers, invalidated } = changeHandlers(async () => []);
    await handlers.extractIps(anyExtraction);
    expect(invalidated).toEqual([]);
  });

  it('leaves the lists alone when the client refused the input before sending anything', async () => {
    const refused = new ApiError('invalid-input', { endpoint: 'order/close', field: 'trade_no' });
    const { handlers, invalidated } = changeHandlers(() => Promise.reject(refused));
    expect(await rejectionOf(handlers.closeOrder({ tradeNo: 'T1' }))).toBe(refused);
    expect(invalidated).toEqual([]);
  });

  it('refetches after a refusal too, and passes the refusal on as it was', async () => {
    const rejected = new ApiError('rejected', { endpoint: 'order/close', code: 2005 });
    const { handlers, invalidated } = changeHandlers(() => Promise.reject(rejected));
    expect(await rejectionOf(handlers.closeOrder({ tradeNo: 'T1' }))).toBe(rejected);
    expect(invalidated).toEqual(['getOrders']);
  });

  it('says a change whose answer was lost may have been applied, after reading its lists again, and looks once more later', async () => {
    vi.useFakeTimers();
    try {
      const lost = new ApiError('timeout', { endpoint: 'order/close' });
      const { handlers, invalidated, idle } = changeHandlers(() => Promise.reject(lost), { reread: false, recheckAfterMs: 25_000 });
      const error = await rejectedWith(handlers.closeOrder({ tradeNo: 'T1' }), ChangeMaybeAppliedError);
      expect(error.reason).toBe(lost);
      expect(error.reread).toBe(false);
      expect(invalidated).toEqual(['getOrders']);
      await vi.advanceTimersByTimeAsync(25_000);
      await idle();
      expect(invalidated).toEqual(['getOrders', 'getOrders']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('passes a lost answer on as it was when the change makes no list stale (nothing to read again)', async () => {
    const lost = new ApiError('malformed', { endpoint: 'extract/ip', reason: 'cut-off' });
    const { handlers } = changeHandlers(() => Promise.reject(lost));
    expect(await rejectionOf(handlers.extractIps(anyExtraction))).toBe(lost);
  });
});
