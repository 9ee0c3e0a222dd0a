import { AppPage } from './pages/app-page';
import { expect, test } from './fixtures';

test.describe('readiness in the details pane (the doctor view)', () => {
  test('a blocked machine shows its finding, the evidence and the fix, and Connect is refused', async ({ page, freshDemo }) => {
    const app = new AppPage(page);
    await app.open(freshDemo.url);
    await app.signInAs('avery@contoso.example');
    await app.waitForDiscovery();
    await app.search('vm-ext-1007');
    await app.select('vm-ext-1007');
    const details = page.getByRole('complementary', { name: 'Machine details' });
    // The full check reads the extension's instance view, so the exact failure is named, not a generic one.
    await expect(details.getByText('Sign-in extension failed: tenant information unavailable (1007 / -2145648574)').first()).toBeVisible();
    await expect(details).toContainText('System assigned');
    await expect(details).toContainText('Blocked');
    await expect(details).toContainText('Connect is not available');
  });
});
