import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { installEnglishMessages } from '../../test/helpers/i18n.ts';
import type { Account, PackageSummary } from '../api/schemas.ts';
import type { AccountEndpoint } from './endpoint.ts';
import { explainAccountRefusal } from './refusal.ts';

const account = (fields: Partial<Account>): Account => ({
  id: 1,
  username: 'alice',
  password: 'pw',
  created_at: '',
  remark: '',
  product_type: 9,
  usage_flow: 0,
  limit_flow: 0,
  status: 1,
  ...fields,
});
const summary = (effective: number) => ({ effective }) as PackageSummary;
const alice: AccountEndpoint = { kind: 'account', account: 'alice', password: 'pw' };

beforeEach(() => {
  fakeBrowser.reset();
  installEnglishMessages();
});

describe('explainAccountRefusal', () => {
  it.each([
    ['a deleted account', [], undefined, /no longer exists/],
    ['a disabled account', [account({ status: 0 })], undefined, /disabled/],
    ['an account at its limit', [account({ limit_flow: 2, usage_flow: 2 * 1024 * 1024 })], undefined, /traffic limit of 2 GB/],
    ['traffic used up', [account({})], summary(0), /no traffic left/],
  ])('names %s', (_, accounts, packages, expected) => {
    expect(explainAccountRefusal(alice, accounts, packages)).toEqual({ reason: expect.stringMatching(expected) });
  });

  it('notices a password changed elsewhere and gives the one the account list holds', () => {
    expect(explainAccountRefusal(alice, [account({ password: 'newpw2' })], summary(100))).toEqual({
      reason: 'The password of account alice was changed elsewhere. Connecting again with the new one from the account list.',
      newPassword: 'newpw2',
    });
  });

  it('names a refusal that a new password would not get past, rather than trying it', () => {
    expect(explainAccountRefusal(alice, [account({ password: 'newpw2', status: 0 })])).toEqual({ reason: expect.stringMatching(/disabled/) });
  });

  it.each([
    ['an unlimited account', account({ limit_flow: 0, usage_flow: 10 ** 12 })],
    ['an account under its limit', account({ limit_flow: 2, usage_flow: 1024 })],
  ])('says nothing for %s', (_, record) => {
    expect(explainAccountRefusal(alice, [record], summary(100))).toBeUndefined();
  });
});
