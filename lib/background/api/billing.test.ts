// Orders, user, payment methods and recharge bonuses: the code-0 endpoints, against the sandbox.
import { describe, expect, it } from 'vitest';
import { expectApiError, useSandbox } from '../../../test/helpers/api.ts';

const fx = useSandbox();

const demoState = () => fx.sb.state.getKey(fx.sb.demoKey)!;

describe('GET order/list', () => {
  it('reads a code-0 answer with `message`, and its pagination', async () => {
    const total = demoState().orders.length;
    const page = await fx.client().listOrders({ pageNo: 1, pageSize: 3 });
    expect(page.pagination).toEqual({ total, page_no: 1, page_size: 3, total_pages: Math.ceil(total / 3) });
    expect(page.list).toHaveLength(Math.min(3, total));
    expect(page.list[0]?.trade_no).toBe(demoState().orders[0]?.tradeNo);
    expect(fx.requests('order/list')[0]?.query).toEqual({ app_key: fx.sb.demoKey, page_no: '1', page_size: '3' });
  });

  it('filters by status', async () => {
    const page = await fx.client().listOrders({ status: 1, pageSize: 100 });
    expect(page.list.length).toBe(demoState().orders.filter((order) => order.status === 1).length);
    for (const order of page.list) expect(order.status).toBe(1);
  });

  it('fails with malformed naming the field on a wrong-shaped answer', async () => {
    fx.sb.setFault({ kind: 'wrong-shape', path: 'order/list' });
    expect((await expectApiError(fx.client().listOrders(), 'malformed')).field).toBe('data.list');
  });

  it('passes a parameter error as rejected naming the field', async () => {
    const error = await expectApiError(fx.client().listOrders({ pageSize: 5000 }), 'rejected');
    expect(error).toMatchObject({ code: 400, field: 'page_size', detail: 'page_size 必须1 到 1000 之间' });
  });

  it('refuses an unknown status before sending', async () => {
    const error = await expectApiError(fx.client().listOrders({ status: 7 as 0 }), 'invalid-input');
    expect(error.field).toBe('status');
    expect(fx.requests()).toHaveLength(0);
  });
});

