// Proxy accounts (whitelist-account/*) over real HTTP against the sandbox.
import { describe, expect, it } from 'vitest';
import { expectApiError, useSandbox } from '../../../test/helpers/api.ts';
import type { AccountView } from '../../../test/sandbox/server.ts';

const fx = useSandbox();

/** The demo key's accounts as the sandbox holds them. */
function stored(): { all: AccountView[]; get(name: string): AccountView | undefined } {
  const key = fx.sb.state.getKey(fx.sb.demoKey);
  if (!key) throw new Error('no demo key');
  return { all: key.listAccounts(), get: (name) => key.getAccount(name) };
}

function someAccount(index = 0): AccountView {
  const account = stored().all[index];
  if (!account) throw new Error(`no seeded account #${index}`);
  return account;
}

describe('GET whitelist-account/list', () => {
  it('lists the accounts with the documented fields, the key in the query', async () => {
    const accounts = await fx.client().listAccounts();
    expect(accounts).toHaveLength(stored().all.length);
    const first = accounts[0];
    expect(first).toMatchObject({ username: someAccount().username, password: someAccount().password });
    expect(first).toEqual(expect.objectContaining({ id: expect.any(Number), usage_flow: expect.any(Number), limit_flow: expect.any(Number) }));
    const [request] = fx.requests('whitelist-account/list');
    expect(request?.method).toBe('GET');
    expect(request?.query.app_key).toBe(fx.sb.demoKey);
  });

  it('keeps accounts of a product type it has never heard of', async () => {
    const types = new Set((await fx.client().listAccounts()).map((account) => account.product_type));
    expect([...types].some((type) => ![9, 11, 14, 25].includes(type))).toBe(true);
  });

  it('fails with invalid-key on an unknown key', async () => {
    await expectApiError(fx.client({ appKey: 'nosuchkey0000000000000000000000x' }).listAccounts(), 'invalid-key');
  });

  it('fails with malformed naming data.list on a wrong-shaped answer', async () => {
    fx.sb.setFault({ kind: 'wrong-shape', path: 'whitelist-account/list' });
    const error = await expectApiError(fx.client().listAccounts(), 'malformed');
    expect(error.field).toBe('data.list');
  });
});

describe('POST whitelist-account/add', () => {
  it('adds a batch comma-joined, with the key and parameters in the JSON body', async () => {
    await fx.client().addAccounts({ accounts: [{ username: 'alpha1', password: 'Pw1' }, { username: 'beta2', password: 'Pw2' }], remark: '测试 batch', productType: 9 });
    expect(stored().get('alpha1')).toMatchObject({ password: 'Pw1', remark: '测试 batch', product_type: 9, status: 1 });
    expect(stored().get('beta2')).toMatchObject({ password: 'Pw2' });
    const [request] = fx.requests('whitelist-account/add');
    expect(request?.method).toBe('POST');
    expect(request?.query).toEqual({});
    expect(request?.body).toEqual({ app_key: fx.sb.demoKey, accounts: 'alpha1:Pw1,beta2:Pw2', remark: '测试 batch', product_type: 9 });
  });

  it('passes the server’s refusal of an existing name as rejected, with its message', async () => {
    const taken = someAccount().username;
    const error = await expectApiError(fx.client().addAccounts({ accounts: [{ username: taken, password: 'x1' }] }), 'rejected');
    expect(error.code).toBe(1001);
    expect(error.detail).toContain('账户已存在');
    expect(error.detail).toContain(taken);
  });

  it('fails with unverified for an account without real-name verification', async () => {
    await expectApiError(fx.client({ appKey: fx.sb.unverifiedKey }).addAccounts({ accounts: [{ username: 'gamma3', password: 'p' }] }), 'unverified');
  });

  it.each([
    ['a symbol in a name', { accounts: [{ username: 'bad-name', password: 'p1' }] }, 'accounts.0.username'],
    ['a space in a password', { accounts: [{ username: 'okname', password: 'p 1' }] }, 'accounts.0.password'],
    ['an empty batch', { accounts: [] }, 'accounts'],
    ['a name twice', { accounts: [{ username: 'dup', password: 'a' }, { username: 'dup', password: 'b' }] }, 'accounts'],
    ['a remark over 64 columns', { accounts: [{ username: 'okname', password: 'p1' }], remark: '备'.repeat(33) }, 'remark'],
  ])('refuses %s before sending', async (_, input, field) => {
    const error = await expectApiError(fx.client().addAccounts(input), 'invalid-input');
    expect(error.field).toBe(field);
    expect(fx.requests()).toHaveLength(0);
  });
});

