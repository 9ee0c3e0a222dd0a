import { type Locator, type Page, expect } from '@playwright/test';

/** The app's views, as named in the navigation. */
export type ViewName = 'Machines' | 'No access' | 'Favorites' | 'Explain an error' | 'Settings';

/** Page object for the app: sign-in, list, details, views. Tests speak in user actions, not selectors. */
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
    await expect(this.page.getByRole('listbox', { name: 'Machine list' })).toBeVisible({ timeout: 30_000 });
    await consent.close().catch(() => undefined);
  }

  rows(): Locator {
    return this.page.getByTestId('machine-row');
  }

  searchBox(): Locator {
    return this.page.getByRole('combobox', { name: 'Search machines' });
  }

  list(): Locator {
    return this.page.getByRole('listbox', { name: 'Machine list' });
  }

  details(): Locator {
    return this.page.getByRole('complementary', { name: 'Machine details' });
  }

  /** Waits until discovery has finished (the top bar offers Refresh again). */
  async waitForDiscovery(): Promise<void> {
    await expect(this.page.getByRole('banner').getByRole('button', { name: 'Refresh' })).toBeVisible({ timeout: 45_000 });
  }

  async search(text: string): Promise<void> {
    await this.searchBox().fill(text);
  }

  async select(name: string): Promise<void> {
    await this.rows().filter({ has: this.page.getByText(name, { exact: true }) }).first().click();
    await expect(this.details().getByRole('heading', { name, exact: true })).toBeVisible();
  }

  async connect(): Promise<void> {
    await this.details().getByRole('button', { name: 'Connect', exact: true }).click();
  }

  async goTo(view: ViewName): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: new RegExp(`^${view}`) }).click();
  }

  /** The row of a machine in the list (by its resource name). */
  row(name: string): Locator {
    return this.rows().filter({ has: this.page.getByText(name, { exact: true }) });
  }

  favoriteRows(): Locator {
    return this.page.getByTestId('favorite-row');
  }
}
