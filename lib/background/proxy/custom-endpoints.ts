/**
 * The proxies the user typed in (custom endpoints), one stored item: each a custom endpoint with the
 * id the background gave it when it was saved, in the order they were added. They owe nothing to the
 * key and stay when it is forgotten.
 */
import { z } from '../zod.ts';
import { STORAGE_KEYS } from '../../shared/storage-keys.ts';
import { CUSTOM_PROXIES_MAX } from '../../shared/input-limits.ts';
import { CUSTOM_ID_PATTERN } from '../../shared/custom-proxy.ts';
import { defineStoredItem } from '../stored-item.ts';
import { customEndpointSchema } from './endpoint.ts';

export const customIdSchema = z.string().check(z.regex(CUSTOM_ID_PATTERN));
export const savedCustomEndpointSchema = z.extend(customEndpointSchema, { id: customIdSchema });
export type SavedCustomEndpoint = z.infer<typeof savedCustomEndpointSchema>;

export const customEndpointsSchema = z.array(savedCustomEndpointSchema).check(z.maxLength(CUSTOM_PROXIES_MAX));

export const customEndpointsItem = defineStoredItem(STORAGE_KEYS.customEndpoints, customEndpointsSchema, { fallback: [], version: 1 });

/**
 * `exit` as it is saved now when it is a saved custom endpoint, so that a rule, a container or a tab
 * keeps the copy its edits will update (not what a page sent); undefined once it is no longer saved.
 * Any other exit as it is.
 */
export async function asSavedExit<T extends { kind: string; id?: string }>(exit: T): Promise<T | SavedCustomEndpoint | undefined> {
  if (exit.kind !== 'custom' || exit.id === undefined) return exit;
  return (await customEndpointsItem.getValue()).find((endpoint) => endpoint.id === exit.id);
}

/** A custom endpoint's fields as a page sends them: the background adds the kind and the id. */
export const customEndpointFieldsSchema = z.omit(customEndpointSchema, { kind: true, id: true });
export type CustomEndpointFields = z.infer<typeof customEndpointFieldsSchema>;
