/**
 * A slow 911Proxy in a real Chromium, with the shipped timings (15 s a try, the notice after 3 s): the
 * popup says that 911Proxy is slow and which try this is, "Stop waiting" stops the request at once and
 * says so, and a change that got no answer in time (though the provider applied it) is reported as
 * "may have been applied" beside the list read again, which shows the real state.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server.ts';
import { launchChromium, type ChromiumHandle } from './harness/index.ts';
import { chromiumProtocol, type ProtocolClient } from './harness/protocol.ts';
import { REPO_ROOT } from './harness/util.ts';
import { PopupPage } from './pages/popup.ts';

describe('a slow API in Chromium', () => {
  let sandbox: Sandbox;
  let chromium: ChromiumHandle;
  let background: ProtocolClient;

  const listRequests = () => sandbox.requests.filter((request) => request.path === '/api-gate-way/whitelist-account/list').length;

  beforeAll(async () => {
    sandbox = await startSandbox({ accounts: 3 });
    chromium = await launchChromium();
    background = chromiumProtocol(await chromium.openExtensionPage('manifest.json'));
    await background.call('updateSettings', { apiBaseUrl: sandbox.url });
    await background.call('setKey', { key: sandbox.demoKey, remember: true });
  });

  afterAll(async () => {
    await chromium?.close();
    await sandbox?.close();
  });

  it('says 911Proxy is slow, at which try, and stops waiting at once when asked', async () => {
    sandbox.setFault({ kind: 'hang', path: 'whitelist-account/list' });
    const triesBefore = listRequests();
    const openedAt = Date.now();
    const popup = await PopupPage.open(chromium);
    const notice = popup.page.getByText('911Proxy is slow to answer (try 1 of 3).');
    await notice.waitFor({ timeout: 10_000 });
    const noticeAfterMs = Date.now() - openedAt;
    expect(await popup.page.getByText('Loading…').count()).toBe(1);
    await mkdir(path.join(REPO_ROOT, 'test-results/screenshots'), { recursive: true });
    await popup.page.screenshot({ path: path.join(REPO_ROOT, 'test-results/screenshots/popup-slow.png') });

    const stoppedAt = Date.now();
    await popup.page.getByRole('button', { name: 'Stop waiting' }).click();
    await popup.page.getByText('Stopped waiting: the request to 911Proxy was cancelled and nothing new was loaded.').waitFor();
    const stopTookMs = Date.now() - stoppedAt;
    expect(await popup.page.getByText('Loading…').count()).toBe(0);
    // No second try follows the stopped one (the first would time out at 15 s).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(listRequests() - triesBefore).toBe(1);
    console.log(`slow notice ${noticeAfterMs} ms after opening the popup; stopped ${stopTookMs} ms after the click`);

    sandbox.setFault(null);
    await popup.page.getByRole('button', { name: 'Try again' }).click();
    await popup.accountList().waitFor();
    expect(await popup.accountList().locator('.name').count()).toBe(3);
    await popup.page.close();
  });

  it('tells of a change that got no answer in time that it may have been applied, beside the list read again', async () => {
    const account = sandbox.state.getKey(sandbox.demoKey)!.listAccounts().find((candidate) => candidate.status === 1)!;
    const popup = await PopupPage.open(chromium);
    await popup.openAccount(account.username);
    // The provider carries the change out but its answer never comes.
    sandbox.setFault({ kind: 'hang', path: 'whitelist-account/disable', times: 1 });
    const clickedAt = Date.now();
    await popup.toggleEnabled('Disable');
    const alert = popup.page.getByRole('alert').filter({ hasText: 'may have been applied' });
    await alert.waitFor({ timeout: 30_000 });
    const answeredAfterMs = Date.now() - clickedAt;
    expect(await alert.textContent()).toBe(
      '911Proxy did not answer in time, but the change may have been applied anyway. The list was read again and shows what 911Proxy has now: check it before you try again.',
    );
    // The real state is already shown: off, with Enable as the next action (not a blind "try again").
    expect(sandbox.state.getKey(sandbox.demoKey)!.getAccount(account.username)?.status).toBe(0);
    await popup.page.getByRole('button', { name: 'Enable', exact: true }).waitFor({ timeout: 1_000 });
    expect(await popup.page.getByRole('button', { name: 'Disable', exact: true }).count()).toBe(0);
    console.log(`timed-out disable reported ${answeredAfterMs} ms after the click, with the list read again`);
    await popup.page.close();
  });
});
