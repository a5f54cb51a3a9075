/**
 * The privacy statement in the extension: the options page links to it, and the page shows PRIVACY.md
 * (every heading, in order, and its storage keys as code), readable by assistive technology.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium, type ChromiumHandle } from './harness/index.ts';
import { REPO_ROOT } from './harness/util.ts';
import { seriousAxeViolations } from './pages/axe.ts';
import { OptionsPage } from './pages/options.ts';

let chromium: ChromiumHandle;

beforeAll(async () => {
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
});

it('opens PRIVACY.md from the options page, every heading in order', async () => {
  const source = await readFile(path.join(REPO_ROOT, 'PRIVACY.md'), 'utf8');
  const headings = [...source.matchAll(/^#{1,3} (.+)$/gm)].map((match) => match[1]!.trim());
  const { page } = await OptionsPage.open(chromium);
  await page.getByRole('link', { name: 'Privacy: what is stored and sent' }).click();
  await page.getByRole('heading', { name: headings[0], level: 1 }).waitFor();
  expect(await page.title()).toBe('911Proxy privacy');
  expect((await page.getByRole('heading').allInnerTexts()).map((text) => text.trim())).toEqual(headings);
  expect(await page.locator('code', { hasText: /^local:apiKey$/ }).count()).toBe(1);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.getByRole('link', { name: 'Back to the options' }).click();
  await page.getByRole('heading', { name: 'API key' }).waitFor();
});
