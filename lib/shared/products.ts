/**
 * The provider's numbers for its products and for the states of orders and static IPs, declared once
 * for the pages, the API's input rules and the background's warnings (their names are in
 * product-names.ts, which the popup's first view loads without these lists).
 * The lists are written out, not computed: a call at the top of a module the API's input rules read
 * would keep those modules, and zod with them, in every page that imports their types.
 */
/** The product types known by name (the document's common ones), in the order the filters offer them. */
export const KNOWN_PRODUCT_TYPES = [9, 11, 12, 13, 14, 15, 25] as const;
export type KnownProductType = (typeof KNOWN_PRODUCT_TYPES)[number];

/** The two traffic products user-product/summary answers for: dynamic traffic and long-term IDC traffic. */
export const SUMMARY_PRODUCT_TYPES = [9, 12] as const satisfies readonly KnownProductType[];
export type SummaryProductType = (typeof SUMMARY_PRODUCT_TYPES)[number];
/** The type the API summarises when none is named. */
export const DEFAULT_SUMMARY_PRODUCT_TYPE: SummaryProductType = 9;

/** The product types that can be added as proxy accounts (whitelist-account/add). */
export const ACCOUNT_PRODUCT_TYPES = [9, 11, 14, 25] as const satisfies readonly KnownProductType[];
export type AccountProductType = (typeof ACCOUNT_PRODUCT_TYPES)[number];

/** The two kinds of static IP, as get-static-ip filters them. */
export const STATIC_PRODUCT_TYPES = { residential: 25, datacenter: 14 } as const satisfies Record<string, KnownProductType>;
export type StaticProductType = (typeof STATIC_PRODUCT_TYPES)[keyof typeof STATIC_PRODUCT_TYPES];
export const STATIC_PRODUCT_TYPE_LIST = [STATIC_PRODUCT_TYPES.residential, STATIC_PRODUCT_TYPES.datacenter] as const;

/** A static IP's state as get-static-ip reports and filters it. */
export const STATIC_IP_STATUS = { valid: 1, invalid: 2, expiring: 3, maintenance: 4 } as const;
export type StaticIpStatus = (typeof STATIC_IP_STATUS)[keyof typeof STATIC_IP_STATUS];
export const STATIC_IP_STATUS_LIST = [STATIC_IP_STATUS.valid, STATIC_IP_STATUS.invalid, STATIC_IP_STATUS.expiring, STATIC_IP_STATUS.maintenance] as const;

/** An order's state; "cancelled" is an order not paid in time. */
export const ORDER_STATUS = { unpaid: 0, paid: 1, cancelled: 2, refunded: 3 } as const;
export type OrderStatus = (typeof ORDER_STATUS)[keyof typeof ORDER_STATUS];
export const ORDER_STATUS_LIST = [ORDER_STATUS.unpaid, ORDER_STATUS.paid, ORDER_STATUS.cancelled, ORDER_STATUS.refunded] as const;
