import { type Locator, type Page, expect } from '@playwright/test';

/** Page object for the app: sign-in, list, details. Tests speak in user actions, not selectors. */
export class AppPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('heading', { name: 'Sign in to RDP Broker' })).toBeVisible();
  }

  /** Signs in as a demo user: the simulated tenant's consent page opens in a new tab and posts back to MSAL. */
  async signInAs(upn: string): Promise<void> {
    const popup = this.page.context().waitForEvent('page');
    await this.page.getByRole('button', { name: new RegExp(`Sign in as ${upn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).click();
    const consent = await popup;
    await consent.waitForLoadState('domcontentloaded');
    await expect(this.page.getByRole('listbox', { name: 'Machine list' })).toBeVisible();
    await consent.close().catch(() => undefined);
  }

  rows(): Locator {
    return this.page.getByTestId('machine-row');
  }

  async waitForDiscovery(): Promise<void> {
    await expect(this.page.getByRole('button', { name: 'Refresh' })).toBeVisible({ timeout: 30_000 });
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Search machines' }).fill(text);
  }

  async select(name: string): Promise<void> {
    await this.rows().filter({ hasText: name }).first().click();
    await expect(this.page.getByRole('complementary', { name: 'Machine details' }).getByRole('heading', { name })).toBeVisible();
  }

  async connect(): Promise<void> {
    await this.page.getByRole('button', { name: 'Connect' }).click();
  }
}
