// describeApiError: one sentence from _locales/en/messages.json per kind, placeholders filled.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { installEnglishMessages, installMessages, localeMessage } from '../../../test/helpers/i18n.ts';
import { describeApiError } from './error-messages.ts';
import { REJECTIONS } from '../../../test/sandbox/routes.ts';
import { ApiError, type ApiErrorKind, type ApiErrorReason } from './api-error.ts';

const ROWS: [ApiError, RegExp][] = [
  [new ApiError('invalid-key', { endpoint: 'whitelist-account/list', code: 3 }), /refused this API key/],
  [new ApiError('unverified', { endpoint: 'whitelist-account/add', code: 156, reason: 'change' }), /real-name verification, so this change is not allowed/],
  [new ApiError('rejected', { endpoint: 'order/close', code: 2099, detail: '未知错误' }), /^911Proxy refused the request\. 911Proxy said: “未知错误” \(code 2099\)\.$/],
  [new ApiError('http', { endpoint: 'order/list', status: 502 }), /having trouble \(HTTP 502\)/],
  [new ApiError('http', { endpoint: 'order/list', status: 404 }), /answered HTTP 404\. Check the API address/],
  [new ApiError('network', { endpoint: 'order/list', detail: 'fetch failed (ECONNREFUSED)' }), /Cannot reach the 911Proxy API/],
  [new ApiError('timeout', { endpoint: 'order/list' }), /did not answer in time/],
  [new ApiError('malformed', { endpoint: 'order/list', field: 'data.list', reason: 'unexpected-data' }), /does not know\. .*report it with this detail: order\/list data\.list\.$/],
  [new ApiError('invalid-input', { endpoint: 'whitelist-account/change-limit', field: 'limitGb', detail: 'Too big: expected number to be <=102400' }), /^Check limitGb: Too big/],
];

/** Server messages the document and real use make known: a sentence of their own, the server's text as a detail. */
const SERVER_MESSAGES: [code: number, detail: string | undefined, field: string | undefined, sentence: string][] = [
  // As seen in real use: code 400, an ASCII colon.
  [400, '账户已存在: elsewhere1', undefined, 'A proxy account with this name already exists at 911Proxy. Choose another name. 911Proxy said: “账户已存在: elsewhere1” (code 400).'],
  [1001, '帳戶已存在：shop1,shop2', undefined, 'A proxy account with this name already exists at 911Proxy. Choose another name. 911Proxy said: “帳戶已存在：shop1,shop2” (code 1001).'],
  [1002, '账户不存在：nosuch9', undefined, 'has no proxy account with this name'],
  [403, '接口暂未开放', undefined, '911Proxy has not opened this function to the API yet. 911Proxy said: “接口暂未开放” (code 403).'],
  [403, '暫未開放', undefined, 'has not opened this function'],
  [2003, '支付金额超出该支付方式的限额：1-5000', undefined, 'The amount is outside what this payment method accepts. Choose another amount or another payment method. 911Proxy said: “支付金额超出该支付方式的限额：1-5000” (code 2003).'],
  [400, 'size 必须 1 到 1000 之间', 'size', '911Proxy did not accept the value of “size”. Check what you entered and try again. 911Proxy said: “size 必须 1 到 1000 之间” (code 400).'],
  [400, '參數錯誤', undefined, '911Proxy did not accept one of the values sent. Check what you entered and try again. 911Proxy said: “參數錯誤” (code 400).'],
  [1200, '提取数量超过上限', undefined, 'The request goes beyond a limit set by 911Proxy. Ask for less, or check your packages. 911Proxy said: “提取数量超过上限” (code 1200).'],
  [1300, undefined, undefined, '911Proxy refused the request. 911Proxy gave no reason (code 1300).'],
];

/** The reads the document lists with code 156, and what each view must say is refused. */
const UNVERIFIED_READS: [endpoint: string, refused: RegExp][] = [
  ['user-usage-flow/total', /shows traffic figures only to accounts/],
  ['user-product/list', /shows the package list only/],
  ['ip/v3', /extracts IPs only for accounts/],
  ['ip/dynamic-citys', /lists the countries, states and cities/],
  ['ip/dynamic-states/search', /lists the countries, states and cities/],
  ['payment/groups', /shows the payment methods only/],
  ['activity/balance-recharge-gift-ratio', /shows the top-up bonus only/],
  ['ip/get-static-ip', /^911Proxy shows this only to accounts/],
];

