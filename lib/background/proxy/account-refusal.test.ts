import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { installEnglishMessages } from '../../../test/helpers/i18n.ts';
import type { Account, PackageSummary } from '../api/schemas.ts';
import type { AccountEndpoint } from './endpoint.ts';
import { explainAccountRefusal, isAccountDisabled } from './account-refusal.ts';

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

describe('isAccountDisabled', () => {
  /** Answers from `cached`, or from `fresh` when a refresh is asked for; records which. */
  function lists(cached: Account[], fresh: Account[]) {
    const reads: boolean[] = [];
    const read = async (refresh: boolean) => (reads.push(refresh), refresh ? fresh : cached);
    return { reads, read };
  }

  it('says an account is disabled when a fresh list confirms the cached one', async () => {
    const { reads, read } = lists([account({ status: 0 })], [account({ status: 0 })]);
    expect(await isAccountDisabled('alice', read)).toBe(true);
    expect(reads).toEqual([false, true]);
  });

  it('lets an account enabled since the list was cached connect', async () => {
    const { reads, read } = lists([account({ status: 0 })], [account({ status: 1 })]);
    expect(await isAccountDisabled('alice', read)).toBe(false);
    expect(reads).toEqual([false, true]);
  });

  it.each([
    ['an enabled account, without asking the API', [account({ status: 1 })]],
    ['an account the list does not know (the gateway decides)', [account({ username: 'bob', status: 0 })]],
  ])('lets %s connect', async (_, cached) => {
    const { reads, read } = lists(cached, [account({ status: 0 })]);
    expect(await isAccountDisabled('alice', read)).toBe(false);
    expect(reads).toEqual([false]);
  });
});
