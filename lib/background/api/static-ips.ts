/** Purchased static IPs (ip/get-static-ip) and the stock on sale per region (static-ip-region). */
import { z } from '../zod.ts';
import { checkParams, countryCode, positiveInt } from './params.ts';
import { staticIpPageSchema, staticIpStockSchema, type StaticIpPage, type StaticIpStock } from './schemas.ts';
import type { Transport } from './transport.ts';
import { STATIC_IP_STATUS_LIST, STATIC_PRODUCT_TYPE_LIST } from '../../shared/products.ts';

export const staticIpParams = z.object({
  countryCode: z.optional(countryCode),
  productType: z.optional(z.literal(STATIC_PRODUCT_TYPE_LIST)),
  tradeNo: z.optional(z.string().check(z.trim(), z.minLength(1))),
  page: z.optional(positiveInt),
  size: z.optional(positiveInt),
  status: z.optional(z.literal(STATIC_IP_STATUS_LIST)),
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
