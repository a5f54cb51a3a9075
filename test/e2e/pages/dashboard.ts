/** Page object for the dashboard (dashboard.html): the account line, the usage chart, packages, orders and the order form. */
import type { Locator, Page } from 'playwright-core';
import type { ChromiumHandle } from '../harness/index.ts';

export class DashboardPage {
  private constructor(readonly page: Page) {}

  /** Opens the dashboard, optionally at a hash such as `renew=1,2`. */
  static async open(chromium: ChromiumHandle, hash?: string): Promise<DashboardPage> {
    const page = await chromium.openExtensionPage(`dashboard.html${hash ? `#${hash}` : ''}`);
    await page.getByRole('heading', { name: 'Traffic', level: 2 }).waitFor();
    return new DashboardPage(page);
  }

  get account(): Locator {
    return this.page.locator('#account');
  }

  /** The value of one fact of the account line, by its label ("Balance", "Real-name verification"). */
  accountFact(label: string): Locator {
    return this.account
      .getByTestId('account-line')
      .locator('div', { has: this.page.locator('dt', { hasText: label }) })
      .locator('dd');
  }

  get usage(): Locator {
    return this.page.locator('#usage');
  }

  /** The chart's bars once drawn. */
  async bars(): Promise<Locator> {
    const bars = this.usage.locator('[data-testid="usage-chart"] rect.bar');
    await bars.first().waitFor();
    return bars;
  }

  /** Picks a preset period ("Last 30 days") and waits for a chart with that many bars. */
  async choosePeriod(label: string, days: number): Promise<Locator> {
    await this.usage.getByLabel('Period').selectOption({ label });
    const bars = this.usage.locator('[data-testid="usage-chart"] rect.bar');
    await this.page.waitForFunction((count) => document.querySelectorAll('[data-testid="usage-chart"] rect.bar').length === count, days);
    return bars;
  }

  get packages(): Locator {
    return this.page.locator('#packages');
  }

  packageRows(): Locator {
    return this.packages.getByTestId('package-table').locator('tbody tr');
  }

  /** "Page 1 of 3" of the package list. */
  packagePosition(): Locator {
    return this.packages.getByTestId('pager-position');
  }

  get orders(): Locator {
    return this.page.locator('#orders');
  }

  orderRow(tradeNo: string): Locator {
    return this.orders.locator(`tr[data-trade-no="${tradeNo}"]`);
  }

  async filterOrders(status: 'All statuses' | 'Unpaid' | 'Paid' | 'Cancelled' | 'Refunded'): Promise<void> {
    await this.orders.getByLabel('Status').selectOption({ label: status });
  }

  /** Cancels an unpaid order through its confirmation; resolves when the page says it is cancelled. */
  async cancelOrder(tradeNo: string): Promise<void> {
    await this.orderRow(tradeNo).getByRole('button', { name: `Cancel order ${tradeNo}` }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Cancel this unpaid order?' });
    await dialog.getByRole('button', { name: 'Cancel order' }).click();
    await this.orders.getByText(`Order ${tradeNo} was cancelled.`).waitFor();
  }

  get createOrder(): Locator {
    return this.page.locator('#create-order');
  }
}
