import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { assembleBroker } from '../../../src/main/core/assemble';
import { createConfDocumentStore } from '../../../src/main/settings/document-store';
import { SettingsService } from '../../../src/main/settings/settings-service';
import { openSettingsStore, openSettingsStoreOrMemory } from '../../../src/main/settings/settings-store';
import { azureClouds } from '../../../src/shared/clouds';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings/schema';

let dir: string;
let file: string;
const at = (): Date => new Date('2026-03-04T05:06:07.000Z');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'settings-'));
  file = join(dir, 'settings.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function openService(): SettingsService {
  return new SettingsService(openSettingsStore(createConfDocumentStore, dir, at));
}

describe('settings on disk through conf', () => {
  it('persists a change in the layout electron-store wrote, with mode 0600', async () => {
    openService().update({ theme: 'dark' });
    expect(openService().get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ data: { ...DEFAULT_SETTINGS, theme: 'dark' } });
    expect(await readdir(dir)).toEqual(['settings.json']);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('reads a file written by the earlier electron-store version (tab-indented) without a notice', async () => {
    await writeFile(file, JSON.stringify({ data: { ...DEFAULT_SETTINGS, theme: 'light' } }, null, '\t'));
    const service = openService();
    expect(service.get().theme).toBe('light');
    expect(service.recovery).toBeNull();
  });

  it('keeps a file that is not JSON aside byte for byte, starts from defaults and says so', async () => {
    await writeFile(file, '{"data":{"theme":"da');
    const service = openService();
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    expect(service.recovery).toMatchObject({ keptAs: 'settings.corrupt-2026-03-04T05-06-07-000Z.json' });
    expect(service.recovery?.problems[0]).toMatch(/^not JSON/);
    expect(await readFile(join(dir, service.recovery!.keptAs), 'utf8')).toBe('{"data":{"theme":"da');
    service.update({ theme: 'dark' });
    expect(openService().recovery).toBeNull();
  });

  it('keeps a file with invalid fields aside and writes back the readable ones', async () => {
    const text = JSON.stringify({ data: { theme: 'dark', clientId: 42, defaultCloud: 'Mars' } });
    await writeFile(file, text);
    const service = openService();
    expect(service.get()).toMatchObject({ theme: 'dark', clientId: DEFAULT_SETTINGS.clientId, defaultCloud: 'AzureCloud' });
    expect(service.recovery?.problems.map((problem) => problem.split(':')[0])).toEqual(['defaultCloud', 'clientId']);
    expect(await readFile(join(dir, service.recovery!.keptAs), 'utf8')).toBe(text);
    const again = openService();
    expect(again.recovery).toBeNull();
    expect(again.get().theme).toBe('dark');
  });

  it('keeps JSON that is not a settings object aside', async () => {
    await writeFile(file, '[1,2]');
    const service = openService();
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    expect(service.recovery?.problems).toEqual(['the file does not hold an object']);
    expect(await readFile(join(dir, service.recovery!.keptAs), 'utf8')).toBe('[1,2]');
  });

  it('falls back to memory, and leaves the file alone, when it cannot be opened at all', async () => {
    await mkdir(file);
    const lines: string[] = [];
    const store = openSettingsStoreOrMemory(createConfDocumentStore, dir, (message) => lines.push(message));
    const service = new SettingsService(store);
    service.update({ theme: 'dark' });
    expect(service.get().theme).toBe('dark');
    expect(lines).toEqual(['settings could not be opened; defaults are used for this run']);
    expect((await stat(file)).isDirectory()).toBe(true);
  });
});

describe('assembling the broker over damaged files', () => {
  it('starts, with both files kept aside and the user told, instead of throwing', async () => {
    await writeFile(file, 'not json at all');
    await writeFile(join(dir, 'favorites.json'), '{"version":1,');
    const lines: string[] = [];
    const broker = assembleBroker({
      mode: 'desktop',
      version: '0.0.0-test',
      platform: process.platform,
      clouds: azureClouds,
      openBrowser: () => Promise.resolve(),
      openExternal: () => Promise.resolve(),
      launchClients: false,
      log: (message) => lines.push(message),
      dataDir: dir,
    });
    try {
      expect(broker.services.settings.get()).toEqual(DEFAULT_SETTINGS);
      expect(broker.services.settings.recovery?.keptAs).toMatch(/^settings\.corrupt-.+\.json$/);
      const favorites = await broker.services.favorites!.state();
      expect(favorites.notice).toMatchObject({ code: 'STORE_CORRUPT_RECOVERED', restored: 'empty' });
      expect(lines).toContain('settings file was damaged and has been kept aside');
      const names = await readdir(dir);
      expect(names.filter((name) => name.includes('.corrupt-'))).toHaveLength(2);
    } finally {
      await broker.dispose();
    }
  });
});
