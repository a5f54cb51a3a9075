// The transport's tries as a waiting page sees them: each try announced with the number of tries, and a
// caller that stops waiting aborts the request in flight and every try after it.
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../../../test/helpers/api.ts';
import { rejectionOf } from '../../../test/helpers/rejection.ts';

const fx = useSandbox({ accounts: 2 });


describe('a GET that is slow to be answered', () => {
  it('announces each try, with how many there may be', async () => {
    fx.sb.setFault({ kind: 'hang', path: 'whitelist-account/list', times: 2 });
    const tries: [number, number][] = [];
    const accounts = await fx.client({ retries: 2, timeoutMs: 500, onAttempt: (attempt, attempts) => tries.push([attempt, attempts]) }).listAccounts();
    expect(accounts).toHaveLength(2);
    expect(tries).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('stops at once when the caller stops waiting: the request is aborted and no try follows', async () => {
    fx.sb.setFault({ kind: 'hang', path: 'whitelist-account/list' });
    const stop = new AbortController();
    const reason = new Error('the user stopped waiting');
    const call = rejectionOf(fx.client({ retries: 2, timeoutMs: 2_000, signal: stop.signal }).listAccounts());
    await expect.poll(() => fx.requests('whitelist-account/list').length).toBe(1);
    const stoppedAt = performance.now();
    stop.abort(reason);
    expect(await call).toBe(reason);
    expect(performance.now() - stoppedAt).toBeLessThan(500);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fx.requests('whitelist-account/list')).toHaveLength(1);
  });

  it('stops between tries too, without waiting for the backoff', async () => {
    fx.sb.setFault({ kind: 'http500', path: 'whitelist-account/list' });
    const stop = new AbortController();
    const reason = new Error('the user stopped waiting');
    const call = rejectionOf(fx.client({ retries: 2, retryDelayMs: 5_000, onAttempt: (attempt) => attempt === 1 && setTimeout(() => stop.abort(reason), 100), signal: stop.signal }).listAccounts());
    const startedAt = performance.now();
    expect(await call).toBe(reason);
    expect(performance.now() - startedAt).toBeLessThan(1_000);
    expect(fx.requests('whitelist-account/list')).toHaveLength(1);
  });
});
