/**
 * The one protocol between the extension's pages and the background. Pages call `sendToBackground`;
 * the background registers one handler per request with `handleMessages`. Every message is untrusted
 * input: the background validates it with the request's zod schema and answers a malformed one with
 * an error, never a crash. Errors cross as plain `{ kind, message }` that a page shows as it is.
 *
 * The app_key goes one way only (`setKey`): no answer ever contains it.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { addAccountsParams, changeLimitParams, changePasswordParams, changeRemarkParams } from './api/accounts.ts';
import { createOrderParams, orderListParams } from './api/billing.ts';
import { extractParams } from './api/extraction.ts';
import { nameBatch } from './api/params.ts';
import type { Account, Country, ExtractedIp, GiftRatio, Order, OrderPage, PackagePage, PackageSummary, PaymentGroup, StaticIpPage, StaticIpStock, UsageDay, User } from './api/schemas.ts';
import { staticIpParams } from './api/static-ips.ts';
import { packageListParams, packageSummaryParams, usageParams } from './api/usage.ts';
import { endpointSchema } from './proxy/endpoint.ts';
import type { ProxyStatus } from './proxy/status.ts';
import { settingsPatchSchema, type errorAnswerSchema, type Settings } from './storage.ts';

const none = z.object({}).strict();
/** Lists: `refresh` skips the freshness time (the user pressed reload). */
const listOptions = z.object({ refresh: z.boolean().optional() }).strict();
const withRefresh = <T extends z.ZodRawShape>(shape: T) => z.object({ ...shape, refresh: z.boolean().optional() });

/** Request schemas, by handler name (verbs, as refined-github names them). */
export const requestSchemas = {
  // key custody
  getKeyStatus: none,
  setKey: z.object({
    key: z.string().trim().min(1).max(256),
    /** false: kept in session storage only, gone when the browser closes. */
    remember: z.boolean(),
    /** Another API host; must equal the host the user confirmed in settings. */
    baseUrl: z.string().url().optional(),
  }),
  forgetKey: none,
  // settings
  getSettings: none,
  /** Only the fields named change; a new `apiBaseUrl` is the user's confirmation of that host. */
  updateSettings: settingsPatchSchema,
  // cached lists
  getAccounts: listOptions,
  getUsage: withRefresh(usageParams.shape),
  getPackages: withRefresh(packageListParams.shape),
  getPackageSummary: withRefresh(packageSummaryParams.shape),
  getCityCountries: listOptions,
  getStateCountries: listOptions,
  searchStates: withRefresh({ countryCode: z.string() }),
  searchCities: withRefresh({ countryCode: z.string(), state: z.string() }),
  getStaticIps: withRefresh(staticIpParams.shape),
  getStaticIpStock: withRefresh({ kind: z.enum(['residential', 'datacenter']) }),
  getOrders: withRefresh(orderListParams.shape),
  getPaymentGroups: withRefresh({ tradeNo: z.string().optional() }),
  getGiftRatios: listOptions,
  getUserInfo: listOptions,
  // changes
  addAccounts: addAccountsParams,
  deleteAccounts: z.object({ accounts: nameBatch }),
  disableAccounts: z.object({ accounts: nameBatch }),
  enableAccounts: z.object({ accounts: nameBatch }),
  changeAccountPassword: changePasswordParams,
  changeAccountRemark: changeRemarkParams,
  changeAccountLimit: changeLimitParams,
  extractIps: extractParams,
  createOrder: createOrderParams,
  closeOrder: z.object({ tradeNo: z.string().min(1) }),
  // proxy
  connect: z.object({ endpoint: endpointSchema }),
  disconnect: none,
  toggleLast: none,
  getProxyStatus: none,
  checkExit: none,
} satisfies Record<string, z.ZodType>;

/** What the pages may know about the key: whether one is set, its last four characters, its host. */
export interface KeyStatus {
  set: boolean;
  last4?: string;
  baseUrl?: string;
  remembered?: boolean;
  /** Code 156 at the check: account changes need real-name verification. */
  unverified?: boolean;
}

/** A cached answer: shown at once; a fresh one follows through storage when `stale`. */
export interface Cached<T> {
  data: T;
  fetchedAt: number;
  stale: boolean;
}

