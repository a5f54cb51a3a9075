/** Orders, payment methods, recharge bonuses and the user profile: the endpoints that answer code 0. */
import { z } from '../zod.ts';
import { checkParams, nonEmpty, positiveInt, productType } from './params.ts';
import { giftRatioListSchema, orderPageSchema, orderSchema, paymentGroupListSchema, userSchema, type GiftRatio, type Order, type OrderPage, type PaymentGroup, type User } from './schemas.ts';
import type { Transport } from './transport.ts';
import { ORDER_STATUS_LIST } from '../../shared/products.ts';

export const orderListParams = z.object({
  pageNo: z.optional(positiveInt),
  pageSize: z.optional(positiveInt),
  tradeNo: z.optional(nonEmpty),
  status: z.optional(z.literal(ORDER_STATUS_LIST)),
  productType: z.optional(productType),
});

/** The document's order body; which fields apply depends on the product (ask support for `pid`). */
export const createOrderParams = z.object({
  /** The product (package) id. */
  pid: positiveInt,
  /** The payment method id, from `listPaymentGroups`. */
  pmId: positiveInt,
  /** Renewal: the static IP ids from `listStaticIps`. */
  upids: z.optional(z.array(positiveInt).check(z.minLength(1))),
  amount: z.optional(z.number().check(z.positive())),
  /** Static IP purchase: regions with counts, in the provider's format. */
  regionList: z.optional(nonEmpty),
  couponSn: z.optional(nonEmpty),
  useInvitationRegistrationDiscount: z.optional(z.boolean()),
  /** Renewal length for static IPs. */
  renewDuration: z.optional(positiveInt),
  productSkuBandwidthId: z.optional(positiveInt),
  productSkuConcurrencyId: z.optional(positiveInt),
  /** Balance top-up (product 3): the amount to add. */
  rechargeAmount: z.optional(positiveInt),
});

export function billingApi(transport: Transport) {
  return {
    async listOrders(input: z.input<typeof orderListParams> = {}): Promise<OrderPage> {
      const path = 'order/list';
      const p = checkParams(path, orderListParams, input);
      const params = { page_no: p.pageNo, page_size: p.pageSize, trade_no: p.tradeNo, status: p.status, product_type: p.productType };
      return transport.get(path, params, orderPageSchema);
    },
    /** Creates an unpaid order; payment happens on the provider's site. */
    async createOrder(input: z.input<typeof createOrderParams>): Promise<Order> {
      const path = 'order/create';
      const p = checkParams(path, createOrderParams, input);
      return transport.post(
        path,
        {
          pid: p.pid,
          pm_id: p.pmId,
          upids: p.upids?.join(','),
          amount: p.amount,
          region_list: p.regionList,
          coupon_sn: p.couponSn,
          use_invitation_registration_discount: p.useInvitationRegistrationDiscount,
          renew_duration: p.renewDuration,
          product_sku_bandwidth_id: p.productSkuBandwidthId,
          product_sku_concurrency_id: p.productSkuConcurrencyId,
          recharge_amount: p.rechargeAmount,
        },
        orderSchema,
      );
    },
    /** Cancels an unpaid order. */
    async closeOrder(input: { tradeNo: string }): Promise<void> {
      const path = 'order/close';
      const { tradeNo } = checkParams(path, z.object({ tradeNo: nonEmpty }), input);
      await transport.post(path, { trade_no: tradeNo }, z.unknown());
    },
    /** Marked "not open yet" by the provider: expect a `rejected` error and degrade gracefully. */
    async getUserInfo(): Promise<User> {
      return transport.get('user/info', {}, userSchema);
    },
    /** Payment methods in groups; some orders need `tradeNo` to get their specific methods. */
    async listPaymentGroups(input: { tradeNo?: string } = {}): Promise<PaymentGroup[]> {
      const path = 'payment/groups';
      const { tradeNo } = checkParams(path, z.object({ tradeNo: z.optional(nonEmpty) }), input);
      return (await transport.get(path, { trade_no: tradeNo }, paymentGroupListSchema)).list;
    },
    /** Bonus ratio per top-up amount (e.g. 100 → 1.2). */
    async rechargeGiftRatios(): Promise<GiftRatio[]> {
      return (await transport.get('activity/balance-recharge-gift-ratio', {}, giftRatioListSchema)).list;
    },
  };
}
