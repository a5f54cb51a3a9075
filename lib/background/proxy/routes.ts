/**
 * Routes: the user's ordered rules "site pattern → exit". The first enabled rule whose pattern matches
 * a request's host decides its exit (an endpoint, or direct); what no rule matches follows the main
 * connection. The bypass list still wins over every rule (route-plan.ts says the whole precedence).
 * Patterns are the bypass list's, matched by the same `hostMatches` (routing.ts).
 */
import { z } from '../zod.ts';
import { STORAGE_KEYS } from '../../shared/storage-keys.ts';
import { defineStoredItem } from '../stored-item.ts';
import { endpointSchema } from './endpoint.ts';
import { hostPatternSchema } from './routing.ts';

/** More rules than anyone manages by hand; bounds the PAC script Chrome evaluates per request. */
export const MAX_ROUTES = 1_000;

const directExitSchema = z.object({ kind: z.literal('direct') });

/** Where a route sends its sites: any endpoint the extension knows, or straight out. */
export const routeExitSchema = z.union([directExitSchema, endpointSchema]);
export type ChosenExit = z.infer<typeof routeExitSchema>;

export const routeIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));

export const routeSchema = z.object({
  id: routeIdSchema,
  pattern: hostPatternSchema,
  exit: routeExitSchema,
  /** A rule turned off stays in the list, in its place, and decides nothing. */
  enabled: z.boolean(),
});
export type Route = z.infer<typeof routeSchema>;

/**
 * The rules in their order of precedence (the list's order is the rules' order). Version 1 starts empty:
 * nothing of the settings' routing becomes a route, since the bypass list and the only/all-but modes
 * keep their meaning for the main connection.
 */
export const routesItem = defineStoredItem(STORAGE_KEYS.routes, z.array(routeSchema).check(z.maxLength(MAX_ROUTES)), { fallback: [], version: 1 });
