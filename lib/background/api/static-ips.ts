/** Purchased static IPs (ip/get-static-ip) and the stock on sale per region (static-ip-region). */
import { z } from '../zod.ts';
import { checkParams, countryCode, positiveInt } from './params.ts';
import { staticIpPageSchema, staticIpStockSchema, type StaticIpPage, type StaticIpStock } from './schemas.ts';
import type { Transport } from './transport.ts';

/** 25 residential static IP, 14 datacenter static IP. */
export const STATIC_PRODUCT_TYPES = { residential: 25, datacenter: 14 } as const;
/** 1 valid, 2 invalid, 3 expiring soon, 4 under maintenance. */
export const STATIC_IP_STATUS = { valid: 1, invalid: 2, expiring: 3, maintenance: 4 } as const;

export const staticIpParams = z.object({
  countryCode: z.optional(countryCode),
  productType: z.optional(z.union([z.literal(25), z.literal(14)])),
  tradeNo: z.optional(z.string().check(z.trim(), z.minLength(1))),
  page: z.optional(positiveInt),
  size: z.optional(positiveInt),
  status: z.optional(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)])),
});

export function staticIpsApi(transport: Transport) {
  return {
    /** One page of the static IPs bought; the answer's shape is undocumented and parsed tolerantly. */
    async listStaticIps(input: z.input<typeof staticIpParams> = {}): Promise<StaticIpPage> {
      const path = 'ip/get-static-ip';
      const p = checkParams(path, staticIpParams, input);
      const params = { country_code: p.countryCode?.toUpperCase(), product_type: p.productType, trade_no: p.tradeNo, page: p.page, size: p.size, status: p.status };
      return transport.get(path, params, staticIpPageSchema);
    },
    /** How many static IPs are on sale per country. */
    async staticIpStock(input: { kind: 'residential' | 'datacenter' }): Promise<StaticIpStock[]> {
      const path = 'static-ip-region';
      const { kind } = checkParams(path, z.object({ kind: z.enum(['residential', 'datacenter']) }), input);
      return (await transport.get(path, { isp: kind === 'residential' ? 1 : 0 }, staticIpStockSchema)).list;
    },
  };
}
