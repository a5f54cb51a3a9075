// Two extension pages changing accounts at once (the popup and the dashboard, say): whatever order the
// changes and the refetches they cause land in, the cached list ends equal to the provider's state.
import { beforeEach, describe, expect, it } from 'vitest';
import { resetFakeExtension, startApiBackground, setSandboxKey } from '../../test/helpers/background.ts';
import { useSandbox } from '../../test/helpers/api.ts';
import { createApiClient } from './api/client.ts';
import { sendToBackground } from '../ui/send-to-background.ts';
import { cachedRequestItems } from './cached-requests.ts';
import { askList } from '../../test/helpers/messaging.ts';

const LIST = 'whitelist-account/list';
const fx = useSandbox({ accounts: 6 });

/** Held list answers: the provider has answered, the answer has not reached the background yet. */
let holdNextList = false;
let releaseHeld: (() => void) | undefined;

/** The real fetch, except that a held list answer waits for `releaseHeld()`. */
const fetchWithHold: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const body = await response.text();
  if (holdNextList && String(input).includes(LIST)) {
    holdNextList = false;
    await new Promise<void>((resolve) => (releaseHeld = resolve));
  }
  return new Response(body, { status: response.status, headers: response.headers });
};

beforeEach(() => {
  resetFakeExtension();
  holdNextList = false;
  releaseHeld = undefined;
});

const truth = () => createApiClient({ appKey: fx.sb.demoKey, baseUrl: fx.sb.url, retries: 0 }).listAccounts();
const cachedAccounts = async () => (await cachedRequestItems.getAccounts.getValue())['{}']?.data;
const listCalls = () => fx.requests(LIST).length;

async function waitFor(what: string, condition: () => boolean): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 200) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('two pages changing accounts at once', () => {
  it('many remark changes and disables sent together end with the provider’s list in the cache', async () => {
    const service = startApiBackground({ client: { fetch: fetchWithHold } });
    await setSandboxKey(fx.sb);
    const names = (await askList('getAccounts', {})).data.map((account) => account.username);
    const popup = [
      sendToBackground('changeAccountRemark', { account: names[0]!, remark: 'popup 1' }),
      sendToBackground('disableAccounts', { accounts: [names[1]!] }),
      sendToBackground('changeAccountRemark', { account: names[2]!, remark: 'popup 2' }),
    ];
    const dashboard = [
      sendToBackground('disableAccounts', { accounts: [names[2]!, names[3]!] }),
      sendToBackground('changeAccountRemark', { account: names[0]!, remark: 'dashboard 1' }),
      sendToBackground('changeAccountRemark', { account: names[4]!, remark: 'dashboard 2' }),
    ];
    await Promise.all([...popup, ...dashboard]);
    await service.idle();
    const provider = await truth();
    expect(await cachedAccounts()).toEqual(provider);
    expect((await askList('getAccounts', {})).data).toEqual(provider);
    expect(provider.find((account) => account.username === names[2])).toMatchObject({ remark: 'popup 2', status: 0 });
  });

  it('a refetch answered before the other page’s change, and arriving after it, is not stored', async () => {
    const service = startApiBackground({ client: { fetch: fetchWithHold } });
    await setSandboxKey(fx.sb);
    const [first, second] = (await askList('getAccounts', {})).data;

    // The popup changes a remark; the refetch this causes is answered by the provider, then held.
    holdNextList = true;
    const before = listCalls();
    await sendToBackground('changeAccountRemark', { account: first!.username, remark: 'from the popup' });
    await waitFor('the popup’s refetch to be answered', () => listCalls() > before && releaseHeld !== undefined);

    // Meanwhile the dashboard disables another account; its own refetch lands at once.
    await sendToBackground('disableAccounts', { accounts: [second!.username] });
    await waitFor('the dashboard’s refetch', () => listCalls() > before + 1);
    await new Promise((resolve) => setTimeout(resolve, 50));

    // Now the popup's older answer arrives: it predates the disable and must not replace the list.
    releaseHeld!();
    await service.idle();
    const provider = await truth();
    expect(provider.find((account) => account.username === second!.username)?.status).toBe(0);
    expect(await cachedAccounts()).toEqual(provider);
    expect((await askList('getAccounts', {})).data).toEqual(provider);
  });
});
