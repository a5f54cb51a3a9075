/**
 * What the proxy code stores: the connection the user chose (re-applied whenever the background starts)
 * and the proxy status the pages show, which lives in session storage and is made again from the
 * connection on each start.
 */
import { z } from '../zod.ts';
import { STORAGE_KEYS } from '../../shared/storage-keys.ts';
import { defineStoredItem } from '../stored-item.ts';
import { endpointSchema } from './endpoint.ts';
import { DIRECT_STATUS, proxyStatusSchema } from './status.ts';

export const connectionSchema = z.object({
  /** The endpoint the browser should be using now, or null for direct. */
  active: z.nullable(endpointSchema),
  /** The endpoint used most recently, for the toggle shortcut. */
  last: z.nullable(endpointSchema),
  /** When `active` was chosen (ms since the epoch). */
  since: z.nullable(z.number()),
});
export type Connection = z.infer<typeof connectionSchema>;

export const connectionItem = defineStoredItem(STORAGE_KEYS.connection, connectionSchema, {
  fallback: { active: null, last: null, since: null },
  version: 1,
});

export const proxyStatusItem = defineStoredItem(STORAGE_KEYS.proxyStatus, proxyStatusSchema, { fallback: DIRECT_STATUS, version: 1 });
