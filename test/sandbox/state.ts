// Per-key state of the sandbox provider: proxy accounts, packages, orders and static IPs, generated
// deterministically from (seed, key) and mutated for real by the account and order endpoints.
import { PACKAGE_PRODUCTS, PRODUCTS, type Product } from './catalog.ts';
import { COUNTRIES, STATIC_REGIONS } from './geo.ts';
import { Random, hashString, unitHash } from './random.ts';
import { DAY, HOUR, MINUTE, compactStamp, formatDateTime, formatDay, startOfDay } from './time.ts';

const KB_PER_GB = 1024 * 1024;

/** One proxy account exactly as whitelist-account/list returns it (kept in that shape so listing is cheap). */
export interface AccountView {
  id: number;
  username: string;
  password: string;
  created_at: string;
  remark: string;
  product_type: number;
  usage_flow: number;
  limit_flow: number;
  status: 0 | 1;
}

interface StoredAccount {
  view: AccountView;
  createdMs: number;
}

export interface PackageRecord {
  id: number;
  productType: number;
  title: string;
  tradeNo: string;
  createdMs: number;
  expiredMs: number;
  orderCreatedMs: number;
  payMs: number;
  /** Traffic packages only (types 9 and 12): the user-product/summary figures come from these. */
  totalKb?: number;
  usedKb?: number;
}

export type OrderStatus = 0 | 1 | 2 | 3;

export interface OrderRecord {
  id: number;
  tradeNo: string;
  productId: number;
  productName: string;
  productType: number;
  totalFee: number;
  payFee: number;
  status: OrderStatus;
  createdMs: number;
}

/** A purchased static IP; the real shape is undocumented, this one is a plausible guess. */
export interface StaticIpView {
  id: number;
  ip: string;
  port: number;
  username: string;
  password: string;
  country_code: string;
  city: string;
  product_type: 14 | 25;
  status: 1 | 2 | 3 | 4;
  trade_no: string;
  expired_at: string;
  created_at: string;
}

export interface KeyOptions {
  /** Real-name verified; unverified keys get code 156 where the document lists it (routes.ts). Default true. */
  verified?: boolean;
  /** Seeded proxy accounts. Default 25. */
  accounts?: number;
}

export type IpListShape = 'nested' | 'flat';

const USERNAME_PREFIXES = ['shop', 'amz', 'tk', 'fb', 'crawler', 'seo', 'ads', 'team', 'dev', 'ig', 'ebay', 'mkt', 'test', 'yt'];
const REMARKS = [
  '亚马逊店铺', '测试账号', 'TikTok 美区', '爬虫-电商', '备用', 'Facebook广告投放', '客户A专用', 'SEO rank tracking',
  '社媒矩阵 #3', 'price monitor', '日本站点', '临时-勿删', 'QA team', '数据采集（夜间）',
];
const UNKNOWN_PRODUCT_TYPE = 99;

/** Documentation-only address blocks (RFC 5737): extracted IPs never point at real hosts. */
const EXTRACT_HOSTS = [
  ...Array.from({ length: 254 }, (_, i) => `198.51.100.${i + 1}`),
  ...Array.from({ length: 254 }, (_, i) => `203.0.113.${i + 1}`),
];
const PORTS_PER_HOST = 10;

export class KeyState {
  readonly key: string;
  readonly verified: boolean;
  readonly seed: number;
  readonly packages: PackageRecord[] = [];
  readonly orders: OrderRecord[] = [];
  readonly staticIps: StaticIpView[] = [];
  private readonly accounts = new Map<string, StoredAccount>();
  private readonly random: Random;
  private nextAccountId = 10_231;
  private nextOrderId = 50_001;
  private extracted = 0;

  constructor(key: string, options: KeyOptions, sandboxSeed: number, now: number) {
    this.key = key;
    this.verified = options.verified ?? true;
    this.seed = hashString(key, sandboxSeed);
    this.random = new Random(this.seed);
    seedAccounts(this, this.random, options.accounts ?? 25, now);
    seedPurchases(this, this.random, now);
  }

  // ---- proxy accounts ----

  listAccounts(): AccountView[] {
    return Array.from(this.accounts.values(), (account) => account.view);
  }

  getAccount(username: string): AccountView | undefined {
    return this.accounts.get(username)?.view;
  }

  addAccount(fields: Omit<AccountView, 'id' | 'created_at'>, createdMs: number): AccountView {
    // Field order as in the document, so raw answers read like the real thing.
    const view: AccountView = {
      id: this.nextAccountId++,
      username: fields.username,
      password: fields.password,
      created_at: formatDateTime(createdMs),
      remark: fields.remark,
      product_type: fields.product_type,
      usage_flow: fields.usage_flow,
      limit_flow: fields.limit_flow,
      status: fields.status,
    };
    this.accounts.set(view.username, { view, createdMs });
    return view;
  }

  deleteAccount(username: string): void {
    this.accounts.delete(username);
  }

