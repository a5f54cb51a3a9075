/**
 * The user's settings, one stored item. Every field has a default, so a version that adds a field reads
 * an older value as it is, and a patch (`settingsPatchSchema`) names only the fields it changes.
 */
import { z } from './zod.ts';
import { DEFAULT_API_BASE_URL } from './api/transport.ts';
import { DEFAULT_GATEWAY, gatewaySchema } from './proxy/endpoint.ts';
import { routingSchema } from './proxy/routing.ts';
import { STORAGE_KEYS } from '../shared/storage-keys.ts';
import { defineStoredItem } from './stored-item.ts';

export const DEFAULT_EXIT_CHECK_URL = 'https://ipinfo.io/json';

export const settingsSchema = z.object({
  /** Where the next key is checked; the official host unless the user confirmed another. */
  apiBaseUrl: z._default(z.url(), DEFAULT_API_BASE_URL),
  gateway: z._default(gatewaySchema, DEFAULT_GATEWAY),
  routing: z._default(routingSchema, routingSchema.parse({})),
  /** Limit WebRTC to proxied routes while connected. */
  webrtcProtection: z._default(z.boolean(), true),
  /** An IP-echo URL fetched through the proxy after connecting. */
  exitCheckUrl: z._default(z.url(), DEFAULT_EXIT_CHECK_URL),
  /** While the proxy is down, block requests instead of letting them go direct. */
  blockWhenDown: z._default(z.boolean(), false),
  /**
   * Firefox: send the browser's own requests (no tab, no page: updates, remote settings) through an
   * HTTP(S) proxy too, logged in by Firefox itself; off, they go direct. Chrome always proxies them.
   */
  proxyBrowserRequests: z._default(z.boolean(), false),
  theme: z._default(z.enum(['system', 'light', 'dark']), 'system'),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/**
 * A change to some settings: every field optional and no default filled in, so that a patch never
 * resets a field it does not name (zod's `partial` would still apply the defaults).
 */
export const settingsPatchSchema = z.strictObject(
  Object.fromEntries(Object.entries(settingsSchema.shape).map(([name, field]) => [name, z.optional(field.def.innerType)])) as {
    // Object.entries loses the per-field types; every settings field has a default, which this unwraps.
    [K in keyof typeof settingsSchema.shape]: z.ZodMiniOptional<(typeof settingsSchema.shape)[K]['def']['innerType']>;
  },
);
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const settingsItem = defineStoredItem(STORAGE_KEYS.settings, settingsSchema, { fallback: DEFAULT_SETTINGS, version: 1 });
