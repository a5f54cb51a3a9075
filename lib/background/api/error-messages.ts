/**
 * The one place that turns an API failure into a sentence a person can act on, in the browser's
 * language (`_locales/<lang>/messages.json`, keys `apiError_*`), for `toErrorAnswer`. The
 * provider's own messages are Chinese: the ones the document and real use make known get a sentence
 * of their own (`SERVER_MESSAGES`), and the server's text follows as a detail (it names the accounts,
 * the place or the field concerned).
 */
import { t, type MessageKey } from '../../shared/i18n.ts';
import type { ApiError, ApiErrorJson, ApiErrorReason } from './api-error.ts';
import { CODE_INVALID_PARAMETER } from './transport.ts';

/** A message key and its substitutions. */
type Sentence = [key: MessageKey, substitutions?: string[]];

/** Server messages by what they mean, in simplified or traditional characters; the first match wins. */
const SERVER_MESSAGES: [text: RegExp, sentence: MessageKey][] = [
  [/(账户|帳戶|账号|帳號|用户名|用戶名)已(存在|被使用|被占用|被佔用)/, 'apiError_accountExists'],
  [/(账户|帳戶|账号|帳號)不存在/, 'apiError_accountNotFound'],
  [/[暂暫]未[开開]放/, 'apiError_notOpen'],
  [/[暂暫]不支[持援].{0,2}(国家|國家|地区|地區)/, 'apiError_regionUnsupported'],
  [/[暂暫][无無]可用|[库庫]存不足/, 'apiError_noIps'],
  [/(套餐|产品|產品|商品)不存在/, 'apiError_productNotFound'],
  [/(支付|付款)方式不可用/, 'apiError_paymentUnavailable'],
  [/(订单|訂單)不存在/, 'apiError_orderNotFound'],
  [/(仅|僅|只有)待(支付|付款)的?(订单|訂單)/, 'apiError_orderNotClosable'],
  [/(金额|金額).*(限额|限額|范围|範圍)/, 'apiError_amountOutOfRange'],
];
/** The document's parameter error ("參數錯誤", code 400). */
const PARAMETER_TEXT = /参数错误|參數錯誤/;
/** A limit the request goes beyond: "超过", "超出", "上限", "限额". */
const LIMIT_TEXT = /超[过過出]|上限|限[额額]/;

/**
 * The views an account without real-name verification cannot see, by the endpoint that feeds them
 * (the document lists code 156 on these reads); any other refused read gets the general sentence.
 */
const UNVERIFIED_READS: Readonly<Record<string, MessageKey>> = {
  'user-usage-flow/total': 'apiError_unverifiedUsage',
  'user-product/list': 'apiError_unverifiedPackages',
  'ip/v3': 'apiError_unverifiedExtract',
  'ip/dynamic-citys': 'apiError_unverifiedLocations',
  'ip/dynamic-states': 'apiError_unverifiedLocations',
  'ip/dynamic-citys/search': 'apiError_unverifiedLocations',
  'ip/dynamic-states/search': 'apiError_unverifiedLocations',
  'payment/groups': 'apiError_unverifiedPayment',
  'activity/balance-recharge-gift-ratio': 'apiError_unverifiedBonus',
};

/** What came instead of a readable answer; JSON of an unknown shape is the default. */
const UNREADABLE: Readonly<Partial<Record<ApiErrorReason, MessageKey>>> = {
  empty: 'apiError_malformedEmpty',
  'web-page': 'apiError_malformedPage',
  'cut-off': 'apiError_malformedCutOff',
  'not-json': 'apiError_malformedNotJson',
};

export function describeApiError(error: ApiError | ApiErrorJson): string {
  const say = ([key, substitutions = []]: Sentence) => t(key, ...substitutions);
  switch (error.kind) {
    case 'invalid-key':
      return t('apiError_invalidKey');
    case 'unverified':
      return t(error.reason === 'read' ? (UNVERIFIED_READS[error.endpoint] ?? 'apiError_unverifiedRead') : 'apiError_unverified');
    case 'rejected': {
      const code = String(error.code ?? '');
      const detail = error.detail ? say(['apiError_serverSaid', [error.detail, code]]) : say(['apiError_noReason', [code]]);
      return `${say(rejection(error))} ${detail}`;
    }
    case 'http':
      return t((error.status ?? 0) >= 500 ? 'apiError_httpServer' : 'apiError_httpClient', String(error.status ?? ''));
    case 'network':
      return t('apiError_network');
    case 'timeout':
      return t('apiError_timeout');
    case 'malformed': {
      const unreadable = error.reason && UNREADABLE[error.reason];
      if (!unreadable) return t('apiError_malformed', [error.endpoint, error.field].filter(Boolean).join(' '));
      const page = error.reason === 'web-page' && error.detail ? ` ${say(['apiError_pageSaid', [error.detail]])}` : '';
      return t(unreadable) + page;
    }
    case 'invalid-input':
      return t('apiError_invalidInput', error.field ?? '', error.detail ?? '');
  }
}

/** The sentence for a refusal: by the server's text where it is known, else by the parameter error. */
function rejection({ code, detail = '', field }: ApiError | ApiErrorJson): Sentence {
  const known = SERVER_MESSAGES.find(([text]) => text.test(detail));
  if (known) return [known[1]];
  if (code === CODE_INVALID_PARAMETER || PARAMETER_TEXT.test(detail)) return field ? ['apiError_parameterField', [field]] : ['apiError_parameter'];
  if (LIMIT_TEXT.test(detail)) return ['apiError_limit'];
  return ['apiError_rejected'];
}
