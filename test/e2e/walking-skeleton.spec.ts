import { AppPage } from './pages/app-page';
import { expect, test } from './fixtures';

test.describe('walking skeleton: sign in, list, connect', () => {
  test('a demo user signs in, sees the demo machines and writes a .rdp for one', async ({ page, demo }) => {
    const app = new AppPage(page);
    await app.open(demo.url);
    await expect(page.getByText('Demo mode: everything runs against a simulated tenant')).toBeVisible();

    await app.signInAs('avery@contoso.example');
    await app.waitForDiscovery();
    // The list is virtualized: it renders the rows that fit on screen, and the count says how many there are.
    expect(await app.rows().count()).toBeGreaterThanOrEqual(10);
    await expect(page.getByTestId('machine-count')).toHaveText(/^(\d+) of \1 machines$/);
    expect(Number((await page.getByTestId('machine-count').textContent())?.match(/of (\d+)/)?.[1])).toBeGreaterThanOrEqual(15);
    await page.screenshot({ path: 'test-results/screenshots/machine-list.png' });

    await app.search('web-01');
    await app.select('vm-web-01');
    await app.connect();
    const content = page.getByTestId('rdp-content');
    await expect(content).toContainText('enablerdsaadauth:i:1');
    await expect(content).toContainText('full address:s:');
    await expect(page.getByTestId('rdp-path')).toContainText('.rdp');
    await page.screenshot({ path: 'test-results/screenshots/connect.png' });
  });

  test('the bridge refuses a page without the per-run secret', async ({ page, demo }) => {
    const response = await page.request.post(`${demo.origin}/bridge/invoke/app:info`, {
      data: {},
      headers: { Origin: demo.origin },
    });
    expect(response.status()).toBe(401);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'BRIDGE_UNAUTHORIZED' } });
  });
});
