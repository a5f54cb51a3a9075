// Traffic used per day and the purchased packages (user-usage-flow/*, user-product/*).
import type { PackageRecord } from '../state.ts';
import { DAY, formatDateTime, startOfDay } from '../time.ts';
import { Checker } from '../validate.ts';
import { invalid, ok, paginate, type Route, type RouteTable } from './route.ts';

const MAX_USAGE_RANGE_DAYS = 366;

const usageTotal: Route = {
  method: 'GET',
  envelope: 'code200-msg',
  needsVerified: true,
  handle({ params, key, now }) {
    const check = new Checker(params);
    const start = check.dateTime('start_time') ?? startOfDay(now) - 6 * DAY; // default: the last 7 calendar days
    const end = check.dateTime('end_time') ?? now;
    const username = check.string('username');
    const productType = check.integer('product_type');
    if (!check.failed && start > end) check.fail('start_time', 'start_time 不能晚于 end_time');
    if (!check.failed && end - start > MAX_USAGE_RANGE_DAYS * DAY) check.fail('end_time', `查询范围不能超过 ${MAX_USAGE_RANGE_DAYS} 天`);
    if (check.failed) return invalid(check);
    return ok({ list: key.usage(start, end, username, productType) });
  },
};

function packageView(pkg: PackageRecord) {
  return {
    id: pkg.id,
    created_at: formatDateTime(pkg.createdMs),
    expired_at: formatDateTime(pkg.expiredMs),
    product_type: pkg.productType,
    trade_no: pkg.tradeNo,
    order: { created_at: formatDateTime(pkg.orderCreatedMs), pay_at: formatDateTime(pkg.payMs), title: pkg.title },
  };
}

const productList: Route = {
  method: 'GET',
  envelope: 'code200-msg',
  needsVerified: true,
  handle({ params, key }) {
    const check = new Checker(params);
    const tradeNo = check.string('trade_no');
    const page = check.integer('page', { min: 1 }) ?? 1;
    const size = check.integer('size', { min: 1, max: 1000 }) ?? 20;
    const productType = check.integer('product_type');
    if (check.failed) return invalid(check);
    const matching = key.packages.filter(
      (pkg) => (tradeNo === undefined || pkg.tradeNo === tradeNo) && (productType === undefined || pkg.productType === productType),
    );
    const { slice, totalPages } = paginate(matching, page, size);
    return ok({ list: slice.map(packageView), page, page_size: size, total_count: matching.length, total_page: totalPages });
  },
};

const TEMPORARY_WINDOW = 7 * DAY;

const productSummary: Route = {
  method: 'GET',
  envelope: 'code200-msg',
  handle({ params, key, now }) {
    const check = new Checker(params);
    const productType = check.integer('product_type') ?? 9;
    if (!check.failed && productType !== 9 && productType !== 12) check.fail('product_type', 'product_type 仅支持 9 或 12');
    if (check.failed) return invalid(check);
    const sum = {
      total: 0, total_count: 0, effective: 0, effective_count: 0, effective_total: 0, effective_used: 0,
      temporary: 0, temporary_count: 0, expired: 0, expired_count: 0, used: 0,
    };
    for (const pkg of key.packages) {
      if (pkg.productType !== productType) continue;
      const total = pkg.totalKb ?? 0;
      const used = pkg.usedKb ?? 0;
      sum.total += total;
      sum.total_count++;
      sum.used += used;
      if (pkg.expiredMs <= now) {
        sum.expired += total - used;
        sum.expired_count++;
        continue;
      }
      sum.effective += total - used;
      sum.effective_count++;
      sum.effective_total += total;
      sum.effective_used += used;
      if (pkg.expiredMs - now <= TEMPORARY_WINDOW) {
        sum.temporary += total - used;
        sum.temporary_count++;
      }
    }
    return ok(sum);
  },
};

export const USAGE_ROUTES: RouteTable = [
  ['user-usage-flow/total', usageTotal],
  ['user-product/list', productList],
  ['user-product/summary', productSummary],
];
