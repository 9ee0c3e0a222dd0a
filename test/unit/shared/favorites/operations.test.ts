import { describe, expect, it } from 'vitest';

import {
  buildFavoritesExport,
  favoriteFromRdpImport,
  favoriteTargetKey,
  findFavoriteForMachine,
  mergeImportedFavorites,
  migrateFavoritesFile,
  parseFavoritesImport,
  recordRecent,
  removeFavorite,
  reorderFavorites,
  upsertFavorite,
} from '../../../../src/shared/favorites/operations';
import {
  EMPTY_FAVORITES,
  FAVORITES_EXPORT_KIND,
  type FavoritesFile,
  MAX_RECENTS,
  type RecentConnection,
} from '../../../../src/shared/favorites/schema';
import { importRdpFile } from '../../../../src/shared/rdp/parse-rdp';

const VM_A = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-a';
const VM_B = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-b';

function clock() {
  let n = 0;
  return { now: () => '2026-01-02T03:04:05.000Z', newId: () => `fav-${++n}` };
}

function withTwo(): FavoritesFile {
  const c = clock();
  const a = upsertFavorite(EMPTY_FAVORITES, { machineId: VM_A, machineName: 'vm-a' }, c).file;
  return upsertFavorite(a, { machineId: VM_B, machineName: 'vm-b', group: 'Prod' }, c).file;
}

