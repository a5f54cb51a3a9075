/**
 * `npm start`: the whole flow without a 911Proxy account. Starts the sandbox API and its gateway (a
 * local authenticating proxy for the sandbox's accounts), opens Chromium with the built extension,
 * points the extension at the sandbox, enters the demo key, connects to the first enabled account
 * through the gateway and prints the exit check. `--headless` does it without a window and exits.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../test/e2e/harness/chromium.ts';
import { chromiumProtocol } from '../test/e2e/harness/protocol.ts';
import { pollFor } from '../test/e2e/harness/util.ts';
import { EXIT_ECHO_HOST, startGateway } from '../test/sandbox/gateway.ts';
import { startSandbox } from '../test/sandbox/server.ts';

const { values } = parseArgs({ options: { headless: { type: 'boolean', default: false } } });
const headless = values.headless || !process.env.DISPLAY;
if (!values.headless && headless) console.log('No display found: running headless.');

interface Account {
  username: string;
  password: string;
  status: number;
}
interface Status {
  state: string;
  exit?: { ip: string; country?: string };
  failure?: { message: string };
}

const sandbox = await startSandbox({ port: 0 });
const gateway = await startGateway(sandbox.state.getKey(sandbox.demoKey)!);
console.log(`Sandbox API ${sandbox.url}, gateway ${gateway.host}:${gateway.port}`);

const chromium = await launchChromium({ headless });
const stopAll = async () => {
  await chromium.close();
  await Promise.all([gateway.close(), sandbox.close()]);
};

try {
  const page = await chromium.openExtensionPage('popup.html');
  const background = chromiumProtocol(page);
  // What a user does once in the options page: confirm the API host, set the gateway, enter the key.
  await background.call('updateSettings', {
    apiBaseUrl: sandbox.url,
    gateway: { host: gateway.host, port: gateway.port },
    exitCheckUrl: `http://${EXIT_ECHO_HOST}/`,
  });
  await background.call('setKey', { key: sandbox.demoKey, remember: true });
  const { data: accounts } = await background.call<{ data: Account[] }>('getAccounts');
  console.log(`Key accepted: ${accounts.length} proxy accounts.`);
  const account = accounts.find((candidate) => candidate.status === 1);
  if (!account) throw new Error('the sandbox has no enabled account');

  const endpoint = { kind: 'account', account: account.username, password: account.password, country: 'US', stickyMinutes: 10, sessionId: 'demo1' };
  const startedAt = performance.now();
  await background.call('connect', { endpoint });
  const status = await pollFor('the exit check', async () => {
    const current = await background.call<Status>('getProxyStatus');
    return current.exit || current.state === 'failed' ? current : undefined;
  });
  if (status.state !== 'connected' || !status.exit) throw new Error(`not connected: ${status.failure?.message ?? status.state}`);
  console.log(`Connected as ${account.username} (US, sticky 10 min) in ${Math.round(performance.now() - startedAt)} ms.`);
  console.log(`Exit check: ${status.exit.ip} (${status.exit.country ?? '?'})`);
  for (const entry of gateway.log) console.log(`  gateway: ${entry.status} ${entry.method} ${entry.target} as ${entry.user ?? '(no login)'}`);

  if (headless) {
    const dir = path.resolve('test-results/screenshots');
    await mkdir(dir, { recursive: true });
    await page.reload();
    await page.screenshot({ path: path.join(dir, 'start-popup.png') });
    console.log(`Screenshot: ${path.join(dir, 'start-popup.png')}`);
    await stopAll();
  } else {
    console.log('Chromium is open with the extension connected. Press Ctrl-C to stop.');
    const stop = () => void stopAll().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll();
  process.exit(1);
}
