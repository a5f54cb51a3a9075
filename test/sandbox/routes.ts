// One handler per endpoint under /api-gate-way/. Handlers validate, act on the key's state and return an
// Outcome; server.ts wraps it in the endpoint's envelope ({code:200,msg} or {code:0,message} or {code:0,msg}).
import { PAYMENT_GROUPS, RECHARGE_GIFTS, findPaymentMethod, findProduct } from './catalog.ts';
import { COUNTRIES, STATIC_REGIONS, findCountry } from './geo.ts';
import type { AccountView, KeyState, OrderRecord, PackageRecord, SandboxState } from './state.ts';
import { DAY, formatDateTime, formatIso, startOfDay } from './time.ts';
import { Checker, type FieldErrors, type Params } from './validate.ts';

/** Which success envelope an endpoint uses; the provider is inconsistent and clients must cope. */
export type Envelope = 'code200-msg' | 'code0-message' | 'code0-msg';

export type Outcome =
  | { kind: 'ok'; data: unknown }
  | { kind: 'reject'; code: number; message: string }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'text'; body: string };

export interface RouteContext {
  params: Params;
  key: KeyState;
  state: SandboxState;
  now: number;
}

export interface Route {
  method: 'GET' | 'POST';
  envelope: Envelope;
  /**
   * Refused with code 156 for keys whose owner has not passed real-name verification: the endpoints
   * whose codes the document lists with 156, every change and some reads (usage, packages, extraction,
   * the location lists, payment methods, the top-up bonus).
   */
  needsVerified?: boolean;
  handle(ctx: RouteContext): Outcome;
}

/** Business rejections (HTTP 200, code other than success). Codes and texts are the sandbox's choice. */
export const REJECTIONS = {
  accountExists: { code: 1001, message: '账户已存在' },
  accountNotFound: { code: 1002, message: '账户不存在' },
  regionUnsupported: { code: 1101, message: '暂不支持该国家或地区' },
  regionNoStock: { code: 1102, message: '该地区暂无可用IP' },
  productNotFound: { code: 2001, message: '套餐不存在' },
  paymentUnavailable: { code: 2002, message: '支付方式不可用' },
  amountOutOfRange: { code: 2003, message: '支付金额超出该支付方式的限额' },
  orderNotFound: { code: 2004, message: '订单不存在' },
  orderNotClosable: { code: 2005, message: '仅待支付的订单可以取消' },
  notOpen: { code: 403, message: '接口暂未开放' },
} as const;

const ok = (data: unknown = null): Outcome => ({ kind: 'ok', data });
const invalid = (checker: Checker): Outcome => ({ kind: 'invalid', errors: checker.errors });
function reject(rejection: { code: number; message: string }, detail?: string): Outcome {
  return { kind: 'reject', code: rejection.code, message: detail ? `${rejection.message}：${detail}` : rejection.message };
}

/** Slices a list for page/size style pagination (out-of-range pages are simply empty). */
function paginate<T>(items: readonly T[], page: number, size: number): { slice: T[]; totalPages: number } {
  return { slice: items.slice((page - 1) * size, page * size), totalPages: Math.ceil(items.length / size) };
}

// ---- proxy accounts ----

const listAccounts: Route = {
  method: 'GET',
  envelope: 'code200-msg',
  handle: ({ key }) => ok({ list: key.listAccounts() }),
};

const addAccounts: Route = {
  method: 'POST',
  envelope: 'code200-msg',
  needsVerified: true,
  handle({ params, key, now }) {
    const check = new Checker(params);
    const items = check.batch('accounts');
    const remark = check.remark('remark');
    const productType = check.integer('product_type', { min: 0 }) ?? 9;
    const pairs: [string, string][] = [];
    for (const item of items ?? []) {
      const parts = item.split(':');
      const [username, password] = parts;
      if (parts.length !== 2 || !username || !password) {
        check.fail('accounts', `格式错误，应为 username:password：${item}`);
        continue;
      }
      if (check.token('accounts', username, '账户名') && check.token('accounts', password, '密码')) pairs.push([username, password]);
    }
    if (check.failed || remark === undefined) return invalid(check);
    const taken = pairs.filter(([username]) => key.getAccount(username)).map(([username]) => username);
    if (taken.length > 0) return reject(REJECTIONS.accountExists, taken.join(','));
    for (const [username, password] of pairs) {
      key.addAccount({ username, password, remark, product_type: productType, usage_flow: 0, limit_flow: 0, status: 1 }, now);
    }
    return ok();
  },
};