describe.each([
  ['delete', 'deleteAccounts'],
  ['disable', 'disableAccounts'],
  ['enable', 'enableAccounts'],
] as const)('POST whitelist-account/%s', (endpoint, method) => {
  it('applies to a comma-joined batch', async () => {
    const names = [someAccount(0).username, someAccount(1).username];
    if (endpoint === 'enable') for (const name of names) stored().get(name)!.status = 0;
    await fx.client()[method](names);
    expect(fx.requests(`whitelist-account/${endpoint}`)[0]?.body).toEqual({ app_key: fx.sb.demoKey, accounts: names.join(',') });
    const after = names.map((name) => stored().get(name));
    if (endpoint === 'delete') expect(after).toEqual([undefined, undefined]);
    else expect(after.map((account) => account?.status)).toEqual(endpoint === 'enable' ? [1, 1] : [0, 0]);
  });

  it('passes an unknown account’s refusal as rejected, changing nothing', async () => {
    const known = someAccount().username;
    const error = await expectApiError(fx.client()[method]([known, 'nosuch9']), 'rejected');
    expect(error.code).toBe(1002);
    expect(error.detail).toContain('nosuch9');
    expect(stored().get(known)).toBeDefined();
  });

  it('fails with unverified for an unverified account', async () => {
    const key = fx.sb.state.getKey(fx.sb.unverifiedKey)!;
    await expectApiError(fx.client({ appKey: fx.sb.unverifiedKey })[method]([key.listAccounts()[0]!.username]), 'unverified');
  });

  it.each([
    [[] as string[], 'accounts'],
    [['ok1', 'ok1'], 'accounts'],
    [['ok1', 'not,ok'], 'accounts.1'],
    [['中文'], 'accounts.0'],
  ])('refuses %j before sending (field %s)', async (names, field) => {
    const error = await expectApiError(fx.client()[method](names), 'invalid-input');
    expect(error.field).toBe(field);
    expect(fx.requests()).toHaveLength(0);
  });
});

describe('POST whitelist-account/change-password', () => {
  it('sets the new password', async () => {
    const { username } = someAccount();
    await fx.client().changeAccountPassword({ account: username, password: 'NewPass99' });
    expect(stored().get(username)?.password).toBe('NewPass99');
    expect(fx.requests('whitelist-account/change-password')[0]?.body).toEqual({ app_key: fx.sb.demoKey, account: username, password: 'NewPass99' });
  });

  it('passes an unknown account’s refusal as rejected', async () => {
    const error = await expectApiError(fx.client().changeAccountPassword({ account: 'nosuch9', password: 'p' }), 'rejected');
    expect(error.code).toBe(1002);
  });

  it('refuses a password with symbols before sending', async () => {
    const error = await expectApiError(fx.client().changeAccountPassword({ account: someAccount().username, password: 'p@ss' }), 'invalid-input');
    expect(error.field).toBe('password');
    expect(fx.requests()).toHaveLength(0);
  });
});

describe('POST whitelist-account/change-remark', () => {
  it('sets a remark of exactly 32 CJK characters', async () => {
    const { username } = someAccount();
    const remark = '备注'.repeat(16);
    await fx.client().changeAccountRemark({ account: username, remark });
    expect(stored().get(username)?.remark).toBe(remark);
  });

  it('clears a remark with an empty one', async () => {
    const { username } = someAccount();
    await fx.client().changeAccountRemark({ account: username, remark: '' });
    expect(stored().get(username)?.remark).toBe('');
  });

  it('fails with unverified for an unverified account', async () => {
    const key = fx.sb.state.getKey(fx.sb.unverifiedKey)!;
    await expectApiError(fx.client({ appKey: fx.sb.unverifiedKey }).changeAccountRemark({ account: key.listAccounts()[0]!.username, remark: 'x' }), 'unverified');
  });

  it('refuses 33 CJK characters before sending', async () => {
    const error = await expectApiError(fx.client().changeAccountRemark({ account: someAccount().username, remark: '备'.repeat(33) }), 'invalid-input');
    expect(error.field).toBe('remark');
    expect(fx.requests()).toHaveLength(0);
  });
});

describe('POST whitelist-account/change-limit', () => {
  it.each([0, 1, 102_400])('sets a cap of %i GB, sent as `limit`', async (limitGb) => {
    const { username } = someAccount();
    await fx.client().changeAccountLimit({ account: username, limitGb });
    expect(stored().get(username)?.limit_flow).toBe(limitGb);
    expect(fx.requests('whitelist-account/change-limit')[0]?.body).toEqual({ app_key: fx.sb.demoKey, account: username, limit: limitGb });
  });

  it('passes an unknown account’s refusal as rejected', async () => {
    await expectApiError(fx.client().changeAccountLimit({ account: 'nosuch9', limitGb: 5 }), 'rejected');
  });

  it.each([-1, 102_401, 1.5])('refuses %d GB before sending', async (limitGb) => {
    const error = await expectApiError(fx.client().changeAccountLimit({ account: someAccount().username, limitGb }), 'invalid-input');
    expect(error.field).toBe('limitGb');
    expect(fx.requests()).toHaveLength(0);
  });
});
