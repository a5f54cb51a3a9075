// Purchased static IPs (ip/get-static-ip) and the stock on sale per region (static-ip-region).
import { STATIC_REGIONS } from '../geo.ts';
import { Checker } from '../validate.ts';
import { invalid, ok, paginate, type Route, type RouteTable } from './route.ts';

const staticIps: Route = {
  method: 'GET',
  envelope: 'code200-msg',
  handle({ params, key }) {
    const check = new Checker(params);
    const cc = check.string('country_code')?.toUpperCase();
    // The document lists only these two: 25 residential, 14 datacenter.
    const productType = check.oneOf('product_type', ['25', '14']);
    const tradeNo = check.string('trade_no');
    const page = check.integer('page', { min: 1 }) ?? 1;
    const size = check.integer('size', { min: 1, max: 1000 }) ?? 20;
    const status = check.integer('status', { min: 1, max: 4 });
    if (check.failed) return invalid(check);
    const matching = key.staticIps.filter(
      (ip) =>
        (cc === undefined || ip.country_code === cc) &&
        (productType === undefined || ip.product_type === Number(productType)) &&
        (tradeNo === undefined || ip.trade_no === tradeNo) &&
        (status === undefined || ip.status === status),
    );
    return ok({ list: paginate(matching, page, size).slice, total: matching.length, page, size });
  },
};

const staticRegions: Route = {
  method: 'GET',
  envelope: 'code200-msg',
  handle({ params }) {
    const check = new Checker(params);
    const isp = check.oneOf('isp', ['1', '0']) ?? '1';
    if (check.failed) return invalid(check);
    return ok({ list: STATIC_REGIONS[isp] });
  },
};

export const STATIC_IP_ROUTES: RouteTable = [
  ['ip/get-static-ip', staticIps],
  ['static-ip-region', staticRegions],
];
