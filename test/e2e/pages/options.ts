/** Page object for the options page (options.html): what a user reads and does there, by role and label. */
import type { Locator, Page } from 'playwright-core';
import type { ChromiumHandle } from '../harness/index.ts';

export class OptionsPage {
  private constructor(readonly page: Page) {}

  static async open(chromium: ChromiumHandle): Promise<OptionsPage> {
    const page = await chromium.openExtensionPage('options.html');
    await page.getByRole('heading', { name: 'API key' }).waitFor();
    return new OptionsPage(page);
  }

  get routesSection(): Locator {
    return this.page.locator('#routes');
  }

  /** Adds a route with the exit the picker lists at `exitIndex` (0: direct); resolves with the new row, or the refusal. */
  async addRoute(pattern: string, exitIndex: number): Promise<Locator> {
    const form = this.routesSection.getByRole('form', { name: 'Add route' });
    await form.getByLabel('Site').fill(pattern);
    await form.getByLabel('Exit').selectOption({ index: exitIndex });
    const earlierRefusal = form.getByRole('alert');
    const refusedBefore = await earlierRefusal.isVisible();
    await form.getByRole('button', { name: 'Add route' }).click();
    // The refusal of an earlier try goes as this one starts: wait for that, or it would be read as this one's.
    if (refusedBefore) await earlierRefusal.waitFor({ state: 'detached' });
    const outcome = this.routesSection.getByRole('listitem').filter({ hasText: pattern }).or(form.getByRole('alert')).first();
    await outcome.waitFor();
    return outcome;
  }

  get apiHostSection(): Locator {
    return this.page.locator('#api-host');
  }

  /**
   * Proposes another API host through the advanced disclosure, ticking the confirmation; resolves
   * with the outcome ("Address saved. …" or the background's refusal).
   */
  async proposeApiHost(url: string): Promise<string> {
    const section = this.apiHostSection;
    const input = section.getByLabel('API address');
    if (!(await input.isVisible())) await section.getByText('Advanced: API address').click();
    await input.fill(url);
    await section.getByLabel('I understand that my key will be sent to this address.').check();
    await section.getByRole('button', { name: 'Use this address' }).click();
    const outcome = section.getByText('Address saved.').or(section.getByRole('alert')).first();
    await outcome.waitFor();
    return (await outcome.textContent()) ?? '';
  }

  /** Enters a key and sends it; the caller waits for the summary (accepted) or `keyError()` (refused). */
  async enterKey(key: string, remember = true): Promise<void> {
    const section = this.keySection;
    const replace = section.getByRole('button', { name: 'Replace key' });
    if (await replace.isVisible()) await replace.click();
    await section.getByLabel('API key (app_key)').fill(key);
    await section.getByLabel('Remember on this device').setChecked(remember);
    await section.getByRole('button', { name: 'Check and save' }).click();
  }

  get keySection(): Locator {
    return this.page.locator('#key');
  }

  /** The refusal shown under the key form. */
  keyError(): Locator {
    return this.keySection.getByRole('alert');
  }

  keySummary(): Locator {
    return this.keySection.getByTestId('key-summary');
  }

  /** Sets the routing mode and lists, and saves; resolves with the outcome text ("Saved." or the refusal). */
  async saveRouting(mode: 'All sites' | 'Only the sites listed below' | 'All sites except those listed below', sites: string[], bypass: string[]): Promise<string> {
    const section = this.page.locator('#routing');
    await section.getByLabel(mode).check();
    if (mode !== 'All sites') await section.getByRole('textbox', { name: /Sites that/ }).fill(sites.join('\n'));
    await section.getByLabel('Never use the proxy for (one per line)').fill(bypass.join('\n'));
    await section.getByRole('button', { name: 'Save' }).click();
    const outcome = section.getByText('Saved.').or(section.getByRole('alert'));
    await outcome.first().waitFor();
    return (await outcome.first().textContent()) ?? '';
  }

  get customProxiesSection(): Locator {
    return this.page.locator('#custom-proxies');
  }

  /** Fills the add or edit form of a custom proxy (the fields named) and saves it. */
  async fillCustomProxy(form: Locator, fields: { name?: string; type?: 'HTTP' | 'HTTPS' | 'SOCKS5'; host?: string; port?: string; username?: string; password?: string }): Promise<void> {
    if (fields.name !== undefined) await form.getByLabel('Name (optional)', { exact: true }).fill(fields.name);
    if (fields.type !== undefined) await form.getByLabel('Type', { exact: true }).selectOption({ label: fields.type });
    if (fields.host !== undefined) await form.getByLabel('Host', { exact: true }).fill(fields.host);
    if (fields.port !== undefined) await form.getByLabel('Port', { exact: true }).fill(fields.port);
    if (fields.username !== undefined) await form.getByLabel('Username (optional)', { exact: true }).fill(fields.username);
    if (fields.password !== undefined) await form.getByLabel('Password', { exact: true }).fill(fields.password);
    await form.getByRole('button', { name: 'Save' }).click();
  }

  /** Opens "Add a proxy" and saves the fields; the caller waits for the list or the form's problems. */
  async addCustomProxy(fields: Parameters<OptionsPage['fillCustomProxy']>[1]): Promise<Locator> {
    await this.customProxiesSection.getByRole('button', { name: 'Add a proxy' }).click();
    const form = this.customProxiesSection.getByRole('form', { name: 'Add a proxy' });
    await this.fillCustomProxy(form, fields);
    return form;
  }

  async chooseTheme(theme: 'Same as the system' | 'Light' | 'Dark'): Promise<void> {
    await this.page.locator('#theme').getByLabel(theme).check();
    const attribute = theme === 'Light' ? 'light' : theme === 'Dark' ? 'dark' : null;
    await this.page.waitForFunction((value) => document.documentElement.getAttribute('data-theme') === value, attribute);
  }
}
