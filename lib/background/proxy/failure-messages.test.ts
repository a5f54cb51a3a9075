import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { installEnglishMessages } from '../../../test/helpers/i18n.ts';
import type { Endpoint } from './endpoint.ts';
import { describeFailure } from './failure-messages.ts';

beforeEach(() => {
  fakeBrowser.reset();
  installEnglishMessages();
});

const alice: Endpoint = { kind: 'account', account: 'alice', password: 'pw1' };
const staticIp: Endpoint = { kind: 'static', host: '203.0.113.9', port: 8000, username: 'st1', password: 'pw' };
const blocking = { blockWhenDown: true };

describe('describeFailure', () => {
  it('says the proxy cannot be reached, and that pages now load direct when the settings allow it', async () => {
    const blocked = await describeFailure('unreachable', staticIp, blocking);
    const direct = await describeFailure('unreachable', staticIp, { blockWhenDown: false });
    expect(blocked.message).toMatch(/^Cannot reach the proxy .*Check your connection/);
    expect(direct.message).toMatch(/^Cannot reach the proxy .*pages now load without it, from your own IP address/);
  });

  it('points a refused extracted IP at the IP whitelist', async () => {
    expect(await describeFailure('auth-refused', { kind: 'extracted', host: '198.51.100.4', port: 1140 }, blocking)).toEqual({ message: expect.stringMatching(/^The proxy 198\.51\.100\.4:1140 refused this browser\..*IP whitelist/) });
  });

  it('gives the reason the API knows for a refused account, and the password the account list holds', async () => {
    const explainRefusal = async () => ({ reason: 'The password changed.', newPassword: 'pw9' });
    expect(await describeFailure('auth-refused', alice, { ...blocking, explainRefusal })).toEqual({ message: 'The password changed.', newPassword: 'pw9' });
  });

  it('says the gateway refused the account when the API cannot tell why', async () => {
    const general = { message: expect.stringMatching(/^The gateway refused the login for account alice\./) };
    expect(await describeFailure('auth-refused', alice, blocking)).toEqual(general);
    expect(await describeFailure('auth-refused', alice, { ...blocking, explainRefusal: async () => undefined })).toEqual(general);
    expect(await describeFailure('auth-refused', alice, { ...blocking, explainRefusal: () => Promise.reject(new Error('no key')) })).toEqual(general);
  });

  it('says any other proxy refused the username or password', async () => {
    expect((await describeFailure('auth-refused', staticIp, blocking)).message).toMatch(/refused the username or password\.$/);
  });
});
