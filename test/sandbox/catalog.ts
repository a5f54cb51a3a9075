// Fixed provider-side data: products that can be ordered, payment methods and recharge gifts.

export interface Product {
  id: number;
  productType: number;
  name: string;
  /** Package title as user-product/list shows it in order.title. */
  title: string;
  price: number;
  /** Traffic in GB for traffic packages (types 9 and 12), else undefined. */
  trafficGb?: number;
  /** How long a package lasts once paid. */
  days: number;
}

export const PRODUCTS: readonly Product[] = [
  { id: 101, productType: 9, name: '动态住宅流量套餐', title: '入门级', price: 15, trafficGb: 5, days: 30 },
  { id: 102, productType: 9, name: '动态住宅流量套餐', title: '基础版', price: 50, trafficGb: 20, days: 60 },
  { id: 103, productType: 9, name: '动态住宅流量套餐', title: '进阶版', price: 110, trafficGb: 50, days: 90 },
  { id: 104, productType: 9, name: '动态住宅流量套餐', title: '专业版', price: 200, trafficGb: 100, days: 90 },
  { id: 105, productType: 9, name: '动态住宅流量套餐', title: '企业版', price: 900, trafficGb: 500, days: 180 },
  { id: 121, productType: 12, name: '长效IDC流量套餐', title: '长效IDC 10GB', price: 20, trafficGb: 10, days: 30 },
  { id: 122, productType: 12, name: '长效IDC流量套餐', title: '长效IDC 50GB', price: 85, trafficGb: 50, days: 90 },
  { id: 111, productType: 11, name: '动态全球包时套餐V2', title: '包时 1天', price: 30, days: 1 },
  { id: 112, productType: 11, name: '动态全球包时套餐V2', title: '包时 7天', price: 180, days: 7 },
  { id: 141, productType: 14, name: '数据中心静态IP套餐', title: '数据中心IP 30天', price: 3, days: 30 },
  { id: 251, productType: 25, name: '住宅静态IP套餐', title: '住宅静态IP 30天', price: 6, days: 30 },
  { id: 252, productType: 25, name: '住宅静态IP套餐', title: '住宅静态IP 90天', price: 16, days: 90 },
  { id: 31, productType: 3, name: '余额充值', title: '余额充值', price: 1, days: 0 },
  // A type this client has never heard of: the provider keeps adding products.
  { id: 991, productType: 99, name: '新产品内测套餐', title: '内测版', price: 9.9, days: 30 },
];

export const PACKAGE_PRODUCTS = PRODUCTS.filter((product) => product.productType !== 3);

export function findProduct(id: number): Product | undefined {
  return PRODUCTS.find((product) => product.id === id);
}

export interface PaymentMethod {
  id: number;
  title: string;
  logo: string;
  group: string;
  disabled: boolean;
  min: number;
  max: number;
}

export interface PaymentGroup {
  name: string;
  logos: string[];
  items: PaymentMethod[];
}

const logo = (name: string): string => `https://example.com/payment/${name}.png`;

export const PAYMENT_GROUPS: readonly PaymentGroup[] = [
  {
    name: '在线支付',
    logos: [logo('alipay'), logo('card'), logo('paypal')],
    items: [
      { id: 1, title: '支付宝', logo: logo('alipay'), group: 'online', disabled: false, min: 1, max: 5000 },
      { id: 2, title: '信用卡', logo: logo('card'), group: 'online', disabled: false, min: 5, max: 10000 },
      { id: 3, title: 'PayPal', logo: logo('paypal'), group: 'online', disabled: true, min: 5, max: 3000 },
    ],
  },
  {
    name: '加密货币',
    logos: [logo('usdt'), logo('btc')],
    items: [
      { id: 11, title: 'USDT-TRC20', logo: logo('usdt'), group: 'crypto', disabled: false, min: 10, max: 50000 },
      { id: 12, title: 'BTC', logo: logo('btc'), group: 'crypto', disabled: false, min: 50, max: 50000 },
    ],
  },
  {
    name: '余额支付',
    logos: [logo('balance')],
    items: [{ id: 21, title: '账户余额', logo: logo('balance'), group: 'balance', disabled: false, min: 0, max: 100000 }],
  },
];

export function findPaymentMethod(id: number): PaymentMethod | undefined {
  return PAYMENT_GROUPS.flatMap((group) => group.items).find((method) => method.id === id);
}

export const RECHARGE_GIFTS: readonly { amount: number; ratio: number }[] = [
  { amount: 100, ratio: 1.05 },
  { amount: 500, ratio: 1.1 },
  { amount: 1000, ratio: 1.15 },
  { amount: 5000, ratio: 1.2 },
];