  /**
   * Per-day traffic in KB over [startMs, endMs], summed over the matching accounts. Each (account, day)
   * figure is a pure hash of the key seed, the username and the day, so it is stable across calls and
   * processes; an account contributes nothing before it existed, and nothing at all once deleted.
   */
  usage(startMs: number, endMs: number, username?: string, productType?: number): { day: string; flow: number }[] {
    const firstDay = startOfDay(startMs);
    const days: { day: string; flow: number }[] = [];
    const matching = [...this.accounts.values()].filter(
      ({ view }) => (username === undefined || view.username === username) && (productType === undefined || view.product_type === productType),
    );
    const names = matching.map(({ view }) => hashString(view.username));
    for (let dayStart = firstDay; dayStart <= endMs; dayStart += DAY) {
      const dayNumber = Math.floor(dayStart / DAY);
      let flow = 0;
      matching.forEach((account, i) => {
        if (account.createdMs >= dayStart + DAY) return;
        const name = names[i] ?? 0;
        const activity = unitHash(this.seed, name); // some accounts are busy, most are quiet
        const roll = unitHash(this.seed, name, dayNumber);
        if (roll < 0.3) return; // idle day
        flow += Math.floor(activity * activity * roll * 1.5 * KB_PER_GB);
      });
      days.push({ day: formatDay(dayStart), flow });
    }
    return days;
  }

  // ---- orders ----

  createOrder(product: Product, totalFee: number, now: number): OrderRecord {
    const order: OrderRecord = {
      id: this.nextOrderId++,
      tradeNo: this.tradeNo(now),
      productId: product.id,
      productName: `${product.name}-${product.title}`,
      productType: product.productType,
      totalFee,
      payFee: totalFee,
      status: 0,
      createdMs: now,
    };
    this.orders.unshift(order); // newest first, like the provider's order page
    return order;
  }

  tradeNo(ms: number): string {
    return compactStamp(ms) + this.random.digits(14);
  }

  // ---- IP extraction ----

  /**
   * The next `count` gateway addresses. A running counter walks hosts and ports so that addresses never
   * repeat within a key (thousands over many calls), like the document's "150.109.114.72:1140" series.
   */
  extract(count: number): string[] {
    const out: string[] = [];
    for (let n = 0; n < count; n++) {
      const i = this.extracted++;
      const host = EXTRACT_HOSTS[Math.floor(i / PORTS_PER_HOST) % EXTRACT_HOSTS.length];
      const port = 1140 + (i % PORTS_PER_HOST) + PORTS_PER_HOST * Math.floor(i / (PORTS_PER_HOST * EXTRACT_HOSTS.length));
      out.push(`${host}:${port}`);
    }
    return out;
  }
}

function seedAccounts(state: KeyState, random: Random, count: number, now: number): void {
  const width = Math.max(2, String(count).length);
  const span = 400 * DAY;
  for (let i = 0; i < count; i++) {
    // Spread creation times over ~400 days, oldest first, so ids and dates both ascend.
    const createdMs = now - span + Math.floor(((i + random.float()) / Math.max(count, 1)) * (span - DAY));
    const productType =
      i % 17 === 7 ? UNKNOWN_PRODUCT_TYPE : random.weighted<number>([[9, 55], [11, 15], [14, 12], [25, 18]]);
    const limitGb = random.chance(0.4) ? 0 : random.pick([1, 2, 5, 10, 20, 50, 100, 500]);
    let usageKb: number;
    if (limitGb > 0 && i % 6 === 2) usageKb = Math.floor(limitGb * KB_PER_GB * (0.9 + random.float() * 0.09)); // near the cap
    else if (limitGb > 0 && i % 11 === 5) usageKb = Math.floor(limitGb * KB_PER_GB * (1 + random.float() * 0.15)); // over it (accounting lags)
    else if (limitGb > 0) usageKb = Math.floor(limitGb * KB_PER_GB * random.float() * 0.8);
    else usageKb = random.chance(0.15) ? 0 : Math.floor(random.float() * 200 * KB_PER_GB);
    state.addAccount(
      {
        username: `${random.pick(USERNAME_PREFIXES)}${String(i + 1).padStart(width, '0')}`,
        password: random.alnum(random.int(8, 14)),
        remark: random.chance(0.3) ? '' : random.pick(REMARKS),
        product_type: productType,
        usage_flow: usageKb,
        limit_flow: limitGb,
        status: i % 9 === 4 || random.chance(0.08) ? 0 : 1,
      },
      createdMs,
    );
  }
}

