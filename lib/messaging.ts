/**
 * The one protocol between the extension's pages and the background: what a page may ask (the request
 * names and their inputs, validated by the background with the schemas in lib/protocol.ts), what it
 * gets back, and `sendToBackground`. Errors cross as plain `{ kind, message }` that a page shows as it
 * is. This module has no runtime dependency on zod, so the pages stay small.
 *
 * The app_key goes one way only (`setKey`): no answer ever contains it.
 */
import { browser } from 'wxt/browser';
import type { z } from './zod.ts';
import type { requestSchemas } from './protocol.ts';
import type { Account, Country, ExtractedIp, GiftRatio, Order, OrderPage, PackagePage, PackageSummary, PaymentGroup, StaticIpPage, StaticIpStock, UsageDay, User } from './api/schemas.ts';
import type { ProxyStatus } from './proxy/status.ts';
import type { ErrorAnswer } from './storage-keys.ts';
import type { Settings } from './storage.ts';

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
  /** The entry in the list's cache item (`CACHE_KEYS`) where refreshes of this answer land. */
  entryKey: string;
}

/**
 * A cached request's answer to a page: a `Cached`, or, when the page named the entry it already shows
 * (`known`: its fetchedAt) and that entry is still the one, the same without the data, which would
 * only cross again (10,000 accounts take ~45 ms through messaging).
 */
export type CachedAnswer<T> = Cached<T> | (Omit<Cached<T>, 'data'> & { unchanged: true });

/** The lists answered from the cache, and what each holds; a page watches its item in `CACHE_KEYS`. */
export interface CachedLists {
  getAccounts: Account[];
  getUsage: UsageDay[];
  getPackages: PackagePage;
  getPackageSummary: PackageSummary;
  getCityCountries: Country[];
  getStateCountries: Country[];
  searchStates: string[];
  searchCities: string[];
  getStaticIps: StaticIpPage;
  getStaticIpStock: StaticIpStock[];
  getOrders: OrderPage;
  getPaymentGroups: PaymentGroup[];
  getGiftRatios: GiftRatio[];
  getUserInfo: User;
}

export type Responses = { [K in keyof CachedLists]: CachedAnswer<CachedLists[K]> } & {
  getKeyStatus: KeyStatus;
  setKey: KeyStatus;
  forgetKey: KeyStatus;
  getSettings: Settings;
  updateSettings: Settings;
  stopWaiting: void;
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
};

export type RequestName = keyof typeof requestSchemas;
export type RequestInput<K extends RequestName> = z.input<(typeof requestSchemas)[K]>;
export type RequestParams<K extends RequestName> = z.output<(typeof requestSchemas)[K]>;

/** An error as it crosses to a page: a kind to branch on and a sentence to show. */
export type { ErrorAnswer };

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

/** Names the message format, so the background ignores anything else sent to it. */
export const PROTOCOL = '911proxy/1';
export type Answer = { ok: true; value: unknown } | { ok: false; error: ErrorAnswer };

/** What a page shows for anything `sendToBackground` threw: the background's words, or "no answer". */
export function asErrorAnswer(error: unknown): ErrorAnswer {
  return error instanceof BackgroundError ? { kind: error.kind, message: error.message } : { kind: 'no-answer', message: browser.i18n.getMessage('error_noAnswer') };
}

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
export type CachedRequestName = keyof CachedLists;
/** What a cached request's answer holds. */
export type CachedData<K extends CachedRequestName> = CachedLists[K];
/** Turns anything a handler throws into what the page sees. */
export type ErrorMapper = (error: unknown) => ErrorAnswer;

