/** IP extraction (ip/v3) and the location lists that feed its country, state and city pickers. */
import { z } from '../zod.ts';
import { ApiError, unreadableAnswer } from './api-error.ts';
import { checkParams, countryCode, extractCount, nonEmpty, stickyMinutes } from './params.ts';
import { countryListSchema, extractedSchema, hostPortSchema, nameListSchema, type Country, type ExtractedIp } from './schemas.ts';
import type { Transport } from './transport.ts';

/** `lb` values for text answers, as seen in public clients. */
export const LINE_BREAKS = { 1: '\r\n', 2: '\n', 3: '\r', 4: '\t' } as const;
export type LineBreak = keyof typeof LINE_BREAKS;

export const extractParams = z.object({
  /** Two-letter country code; omitted for any country. */
  cc: z.optional(countryCode),
  state: z.optional(nonEmpty),
  city: z.optional(nonEmpty),
  num: z._default(extractCount, 1),
  /** Sticky life in minutes. */
  life: z.optional(stickyMinutes),
  /** Proxy network, a short region code such as `hk` (meaning unconfirmed by the provider). */
  ep: z.optional(nonEmpty),
  format: z._default(z.enum(['json', 'txt']), 'json'),
  /** Separator of a text answer; only with format `txt`. */
  lb: z._default(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]), 2),
});

export function extractionApi(transport: Transport) {
  return {
    /**
     * Extracts `num` (1–500) endpoints. They carry no credentials: the gateway admits them only from IPs
     * on the account's whitelist. Both answer formats give the same parsed list.
     */
    async extractIps(input: z.input<typeof extractParams> = {}): Promise<ExtractedIp[]> {
      const path = 'ip/v3';
      const p = checkParams(path, extractParams, input);
      const params = { cc: p.cc?.toUpperCase(), state: p.state, city: p.city, num: p.num, life: p.life, ep: p.ep, format: p.format };
      if (p.format === 'json') return (await transport.get(path, params, extractedSchema)).list;
      const answer = await transport.getText(path, { ...params, lb: p.lb }, extractedSchema, (text) => parseTextList(path, text, LINE_BREAKS[p.lb]));
      return Array.isArray(answer) ? answer : answer.list;
    },
    /** Countries with their states and cities (ip/dynamic-citys). Changes rarely: cache for a day. */
    async listCityCountries(): Promise<Country[]> {
      return (await transport.get('ip/dynamic-citys', {}, countryListSchema)).list;
    },
    /** Countries with their states (ip/dynamic-states). */
    async listStateCountries(): Promise<Country[]> {
      return (await transport.get('ip/dynamic-states', {}, countryListSchema)).list;
    },
    /** State codes of one country. */
    async searchStates(input: { countryCode: string }): Promise<string[]> {
      const path = 'ip/dynamic-states/search';
      const p = checkParams(path, z.object({ countryCode }), input);
      return (await transport.get(path, { country_code: p.countryCode.toUpperCase() }, nameListSchema)).list;
    },
    /** City names of one state. */
    async searchCities(input: { countryCode: string; state: string }): Promise<string[]> {
      const path = 'ip/dynamic-citys/search';
      const p = checkParams(path, z.object({ countryCode, state: nonEmpty }), input);
      return (await transport.get(path, { country_code: p.countryCode.toUpperCase(), state: p.state }, nameListSchema)).list;
    },
  };
}

/**
 * A text answer: `ip:port` entries split by the requested separator (any line break is tolerated). At
 * least one IP is always asked for, so an empty answer is malformed, not an empty list; so is a web page
 * (a maintenance page) in its place.
 */
function parseTextList(path: string, text: string, separator: string): ExtractedIp[] {
  const entries = text.split(separator).flatMap((part) => part.split(/[\r\n\t]+/)).map((part) => part.trim()).filter(Boolean);
  if (entries.length === 0 || text.trimStart().startsWith('<')) throw unreadableAnswer(path, text);
  const parsed = z.array(hostPortSchema).safeParse(entries);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ApiError('malformed', { endpoint: path, field: `line ${Number(issue?.path[0] ?? 0) + 1}`, detail: issue?.message, reason: 'unexpected-data' });
}
