// Traffic per day and purchased packages (user-usage-flow/total, user-product/*) against the sandbox.
import { describe, expect, it } from 'vitest';
import { expectApiError, useSandbox } from '../../../test/helpers/api.ts';

const fx = useSandbox();

const demoState = () => fx.sb.state.getKey(fx.sb.demoKey)!;

describe('GET user-usage-flow/total', () => {
  it('gives one figure per day, the times sent in the document’s format', async () => {
    const days = await fx.client().usageByDay({ startTime: '2024-03-01 00:00:00', endTime: '2024-03-05 23:59:59' });
    expect(days.map((day) => day.day)).toEqual(['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04', '2024-03-05']);
    for (const day of days) expect(day.flow).toBeGreaterThanOrEqual(0);
    expect(fx.requests('user-usage-flow/total')[0]?.query).toEqual({ app_key: fx.sb.demoKey, start_time: '2024-03-01 00:00:00', end_time: '2024-03-05 23:59:59' });
  });

  it('defaults to the last 7 days and sends no empty parameters', async () => {
    expect(await fx.client().usageByDay()).toHaveLength(7);
    expect(fx.requests('user-usage-flow/total')[0]?.query).toEqual({ app_key: fx.sb.demoKey });
  });

  it('filters by one account', async () => {
    const username = demoState().listAccounts()[0]!.username;
    await fx.client().usageByDay({ username, productType: 9 });
    expect(fx.requests('user-usage-flow/total')[0]?.query).toMatchObject({ username, product_type: '9' });
  });

  it('passes the server’s refusal of a range over a year as rejected, naming the field', async () => {
    const error = await expectApiError(fx.client().usageByDay({ startTime: '2022-01-01 00:00:00', endTime: '2024-01-01 00:00:00' }), 'rejected');
    expect(error.code).toBe(400);
    expect(error.field).toBe('end_time');
  });

  it.each([
    [{ startTime: '2024-02-30 00:00:00' }, 'startTime'],
    [{ endTime: '2024-03-01' }, 'endTime'],
    [{ startTime: '2024-03-02 00:00:00', endTime: '2024-03-01 00:00:00' }, 'endTime'],
    [{ username: 'a b' }, 'username'],
  ])('refuses %j before sending', async (input, field) => {
    const error = await expectApiError(fx.client().usageByDay(input), 'invalid-input');
    expect(error.field).toBe(field);
    expect(fx.requests()).toHaveLength(0);
  });
});

describe('GET user-product/list', () => {
  it('gives one page of packages with the pagination figures', async () => {
    const total = demoState().packages.length;
    const page = await fx.client().listPackages({ page: 1, size: 2 });
    expect(page).toMatchObject({ page: 1, page_size: 2, total_count: total, total_page: Math.ceil(total / 2) });
    expect(page.list).toHaveLength(Math.min(2, total));
    expect(page.list[0]).toEqual(expect.objectContaining({ id: expect.any(Number), trade_no: expect.any(String), expired_at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) }));
    expect(fx.requests('user-product/list')[0]?.query).toEqual({ app_key: fx.sb.demoKey, page: '1', size: '2' });
  });

  it('finds a package by its full order number', async () => {
    const tradeNo = demoState().packages[0]!.tradeNo;
    const page = await fx.client().listPackages({ tradeNo });
    expect(page.list.map((pkg) => pkg.trade_no)).toEqual([tradeNo]);
  });

  it('fails with malformed naming the field on a wrong-shaped answer', async () => {
    fx.sb.setFault({ kind: 'wrong-shape', path: 'user-product/list' });
    const error = await expectApiError(fx.client().listPackages(), 'malformed');
    expect(error.field).toBe('data.list');
  });

  it('fails with invalid-key on a wrong key', async () => {
    await expectApiError(fx.client({ appKey: 'wrongkey' }).listPackages(), 'invalid-key');
  });

  it.each([[{ page: 0 }, 'page'], [{ size: 2.5 }, 'size'], [{ tradeNo: '  ' }, 'tradeNo']])('refuses %j before sending', async (input, field) => {
    const error = await expectApiError(fx.client().listPackages(input), 'invalid-input');
    expect(error.field).toBe(field);
    expect(fx.requests()).toHaveLength(0);
  });
});

describe('GET user-product/summary', () => {
  it.each([9, 12] as const)('sums the type %i packages in KB', async (productType) => {
    const summary = await fx.client().packageSummary({ productType });
    const packages = demoState().packages.filter((pkg) => pkg.productType === productType);
    expect(summary.total_count).toBe(packages.length);
    expect(summary.total).toBe(packages.reduce((sum, pkg) => sum + (pkg.totalKb ?? 0), 0));
    expect(summary.effective_count + summary.expired_count).toBe(summary.total_count);
    expect(fx.requests('user-product/summary')[0]?.query.product_type).toBe(String(productType));
  });

  it('fails with an http error on a server error page (and retries it)', async () => {
    fx.sb.setFault({ kind: 'http500', path: 'user-product/summary' });
    const error = await expectApiError(fx.client().packageSummary(), 'http');
    expect(error.status).toBe(500);
  });

  it('refuses a product type the summary does not support before sending', async () => {
    const error = await expectApiError(fx.client().packageSummary({ productType: 11 as 9 }), 'invalid-input');
    expect(error.field).toBe('productType');
    expect(fx.requests()).toHaveLength(0);
  });
});
