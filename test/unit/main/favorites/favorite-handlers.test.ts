import { describe, expect, it, vi } from 'vitest';

import { rdpSettingsFor } from '../../../../src/main/connect/connect-service';
import { createAppDataService } from '../../../../src/main/favorites/app-data-service';
import { createFavoritesHandlers, overridesOf, rdpFileNameFor } from '../../../../src/main/favorites/favorite-handlers';
import { FavoritesService } from '../../../../src/main/favorites/favorites-service';
import { type HandlerMap, dispatchInvoke } from '../../../../src/main/ipc/dispatch';
import type { Machine } from '../../../../src/shared/domain/machine';
import { favoriteSchema } from '../../../../src/shared/favorites/schema';
import { buildRdpText } from '../../../../src/shared/rdp/write-rdp';
import { DEFAULT_SETTINGS } from '../../../../src/shared/settings/schema';

const machine = { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-a', name: 'vm-a', computerName: 'VMA01' } as Machine;

function favorite(fields: Record<string, unknown> = {}) {
  return favoriteSchema.parse({
    id: 'f1',
    machineId: machine.id,
    machineName: 'vm-a',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...fields,
  });
}

describe('a favorite in the .rdp file', () => {
  it('changes nothing without a favorite: Settings decide the display, nothing is shared', () => {
    const text = buildRdpText(rdpSettingsFor(machine, DEFAULT_SETTINGS, 'web-account', overridesOf(undefined)));
    expect(text).toContain('screen mode id:i:1');
    expect(text).toContain('redirectclipboard:i:0');
  });

  it("applies the favorite's own display and the redirections it turned on", () => {
    const overrides = overridesOf(
      favorite({ display: { screenMode: 'fullscreen', multiMonitor: true }, redirections: { clipboard: true, drives: false } }),
    );
    const text = buildRdpText(rdpSettingsFor(machine, DEFAULT_SETTINGS, 'web-account', overrides));
    expect(text).toContain('screen mode id:i:2');
    expect(text).toContain('use multimon:i:1');
    expect(text).toContain('redirectclipboard:i:1');
    expect(text).toContain('drivestoredirect:s:');
  });

  it('keeps the Settings display for a favorite without its own', () => {
    expect(overridesOf(favorite())).toEqual({ redirections: favorite().redirections });
  });

  it('names the file after the dial name, safe on every file system', () => {
    expect(rdpFileNameFor('VMA01')).toBe('VMA01.rdp');
    expect(rdpFileNameFor('web01.contoso.example')).toBe('web01.contoso.example.rdp');
    expect(rdpFileNameFor('../..\\x:y')).toBe('x_y.rdp');
    expect(rdpFileNameFor('')).toBe('connection.rdp');
  });
});

describe('favorites channels through the dispatcher', () => {
  const notWired = () => Promise.reject(new Error('not wired'));
  const handlers = (favorites: FavoritesService | undefined) =>
    new Proxy(createFavoritesHandlers({ favorites, appData: undefined, machines: () => [machine] }), {
      get: (target, key: string) => (target as Record<string, unknown>)[key] ?? notWired,
    }) as unknown as HandlerMap;

  it('refuses bytes that are not base64 before the importer sees them', async () => {
    const envelope = await dispatchInvoke(handlers(new FavoritesService({ file: null })), 'favorites:import-rdp', {
      fileName: 'x.rdp',
      contentBase64: 'not base64!',
    });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('says so when the host keeps no favorites', async () => {
    const envelope = await dispatchInvoke(handlers(undefined), 'favorites:list', {});
    expect(envelope).toMatchObject({ ok: false, error: { code: 'FAVORITES_UNAVAILABLE' } });
  });

  it('imports an .rdp file matched to the machine by its computer name', async () => {
    const envelope = await dispatchInvoke(handlers(new FavoritesService({ file: null })), 'favorites:import-rdp', {
      fileName: 'a.rdp',
      contentBase64: Buffer.from('full address:s:vma01\r\n').toString('base64'),
    });
    expect(envelope).toMatchObject({ ok: true, value: { outcome: { matchedMachineId: machine.id, created: true } } });
  });

  it('answers the data locations and log folder with nulls where a host keeps nothing', async () => {
    const map = handlers(new FavoritesService({ file: null }));
    await expect(dispatchInvoke(map, 'app:data-locations', {})).resolves.toMatchObject({
      ok: true,
      value: { dataDir: null, favoritesFile: null, logsDir: null },
    });
    await expect(dispatchInvoke(map, 'app:open-logs', {})).resolves.toEqual({ ok: true, value: { path: null, opened: false } });
  });
});

describe('app data service', () => {
  it('opens the log folder where the host can, and says where it is either way', async () => {
    const openFolder = vi.fn(() => Promise.resolve(true));
    const withFolder = createAppDataService({ logsDir: '/logs', openFolder }, () => Promise.resolve());
    await expect(withFolder.openLogs()).resolves.toEqual({ path: '/logs', opened: true });
    expect(openFolder).toHaveBeenCalledWith('/logs');
    const without = createAppDataService({ logsDir: '/logs' }, () => Promise.resolve());
    await expect(without.openLogs()).resolves.toEqual({ path: '/logs', opened: false });
  });

  it('clears launch files and host caches, and reports each', async () => {
    const removeLaunchFiles = vi.fn(() => Promise.resolve());
    const service = createAppDataService({ clearHostCache: () => Promise.resolve(['Web cache']) }, removeLaunchFiles);
    await expect(service.clearCache()).resolves.toEqual({ removed: ['Temporary .rdp files from earlier connections', 'Web cache'] });
    expect(removeLaunchFiles).toHaveBeenCalledOnce();
  });

  it('lists the locations it was given', () => {
    const service = createAppDataService({ dataDir: '/data', favoritesFile: '/data/favorites.json', settingsFile: '/data/settings.json' }, () =>
      Promise.resolve(),
    );
    expect(service.locations()).toEqual({ dataDir: '/data', favoritesFile: '/data/favorites.json', settingsFile: '/data/settings.json', logsDir: null });
  });
});
