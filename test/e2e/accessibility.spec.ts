import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

import { AppPage } from './pages/app-page';
import { expect, test } from './fixtures';

/** README screenshots live here; this spec rewrites them from the demo on every run, so they never go stale. */
const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

interface ScreenResult {
  readonly screen: string;
  readonly violations: string[];
}

/** Runs axe on the page as it is and returns the serious and critical violations, one line each. */
async function audit(page: Page, screen: string): Promise<ScreenResult> {
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact}: ${violation.id} — ${violation.help} (${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')})`,
    );
  return { screen, violations };
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}

test.describe('every screen: zero serious or critical axe violations, and the README screenshots', () => {
  test.beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  test('sign-in, list, details, no access, favorites, settings, help — light and dark', async ({ page, freshDemo }) => {
    test.setTimeout(120_000);
    const results: ScreenResult[] = [];
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    const app = new AppPage(page);
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });

    await app.open(freshDemo.url);
    results.push(await audit(page, 'sign-in'));
    await shoot(page, 'sign-in');

    await app.signInAs('avery@contoso.example');
    await app.waitForDiscovery();
    results.push(await audit(page, 'machine list'));
    await shoot(page, 'machine-list');

    await app.search('1007');
    await app.select('vm-ext-1007');
    await expect(app.details().getByTestId('readiness-scope')).toContainText('includes name resolution');
    await app.details().getByText('Details for you or your administrator').first().click();
    results.push(await audit(page, 'machine details with findings'));
    await shoot(page, 'machine-details');

    await app.search('custom-role');
    await app.select('vm-custom-role');
    await expect(app.details().getByTestId('readiness-scope')).toContainText('includes name resolution');
    await app.connect();
    await expect(page.getByTestId('connect-confirm')).toBeVisible();
    results.push(await audit(page, 'connect confirmation'));
    await page.keyboard.press('Escape');

    await app.search('');
    await page.getByRole('combobox', { name: 'Group' }).selectOption('subscription');
    results.push(await audit(page, 'grouped list'));
    await page.getByRole('combobox', { name: 'Group' }).selectOption('none');

    await app.goTo('No access');
    await page.getByRole('button', { name: /vm-owner-only/ }).click();
    await expect(app.details().getByRole('heading', { name: 'vm-owner-only' })).toBeVisible();
    results.push(await audit(page, 'no access'));
    await shoot(page, 'no-access');

    await app.goTo('Machines');
    for (const name of ['vm-web-01', 'vm-sql-prod-01', 'vm-jump-01']) {
      await app.search(name);
      await app.select(name);
      await app.details().getByRole('button', { name: 'Add to favorites' }).click();
      await expect(app.details().getByRole('button', { name: 'Favorite', pressed: true })).toBeVisible();
    }
    await app.connect();
    await expect(page.getByTestId('rdp-content')).toBeVisible();
    await app.goTo('Favorites');
    await page.getByRole('button', { name: 'Edit vm-sql-prod-01' }).click();
    const editor = page.getByRole('form', { name: /Edit/ });
    await editor.getByLabel('Name shown').fill('SQL production');
    await editor.getByLabel('Folder').fill('Databases');
    await editor.getByLabel('Notes').fill('Ask #dba before restarting services');
    await editor.getByRole('button', { name: 'Save favorite' }).click();
    await expect(editor.getByRole('status')).toContainText('Saved');
    await page.getByRole('button', { name: 'Edit vm-web-01' }).click();
    await page.getByRole('form', { name: /Edit/ }).getByLabel('Use display settings just for this favorite').check();
    results.push(await audit(page, 'favorites with the editor open'));
    await shoot(page, 'favorites');

    await app.goTo('Explain an error');
    await page.getByLabel('What did it say?').fill("Your credentials didn't work");
    await expect(page.getByTestId('explain-results').getByRole('heading').first()).toBeVisible();
    results.push(await audit(page, 'explain an error'));
    await shoot(page, 'explain-error');

    await app.goTo('Settings');
    results.push(await audit(page, 'settings'));
    await shoot(page, 'settings');

    await app.goTo('Machines');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Keyboard shortcuts/ }).click();
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    results.push(await audit(page, 'help overlay'));
    await shoot(page, 'help');
    await page.keyboard.press('Escape');

    // Dark theme: the system preference is followed live ("system" is the default theme).
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await app.search('sql');
    await app.select('vm-sql-prod-01');
    results.push(await audit(page, 'machine list and details, dark'));
    await shoot(page, 'machine-list-dark');
    await app.goTo('Favorites');
    results.push(await audit(page, 'favorites, dark'));
    await app.goTo('Settings');
    results.push(await audit(page, 'settings, dark'));

    const failing = results.filter((result) => result.violations.length > 0);
    expect(failing, JSON.stringify(failing, null, 2)).toEqual([]);
    expect(results.map((result) => result.screen)).toHaveLength(13);
    expect(pageErrors).toEqual([]);
  });
});