describe('POST order/create', () => {
  it('creates an unpaid order from the document’s body fields', async () => {
    const order = await fx.client().createOrder({ pid: 101, pmId: 1, amount: 2, couponSn: 'WELCOME' });
    expect(order).toMatchObject({ product_id: 101, total_fee: 30, pay_fee: 30, status: 0 });
    expect(demoState().orders[0]?.tradeNo).toBe(order.trade_no);
    expect(fx.requests('order/create')[0]?.body).toEqual({ app_key: fx.sb.demoKey, pid: 101, pm_id: 1, amount: 2, coupon_sn: 'WELCOME' });
  });

  it('renews static IPs with upids comma-joined', async () => {
    const ids = demoState().staticIps.slice(0, 2).map((ip) => ip.id);
    await fx.client().createOrder({ pid: 251, pmId: 1, upids: ids, renewDuration: 30 });
    expect(fx.requests('order/create')[0]?.body).toMatchObject({ upids: ids.join(','), renew_duration: 30 });
  });

  it.each([
    ['an unknown product', { pid: 9999, pmId: 1 }, 2001],
    ['a disabled payment method', { pid: 101, pmId: 3 }, 2002],
    ['an amount over the method’s limit', { pid: 105, pmId: 1, amount: 10 }, 2003],
  ])('passes the refusal of %s as rejected with the server’s message', async (_, input, code) => {
    const error = await expectApiError(fx.client().createOrder(input), 'rejected');
    expect(error.code).toBe(code);
    expect(error.detail).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each([
    [{ pid: 0, pmId: 1 }, 'pid'],
    [{ pid: 101, pmId: 1.5 }, 'pmId'],
    [{ pid: 101, pmId: 1, upids: [] }, 'upids'],
    [{ pid: 101, pmId: 1, amount: -1 }, 'amount'],
  ])('refuses %j before sending', async (input, field) => {
    const error = await expectApiError(fx.client().createOrder(input), 'invalid-input');
    expect(error.field).toBe(field);
    expect(fx.requests()).toHaveLength(0);
  });
});

describe('POST order/close', () => {
  it('cancels an unpaid order', async () => {
    const { trade_no } = await fx.client().createOrder({ pid: 101, pmId: 1 });
    await fx.client().closeOrder({ tradeNo: trade_no });
    expect(demoState().orders.find((order) => order.tradeNo === trade_no)?.status).toBe(2);
    expect(fx.requests('order/close')[0]?.body).toEqual({ app_key: fx.sb.demoKey, trade_no });
  });

  it('passes the refusal to cancel a paid order as rejected', async () => {
    const paid = demoState().orders.find((order) => order.status === 1)!;
    const error = await expectApiError(fx.client().closeOrder({ tradeNo: paid.tradeNo }), 'rejected');
    expect(error).toMatchObject({ code: 2005, detail: '仅待支付的订单可以取消' });
  });

  it('refuses an empty order number before sending', async () => {
    expect((await expectApiError(fx.client().closeOrder({ tradeNo: ' ' }), 'invalid-input')).field).toBe('tradeNo');
    expect(fx.requests()).toHaveLength(0);
  });
});

describe('GET user/info', () => {
  it('is refused as "not open yet", a rejected error carrying the server’s message', async () => {
    const error = await expectApiError(fx.client().getUserInfo(), 'rejected');
    expect(error).toMatchObject({ code: 403, detail: '接口暂未开放' });
    expect(fx.requests('user/info')[0]?.query).toEqual({ app_key: fx.sb.demoKey });
  });

  it('fails with invalid-key on a wrong key', async () => {
    await expectApiError(fx.client({ appKey: 'wrong' }).getUserInfo(), 'invalid-key');
  });
});

describe('GET payment/groups', () => {
  it('lists the payment methods in groups', async () => {
    const groups = await fx.client().listPaymentGroups({ tradeNo: demoState().orders[0]!.tradeNo });
    expect(groups.map((group) => group.name)).toEqual(['在线支付', '加密货币', '余额支付']);
    expect(groups[0]?.items.find((item) => item.id === 3)).toMatchObject({ title: 'PayPal', disabled: true, min: 5, max: 3000 });
    expect(fx.requests('payment/groups')[0]?.query.trade_no).toBe(demoState().orders[0]!.tradeNo);
  });

  it('fails with malformed on a truncated answer', async () => {
    fx.sb.setFault({ kind: 'truncated', path: 'payment/groups' });
    expect((await expectApiError(fx.client().listPaymentGroups(), 'malformed')).field).toBe('body');
  });

  it('refuses a blank order number before sending', async () => {
    await expectApiError(fx.client().listPaymentGroups({ tradeNo: '' }), 'invalid-input');
    expect(fx.requests()).toHaveLength(0);
  });
});

describe('GET activity/balance-recharge-gift-ratio', () => {
  it('reads a code-0 answer with `msg`', async () => {
    expect(await fx.client().rechargeGiftRatios()).toEqual([
      { amount: 100, ratio: 1.05 },
      { amount: 500, ratio: 1.1 },
      { amount: 1000, ratio: 1.15 },
      { amount: 5000, ratio: 1.2 },
    ]);
  });

  it('fails with malformed on an empty body', async () => {
    fx.sb.setFault({ kind: 'empty', path: 'activity/balance-recharge-gift-ratio' });
    const error = await expectApiError(fx.client().rechargeGiftRatios(), 'malformed');
    expect(error).toMatchObject({ field: 'body', reason: 'empty' });
  });

  it('fails with invalid-key on a wrong key', async () => {
    await expectApiError(fx.client({ appKey: 'wrong' }).rechargeGiftRatios(), 'invalid-key');
  });
});
