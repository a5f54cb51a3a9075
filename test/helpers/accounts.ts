import type { Account } from '../../lib/background/api/schemas.ts';

/** A proxy account as the API lists it: enabled, product 9, no usage, created on day `id` of January 2024. */
export const account = (id: number, username: string, extra: Partial<Account> = {}): Account => ({
  id,
  username,
  password: 'pw',
  created_at: `2024-01-${String(id).padStart(2, '0')} 10:00:00`,
  remark: '',
  product_type: 9,
  usage_flow: 0,
  limit_flow: 0,
  status: 1,
  ...extra,
});
