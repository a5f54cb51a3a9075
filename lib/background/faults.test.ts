// Faults in the middle of a change: the API fails (HTTP 500), applies the change and cuts its answer
// ('truncated'), or applies it and never answers ('hang', past a short timeout). Whatever happened at
// the provider, the page gets the error and the cache ends equal to the provider's state: never the old
// list shown as current. After an HTTP 500 the list is answered stale at once and refetched; when the
// answer was lost (cut off, or none in time) the change may have gone through, so the list is read
// again before the page is answered, and the page is told so instead of "try again".
import { beforeEach, describe, expect, it } from 'vitest';
import { resetFakeExtension, startApiBackground, setSandboxKey } from '../../test/helpers/background.ts';
import type { FaultKind } from '../../test/sandbox/server.ts';
import { useSandbox } from '../../test/helpers/api.ts';
import { createApiClient } from './api/client.ts';
import { sendToBackground } from '../ui/send-to-background.ts';
import { askList, rejection } from '../../test/helpers/messaging.ts';

const fx = useSandbox({ accounts: 4 });
beforeEach(() => {
  resetFakeExtension();
});

/** The provider's own state, read past the extension. */
const truth = () => createApiClient({ appKey: fx.sb.demoKey, baseUrl: fx.sb.url, retries: 0 });

const REREAD = 'The list was read again and shows what 911Proxy has now: check it before you try again.';
const FAULTS: { fault: FaultKind; kind: string; applied: boolean; message: string | RegExp }[] = [
  { fault: 'http500', kind: 'http', applied: false, message: /HTTP 500/ },
  { fault: 'truncated', kind: 'maybe-applied', applied: true, message: `911Proxy's answer could not be read, but the change may have been applied anyway. ${REREAD}` },
  { fault: 'hang', kind: 'maybe-applied', applied: true, message: `911Proxy did not answer in time, but the change may have been applied anyway. ${REREAD}` },
];

async function started() {
  const service = startApiBackground({ client: { timeoutMs: 400 } });
  await setSandboxKey(fx.sb);
  return service;
}

describe.each(FAULTS)('a change that meets $fault', ({ fault, kind, applied, message }) => {
  const accountChanges: { name: string; endpoint: string; change: (first: string) => Promise<unknown> }[] = [
    { name: 'addAccounts', endpoint: 'whitelist-account/add', change: () => sendToBackground('addAccounts', { accounts: [{ username: 'midfault1', password: 'pw1' }], remark: 'new' }) },
    { name: 'changeAccountRemark', endpoint: 'whitelist-account/change-remark', change: (first) => sendToBackground('changeAccountRemark', { account: first, remark: 'changed mid-fault' }) },
    { name: 'deleteAccounts', endpoint: 'whitelist-account/delete', change: (first) => sendToBackground('deleteAccounts', { accounts: [first] }) },
  ];

  it.each(accountChanges)(`$name: the user gets the ${kind} error, and the account list ends as the provider has it`, async ({ endpoint, change }) => {
    const service = await started();
    const before = await askList('getAccounts', {});
    const first = before.data[0]!.username;

    fx.sb.setFault({ kind: fault, path: endpoint, times: 1 });
    const error = await rejection(change(first));
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);

    // The old list is only ever shown as out of date; a change that may have been applied is read
    // again before the page hears of the failure.
    const meanwhile = await askList('getAccounts', {});
    expect(meanwhile.stale).toBe(!applied);
    const provider = await truth().listAccounts();
    // Whether the change happened at the provider.
    expect(JSON.stringify(provider) !== JSON.stringify(before.data)).toBe(applied);
    if (applied) expect(meanwhile.data).toEqual(provider);
    await service.idle();

    const after = await askList('getAccounts', {});
    expect(after.stale).toBe(false);
    expect(after.data).toEqual(provider);
  });

  it(`closeOrder: the user gets the ${kind} error, and every cached page of orders ends as the provider has it`, async () => {
    const service = await started();
    const unpaid = (await askList('getOrders', { status: 0 })).data.list[0];
    expect(unpaid).toBeDefined();
    await askList('getOrders', {});

    fx.sb.setFault({ kind: fault, path: 'order/close', times: 1 });
    const error = await rejection(sendToBackground('closeOrder', { tradeNo: unpaid!.trade_no }));
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
    expect((await askList('getOrders', { status: 0 })).stale).toBe(!applied);
    await service.idle();

    for (const params of [{ status: 0 }, {}] as const) {
      const cached = await askList('getOrders', params);
      expect(cached.stale).toBe(false);
      expect(cached.data).toEqual(await truth().listOrders(params));
    }
    const stillUnpaid = (await askList('getOrders', { status: 0 })).data.list.some((order) => order.trade_no === unpaid!.trade_no);
    expect(stillUnpaid).toBe(!applied);
  });
});

describe('a change the provider carries out after the client gave up', () => {
  it('is shown once it lands: the lists are read once more a while after the change was said to be maybe applied', async () => {
    const service = startApiBackground({ client: { timeoutMs: 300 }, recheckAfterMs: 2_500 });
    await setSandboxKey(fx.sb);
    const account = (await askList('getAccounts', {})).data.find((candidate) => candidate.status === 1)!;
    // The disable is carried out 1.5 s after it arrived, 1.2 s after the client gave up.
    fx.sb.setFault({ kind: 'hang', path: 'whitelist-account/disable', times: 1, delayMs: 1_500 });
    const error = await rejection(sendToBackground('disableAccounts', { accounts: [account.username] }));
    expect(error.kind).toBe('maybe-applied');
    const statusIn = async () => (await askList('getAccounts', {})).data.find((candidate) => candidate.username === account.username)?.status;
    // Read again at once: not applied yet, as the provider says.
    expect(await statusIn()).toBe(1);
    await service.idle();
    expect(fx.sb.state.getKey(fx.sb.demoKey)!.getAccount(account.username)?.status).toBe(0);
    expect(await statusIn()).toBe(0);
  });
});

describe('a change whose answer was lost while the list cannot be read either', () => {
  it('says that the change may have been applied and that the list could not be read again, and reads it later', async () => {
    const service = await started();
    const first = (await askList('getAccounts', {})).data[0]!.username;
    // Everything hangs: the disable is carried out unanswered, and so is the list's re-read.
    fx.sb.setFault({ kind: 'hang' });
    const error = await rejection(sendToBackground('disableAccounts', { accounts: [first] }));
    expect(error).toMatchObject({
      kind: 'maybe-applied',
      message: '911Proxy did not answer in time, but the change may have been applied anyway. The list could not be read again to check: reload it before you try again.',
    });
    fx.sb.setFault(null);
    await service.idle();
    const later = await askList('getAccounts', {});
    expect(later.stale).toBe(false);
    expect(later.data).toEqual(await truth().listAccounts());
  });
});

describe('a change refused before anything is sent', () => {
  it('leaves the lists alone (no refetch for input the client refused)', async () => {
    const service = await started();
    await askList('getAccounts', {});
    const calls = fx.sb.requests.length;
    // 65 Latin characters: over the document's 64-column limit, refused by the client.
    const error = await rejection(sendToBackground('changeAccountRemark', { account: 'abc1', remark: 'x'.repeat(65) }));
    expect(['invalid-input', 'bad-message']).toContain(error.kind);
    await service.idle();
    expect(fx.sb.requests.length).toBe(calls);
    expect((await askList('getAccounts', {})).stale).toBe(false);
  });
});
