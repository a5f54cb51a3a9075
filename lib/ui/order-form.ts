/**
 * The create-order form's rules: what each kind of order needs, turned into the `createOrder`
 * request or into a problem per field, shown inline before anything is sent. The background checks
 * the request again; these rules only spare the user a round trip.
 */
import type { RequestInput } from '../background/requests.ts';
import type { GiftRatio, PaymentGroup } from '../background/api/schemas.ts';

/** Renew static IPs (by their ids), top up the balance (an amount), or buy a product (a quantity). */
export type OrderKind = 'renewal' | 'topUp' | 'product';

/** The form as typed: text fields stay text until they are checked. */
export interface OrderForm {
  kind: OrderKind;
  pid: string;
  pmId: number | undefined;
  /** Static IP ids, comma- or space-separated. */
  upids: string;
  renewDuration: string;
  amount: string;
  rechargeAmount: string;
  couponSn: string;
}

export type OrderField = Exclude<keyof OrderForm, 'kind'>;
export type FieldProblem = 'required' | 'wholeNumber' | 'idList' | 'belowMin' | 'aboveMax' | 'methodDisabled';
export type PaymentMethod = PaymentGroup['items'][number];
export type CreateOrderInput = RequestInput<'createOrder'>;

export type OrderCheck = { ok: true; input: CreateOrderInput } | { ok: false; problems: Partial<Record<OrderField, FieldProblem>> };

export const emptyOrderForm = (kind: OrderKind, upids: readonly number[] = []): OrderForm => ({
  kind,
  pid: '',
  pmId: undefined,
  upids: upids.join(', '),
  renewDuration: '',
  amount: '',
  rechargeAmount: '',
  couponSn: '',
});

/** A positive whole number, or the problem with the text. */
function positiveInt(text: string, required: boolean): number | FieldProblem | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return required ? 'required' : undefined;
  return /^\d+$/.test(trimmed) && Number(trimmed) >= 1 ? Number(trimmed) : 'wholeNumber';
}

/** Ids separated by commas or spaces. */
export function parseIdList(text: string): number[] | undefined {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0 || parts.some((part) => !/^\d+$/.test(part) || Number(part) < 1)) return undefined;
  return [...new Set(parts.map(Number))];
}

/** The static IP ids the popup put in the page's address (`#renew=1,2,3`); [] when there are none. */
export function renewIdsFromHash(hash: string): number[] {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('renew');
  return (value && parseIdList(value)) || [];
}

/** Checks the form against the chosen payment method; see the module comment. */
export function buildOrder(form: OrderForm, method: PaymentMethod | undefined): OrderCheck {
  const problems: Partial<Record<OrderField, FieldProblem>> = {};
  const input: Partial<CreateOrderInput> = {};
  const take = (field: OrderField, value: number | FieldProblem | undefined, set: (n: number) => void) => {
    if (typeof value === 'number') set(value);
    else if (value !== undefined) problems[field] = value;
  };

  take('pid', positiveInt(form.pid, true), (pid) => (input.pid = pid));
  if (!method) problems.pmId = 'required';
  else if (method.disabled) problems.pmId = 'methodDisabled';
  else input.pmId = method.id;

  switch (form.kind) {
    case 'renewal': {
      const ids = form.upids.trim() === '' ? 'required' : parseIdList(form.upids);
      if (Array.isArray(ids)) input.upids = ids;
      else problems.upids = ids ?? 'idList';
      take('renewDuration', positiveInt(form.renewDuration, true), (days) => (input.renewDuration = days));
      break;
    }
    case 'topUp':
      take('rechargeAmount', positiveInt(form.rechargeAmount, true), (amount) => {
        // The top-up amount is what is paid, so the method's limits apply to it here and now.
        if (method && method.min != null && amount < method.min) problems.rechargeAmount = 'belowMin';
        else if (method && method.max != null && amount > method.max) problems.rechargeAmount = 'aboveMax';
        else input.rechargeAmount = amount;
      });
      break;
    case 'product':
      take('amount', positiveInt(form.amount, false), (amount) => (input.amount = amount));
      break;
  }
  const coupon = form.couponSn.trim();
  if (coupon) input.couponSn = coupon;

  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, input: input as CreateOrderInput };
}

/**
 * The bonus a top-up of `amount` earns: the ratio of the highest tier the amount reaches (1.1 →
 * 10 % extra), or undefined below the first tier.
 */
export function rechargeBonus(amount: number, ratios: readonly GiftRatio[]): { ratio: number; bonus: number } | undefined {
  const tier = ratios.filter((tier) => amount >= tier.amount).sort((a, b) => b.amount - a.amount)[0];
  if (!tier || tier.ratio <= 1) return undefined;
  return { ratio: tier.ratio, bonus: Math.round(amount * (tier.ratio - 1) * 100) / 100 };
}