/** delete / enable / disable: a batch "u1,u2"; any unknown name rejects the whole batch, nothing changes. */
function batchAction(apply: (key: KeyState, account: AccountView) => void): Route {
  return {
    method: 'POST',
    envelope: 'code200-msg',
    needsVerified: true,
    handle({ params, key }) {
      const check = new Checker(params);
      const names = (check.batch('accounts') ?? []).filter((name) => check.token('accounts', name, '账户名'));
      if (check.failed) return invalid(check);
      const accounts = names.map((name) => key.getAccount(name));
      const unknown = names.filter((_, i) => accounts[i] === undefined);
      if (unknown.length > 0) return reject(REJECTIONS.accountNotFound, unknown.join(','));
      for (const account of accounts) if (account) apply(key, account);
      return ok();
    },
  };
}

/** change-password / change-remark / change-limit: one `account` plus one field to set. */
function changeAction<T>(read: (check: Checker) => T | undefined, apply: (account: AccountView, value: T) => void): Route {
  return {
    method: 'POST',
    envelope: 'code200-msg',
    needsVerified: true,
    handle({ params, key }) {
      const check = new Checker(params);
      const account = check.string('account', { required: true });
      if (account !== undefined) check.token('account', account, '账户名');
      const value = read(check);
      if (check.failed || account === undefined || value === undefined) return invalid(check);
      const view = key.getAccount(account);
      if (!view) return reject(REJECTIONS.accountNotFound, account);
      apply(view, value);
      return ok();
    },
  };
}

const changePassword = changeAction(
  (check) => {
    const password = check.string('password', { required: true });
    return password !== undefined && check.token('password', password, '密码') ? password : undefined;
  },
  (account, password) => {
    account.password = password;
  },
);

const changeRemark = changeAction(
  (check) => check.remark('remark', { required: true }),
  (account, remark) => {
    account.remark = remark;
  },
);

const changeLimit = changeAction(
  (check) => check.integer('limit', { required: true, min: 0, max: 102_400 }),
  (account, limit) => {
    account.limit_flow = limit;
  },
);

// ---- usage ----

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

// ---- packages ----

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

// ---- IP extraction and locations ----

const LINE_BREAKS = { '1': '\r\n', '2': '\n', '3': '\r', '4': '\t' } as const;

const extractIps: Route = {
  method: 'GET',
  envelope: 'code200-msg',
  needsVerified: true,
  handle({ params, key, state }) {
    const check = new Checker(params);
    const cc = check.string('cc', { max: 8 });
    const region = check.string('state', { max: 64 });
    const city = check.string('city', { max: 64 });
    const format = check.oneOf('format', ['json', 'txt']) ?? 'json';
    const lb = check.oneOf('lb', ['1', '2', '3', '4']) ?? '1';
    const num = check.integer('num', { min: 1, max: 500 }) ?? 10;
    check.integer('life', { min: 1, max: 1440 });
    check.string('ep', { max: 16 });
    if (cc === undefined && (region !== undefined || city !== undefined)) check.fail('cc', '指定州/省或城市时必须指定国家或地区');
    if (check.failed) return invalid(check);
    if (cc !== undefined) {
      const country = findCountry(cc);
      if (!country) return reject(REJECTIONS.regionUnsupported, cc);
      const states = region === undefined ? Object.keys(country.states) : [region.toLowerCase()];
      const cities = states.flatMap((name) => country.states[name] ?? []);
      if (region !== undefined && !(region.toLowerCase() in country.states)) return reject(REJECTIONS.regionNoStock, region);
      if (city !== undefined && !cities.includes(city.toLowerCase())) return reject(REJECTIONS.regionNoStock, city);
    }
    const ips = key.extract(num);
    if (format === 'txt') return { kind: 'text', body: ips.join(LINE_BREAKS[lb]) };
    return ok({ list: state.ipListShape === 'nested' ? [ips] : ips });
  },
};

