/**
 * `npm start`: the whole flow without a 911Proxy account. Starts the sandbox API and its gateway (a
 * local authenticating proxy for the sandbox's accounts), opens Chromium with the built extension,
 * points the extension at the sandbox, then, in the popup as a user would, enters the demo key and
 * connects to the first enabled account through the gateway, and prints the exit check. `--headless` does it without a window and exits.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connectFirstAccount, startDemo } from './demo.ts';

const { values } = parseArgs({ options: { headless: { type: 'boolean', default: false } } });
const headless = values.headless || !process.env.DISPLAY;
if (!values.headless && headless) console.log('No display found: running headless.');

const demo = await startDemo({ headless });
const { gateway, sandbox, chromium } = demo;
console.log(`Sandbox API ${sandbox.url}, gateway ${gateway.host}:${gateway.port}`);

try {
  const { popup, username, accountCount, connectMs } = await connectFirstAccount(demo);
  console.log(`Key accepted; the sandbox has ${accountCount} proxy accounts.`);
  console.log(`Connected with ${username} from the popup in ${connectMs} ms.`);
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
    await demo.close();
  } else {
    console.log('Chromium is open with the extension connected: open the popup from the toolbar. Press Ctrl-C to stop.');
    const stop = () => void demo.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await demo.close();
  process.exit(1);
}