/** ~45 packages (each with its paid order), extra orders in every status, and static IPs for IP packages. */
function seedPurchases(state: KeyState, random: Random, now: number): void {
  const packageCount = 45;
  for (let i = 0; i < packageCount; i++) {
    const product = i % 23 === 11 ? PRODUCTS.find((p) => p.productType === UNKNOWN_PRODUCT_TYPE) : random.pick(PACKAGE_PRODUCTS);
    if (!product) continue;
    const lifetime = Math.max(product.days, 1) * DAY;
    let createdMs: number;
    if (i % 10 === 3) createdMs = Math.min(now - HOUR, now + random.int(1, 6) * DAY + random.int(0, 23) * HOUR - lifetime); // expires within 7 days
    else if (i % 5 === 1) createdMs = now - lifetime - random.int(1, 300) * DAY; // already expired
    else createdMs = now - Math.floor(random.float() * (lifetime - 8 * DAY > 0 ? lifetime - 8 * DAY : 0)) - HOUR; // valid > 7 days
    const orderCreatedMs = createdMs - random.int(20, 600) * 1000;
    const payMs = orderCreatedMs + random.int(5, 15) * 1000;
    const record: PackageRecord = {
      id: 3001 + i,
      productType: product.productType,
      title: product.title,
      tradeNo: state.tradeNo(orderCreatedMs),
      createdMs,
      expiredMs: createdMs + lifetime,
      orderCreatedMs,
      payMs,
    };
    if (product.trafficGb !== undefined) {
      record.totalKb = product.trafficGb * KB_PER_GB;
      record.usedKb = Math.floor(record.totalKb * random.float() * (record.expiredMs < now ? 1 : 0.9));
    }
    state.packages.push(record);
    const fee = product.price;
    state.orders.push({
      id: 40_001 + i,
      tradeNo: record.tradeNo,
      productId: product.id,
      productName: `${product.name}-${product.title}`,
      productType: product.productType,
      totalFee: fee,
      payFee: random.chance(0.2) ? Math.round(fee * 90) / 100 : fee, // some paid with a coupon
      status: 1,
      createdMs: orderCreatedMs,
    });
    if (product.productType === 14 || product.productType === 25) seedStaticIps(state, random, record, product.productType, now);
  }
  // Orders without packages: unpaid (recent), cancelled, refunded, balance top-ups.
  const extras: [OrderStatus, number][] = [[0, 3], [2, 6], [3, 2], [1, 5]];
  let extraId = 40_101;
  for (const [status, count] of extras) {
    for (let n = 0; n < count; n++) {
      const product = status === 1 ? PRODUCTS.find((p) => p.productType === 3) : random.pick(PACKAGE_PRODUCTS);
      if (!product) continue;
      const createdMs = status === 0 ? now - random.int(1, 25) * MINUTE : now - random.int(1, 200) * DAY;
      const fee = product.productType === 3 ? random.pick([50, 100, 500, 1000]) : product.price;
      state.orders.push({
        id: extraId++,
        tradeNo: state.tradeNo(createdMs),
        productId: product.id,
        productName: `${product.name}-${product.title}`,
        productType: product.productType,
        totalFee: fee,
        payFee: fee,
        status,
        createdMs,
      });
    }
  }
  state.orders.sort((a, b) => b.createdMs - a.createdMs);
  state.packages.sort((a, b) => b.createdMs - a.createdMs);
}

function seedStaticIps(state: KeyState, random: Random, pkg: PackageRecord, productType: 14 | 25, now: number): void {
  const regions = STATIC_REGIONS[productType === 25 ? '1' : '0'];
  const count = random.int(1, 4);
  for (let n = 0; n < count; n++) {
    const id = 7001 + state.staticIps.length;
    const region = random.pick(regions);
    const country = COUNTRIES.find((c) => c.code === region.code);
    const cities = country ? Object.values(country.states).flat() : [];
    let status: StaticIpView['status'];
    if (pkg.expiredMs <= now) status = 2;
    else if (pkg.expiredMs - now < 7 * DAY) status = 3;
    else status = random.chance(0.1) ? 4 : 1;
    state.staticIps.push({
      id,
      // TEST-NET-1 (RFC 5737), distinct from the extraction ranges.
      ip: `192.0.2.${(id % 254) + 1}`,
      port: random.int(10_000, 60_000),
      username: `sip${random.alnum(6)}`,
      password: random.alnum(10),
      country_code: region.code,
      city: cities.length > 0 ? random.pick(cities) : '',
      product_type: productType,
      status,
      trade_no: pkg.tradeNo,
      expired_at: formatDateTime(pkg.expiredMs),
      created_at: formatDateTime(pkg.createdMs),
    });
  }
}

/** All keys of one sandbox. reset() regenerates every key from its options, so fixtures survive a reset. */
export class SandboxState {
  /** Shape of ip/v3 data.list: the document's nested [["ip:port", ...]] or a flat ["ip:port", ...]. */
  ipListShape: IpListShape = 'nested';
  readonly seed: number;
  /** The clock everything reads; tests may replace it. */
  now: () => number = () => Date.now();
  private readonly options = new Map<string, KeyOptions>();
  private readonly keys = new Map<string, KeyState>();

  constructor(seed: number) {
    this.seed = seed;
  }

  addKey(key: string, options: KeyOptions = {}): KeyState {
    const state = new KeyState(key, options, this.seed, this.now());
    this.options.set(key, options);
    this.keys.set(key, state);
    return state;
  }

  getKey(key: string): KeyState | undefined {
    return this.keys.get(key);
  }

  reset(): void {
    this.ipListShape = 'nested';
    for (const [key, options] of this.options) this.keys.set(key, new KeyState(key, options, this.seed, this.now()));
  }
}
