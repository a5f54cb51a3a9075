import { describe, expect, it } from 'vitest';
import { buildOrder, emptyOrderForm, parseIdList, rechargeBonus, renewIdsFromHash, type OrderForm, type PaymentMethod } from './order-form.ts';

const card: PaymentMethod = { id: 2, title: 'Card', logo: '', group: 'online', disabled: false, min: 5, max: 10_000 };
const paypal: PaymentMethod = { ...card, id: 3, disabled: true };
const form = (fields: Partial<OrderForm>): OrderForm => ({ ...emptyOrderForm('renewal'), ...fields });

describe('renewal ids', () => {
  it.each([
    ['#renew=1,2,3', [1, 2, 3]],
    ['#renew=7001', [7001]],
    ['renew=4%2C5', [4, 5]],
    ['#renew=1,x', []],
    ['#other=1', []],
    ['', []],
  ])('%s → %o', (hash, ids) => {
    expect(renewIdsFromHash(hash)).toEqual(ids);
  });

  it('reads ids separated by commas or spaces, once each', () => {
    expect(parseIdList('1, 2 3,,2')).toEqual([1, 2, 3]);
    expect(parseIdList('1, -2')).toBeUndefined();
    expect(parseIdList('  ')).toBeUndefined();
  });
});

describe('buildOrder', () => {
  it('builds a static IP renewal', () => {
    const check = buildOrder(form({ pid: '251', upids: '7001, 7002', renewDuration: '30', couponSn: ' SAVE10 ' }), card);
    expect(check).toEqual({ ok: true, input: { pid: 251, pmId: 2, upids: [7001, 7002], renewDuration: 30, couponSn: 'SAVE10' } });
  });

  it('names every missing or malformed field of a renewal', () => {
    expect(buildOrder(form({ pid: 'abc', upids: '', renewDuration: '0' }), undefined)).toEqual({
      ok: false,
      problems: { pid: 'wholeNumber', pmId: 'required', upids: 'required', renewDuration: 'wholeNumber' },
    });
    expect(buildOrder(form({ pid: '1', upids: '1;2', renewDuration: '30' }), card)).toEqual({ ok: false, problems: { upids: 'idList' } });
  });

  it('refuses a disabled payment method', () => {
    expect(buildOrder(form({ pid: '251', upids: '1', renewDuration: '30' }), paypal)).toEqual({ ok: false, problems: { pmId: 'methodDisabled' } });
  });

  it.each([
    ['4', { ok: false, problems: { rechargeAmount: 'belowMin' } }],
    ['10001', { ok: false, problems: { rechargeAmount: 'aboveMax' } }],
    ['500', { ok: true, input: { pid: 31, pmId: 2, rechargeAmount: 500 } }],
    ['', { ok: false, problems: { rechargeAmount: 'required' } }],
  ])('a top-up of %s is checked against the method’s limits', (amount, expected) => {
    expect(buildOrder({ ...emptyOrderForm('topUp'), pid: '31', rechargeAmount: amount }, card)).toEqual(expected);
  });

  it('buys a product with an optional quantity, ignoring the other kinds’ fields', () => {
    const base = { ...emptyOrderForm('product', [1, 2]), pid: '101', renewDuration: 'x' };
    expect(buildOrder(base, card)).toEqual({ ok: true, input: { pid: 101, pmId: 2 } });
    expect(buildOrder({ ...base, amount: '3' }, card)).toEqual({ ok: true, input: { pid: 101, pmId: 2, amount: 3 } });
  });
});

describe('rechargeBonus', () => {
  const tiers = [
    { amount: 500, ratio: 1.1 },
    { amount: 100, ratio: 1.05 },
    { amount: 1000, ratio: 1.15 },
  ];
  it.each([
    [99, undefined],
    [100, { ratio: 1.05, bonus: 5 }],
    [750, { ratio: 1.1, bonus: 75 }],
    [5000, { ratio: 1.15, bonus: 750 }],
  ])('%d', (amount, expected) => {
    expect(rechargeBonus(amount, tiers)).toEqual(expected);
  });
});
