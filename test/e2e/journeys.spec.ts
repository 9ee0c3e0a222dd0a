import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

import { AppPage } from './pages/app-page';
import { expect, startDemo, stopDemo, test } from './fixtures';

const USER = 'avery@contoso.example';

/** The name of whatever has focus (aria-label, else its label, else its text), read in the page. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate<string>(
    "(() => { const el = document.activeElement; if (!el) return ''; const label = el.labels && el.labels[0] ? el.labels[0].textContent : ''; return (el.getAttribute('aria-label') || label || el.textContent || '').trim(); })()",
  );
}

/** Presses Tab until the focused control's name matches: the way a keyboard user gets there. */
async function tabTo(page: Page, name: RegExp, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (name.test(await focusedName(page))) return;
  }
  throw new Error(`Tab never reached ${String(name)}; last focus: ${await focusedName(page)}`);
}

/** The ARM id of a machine, read from its row (search first so the row is rendered). */
async function machineIdOf(app: AppPage, name: string): Promise<string> {
  await app.search(name);
  const id = await app.row(name).first().getAttribute('data-machine-id');
  await app.search('');
  if (!id) throw new Error(`no row for ${name}`);
  return id;
}

async function signIn(page: Page, url: string): Promise<AppPage> {
  const app = new AppPage(page);
  await app.open(url);
  await app.signInAs(USER);
  await app.waitForDiscovery();
  return app;
}