// Location lists are static: build them once.
const CITY_LIST = COUNTRIES.map((country) => ({
  name_zh_cn: country.zh,
  name_en: country.en,
  continent_code: country.continent,
  country_code: country.code,
  items: Object.entries(country.states).flatMap(([state, cities]) =>
    (cities.length > 0 ? cities : [null]).map((city) => ({ state, city, continent_code: country.continent, country_code: country.code })),
  ),
}));

const STATE_LIST = COUNTRIES.map((country) => ({
  name_zh_cn: country.zh,
  name_en: country.en,
  continent_code: country.continent,
  country_code: country.code,
  items: Object.keys(country.states).map((state) => ({ state, continent_code: country.continent, country_code: country.code })),
}));

const cityList: Route = { method: 'GET', envelope: 'code200-msg', needsVerified: true, handle: () => ok({ list: CITY_LIST }) };
const stateList: Route = { method: 'GET', envelope: 'code200-msg', needsVerified: true, handle: () => ok({ list: STATE_LIST }) };

const stateSearch: Route = {
  method: 'GET',
  envelope: 'code200-msg',
  needsVerified: true,
  handle({ params }) {
    const check = new Checker(params);
    const cc = check.string('country_code', { required: true });
    if (check.failed || cc === undefined) return invalid(check);
    const country = findCountry(cc);
    return ok({ list: country ? Object.keys(country.states) : [] });
  },
};

const citySearch: Route = {
  method: 'GET',
  envelope: 'code200-msg',
  needsVerified: true,
  handle({ params }) {
    const check = new Checker(params);
    const cc = check.string('country_code', { required: true });
    const state = check.string('state', { required: true });
    if (check.failed || cc === undefined || state === undefined) return invalid(check);
    return ok({ list: [...(findCountry(cc)?.states[state.toLowerCase()] ?? [])] });
  },
};

// ---- static IPs ----

const staticIps: Route = {
  method: 'GET',
  envelope: 'code200-msg',
  handle({ params, key }) {
    const check = new Checker(params);
    const cc = check.string('country_code')?.toUpperCase();
    const productType = check.integer('product_type');
    const tradeNo = check.string('trade_no');
    const page = check.integer('page', { min: 1 }) ?? 1;
    const size = check.integer('size', { min: 1, max: 1000 }) ?? 20;
    const status = check.integer('status', { min: 1, max: 4 });
    if (check.failed) return invalid(check);
    const matching = key.staticIps.filter(
      (ip) =>
        (cc === undefined || ip.country_code === cc) &&
        (productType === undefined || ip.product_type === productType) &&
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

// ---- orders, payment, marketing, user ----

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

export const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  ['whitelist-account/list', listAccounts],
  ['whitelist-account/add', addAccounts],
  ['whitelist-account/delete', batchAction((key, account) => key.deleteAccount(account.username))],
  ['whitelist-account/enable', batchAction((_key, account) => void (account.status = 1))],
  ['whitelist-account/disable', batchAction((_key, account) => void (account.status = 0))],
  ['whitelist-account/change-password', changePassword],
  ['whitelist-account/change-remark', changeRemark],
  ['whitelist-account/change-limit', changeLimit],
  ['user-usage-flow/total', usageTotal],
  ['user-product/list', productList],
  ['user-product/summary', productSummary],
  ['ip/v3', extractIps],
  ['ip/dynamic-citys', cityList],
  ['ip/dynamic-states', stateList],
  ['ip/dynamic-citys/search', citySearch],
  ['ip/dynamic-states/search', stateSearch],
  ['ip/get-static-ip', staticIps],
  ['static-ip-region', staticRegions],
  ['order/list', orderList],
  ['order/create', createOrder],
  ['order/close', closeOrder],
  ['payment/groups', paymentGroups],
  ['activity/balance-recharge-gift-ratio', giftRatio],
  ['user/info', userInfo],
]);