export interface Responses {
  getKeyStatus: KeyStatus;
  setKey: KeyStatus;
  forgetKey: KeyStatus;
  getSettings: Settings;
  updateSettings: Settings;
  getAccounts: Cached<Account[]>;
  getUsage: Cached<UsageDay[]>;
  getPackages: Cached<PackagePage>;
  getPackageSummary: Cached<PackageSummary>;
  getCityCountries: Cached<Country[]>;
  getStateCountries: Cached<Country[]>;
  searchStates: Cached<string[]>;
  searchCities: Cached<string[]>;
  getStaticIps: Cached<StaticIpPage>;
  getStaticIpStock: Cached<StaticIpStock[]>;
  getOrders: Cached<OrderPage>;
  getPaymentGroups: Cached<PaymentGroup[]>;
  getGiftRatios: Cached<GiftRatio[]>;
  getUserInfo: Cached<User>;
  addAccounts: void;
  deleteAccounts: void;
  disableAccounts: void;
  enableAccounts: void;
  changeAccountPassword: void;
  changeAccountRemark: void;
  changeAccountLimit: void;
  extractIps: ExtractedIp[];
  createOrder: Order;
  closeOrder: void;
  connect: ProxyStatus;
  disconnect: ProxyStatus;
  toggleLast: ProxyStatus;
  getProxyStatus: ProxyStatus;
  checkExit: ProxyStatus;
}

export type RequestName = keyof typeof requestSchemas;
export type RequestInput<K extends RequestName> = z.input<(typeof requestSchemas)[K]>;
export type RequestParams<K extends RequestName> = z.output<(typeof requestSchemas)[K]>;

/** An error as it crosses to a page: a kind to branch on and a sentence to show. */
export type ErrorAnswer = z.infer<typeof errorAnswerSchema>;

/** An error a page received from the background. */
export class BackgroundError extends Error {
  override readonly name = 'BackgroundError';
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

const PROTOCOL = '911proxy/1';
const envelopeSchema = z.object({ protocol: z.literal(PROTOCOL), name: z.string(), input: z.unknown() });
type Answer = { ok: true; value: unknown } | { ok: false; error: ErrorAnswer };

/** Asks the background; resolves with its answer or rejects with a BackgroundError. */
export async function sendToBackground<K extends RequestName>(name: K, input: RequestInput<K>): Promise<Responses[K]> {
  const answer = (await browser.runtime.sendMessage({ protocol: PROTOCOL, name, input })) as Answer | undefined;
  if (!answer) throw new BackgroundError('no-answer', browser.i18n.getMessage('error_noAnswer'));
  if (!answer.ok) throw new BackgroundError(answer.error.kind, answer.error.message);
  return answer.value as Responses[K];
}

export type Handlers = {
  [K in RequestName]: (params: RequestParams<K>) => Promise<Responses[K]>;
};

/** The requests the proxy service answers (lib/proxy/service.ts); the API service answers the rest. */
export type ProxyRequestName = 'connect' | 'disconnect' | 'toggleLast' | 'getProxyStatus' | 'checkExit';
export type ApiRequestName = Exclude<RequestName, ProxyRequestName>;
export type ProxyHandlers = Pick<Handlers, ProxyRequestName>;
export type ApiHandlers = Pick<Handlers, ApiRequestName>;
/** The requests answered from the cache: a page watches the matching item of `listCacheItems`. */
export type CachedRequestName = {
  [K in RequestName]: Responses[K] extends Cached<unknown> ? K : never;
}[RequestName];
/** What a cached request's answer holds. */
export type CachedData<K extends CachedRequestName> = Responses[K]['data'];
/** Turns anything a handler throws into what the page sees. */
export type ErrorMapper = (error: unknown) => ErrorAnswer;

/**
 * Registers the background's handlers. `toErrorAnswer` turns any thrown value into what the page sees
 * (the one place that maps errors to messages). Messages from other extensions or web pages are ignored.
 */
export function handleMessages(handlers: Handlers, toErrorAnswer: ErrorMapper): void {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const envelope = envelopeSchema.safeParse(message);
    if (!envelope.success) return undefined;
    return dispatch(handlers, envelope.data.name, envelope.data.input).then(
      (value): Answer => ({ ok: true, value }),
      (error: unknown): Answer => ({ ok: false, error: toErrorAnswer(error) }),
    );
  });
}

/** Validates and runs one request; exported for tests that call the protocol without a browser. */
export async function dispatch(handlers: Handlers, name: string, input: unknown): Promise<unknown> {
  if (!Object.hasOwn(requestSchemas, name)) throw new MalformedMessageError(`unknown request "${name.slice(0, 40)}"`);
  const requestName = name as RequestName;
  const handler = handlers[requestName] as (params: unknown) => Promise<unknown>;
  return handler(parseRequest(requestName, input ?? {}));
}

/** Checks a request's input against its schema; throws a MalformedMessageError naming the field. */
export function parseRequest<K extends RequestName>(name: K, input: unknown): RequestParams<K> {
  const params = requestSchemas[name].safeParse(input);
  if (!params.success) {
    const issue = params.error.issues[0];
    throw new MalformedMessageError(`${name}: ${issue?.path.join('.') || 'input'}: ${issue?.message}`);
  }
  // Indexing the schema map with a generic name loses the link between K and its schema's output.
  return params.data as RequestParams<K>;
}

/** A message that is not part of the protocol, or whose input fails its schema. */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
}
