import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { installEnglishMessages } from '../../test/helpers/i18n.ts';
import { ApiError } from './api/api-error.ts';
import { InvalidRequestError, MalformedMessageError } from './message-listener.ts';
import { ProxyError } from './proxy/proxy-service.ts';
import { KeyNotSavedError, ServiceError, toErrorAnswer } from './error-answers.ts';

beforeEach(() => {
  fakeBrowser.reset();
  installEnglishMessages();
});

describe('toErrorAnswer', () => {
  it('describes an API failure with its kind', () => {
    expect(toErrorAnswer(new ApiError('timeout', { endpoint: 'order/list' }))).toEqual({ kind: 'timeout', message: 'The 911Proxy API did not answer in time. Try again.' });
  });

  it('says a key that failed its check was not saved, and why', () => {
    const answer = toErrorAnswer(new KeyNotSavedError(new ApiError('invalid-key', { endpoint: 'whitelist-account/list', code: 3 })));
    expect(answer.kind).toBe('invalid-key');
    expect(answer.message).toMatch(/^The key was not saved\. 911Proxy refused this API key/);
  });

  it('words the background’s own refusals from their message keys', () => {
    expect(toErrorAnswer(new ServiceError('no-key', 'error_noKey'))).toEqual({ kind: 'no-key', message: 'Enter your 911Proxy API key (app_key) in the options first.' });
  });

  it('words the proxy service’s refusals from their message keys too', () => {
    expect(toErrorAnswer(new ProxyError('no-last-endpoint', 'proxyError_noLastEndpoint'))).toEqual({
      kind: 'no-last-endpoint',
      message: 'There is no previous proxy to switch back to yet. Connect once from the popup first.',
    });
  });

  it('fills a refusal’s substitutions into its sentence', () => {
    expect(toErrorAnswer(new ProxyError('account-disabled', 'proxyError_accountDisabled', ['alice']))).toEqual({
      kind: 'account-disabled',
      message: 'Account alice is disabled, so the gateway would refuse it. Enable it to connect.',
    });
  });

  it('answers a malformed message with bad-message', () => {
    expect(toErrorAnswer(new MalformedMessageError('getOrders: pageNo: Invalid input'))).toMatchObject({ kind: 'bad-message', message: expect.stringContaining('getOrders: pageNo') });
  });

  it('never passes on the text of an unexpected error, nor logs it', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const secret = 'demoSECRETkey0123456789';
    const answer = toErrorAnswer(new TypeError(`fetch https://api.911proxy.com/?app_key=${secret} failed`));
    expect(answer.kind).toBe('internal');
    expect(JSON.stringify(answer)).not.toContain(secret);
    expect(JSON.stringify(log.mock.calls)).not.toContain(secret);
    log.mockRestore();
  });
});

describe('a value the user typed that breaks a rule', () => {
  it('names the field and the rule, as input to correct', () => {
    expect(toErrorAnswer(new InvalidRequestError('routing.sites.1', 'a host name, *.domain, an IP address or a CIDR range'))).toEqual({
      kind: 'invalid-input',
      message: 'Check routing.sites.1: a host name, *.domain, an IP address or a CIDR range.',
    });
  });
});
