/**
 * `npm start`: the whole flow without a 911Proxy account. Starts the sandbox API and its gateway (a
 * local authenticating proxy for the sandbox's accounts), opens Chromium with the built extension,
 * points the extension at the sandbox, then, in the popup as a user would, enters the demo key and
 * connects to the first enabled account through the gateway, and prints the exit check. `--headless` does it without a window and exits.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../test/e2e/harness/chromium.ts';
import { chromiumProtocol } from '../test/e2e/harness/protocol.ts';
import { PopupPage } from '../test/e2e/pages/popup.ts';
import { EXIT_ECHO_HOST, startGateway } from '../test/sandbox/gateway.ts';
import { startSandbox } from '../test/sandbox/server.ts';

const { values } = parseArgs({ options: { headless: { type: 'boolean', default: false } } });
const headless = values.headless || !process.env.DISPLAY;
if (!values.headless && headless) console.log('No display found: running headless.');

const sandbox = await startSandbox({ port: 0 });
const gateway = await startGateway(sandbox.state.getKey(sandbox.demoKey)!);
console.log(`Sandbox API ${sandbox.url}, gateway ${gateway.host}:${gateway.port}`);

const chromium = await launchChromium({ headless });
const stopAll = async () => {
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

  // Then the popup: enter the demo key, pick the first enabled account, connect.
  const popup = await PopupPage.open(chromium);
  await popup.enterKey(sandbox.demoKey);
  const accounts = sandbox.state.getKey(sandbox.demoKey)!.listAccounts();
  console.log(`Key accepted; the sandbox has ${accounts.length} proxy accounts.`);
  const account = accounts.find((candidate) => candidate.status === 1);
  if (!account) throw new Error('the sandbox has no enabled account');
  await popup.accountRow(account.username).waitFor();
  const startedAt = performance.now();
  await popup.connectAccount(account.username);
  await popup.status().filter({ hasText: /Exit IP|failed|refused/i }).waitFor({ timeout: 20_000 });
  console.log(`Connected with ${account.username} from the popup in ${Math.round(performance.now() - startedAt)} ms.`);
  console.log(`Status: ${(await popup.status().innerText()).replace(/\s+/g, ' ').trim()}`);
  for (const entry of gateway.log) console.log(`  gateway: ${entry.status} ${entry.method} ${entry.target} as ${entry.user ?? '(no login)'}`);

  if (headless) {
    const dir = path.resolve('test-results/screenshots');
    await mkdir(dir, { recursive: true });
    await popup.page.screenshot({ path: path.join(dir, 'start-popup.png') });
    const dashboard = await chromium.openExtensionPage('dashboard.html');
    await dashboard.setViewportSize({ width: 1280, height: 900 });
    await dashboard.locator('svg rect').first().waitFor({ timeout: 20_000 });
    await dashboard.screenshot({ path: path.join(dir, 'start-dashboard.png'), fullPage: true });
    console.log(`Screenshots: ${path.join(dir, 'start-popup.png')}, ${path.join(dir, 'start-dashboard.png')}`);
    await stopAll();
  } else {
    console.log('Chromium is open with the extension connected: open the popup from the toolbar. Press Ctrl-C to stop.');
    const stop = () => void stopAll().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll();
  process.exit(1);
}