beforeEach(() => {
  fakeBrowser.reset();
  installEnglishMessages();
});

describe('describeApiError', () => {
  it.each(ROWS)('words %s', (error, sentence) => {
    const text = describeApiError(error);
    expect(text).toMatch(sentence);
    expect(text).not.toMatch(/\$\d/); // every placeholder filled
    expect(text).not.toContain('()');
    expect(text.trim().length).toBeGreaterThan(20);
    // The JSON form that crosses to the pages reads the same.
    expect(describeApiError(error.toJSON())).toBe(text);
  });

  it('has a sentence for every kind', () => {
    const kinds: ApiErrorKind[] = ['invalid-key', 'unverified', 'rejected', 'http', 'network', 'timeout', 'malformed', 'invalid-input'];
    expect(new Set(ROWS.map(([error]) => error.kind))).toEqual(new Set(kinds));
  });

  it('gives different sentences to different kinds', () => {
    const byKind = new Map(ROWS.map(([error]) => [error.kind, describeApiError(error)]));
    expect(new Set(byKind.values()).size).toBe(byKind.size);
  });

  it.each(SERVER_MESSAGES)('words the server’s code %i “%s” in the user’s language, keeping its text', (code, detail, field, sentence) => {
    const error = new ApiError('rejected', { endpoint: 'whitelist-account/add', code, detail, field });
    expect(describeApiError(error)).toContain(sentence);
    expect(describeApiError(error.toJSON())).toContain(sentence);
  });

  it.each(Object.entries(REJECTIONS))('gives the sandbox’s refusal %s a sentence of its own', (_name, { code, message }) => {
    const generic = describeApiError(new ApiError('rejected', { endpoint: 'order/close', code, detail: '某个未知的原因' }));
    const text = describeApiError(new ApiError('rejected', { endpoint: 'order/close', code, detail: `${message}：x1` }));
    expect(text.split(' 911Proxy said: ')[0]).not.toBe(generic.split(' 911Proxy said: ')[0]);
    expect(text).toContain(`911Proxy said: “${message}：x1” (code ${code}).`);
  });

  it.each(UNVERIFIED_READS)('says what a 156 on the read %s refuses, not that a change is not allowed', (endpoint, refused) => {
    const text = describeApiError(new ApiError('unverified', { endpoint, code: 156, reason: 'read' }));
    expect(text).toMatch(refused);
    expect(text).toMatch(/real-name verification/);
    expect(text).not.toMatch(/change/);
  });

  it('tells a maintenance page, a cut-off answer, an empty one and other text apart', () => {
    const unreadable = (reason: ApiErrorReason, detail?: string) =>
      describeApiError(new ApiError('malformed', { endpoint: 'order/list', field: 'body', reason, detail }));
    const page = unreadable('web-page', '系统维护中');
    expect(page).toBe('The 911Proxy API sent a web page instead of data, as it does during maintenance. Try again in a few minutes. The page says: “系统维护中”.');
    expect(unreadable('cut-off')).toMatch(/^The 911Proxy API’s answer was cut off before its end\. Try again/);
    expect(unreadable('empty')).toMatch(/sent an empty answer/);
    expect(unreadable('not-json')).toMatch(/something other than 911Proxy data\. Check the API address/);
    const sentences = [page, unreadable('web-page'), unreadable('cut-off'), unreadable('empty'), unreadable('not-json'), unreadable('unexpected-data')];
    expect(new Set(sentences).size).toBe(sentences.length);
    for (const text of sentences) expect(text).not.toMatch(/\((at )?(body|data)/);
  });

  it('speaks the browser’s language', () => {
    installMessages('de');
    expect(describeApiError(new ApiError('timeout', { endpoint: 'order/list' }))).toBe(localeMessage('de', 'apiError_timeout'));
    expect(describeApiError(new ApiError('timeout', { endpoint: 'order/list' }))).not.toBe('The 911Proxy API did not answer in time. Try again.');
  });

  it('uses browser.i18n.getMessage', () => {
    expect(describeApiError(new ApiError('timeout', { endpoint: 'order/list' }))).toBe('The 911Proxy API did not answer in time. Try again.');
  });
});