test.describe('journeys', () => {
  // Any uncaught error in the window fails the journey, even if the screen happened to look right.
  let pageErrors: string[] = [];
  test.beforeEach(({ page }) => {
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
  });
  test.afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  test('explain an error: a pasted message or code gets its meaning and what to do', async ({ page, freshDemo }) => {
    const app = await signIn(page, freshDemo.url);
    await page.keyboard.press('Control+4');
    const input = page.getByLabel('What did it say?');
    await input.fill('The target device identifier in the request was not found in the tenant (AADSTS293004)');
    const results = page.getByTestId('explain-results');
    await expect(results.getByRole('heading').first()).toHaveText('AADSTS293004: target device not found');
    await expect(results).toContainText('Exact match');
    await input.fill('qwerty nonsense');
    await expect(results).toContainText('Nothing in the catalogue matches');
    await app.goTo('Machines');
  });
  test('group by subscription: headers with counts, machines under them, arrows skip headers, search regroups', async ({ page, freshDemo }) => {
    const app = await signIn(page, freshDemo.url);
    await page.getByRole('combobox', { name: /^Group/ }).selectOption('subscription');
    const headers = page.locator('.group-row');
    await expect(headers.first()).toBeVisible();
    const first = headers.first();
    const firstBox = await first.boundingBox();
    const firstRowBox = await app.rows().first().boundingBox();
    // The first machine sits right under the first header, not on top of it.
    expect(firstBox && firstRowBox && firstRowBox.y >= firstBox.y + firstBox.height - 1).toBe(true);
    const count = Number((await first.locator('.muted').textContent())?.replace(/\D/g, ''));
    expect(count).toBeGreaterThan(0);

    const search = page.getByRole('combobox', { name: 'Search machines' });
    await search.click();
    await page.keyboard.press('ArrowDown');
    await expect(app.rows().first()).toHaveAttribute('aria-selected', 'true');

    await app.search('arc-');
    await expect(headers).toHaveCount(1);
    await expect(headers.first()).toContainText('Contoso Hybrid (Arc)');
    const arcCount = Number((await headers.first().locator('.muted').textContent())?.replace(/\D/g, ''));
    await expect(app.rows()).toHaveCount(arcCount);
    for (const name of await app.rows().locator('strong').allTextContents()) expect(name).toMatch(/^arc-/);
  });

  test('sign in → search → favorite → connect, then find it in favorites and recent connections', async ({ page, freshDemo }) => {
    const app = await signIn(page, freshDemo.url);
    await app.search('web-01');
    await expect(app.rows()).toHaveCount(1);
    await app.select('vm-web-01');

    await app.details().getByRole('button', { name: 'Add to favorites' }).click();
    await expect(app.details().getByRole('button', { name: 'Favorite', pressed: true })).toBeVisible();
    await expect(app.row('vm-web-01')).toContainText('Favorite.');

    await app.connect();
    const content = page.getByTestId('rdp-content');
    await expect(content).toContainText('enablerdsaadauth:i:1');
    await expect(content).toContainText('full address:s:CONTOSO-WEB01');

    const download = page.waitForEvent('download');
    await app.details().getByRole('button', { name: 'Save .rdp as…' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('CONTOSO-WEB01.rdp');
    // The same bytes Connect writes: UTF-16LE with a BOM and CRLF line ends, as mstsc itself saves .rdp files.
    const bytes = await readFile(await saved.path());
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const savedText = bytes.subarray(2).toString('utf16le');
    expect(savedText).toContain('full address:s:CONTOSO-WEB01\r\n');
    expect(savedText).toContain('enablerdsaadauth:i:1\r\n');

    await app.goTo('Favorites');
    await expect(app.favoriteRows()).toHaveCount(1);
    await expect(app.favoriteRows().first()).toContainText('vm-web-01');
    await expect(page.getByTestId('recent-row').first()).toContainText('vm-web-01');
  });

  test('keyboard only: type to search, arrows, favorite, connect, help, views, edit a favorite', async ({ page, freshDemo }) => {
    const app = new AppPage(page);
    await app.open(freshDemo.url);
    await tabTo(page, new RegExp(`Sign in as ${USER.replace('.', '\\.')}`));
    const popup = page.context().waitForEvent('page');
    await page.keyboard.press('Enter');
    await (await popup).waitForLoadState('domcontentloaded');
    await app.waitForDiscovery();

    // Typing anywhere starts a search; the arrows move through the results from the search box.
    await page.keyboard.type('sql');
    await expect(app.searchBox()).toBeFocused();
    await expect(app.searchBox()).toHaveValue('sql');
    await page.keyboard.press('ArrowDown');
    await expect(app.details().getByRole('heading', { name: 'vm-sql-prod-01' })).toBeVisible();
    await expect(app.searchBox()).toHaveAttribute('aria-activedescendant', /row-0$/);

    await page.keyboard.press('Control+d');
    await expect(app.details().getByRole('button', { name: 'Favorite', pressed: true })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('rdp-content')).toContainText('full address:s:SQLPROD01');

    // Help from outside a text field; Esc closes it and focus comes back.
    await page.keyboard.press('Tab');
    const before = await focusedName(page);
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toBeVisible();
    await expect(help).toContainText('Add to or remove from favorites');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
    expect(await focusedName(page)).toBe(before);
    // Focus is visible on keyboard focus.
    expect(await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');

    await page.keyboard.press('Control+3');
    await expect(app.favoriteRows()).toHaveCount(1);
    await tabTo(page, /^Edit vm-sql-prod-01$/);
    await page.keyboard.press('Enter');
    // Opening the editor moves focus into it.
    await expect(page.getByLabel('Name shown')).toBeFocused();
    await page.keyboard.type('SQL production');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await expect(app.favoriteRows().first()).toContainText('SQL production');

    await page.keyboard.press('Control+1');
    await expect(app.list()).toBeVisible();
  });

  test('the machine list itself: arrows, F to star, Enter to connect', async ({ page, freshDemo }) => {
    const app = await signIn(page, freshDemo.url);
    await app.search('jump');
    await app.list().focus();
    await page.keyboard.press('ArrowDown');
    await expect(app.details().getByRole('heading', { name: 'vm-jump-01' })).toBeVisible();
    await page.keyboard.press('f');
    await expect(app.row('vm-jump-01')).toContainText('Favorite.');
    await page.keyboard.press('f');
    await expect(app.row('vm-jump-01')).not.toContainText('Favorite.');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('rdp-content')).toContainText('full address:s:CONTOSO-JMP01');
  });

  test('warnings ask first: Esc goes back, Connect anyway writes the file', async ({ page, freshDemo }) => {
    const app = await signIn(page, freshDemo.url);
    await app.search('custom-role');
    await app.select('vm-custom-role');
    await expect(app.details().getByTestId('readiness-scope')).toContainText('includes name resolution');
    await app.connect();
    const confirm = page.getByTestId('connect-confirm');
    await expect(confirm).toContainText('vm-custom-role has readiness warnings');
    await expect(confirm.getByRole('button', { name: 'Connect anyway' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(confirm).toBeHidden();
    await expect(page.getByTestId('rdp-content')).toHaveCount(0);

    await app.connect();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('rdp-content')).toContainText('full address:s:CONTOSO-OPS02');
  });

  test('Start VM: offered when allowed, explained when not, and the list shows it running', async ({ page, freshDemo }) => {
    const app = await signIn(page, freshDemo.url);
    await app.search('app-stopped');
    await app.select('vm-app-stopped');
    await expect(app.details().getByRole('button', { name: 'Start VM' })).toBeDisabled();
    await expect(app.details()).toContainText('You may not start this VM');

    await app.search('dev-02');
    await app.select('vm-dev-02');
    await expect(app.details().getByRole('button', { name: 'Connect', exact: true })).toBeDisabled();
    await app.details().getByRole('button', { name: 'Start VM' }).click();
    await expect(app.details().getByRole('status').filter({ hasText: 'vm-dev-02 is running' })).toBeVisible({ timeout: 60_000 });
    await expect(app.row('vm-dev-02')).toContainText('Running');
    await expect(app.details().getByRole('button', { name: 'Connect', exact: true })).toBeEnabled();
  });

  test('import favorites (JSON and .rdp), refuse a bad file without losing anything, export, per-favorite settings', async ({
    page,
    freshDemo,
  }) => {
    const app = await signIn(page, freshDemo.url);
    const webId = await machineIdOf(app, 'vm-web-01');
    await app.goTo('Favorites');
    await expect(page.getByTestId('favorites-empty')).toBeVisible();

    const team = [
      { machineId: webId, machineName: 'vm-web-01', alias: 'Web front end', group: 'Team' },
      { machineId: `${webId.replace(/vm-web-01$/, 'vm-retired')}`, machineName: 'vm-retired', group: 'Team', notes: 'decommissioned' },
    ];
    await page.getByTestId('import-favorites-input').setInputFiles({
      name: 'team-favorites.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ kind: 'rdp-broker-favorites', version: 1, favorites: team })),
    });
    await expect(page.getByTestId('import-summary')).toContainText('2 added');
    await expect(app.favoriteRows()).toHaveCount(2);
    const retired = app.favoriteRows().filter({ hasText: 'vm-retired' });
    await expect(retired.getByTestId('favorite-missing')).toHaveText('Not in the latest discovery');
    await expect(retired.getByRole('button', { name: 'Connect to vm-retired' })).toBeDisabled();

    await page.getByTestId('import-favorites-input').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ kind: 'rdp-broker-favorites', version: 1, favorites: [{ machineId: webId, machineName: '' }] })),
    });
    const summary = page.getByTestId('import-summary');
    await expect(summary).toContainText('broken.json was not imported');
    await expect(summary).toContainText('favorites[0].machineName');
    await expect(summary).toContainText('FAVORITES_IMPORT_INVALID');
    await expect(app.favoriteRows()).toHaveCount(2);

    const rdp = 'full address:s:CONTOSO-JMP01\r\nscreen mode id:i:1\r\nredirectclipboard:i:1\r\nalternate shell:s:powershell.exe\r\nusername:s:someone@contoso.example\r\n';
    await page.getByTestId('import-rdp-input').setInputFiles({
      name: 'jump box.rdp',
      mimeType: 'application/x-rdp',
      buffer: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rdp, 'utf16le')]),
    });
    await expect(summary).toContainText('jump box.rdp: added as a favorite');
    await expect(summary).toContainText('matches a machine in your list');
    await expect(summary.getByRole('row', { name: /alternate shell/ })).toContainText('Dangerous, never used');
    await expect(summary.getByRole('row', { name: /redirectclipboard/ })).toContainText('Sharing you must turn on yourself');
    await expect(app.favoriteRows()).toHaveCount(3);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export…' }).click();
    const exported = JSON.parse(await readFile(await (await download).path(), 'utf8')) as { kind: string; favorites: unknown[] };
    expect(exported.kind).toBe('rdp-broker-favorites');
    expect(exported.favorites).toHaveLength(3);

    // Per-favorite settings reach the .rdp file: share the clipboard and use full screen for the web front end.
    await page.getByRole('button', { name: 'Edit Web front end' }).click();
    const editor = page.getByRole('form', { name: /Edit “Web front end”/ });
    await editor.getByLabel('Use display settings just for this favorite').check();
    await editor.getByLabel('Screen', { exact: true }).selectOption('fullscreen');
    await editor.getByLabel('Clipboard', { exact: true }).check();
    await expect(editor.getByRole('note')).toContainText('Shares: clipboard');
    await editor.getByRole('button', { name: 'Save favorite' }).click();
    await expect(editor.getByRole('status')).toContainText('Saved');

    await app.goTo('Machines');
    await app.search('web-01');
    await app.select('vm-web-01');
    await expect(app.details()).toContainText('shares clipboard');
    const rdpDownload = page.waitForEvent('download');
    await app.details().getByRole('button', { name: 'Save .rdp as…' }).click();
    const text = (await readFile(await (await rdpDownload).path())).subarray(2).toString('utf16le');
    expect(text).toContain('redirectclipboard:i:1');
    expect(text).toContain('screen mode id:i:2');
    expect(text).toContain('drivestoredirect:s:');
  });

  test('a damaged favorites file is kept aside, the last good copy restored, and the user told', async ({ page }) => {
    const dir = await mkdtemp(join(tmpdir(), 'rdp-broker-e2e-'));
    const webId = '/subscriptions/ed67da65-2211-4b4a-9eba-ebcc42f20ce5/resourceGroups/rg-app-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01';
    const good = {
      version: 1,
      favorites: [
        {
          id: 'restored-1',
          machineId: webId,
          machineName: 'vm-web-01',
          alias: 'Restored web',
          group: '',
          notes: '',
          signInMethod: 'default',
          display: null,
          redirections: {},
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
        },
      ],
      recents: [],
    };
    await writeFile(join(dir, 'favorites.json'), '{"version":1,"favorites":[{"id":"x",');
    await writeFile(join(dir, 'favorites.json.bak'), JSON.stringify(good));
    const { server, child } = await startDemo(['--data-dir', dir]);
    try {
      const app = await signIn(page, server.url);
      await expect(page.getByRole('alert').filter({ hasText: 'Your favorites file was damaged and has been repaired' })).toBeVisible();
      await page.getByRole('button', { name: 'See what happened' }).click();
      const notice = page.getByTestId('store-notice');
      await expect(notice).toContainText('The last good copy was restored (1 favorites)');
      await expect(notice).toContainText('favorites.corrupt-');
      await expect(app.favoriteRows().filter({ hasText: 'Restored web' })).toBeVisible();
      await expect(app.favoriteRows().getByTestId('favorite-missing')).toHaveCount(0);
      await notice.getByRole('button', { name: 'OK' }).click();
      await expect(notice).toBeHidden();

      const kept = (await readdir(dir)).filter((name) => name.startsWith('favorites.corrupt-'));
      expect(kept).toHaveLength(1);
      expect(await readFile(join(dir, kept[0]!), 'utf8')).toBe('{"version":1,"favorites":[{"id":"x",');
      expect(JSON.parse(await readFile(join(dir, 'favorites.json'), 'utf8'))).toMatchObject({ favorites: [{ alias: 'Restored web' }] });
    } finally {
      await stopDemo(child);
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a subscription that cannot be read makes a partial list that says so', async ({ page }) => {
    const { server, child } = await startDemo(['--forbid-subscription', 'b8d09ad1-f691-46a2-9e28-52cf02fe78a3']);
    try {
      const app = await signIn(page, server.url);
      const problems = page.getByTestId('discovery-problems');
      await expect(problems).toContainText('could not be read, so this list is incomplete');
      await problems.getByRole('button', { name: 'Show details' }).click();
      await expect(problems).toContainText('b8d09ad1-f691-46a2-9e28-52cf02fe78a3');
      await expect(problems).toContainText('AZURE_FORBIDDEN');
      await expect(page.getByRole('banner')).toContainText('some sources failed');
      expect(await app.rows().count()).toBeGreaterThan(0);
    } finally {
      await stopDemo(child);
    }
  });

  test('settings: theme applies at once and persists; data actions report what they did', async ({ page, freshDemo }) => {
    const app = await signIn(page, freshDemo.url);
    await app.goTo('Settings');
    await page.getByRole('radio', { name: 'Dark' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('group', { name: 'Theme' }).getByRole('status')).toHaveText('Saved');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await app.goTo('Settings');
    await page.getByRole('radio', { name: 'Follow the system' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme-preference', 'system');

    const clientId = page.getByLabel('Client ID (app registration)');
    await clientId.fill('not-a-guid');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await expect(page.getByRole('alert')).toContainText('clientId: must be a GUID');

    await expect(page.getByTestId('data-locations')).toContainText('favorites.json');
    await page.getByRole('button', { name: 'Open the log folder' }).click();
    await expect(page.getByTestId('data-action-result')).toContainText('log');
    await page.getByRole('button', { name: 'Clear cache' }).click();
    await expect(page.getByTestId('data-action-result')).toContainText('Temporary .rdp files');
  });
});
