/**
 * zod schemas for every answer of the API: the single source of the response types (`z.infer`).
 *
 * Objects are loose (unknown fields pass through, the provider adds fields without notice), product
 * types are any integer, and a few habits of PHP back ends are absorbed where they cost nothing: a
 * numeric string where a number is documented, `null` where a string or list is documented.
 * Anything else that does not match is a `malformed` error naming the field.
 */
import { z } from '../zod.ts';

/** A number, or a string holding one ("0.10"). */
const num = z.union([z.number(), z.pipe(z.string().check(z.trim(), z.regex(/^-?\d+(\.\d+)?$/)), z.transform(Number))]);
const int = z.pipe(num, z.number().check(z.int()));
/** A string that may come as null. */
const text = z.pipe(z.nullish(z.string()), z.transform((value) => value ?? ''));
/** A list that may come as null when empty. */
const listOf = <T extends z.ZodMiniType>(item: T) => z.pipe(z.nullish(z.array(item)), z.transform((value) => value ?? []));

/** `{ code, msg | message, data }`: success is code 200 on most endpoints and 0 on the order family. */
export const envelopeSchema = z.looseObject({
  code: int,
  msg: z.nullish(z.string()),
  message: z.nullish(z.string()),
  data: z.optional(z.unknown()),
  errors: z.optional(z.unknown()),
});

// ---- proxy accounts ----
export const accountSchema = z.looseObject({
  id: int,
  username: z.string(),
  password: z.string(),
  created_at: text,
  remark: text,
  product_type: int,
  /** Traffic used, in KB. */
  usage_flow: num,
  /** Traffic cap in GB; 0 means no cap. */
  limit_flow: num,
  /** 1 enabled, 0 disabled. */
  status: int,
});
export const accountListSchema = z.looseObject({ list: listOf(accountSchema) });

// ---- usage ----
export const usageDaySchema = z.looseObject({ day: z.string(), flow: num });
export const usageSchema = z.looseObject({ list: listOf(usageDaySchema) });

// ---- packages ----
export const packageSchema = z.looseObject({
  id: int,
  created_at: text,
  /** When the package's traffic stops working. */
  expired_at: text,
  product_type: int,
  trade_no: text,
  order: z.nullish(z.looseObject({ created_at: text, pay_at: text, title: text })),
});
export const packagePageSchema = z.looseObject({
  list: listOf(packageSchema),
  page: int,
  page_size: int,
  total_count: int,
  total_page: int,
});
/** All figures in KB; "temporary" means expiring within 7 days. */
export const packageSummarySchema = z.looseObject({
  total: num,
  total_count: int,
  effective: num,
  effective_count: int,
  effective_total: num,
  effective_used: num,
  temporary: num,
  temporary_count: int,
  expired: num,
  expired_count: int,
  used: num,
});

// ---- IP extraction ----
const HOST_PORT = /^\[?([0-9A-Za-z.:-]+?)\]?:(\d{1,5})$/;
/** `"ip:port"` as the API writes it, parsed into parts. */
export const hostPortSchema = z.pipe(
  z.string().check(z.trim()),
  z.transform((value: string, ctx) => {
    const match = HOST_PORT.exec(value);
    const port = match ? Number(match[2]) : 0;
    if (!match || port < 1 || port > 65_535) {
      // zod/mini's transform context has no `addIssue`: the issue goes in as classic zod's would add it.
      ctx.issues.push({ code: 'custom', message: `not an ip:port: ${value.slice(0, 40)}`, input: value });
      return z.NEVER;
    }
    return { host: match[1]!, port };
  }),
);
/** The document's example nests the list in an inner array; public answers are flat. Accept both. */
export const extractedSchema = z.looseObject({
  list: z.pipe(listOf(z.union([hostPortSchema, z.array(hostPortSchema)])), z.transform((items) => items.flat())),
});

const locationItemSchema = z.looseObject({
  state: z.nullish(z.string()),
  city: z.nullish(z.string()),
  continent_code: z.nullish(z.string()),
  country_code: z.nullish(z.string()),
});
export const countrySchema = z.looseObject({
  name_zh_cn: text,
  name_en: text,
  continent_code: text,
  country_code: z.string(),
  items: listOf(locationItemSchema),
});
export const countryListSchema = z.looseObject({ list: listOf(countrySchema) });
export const nameListSchema = z.looseObject({ list: listOf(z.string()) });

