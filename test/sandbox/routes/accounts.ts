// Proxy accounts (whitelist-account/*): list, add, delete, enable, disable, and change one field.
import type { AccountView, KeyState } from '../state.ts';
import { Checker } from '../validate.ts';
import { REJECTIONS, invalid, ok, reject, type Route, type RouteTable } from './route.ts';

const listAccounts: Route = {
  method: 'GET',
  envelope: 'code200-msg',
  handle: ({ key }) => ok({ list: key.listAccounts() }),
};

const addAccounts: Route = {
  method: 'POST',
  envelope: 'code200-msg',
  needsVerified: true,
  handle({ params, key, now }) {
    const check = new Checker(params);
    const items = check.batch('accounts');
    const remark = check.remark('remark');
    const productType = check.integer('product_type', { min: 0 }) ?? 9;
    const pairs: [string, string][] = [];
    for (const item of items ?? []) {
      const parts = item.split(':');
      const [username, password] = parts;
      if (parts.length !== 2 || !username || !password) {
        check.fail('accounts', `格式错误，应为 username:password：${item}`);
        continue;
      }
      if (check.token('accounts', username, '账户名') && check.token('accounts', password, '密码')) pairs.push([username, password]);
    }
    if (check.failed || remark === undefined) return invalid(check);
    const taken = pairs.filter(([username]) => key.getAccount(username)).map(([username]) => username);
    if (taken.length > 0) return reject(REJECTIONS.accountExists, taken.join(','));
    for (const [username, password] of pairs) {
      key.addAccount({ username, password, remark, product_type: productType, usage_flow: 0, limit_flow: 0, status: 1 }, now);
    }
    return ok();
  },
};

/** delete / enable / disable: a batch "u1,u2"; any unknown name rejects the whole batch, nothing changes. */
function batchAction(apply: (key: KeyState, account: AccountView) => void): Route {
  return {
    method: 'POST',
    envelope: 'code200-msg',
    needsVerified: true,
    handle({ params, key }) {
      const check = new Checker(params);
      const names = (check.batch('accounts') ?? []).filter((name) => check.token('accounts', name, '账户名'));
      if (check.failed) return invalid(check);
      const accounts = names.map((name) => key.getAccount(name));
      const unknown = names.filter((_, i) => accounts[i] === undefined);
      if (unknown.length > 0) return reject(REJECTIONS.accountNotFound, unknown.join(','));
      for (const account of accounts) if (account) apply(key, account);
      return ok();
    },
  };
}

/** change-password / change-remark / change-limit: one `account` plus one field to set. */
function changeAction<T>(read: (check: Checker) => T | undefined, apply: (account: AccountView, value: T) => void): Route {
  return {
    method: 'POST',
    envelope: 'code200-msg',
    needsVerified: true,
    handle({ params, key }) {
      const check = new Checker(params);
      const account = check.string('account', { required: true });
      if (account !== undefined) check.token('account', account, '账户名');
      const value = read(check);
      if (check.failed || account === undefined || value === undefined) return invalid(check);
      const view = key.getAccount(account);
      if (!view) return reject(REJECTIONS.accountNotFound, account);
      apply(view, value);
      return ok();
    },
  };
}

const changePassword = changeAction(
  (check) => {
    const password = check.string('password', { required: true });
    return password !== undefined && check.token('password', password, '密码') ? password : undefined;
  },
  (account, password) => {
    account.password = password;
  },
);

const changeRemark = changeAction(
  (check) => check.remark('remark', { required: true }),
  (account, remark) => {
    account.remark = remark;
  },
);

const changeLimit = changeAction(
  (check) => check.integer('limit', { required: true, min: 0, max: 102_400 }),
  (account, limit) => {
    account.limit_flow = limit;
  },
);

export const ACCOUNT_ROUTES: RouteTable = [
  ['whitelist-account/list', listAccounts],
  ['whitelist-account/add', addAccounts],
  ['whitelist-account/delete', batchAction((key, account) => key.deleteAccount(account.username))],
  ['whitelist-account/enable', batchAction((_key, account) => void (account.status = 1))],
  ['whitelist-account/disable', batchAction((_key, account) => void (account.status = 0))],
  ['whitelist-account/change-password', changePassword],
  ['whitelist-account/change-remark', changeRemark],
  ['whitelist-account/change-limit', changeLimit],
];
