/**
 * The demo session `npm start` and `npm run screenshots` share: the sandbox API and its gateway, and
 * Chromium with the built extension pointed at them, as a user sets it up once in the options; then,
 * in the popup as a user would, the demo key entered and the first enabled account connected.
 */
import { launchChromium, type LaunchChromiumOptions } from '../test/e2e/harness/chromium.ts';
import { chromiumProtocol } from '../test/e2e/harness/protocol.ts';
import { PopupPage } from '../test/e2e/pages/popup.ts';
import { EXIT_ECHO_HOST, startGateway } from '../test/sandbox/gateway.ts';
import { startSandbox } from '../test/sandbox/server.ts';

/** Starts the sandbox and its gateway, and Chromium with the extension set up to use them. */
export async function startDemo(chromiumOptions: LaunchChromiumOptions = {}) {
  const sandbox = await startSandbox({ port: 0 });
  const gateway = await startGateway(sandbox.state.getKey(sandbox.demoKey)!);
  const chromium = await launchChromium(chromiumOptions).catch(async (error: unknown) => {
    await Promise.all([gateway.close(), sandbox.close()]);
    throw error;
  });
  const close = async () => {
    await chromium.close();
    await Promise.all([gateway.close(), sandbox.close()]);
  };
  try {
    // What a user does once in the options page: confirm the sandbox as the API host, set the gateway.
    const control = await chromium.openExtensionPage('manifest.json');
    await chromiumProtocol(control).call('updateSettings', {
      apiBaseUrl: sandbox.url,
      gateway: { host: gateway.host, port: gateway.port },
      exitCheckUrl: `http://${EXIT_ECHO_HOST}/`,
    });
    await control.close();
  } catch (error) {
    await close();
    throw error;
  }
  return { sandbox, gateway, chromium, close };
}

export type Demo = Awaited<ReturnType<typeof startDemo>>;

/**
 * In a popup: enters the demo key, connects to the first enabled account and waits for the exit check.
 * Resolves with the popup, the account's name, how many accounts the sandbox has and the connect time.
 */
export async function connectFirstAccount({ sandbox, chromium }: Demo) {
  const popup = await PopupPage.open(chromium);
  await popup.enterKey(sandbox.demoKey);
  const accounts = sandbox.state.getKey(sandbox.demoKey)!.listAccounts();
  const account = accounts.find((candidate) => candidate.status === 1);
  if (!account) throw new Error('the sandbox has no enabled account');
  await popup.accountRow(account.username).waitFor();
  const startedAt = performance.now();
  await popup.connectAccount(account.username);
  await popup.status().filter({ hasText: /Exit IP|failed|refused/i }).waitFor({ timeout: 20_000 });
  return { popup, username: account.username, accountCount: accounts.length, connectMs: Math.round(performance.now() - startedAt) };
}
