// describeApiError: one sentence from _locales/en/messages.json per kind, placeholders filled.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { englishMessage, installEnglishMessages } from '../../test/helpers/i18n.ts';
import { describeApiError } from './describe.ts';
import { ApiError, type ApiErrorKind } from './errors.ts';

const ROWS: [ApiError, RegExp][] = [
  [new ApiError('invalid-key', { endpoint: 'whitelist-account/list', code: 3 }), /refused this API key/],
  [new ApiError('unverified', { endpoint: 'whitelist-account/add', code: 156 }), /real-name verification/],
  [new ApiError('rejected', { endpoint: 'whitelist-account/add', code: 1001, detail: '账户已存在：shop1' }), /^911Proxy refused the request: 账户已存在：shop1 \(code 1001\)\.$/],
  [new ApiError('rejected', { endpoint: 'user/info', code: 403 }), /: no reason given \(code 403\)\.$/],
  [new ApiError('http', { endpoint: 'order/list', status: 502 }), /having trouble \(HTTP 502\)/],
  [new ApiError('http', { endpoint: 'order/list', status: 404 }), /answered HTTP 404\. Check the API address/],
  [new ApiError('network', { endpoint: 'order/list', detail: 'fetch failed (ECONNREFUSED)' }), /Cannot reach the 911Proxy API/],
  [new ApiError('timeout', { endpoint: 'order/list' }), /did not answer in time/],
  [new ApiError('malformed', { endpoint: 'order/list', field: 'data.list' }), /cannot read \(at data\.list\)/],
  [new ApiError('malformed', { endpoint: 'order/list', field: 'body', detail: 'empty body' }), /cannot read \(at body\)/],
  [new ApiError('invalid-input', { endpoint: 'whitelist-account/change-limit', field: 'limitGb', detail: 'Too big: expected number to be <=102400' }), /^Check limitGb: Too big/],
];

describe('describeApiError', () => {
  it.each(ROWS)('words %s', (error, sentence) => {
    const text = describeApiError(error, englishMessage);
    expect(text).toMatch(sentence);
    expect(text).not.toMatch(/\$\d/); // every placeholder filled
    expect(text).not.toContain('()');
    expect(text.trim().length).toBeGreaterThan(20);
    // The JSON form that crosses to the pages reads the same.
    expect(describeApiError(error.toJSON(), englishMessage)).toBe(text);
  });

  it('has a sentence for every kind', () => {
    const kinds: ApiErrorKind[] = ['invalid-key', 'unverified', 'rejected', 'http', 'network', 'timeout', 'malformed', 'invalid-input'];
    expect(new Set(ROWS.map(([error]) => error.kind))).toEqual(new Set(kinds));
  });

  it('gives different sentences to different kinds', () => {
    const byKind = new Map(ROWS.map(([error]) => [error.kind, describeApiError(error, englishMessage)]));
    expect(new Set(byKind.values()).size).toBe(byKind.size);
  });

  describe('with the browser’s i18n', () => {
    beforeEach(() => {
      fakeBrowser.reset();
      installEnglishMessages();
    });

    it('uses browser.i18n.getMessage by default', () => {
      expect(describeApiError(new ApiError('timeout', { endpoint: 'order/list' }))).toBe('The 911Proxy API did not answer in time. Try again.');
    });
  });
});
