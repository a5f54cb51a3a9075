/** Page object for the toolbar popup (popup.html opened as a 400×600 tab): what a user reads and does there. */
import type { Locator, Page } from 'playwright-core';
import type { ChromiumHandle } from '../harness/index.ts';

export class PopupPage {
  private constructor(readonly page: Page) {}

  /** Opens the popup as a tab at the popup's size. */
  static async open(chromium: ChromiumHandle): Promise<PopupPage> {
    const page = await chromium.openExtensionPage('popup.html');
    await page.setViewportSize({ width: 400, height: 600 });
    return new PopupPage(page);
  }

  async reload(): Promise<void> {
    await this.page.reload();
  }

  // ---- first run ----
  async enterKey(key: string, remember = true): Promise<void> {
    await this.page.getByLabel('API key (app_key)').fill(key);
    await this.page.getByLabel('Remember on this device').setChecked(remember);
    await this.page.getByRole('button', { name: 'Check and save' }).click();
  }

  keyError(): Locator {
    return this.page.locator('.key-entry').getByRole('alert');
  }

  // ---- header and tabs ----
  /** The status line and exit IP ("Connected: …", "Exit IP …"). */
  status(): Locator {
    return this.page.locator('header.status [role="status"]');
  }

  async tab(name: 'Accounts' | 'Extract' | 'Custom' | 'This site' | 'Static'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  // ---- accounts ----
  accountList(): Locator {
    return this.page.getByRole('list', { name: 'Accounts' });
  }

  /** The row of an account in the list (by its exact username). */
  accountRow(username: string): Locator {
    return this.accountList().getByRole('listitem').filter({ has: this.page.locator('.name', { hasText: new RegExp(`^${username}$`) }) });
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Search name or remark' }).fill(text);
  }

  /** Chooses an option of the status filter by its label ("Any status", "Enabled", "Disabled"). */
  async filterStatus(label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Status filter' }).selectOption({ label });
  }

  /** The status badges of the rows in view, in order. */
  async statusBadges(): Promise<string[]> {
    return this.accountList().getByRole('listitem').locator('.badge').allTextContents();
  }

  /** The Connect button of an account (in its row, or in its details while they are open). */
  connectButton(username: string): Locator {
    return this.page.getByRole('button', { name: `Connect with ${username}`, exact: true });
  }

  async connectAccount(username: string): Promise<void> {
    await this.connectButton(username).click();
  }

  async openAccount(username: string): Promise<void> {
    await this.page.getByRole('button', { name: `Details and actions for ${username}`, exact: true }).click();
    await this.page.getByRole('heading', { name: username, exact: true }).waitFor();
  }

  async back(): Promise<void> {
    await this.page.getByRole('button', { name: 'Back' }).click();
  }

  /** Pastes `user:pass` lines into the add form and sends them; resolves once back on the list. */
  async addAccounts(lines: string[], remark?: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Add', exact: true }).click();
    await this.page.getByLabel('Accounts, one per line as username:password').fill(lines.join('\n'));
    if (remark) await this.page.getByLabel('Remark (optional)').fill(remark);
    await this.page.getByRole('button', { name: /^Add (account|\d+ accounts)$/ }).click();
    await this.page.getByText(/^Added \d+ account/).waitFor();
  }

  /** In an account's details: saves a new remark and waits for "Saved.". */
  async changeRemark(remark: string): Promise<void> {
    const form = this.page.locator('form.edit-field').filter({ has: this.page.getByLabel('Remark', { exact: true }) });
    await form.getByLabel('Remark', { exact: true }).fill(remark);
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Saved.').waitFor();
  }

  /** In an account's details: the new-password form (its input, Show/Hide, Save and notes). */
  passwordForm(): Locator {
    return this.page.locator('form.edit-field').filter({ has: this.page.getByLabel('New password', { exact: true }) });
  }

  /** In an account's details: Disable or Enable. */
  async toggleEnabled(action: 'Disable' | 'Enable'): Promise<void> {
    await this.page.getByRole('button', { name: action, exact: true }).click();
  }

  /** In an account's details: Delete, read the caveats, confirm. Resolves with the dialog's text. */
  async deleteAccount(): Promise<string> {
    await this.page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = this.page.getByRole('dialog');
    const text = (await dialog.textContent()) ?? '';
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await dialog.waitFor({ state: 'detached' });
    return text;
  }

  // ---- extract ----
  /** Picks a value in a searchable select by typing and choosing the matching option. */
  async pick(label: string, text: string, option: string | RegExp): Promise<void> {
    const box = this.page.getByRole('combobox', { name: label });
    await box.click();
    await box.fill(text);
    await this.page.getByRole('option', { name: option }).click();
  }

  async extract(count: number): Promise<Locator> {
    await this.page.getByRole('spinbutton', { name: 'Count', exact: true }).fill(String(count));
    await this.page.getByRole('button', { name: 'Extract IPs' }).click();
    return this.page.getByRole('list', { name: 'Extracted IPs' });
  }

  // ---- static ----
  get staticPanel(): Locator {
    return this.page.getByRole('tabpanel', { name: 'Static' });
  }

  staticRows(): Locator {
    return this.staticPanel.getByRole('list', { name: 'Static' }).getByRole('listitem');
  }

  /** Types into a text filter of the Static tab and commits it with Enter. */
  async typeStaticFilter(label: 'Country code' | 'Order number', text: string): Promise<void> {
    const field = this.staticPanel.getByRole('textbox', { name: label, exact: true });
    await field.fill(text);
    await field.press('Enter');
  }

  /** Chooses an option of a select of the Static tab by its label. */
  async chooseStaticFilter(label: 'Static IP type' | 'Static IP status', option: string): Promise<void> {
    await this.staticPanel.getByRole('combobox', { name: label, exact: true }).selectOption({ label: option });
  }
}