describe('upsertFavorite', () => {
  it('creates a favorite with safe defaults: redirections off, display from settings, default sign-in', () => {
    const { favorite } = upsertFavorite(EMPTY_FAVORITES, { machineId: VM_A, machineName: 'vm-a' }, clock());
    expect(favorite).toMatchObject({ id: 'fav-1', alias: '', group: '', signInMethod: 'default', display: null });
    expect(Object.values(favorite.redirections).every((value) => value === false || value === 'none')).toBe(true);
  });

  it('keeps one favorite per machine, matching ARM ids case-insensitively', () => {
    const c = clock();
    const first = upsertFavorite(EMPTY_FAVORITES, { machineId: VM_A, machineName: 'vm-a' }, c).file;
    const second = upsertFavorite(first, { machineId: VM_A.toUpperCase(), machineName: 'vm-a', alias: 'Build box' }, c);
    expect(second.file.favorites).toHaveLength(1);
    expect(second.favorite).toMatchObject({ id: 'fav-1', alias: 'Build box' });
  });

  it('updates by id and refuses an id that does not exist', () => {
    const file = withTwo();
    const updated = upsertFavorite(file, { id: 'fav-2', machineId: VM_B, machineName: 'vm-b', notes: 'n' }, clock());
    expect(updated.file.favorites[1]).toMatchObject({ id: 'fav-2', notes: 'n' });
    expect(() => upsertFavorite(file, { id: 'gone', machineId: VM_B, machineName: 'vm-b' }, clock())).toThrow(
      expect.objectContaining({ code: 'FAVORITE_NOT_FOUND' }),
    );
  });

  it('refuses to point one favorite at a machine another favorite already has', () => {
    const file = withTwo();
    expect(() => upsertFavorite(file, { id: 'fav-2', machineId: VM_A, machineName: 'vm-a' }, clock())).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it('refuses invalid input without changing anything', () => {
    expect(() => upsertFavorite(EMPTY_FAVORITES, { machineId: VM_A, machineName: '  ' }, clock())).toThrow();
    expect(() =>
      upsertFavorite(EMPTY_FAVORITES, { machineId: VM_A, machineName: 'x', sneaky: 1 } as never, clock()),
    ).toThrow();
  });
});

describe('remove, reorder, recents', () => {
  it('removes and reorders', () => {
    const file = withTwo();
    expect(reorderFavorites(file, ['fav-2', 'fav-1']).favorites.map((f) => f.id)).toEqual(['fav-2', 'fav-1']);
    expect(removeFavorite(file, 'fav-1').favorites.map((f) => f.id)).toEqual(['fav-2']);
    expect(removeFavorite(file, 'nope').favorites).toHaveLength(2);
  });

  it('refuses an order that drops, repeats or invents a favorite', () => {
    const file = withTwo();
    for (const ids of [['fav-1'], ['fav-1', 'fav-1'], ['fav-1', 'fav-3'], ['fav-1', 'fav-2', 'fav-3']]) {
      expect(() => reorderFavorites(file, ids)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
  });

  it('keeps recents newest first, one per machine, capped', () => {
    let file = EMPTY_FAVORITES;
    const recent = (i: number, machineId = `/m/${i}`): RecentConnection => ({
      machineId,
      machineName: `m${i}`,
      favoriteId: null,
      signInMethod: 'web-account',
      outcome: 'written',
      at: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
    });
    for (let i = 0; i < MAX_RECENTS + 5; i++) file = recordRecent(file, recent(i));
    expect(file.recents).toHaveLength(MAX_RECENTS);
    expect(file.recents[0]?.machineName).toBe(`m${MAX_RECENTS + 4}`);
    file = recordRecent(file, recent(99, '/M/10'));
    expect(file.recents.filter((r) => r.machineId.toLowerCase() === '/m/10')).toHaveLength(1);
    expect(file.recents[0]?.machineName).toBe('m99');
  });

  it('finds the favorite of a machine', () => {
    expect(findFavoriteForMachine(withTwo(), VM_B.toUpperCase())?.id).toBe('fav-2');
    expect(findFavoriteForMachine(withTwo(), '/nope')).toBeUndefined();
  });
});

describe('import and export', () => {
  it('round-trips: export, then import into an empty list', () => {
    const text = buildFavoritesExport(withTwo(), '2026-01-02T00:00:00.000Z');
    expect(JSON.parse(text)).toMatchObject({ kind: FAVORITES_EXPORT_KIND, version: 1 });
    const entries = parseFavoritesImport(text);
    const { file, report } = mergeImportedFavorites(EMPTY_FAVORITES, entries, clock());
    expect(report).toEqual({ added: ['vm-a', 'vm-b'], skipped: [] });
    expect(file.favorites.map((f) => f.group)).toEqual(['', 'Prod']);
  });

  it('never changes an existing favorite: matching entries are skipped', () => {
    const mine = upsertFavorite(withTwo(), { id: 'fav-1', machineId: VM_A, machineName: 'vm-a', alias: 'Mine' }, clock()).file;
    const incoming = parseFavoritesImport(JSON.stringify([{ machineId: VM_A, machineName: 'vm-a', alias: 'Theirs' }]));
    const { file, report } = mergeImportedFavorites(mine, incoming, clock());
    expect(report.skipped).toEqual(['Theirs']);
    expect(file.favorites[0]?.alias).toBe('Mine');
  });

  it.each([
    ['not JSON', '{ favorites: ', /not JSON/],
    ['another app', JSON.stringify({ kind: 'something-else', version: 1, favorites: [] }), /not an RDP Broker favorites file/],
    ['newer version', JSON.stringify({ kind: FAVORITES_EXPORT_KIND, version: 9, favorites: [] }), /newer version/],
    ['a number', '42', /not an RDP Broker favorites file/],
  ])('refuses %s with a message naming the problem', (_label, text, message) => {
    expect(() => parseFavoritesImport(text)).toThrow(message);
    expect(() => parseFavoritesImport(text)).toThrow(expect.objectContaining({ code: 'FAVORITES_IMPORT_INVALID' }));
  });

  it('refuses a file with one bad entry as a whole, and names the entry and field', () => {
    const text = JSON.stringify([{ machineId: VM_A, machineName: 'ok' }, { machineId: VM_B, machineName: '' }]);
    try {
      parseFavoritesImport(text);
      expect.unreachable();
    } catch (error: unknown) {
      expect(error).toMatchObject({ code: 'FAVORITES_IMPORT_INVALID' });
      expect((error as { details: { problems: string[] } }).details.problems[0]).toMatch(/^favorites\[1\]\.machineName: /);
    }
  });

  it('turns an .rdp file into a favorite, keeping redirections off and listing what it left out', () => {
    const text = 'full address:s:vm-a.contoso.example:3390\r\nusername:s:someone@contoso.example\r\nredirectclipboard:i:1\r\nscreen mode id:i:1\r\nalternate shell:s:cmd.exe\r\n';
    const imported = importRdpFile(new TextEncoder().encode(text));
    const { input, host, notKept } = favoriteFromRdpImport(imported, null, 'Build box.rdp');
    expect(host).toBe('vm-a.contoso.example');
    expect(input).toMatchObject({ machineId: null, host: 'vm-a.contoso.example', alias: 'Build box' });
    expect(input.redirections?.clipboard).toBe(false);
    expect(notKept.map((d) => d.name)).toEqual(['full address', 'username']);
    expect(imported.dropped.map((d) => d.reason)).toEqual(expect.arrayContaining(['forbidden', 'needs-consent']));
  });

  it('refuses an .rdp file without an address', () => {
    const imported = importRdpFile(new TextEncoder().encode('screen mode id:i:1\r\n'));
    expect(() => favoriteFromRdpImport(imported, null, 'x.rdp')).toThrow(expect.objectContaining({ code: 'RDP_PARSE_FAILED' }));
  });
});

describe('migrateFavoritesFile', () => {
  it('reads a current file as it is', () => {
    const file = withTwo();
    expect(migrateFavoritesFile(JSON.parse(JSON.stringify(file)))).toEqual({ file, problems: [], lost: 0, recognised: true });
  });

  it('reads a bare array as version-1 favorites', () => {
    const favorites = withTwo().favorites;
    expect(migrateFavoritesFile(favorites).file.favorites).toEqual(favorites);
  });

  it('salvages the readable favorites and counts the rest', () => {
    const file = withTwo();
    const damaged = { ...file, favorites: [file.favorites[0], { id: 'x' }, file.favorites[1]], recents: 'nope' };
    const result = migrateFavoritesFile(damaged);
    expect(result.file.favorites.map((f) => f.id)).toEqual(['fav-1', 'fav-2']);
    expect(result.lost).toBe(1);
    expect(result.recognised).toBe(true);
    expect(result.problems.join('\n')).toMatch(/favorites\[1\]/);
  });

  it('says when nothing was recognisable', () => {
    expect(migrateFavoritesFile('hello')).toMatchObject({ recognised: false, file: EMPTY_FAVORITES });
    expect(migrateFavoritesFile({ something: 1 })).toMatchObject({ recognised: false });
  });

  it('uses the target key for machines and hosts', () => {
    expect(favoriteTargetKey({ machineId: VM_A.toUpperCase(), machineName: 'x' })).toBe(`machine:${VM_A.toLowerCase()}`);
    expect(favoriteTargetKey({ machineId: null, host: 'H.example', machineName: 'x' })).toBe('host:h.example');
  });
});
