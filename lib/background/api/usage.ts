/** Traffic used per day and the purchased packages (user-usage-flow/*, user-product/*). */
import { z } from '../zod.ts';
import { accountName, checkParams, dateTime, positiveInt, productType } from './params.ts';
import { packagePageSchema, packageSummarySchema, usageSchema, type PackagePage, type PackageSummary, type UsageDay } from './schemas.ts';
import type { Transport } from './transport.ts';
import { SUMMARY_PRODUCT_TYPES } from '../../shared/products.ts';

export const usageParams = z
  .object({
    /** `YYYY-MM-DD HH:mm:ss`; the API defaults to 7 days ago. */
    startTime: z.optional(dateTime),
    /** `YYYY-MM-DD HH:mm:ss`; the API defaults to now. */
    endTime: z.optional(dateTime),
    /** One account; same-named accounts (deleted and re-added) are summed by the API. */
    username: z.optional(accountName),
    productType: z.optional(productType),
  })
  .check(
    // The fixed-width format sorts as text, so a string comparison orders the times.
    z.refine(({ startTime, endTime }) => !startTime || !endTime || startTime <= endTime, {
      path: ['endTime'],
      message: 'the end is before the start',
    }),
  );

export const packageListParams = z.object({
  /** The full order number; the API does no fuzzy search. */
  tradeNo: z.optional(z.string().check(z.trim(), z.minLength(1))),
  page: z.optional(positiveInt),
  size: z.optional(positiveInt),
  productType: z.optional(productType),
});

export const packageSummaryParams = z.object({
  productType: z.optional(z.literal(SUMMARY_PRODUCT_TYPES)),
});

export function usageApi(transport: Transport) {
  return {
    /** Traffic per day in KB over a range (logs lag up to 5 minutes). */
    async usageByDay(input: z.input<typeof usageParams> = {}): Promise<UsageDay[]> {
      const path = 'user-usage-flow/total';
      const p = checkParams(path, usageParams, input);
      const params = { start_time: p.startTime, end_time: p.endTime, username: p.username, product_type: p.productType };
      return (await transport.get(path, params, usageSchema)).list;
    },
    /** One page of purchased packages (default page 1, 20 per page). */
    async listPackages(input: z.input<typeof packageListParams> = {}): Promise<PackagePage> {
      const path = 'user-product/list';
      const p = checkParams(path, packageListParams, input);
      return transport.get(path, { trade_no: p.tradeNo, page: p.page, size: p.size, product_type: p.productType }, packagePageSchema);
    },
    /** Totals in KB: remaining, expiring within 7 days ("temporary"), expired, used. */
    async packageSummary(input: z.input<typeof packageSummaryParams> = {}): Promise<PackageSummary> {
      const path = 'user-product/summary';
      const p = checkParams(path, packageSummaryParams, input);
      return transport.get(path, { product_type: p.productType }, packageSummarySchema);
    },
  };
}