// ---- static IPs (the answer's shape is undocumented: find the list, keep what is recognisable) ----
const optionalText = z.pipe(
  z.nullish(z.union([z.string(), z.number()])),
  z.transform((value) => (value == null || value === '' ? undefined : String(value))),
);
// `z.optional` matters: zod 4 refuses an absent key whose schema is a bare pipe of `unknown()` into a transform.
const optionalInt = z.optional(
  z.pipe(
    z.unknown(),
    z.transform((value) => {
      const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof parsed === 'number' && Number.isInteger(parsed) ? parsed : undefined;
    }),
  ),
);
export const staticIpSchema = z.pipe(
  z.looseObject({
    id: optionalInt,
    ip: optionalText,
    host: optionalText,
    port: optionalInt,
    username: optionalText,
    password: optionalText,
    country_code: optionalText,
    city: optionalText,
    product_type: optionalInt,
    status: optionalInt,
    trade_no: optionalText,
    expired_at: optionalText,
  }),
  z.transform((item) => {
    // "1.2.3.4:8000" in the ip field is split, so every entry has host and port where the answer has them.
    const address = item.ip ?? item.host;
    const split = address && item.port === undefined ? HOST_PORT.exec(address) : null;
    return { ...item, host: split ? split[1]! : address, port: split ? Number(split[2]) : item.port };
  }),
);
const staticIpArray = z.pipe(
  z.array(z.unknown()),
  z.transform((items) =>
    items.flatMap((item) => {
      const parsed = staticIpSchema.safeParse(item);
      return parsed.success && parsed.data.host ? [parsed.data] : [];
    }),
  ),
);
/** Classic zod's `preprocess` is this pipe: a transform of the raw answer into the schema. */
export const staticIpPageSchema = z.pipe(
  z.transform((data: unknown): unknown => {
    if (Array.isArray(data)) return { list: data };
    if (data && typeof data === 'object') {
      const record = data as Record<string, unknown>;
      const list = [record.list, record.items, record.data, record.rows].find(Array.isArray) ?? [];
      // The paged lists the document does describe (user-product/list) name the count total_count.
      return { ...record, list, total: record.total ?? record.total_count };
    }
    return { list: [] };
  }),
  z.looseObject({ list: staticIpArray, total: optionalInt, page: optionalInt }),
);
export const staticIpStockSchema = z.looseObject({ list: listOf(z.looseObject({ code: z.string(), number: int })) });

// ---- orders, user, payment, marketing (code 0 family) ----
export const orderSchema = z.looseObject({
  id: int,
  trade_no: z.string(),
  product_id: z.nullish(int),
  product_name: text,
  total_fee: num,
  pay_fee: num,
  /** One of `ORDER_STATUS` (lib/shared/products.ts); any integer passes, as for product types. */
  status: int,
  created_at: text,
});
export const orderPageSchema = z.looseObject({
  list: listOf(orderSchema),
  pagination: z.looseObject({ total: int, page_no: int, page_size: int, total_pages: int }),
});
export const userSchema = z.looseObject({
  id: int,
  email: text,
  phone: text,
  balance: num,
  status: int,
  is_real_name: z.boolean(),
  created_at: text,
});
export const paymentMethodSchema = z.looseObject({
  id: int,
  title: text,
  logo: text,
  group: text,
  disabled: z.pipe(z.nullish(z.boolean()), z.transform((value) => value ?? false)),
  min: z.nullish(num),
  max: z.nullish(num),
});
export const paymentGroupListSchema = z.looseObject({
  list: listOf(z.looseObject({ name: text, logos: listOf(z.string()), items: listOf(paymentMethodSchema) })),
});
export const giftRatioListSchema = z.looseObject({ list: listOf(z.looseObject({ amount: num, ratio: num })) });

export type Account = z.infer<typeof accountSchema>;
export type UsageDay = z.infer<typeof usageDaySchema>;
export type Package = z.infer<typeof packageSchema>;
export type PackagePage = z.infer<typeof packagePageSchema>;
export type PackageSummary = z.infer<typeof packageSummarySchema>;
export type ExtractedIp = z.output<typeof hostPortSchema>;
export type Country = z.infer<typeof countrySchema>;
export type StaticIp = z.output<typeof staticIpSchema>;
export type StaticIpPage = z.output<typeof staticIpPageSchema>;
export type StaticIpStock = z.infer<typeof staticIpStockSchema>['list'][number];
export type Order = z.infer<typeof orderSchema>;
export type OrderPage = z.infer<typeof orderPageSchema>;
export type User = z.infer<typeof userSchema>;
export type PaymentGroup = z.infer<typeof paymentGroupListSchema>['list'][number];
export type GiftRatio = z.infer<typeof giftRatioListSchema>['list'][number];
