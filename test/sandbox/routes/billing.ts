// Orders, payment methods, recharge bonuses and the user profile: the endpoints that answer code 0.
import { PAYMENT_GROUPS, RECHARGE_GIFTS, findPaymentMethod, findProduct } from '../catalog.ts';
import type { OrderRecord } from '../state.ts';
import { formatIso } from '../time.ts';
import { Checker } from '../validate.ts';
import { REJECTIONS, invalid, ok, paginate, reject, type Route, type RouteTable } from './route.ts';

function orderView(order: OrderRecord) {
  return {
    id: order.id,
    trade_no: order.tradeNo,
    product_id: order.productId,
    product_name: order.productName,
    total_fee: order.totalFee,
    pay_fee: order.payFee,
    status: order.status,
    created_at: formatIso(order.createdMs),
  };
}

const orderList: Route = {
  method: 'GET',
  envelope: 'code0-message',
  handle({ params, key }) {
    const check = new Checker(params);
    const page = check.integer('page_no', { min: 1 }) ?? 1;
    const size = check.integer('page_size', { min: 1, max: 1000 }) ?? 10;
    const tradeNo = check.string('trade_no');
    const status = check.integer('status', { min: 0, max: 3 });
    const productType = check.integer('product_type');
    if (check.failed) return invalid(check);
    const matching = key.orders.filter(
      (order) =>
        (tradeNo === undefined || order.tradeNo === tradeNo) &&
        (status === undefined || order.status === status) &&
        (productType === undefined || order.productType === productType),
    );
    const { slice, totalPages } = paginate(matching, page, size);
    return ok({ list: slice.map(orderView), pagination: { total: matching.length, page_no: page, page_size: size, total_pages: totalPages } });
  },
};

const createOrder: Route = {
  method: 'POST',
  envelope: 'code0-message',
  handle({ params, key, now }) {
    const check = new Checker(params);
    const pid = check.integer('pid', { required: true, min: 1 });
    const pmId = check.integer('pm_id', { required: true, min: 1 });
    const amount = check.integer('amount', { min: 1, max: 10_000 }) ?? 1;
    const recharge = check.integer('recharge_amount', { min: 1, max: 1_000_000 });
    const upids = check.string('upids');
    const renewIds = upids === undefined ? [] : upids.split(',').map(Number);
    if (renewIds.some((id) => !Number.isInteger(id) || !key.staticIps.some((ip) => ip.id === id))) check.fail('upids', 'upids 包含无效的ID');
    check.string('coupon_sn', { max: 64 });
    if (check.failed || pid === undefined || pmId === undefined) return invalid(check);
    const product = findProduct(pid);
    if (!product) return reject(REJECTIONS.productNotFound);
    if (product.productType === 3 && recharge === undefined) {
      check.fail('recharge_amount', 'recharge_amount 不能为空'); // top-ups say how much instead of a quantity
      return invalid(check);
    }
    const method = findPaymentMethod(pmId);
    if (!method || method.disabled) return reject(REJECTIONS.paymentUnavailable);
    const units = renewIds.length > 0 ? renewIds.length : amount;
    const fee = Math.round((product.productType === 3 ? (recharge ?? 0) : product.price * units) * 100) / 100;
    if (fee < method.min || fee > method.max) return reject(REJECTIONS.amountOutOfRange, `${method.min}-${method.max}`);
    return ok(orderView(key.createOrder(product, fee, now)));
  },
};

const closeOrder: Route = {
  method: 'POST',
  envelope: 'code0-message',
  handle({ params, key }) {
    const check = new Checker(params);
    const tradeNo = check.string('trade_no', { required: true });
    if (check.failed || tradeNo === undefined) return invalid(check);
    const order = key.orders.find((candidate) => candidate.tradeNo === tradeNo);
    if (!order) return reject(REJECTIONS.orderNotFound);
    if (order.status !== 0) return reject(REJECTIONS.orderNotClosable);
    order.status = 2;
    return ok();
  },
};

const paymentGroups: Route = {
  method: 'GET',
  envelope: 'code0-message',
  needsVerified: true,
  handle({ params }) {
    const check = new Checker(params);
    check.string('trade_no');
    return check.failed ? invalid(check) : ok({ list: PAYMENT_GROUPS });
  },
};

const giftRatio: Route = { method: 'GET', envelope: 'code0-msg', needsVerified: true, handle: () => ok({ list: RECHARGE_GIFTS }) };

/** The document marks user/info "not open yet"; the sandbox refuses it so clients learn to degrade. */
const userInfo: Route = { method: 'GET', envelope: 'code0-message', handle: () => reject(REJECTIONS.notOpen) };

export const BILLING_ROUTES: RouteTable = [
  ['order/list', orderList],
  ['order/create', createOrder],
  ['order/close', closeOrder],
  ['payment/groups', paymentGroups],
  ['activity/balance-recharge-gift-ratio', giftRatio],
  ['user/info', userInfo],
];
