/**
 * `npm run screenshots` (builds first): the store pictures, made from the sandbox in Chromium
 * with the Chrome build, in light and dark: the popup connected, an account's details with the
 * location picker, the dashboard and the options. Each is 1280 × 800 (Chrome's size, and AMO's largest
 * display size), drawn at 1.25 device pixels per CSS pixel so the text reads at store size; the popup,
 * 400 × 600, sits on a plain backdrop. Written to SCREENSHOTS_DIR (scripts/store/listing.ts), which
 * is emptied first.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DashboardPage } from '../test/e2e/pages/dashboard.ts';
import { OptionsPage } from '../test/e2e/pages/options.ts';
import { connectFirstAccount, startDemo } from './demo.ts';
import { screenshotFile, SCREENSHOT_SIZE, SCREENSHOT_THEMES, SCREENSHOTS, SCREENSHOTS_DIR } from './store/listing.ts';
import { REPO_ROOT } from './store/manifest.ts';

const SCALE = 1.25;
const PAGE_SIZE = { width: SCREENSHOT_SIZE.width / SCALE, height: SCREENSHOT_SIZE.height / SCALE };
const POPUP_SIZE = { width: 400, height: 600 };
type Theme = (typeof SCREENSHOT_THEMES)[number];

/**
 * A PNG of `page` at `size` CSS pixels and SCALE device pixels each. Through DevTools, since
 * Playwright's own screenshots keep the device scale the context was launched with (1).
 */
async function capture(page: Page, size: { width: number; height: number }): Promise<Buffer> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Emulation.setDeviceMetricsOverride', { ...size, deviceScaleFactor: SCALE, mobile: false });
    // Two frames: the layout at the new size, then its paint.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
    return Buffer.from(data, 'base64');
  } finally {
    await cdp.send('Emulation.clearDeviceMetricsOverride');
    await cdp.detach();
  }
}

/** The popup's picture centred on a backdrop of the store picture's size. */
async function onBackdrop(page: Page, popup: Buffer, theme: Theme): Promise<Buffer> {
  const backdrop = theme === 'dark' ? 'linear-gradient(135deg, #10141b, #1f2733)' : 'linear-gradient(135deg, #e8eef7, #f7f9fc)';
  await page.setContent(
    `<body style="margin:0;height:100vh;display:grid;place-items:center;background:${backdrop}">` +
      `<img alt="" style="width:${POPUP_SIZE.width}px;height:${POPUP_SIZE.height}px;border-radius:10px;box-shadow:0 12px 40px rgba(0,0,0,.35)" src="data:image/png;base64,${popup.toString('base64')}">`,
  );
  await page.locator('img').evaluate((image: HTMLImageElement) => image.decode());
  return capture(page, PAGE_SIZE);
}

const outDir = path.join(REPO_ROOT, SCREENSHOTS_DIR);
await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });

const demo = await startDemo();
try {
  const { popup, username } = await connectFirstAccount(demo);
  const backdrop = await demo.chromium.context.newPage();
  const dashboard = await DashboardPage.open(demo.chromium);
  const options = await OptionsPage.open(demo.chromium);
  const pictures: Record<(typeof SCREENSHOTS)[number], (theme: Theme) => Promise<Buffer>> = {
    'popup-connected': async (theme) => onBackdrop(backdrop, await capture(popup.page, POPUP_SIZE), theme),
    'account-details': async (theme) => {
      await popup.openAccount(username);
      await popup.pick('Country', 'united states', /United States \(US\)/);
      await popup.pick('State', 'calif', 'california');
      await popup.page.getByRole('heading', { name: 'Connect', exact: true }).scrollIntoViewIfNeeded();
      // No caret or focus ring left in the picker just used.
      await popup.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const picture = await capture(popup.page, POPUP_SIZE);
      await popup.back();
      return onBackdrop(backdrop, picture, theme);
    },
    dashboard: async () => {
      await dashboard.bars();
      return capture(dashboard.page, PAGE_SIZE);
    },
    options: () => capture(options.page, PAGE_SIZE),
  };
  for (const theme of SCREENSHOT_THEMES) {
    for (const page of [popup.page, dashboard.page, options.page]) await page.emulateMedia({ colorScheme: theme });
    for (const name of SCREENSHOTS) {
      const file = path.join(outDir, screenshotFile(name, theme));
      await writeFile(file, await pictures[name](theme));
      console.log(path.relative(REPO_ROOT, file));
    }
  }
} finally {
  await demo.close();
}
