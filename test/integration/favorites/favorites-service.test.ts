import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FavoritesService, backupPathOf } from '../../../src/main/favorites/favorites-service';
import { type DocumentLocation, createConfDocumentStore } from '../../../src/main/settings/document-store';
import type { Machine } from '../../../src/shared/domain/machine';

const VM_A = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-a';
const VM_B = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-b';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'favorites-'));
  file = join(dir, 'favorites.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function open(): FavoritesService {
  let n = 0;
  return new FavoritesService({ file, now: () => new Date('2026-03-04T05:06:07.000Z'), newId: () => `id-${++n}` });
}

async function seed(): Promise<FavoritesService> {
  const service = open();
  await service.save({ machineId: VM_A, machineName: 'vm-a', alias: 'Alpha' });
  await service.save({ machineId: VM_B, machineName: 'vm-b', group: 'Prod' });
  return service;
}

describe('FavoritesService on disk', () => {
  it('starts empty without a file and persists what is saved', async () => {
    const service = open();
    expect(await service.state()).toEqual({ favorites: [], recents: [], notice: null });
    await seed();
    const reopened = await open().state();
    expect(reopened.favorites.map((f) => f.alias || f.machineName)).toEqual(['Alpha', 'vm-b']);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('reads back exactly what was written, from a file that holds the document itself', async () => {
    const service = await seed();
    await service.recordRecent({ machineId: VM_A, machineName: 'vm-a', favoriteId: 'id-1', signInMethod: 'password', outcome: 'launched' });
    const written = await service.state();
    expect(await open().state()).toEqual(written);
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(onDisk).sort()).toEqual(['favorites', 'recents', 'version']);
    expect(onDisk.favorites).toEqual(written.favorites);
  });

  it('writes the file and its backup with mode 0600', async () => {
    await seed();
    for (const path of [file, backupPathOf(file)]) {
      const info = await stat(path);
      expect(info.isFile()).toBe(true);
      // Windows has no POSIX permission bits: only the files' existence is checked there.
      if (process.platform !== 'win32') expect(info.mode & 0o777).toBe(0o600);
    }
  });

  it('mirrors every write to a backup and leaves no temp files', async () => {
    await seed();
    expect(await readFile(backupPathOf(file), 'utf8')).toBe(await readFile(file, 'utf8'));
    expect((await readdir(dir)).sort()).toEqual(['favorites.json', 'favorites.json.bak']);
  });

  it('restores the last good copy when the file is not JSON, keeps the damaged file, and says so', async () => {
    await seed();
    await writeFile(file, '{"version":1,"favorites":[{"id":');
    const service = open();
    const state = await service.state();
    expect(state.favorites).toHaveLength(2);
    expect(state.notice).toMatchObject({ code: 'STORE_CORRUPT_RECOVERED', restored: 'backup', restoredCount: 2 });
    const kept = (await readdir(dir)).find((name) => name.startsWith('favorites.corrupt-'));
    expect(kept).toBe(state.notice?.keptAs);
    expect(await readFile(join(dir, kept!), 'utf8')).toBe('{"version":1,"favorites":[{"id":');
    // The repaired file is good again: the next start has no notice.
    expect((await open().state()).notice).toBeNull();
  });

  it('keeps a damaged file byte for byte, whatever it holds', async () => {
    await seed();
    const damaged = Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x22]);
    await writeFile(file, damaged);
    const state = await open().state();
    expect(state.notice).toMatchObject({ restored: 'backup', restoredCount: 2 });
    expect(state.notice?.problems[0]).toMatch(/^not JSON/);
    expect((await readFile(join(dir, state.notice!.keptAs))).equals(damaged)).toBe(true);
  });

  it('never overwrites an earlier kept copy, even within the same millisecond', async () => {
    await writeFile(file, 'first damage');
    const first = await open().state();
    await writeFile(file, 'second damage');
    const second = await open().state();
    expect(second.notice?.keptAs).not.toBe(first.notice?.keptAs);
    expect(await readFile(join(dir, first.notice!.keptAs), 'utf8')).toBe('first damage');
    expect(await readFile(join(dir, second.notice!.keptAs), 'utf8')).toBe('second damage');
  });

  it('sets aside a file of a future version, keeps its readable entries and says why', async () => {
    await seed();
    const good = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await rm(backupPathOf(file));
    const future = `${JSON.stringify({ ...good, version: 2, sync: { enabled: true } })}\n`;
    await writeFile(file, future);
    const state = await open().state();
    expect(state.favorites.map((f) => f.alias || f.machineName)).toEqual(['Alpha', 'vm-b']);
    expect(state.notice).toMatchObject({ restored: 'partial', restoredCount: 2 });
    expect(state.notice?.problems.join(' ')).toMatch(/version: expected 1, found 2/);
    expect(await readFile(join(dir, state.notice!.keptAs), 'utf8')).toBe(future);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('prefers the backup over a wrong-version file that lost entries', async () => {
    await seed();
    await writeFile(file, JSON.stringify({ version: 0, favorites: [{ id: 'old' }] }));
    const state = await open().state();
    expect(state.notice).toMatchObject({ restored: 'backup', restoredCount: 2 });
    expect(state.favorites.map((f) => f.id)).toEqual(['id-1', 'id-2']);
  });

  it('sets aside JSON that is not a favorites file at all', async () => {
    for (const text of ['null', '"favorites"', '{"theme":"dark"}']) {
      // Each recovery writes a new (empty) backup; without it, nothing is left to restore.
      await rm(backupPathOf(file), { force: true });
      await writeFile(file, text);
      const state = await open().state();
      expect(state.notice).toMatchObject({ restored: 'empty', restoredCount: 0 });
      expect(await readFile(join(dir, state.notice!.keptAs), 'utf8')).toBe(text);
    }
  });

  it('keeps a damaged backup aside when the main file is good, and writes a fresh backup', async () => {
    await seed();
    await writeFile(backupPathOf(file), 'torn backup');
    const service = open();
    expect((await service.state()).notice).toBeNull();
    const kept = (await readdir(dir)).filter((name) => name.startsWith('favorites.json.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(await readFile(join(dir, kept[0]!), 'utf8')).toBe('torn backup');
    await service.recordRecent({ machineId: VM_B, machineName: 'vm-b', favoriteId: null, signInMethod: 'web-account', outcome: 'written' });
    expect(await readFile(backupPathOf(file), 'utf8')).toBe(await readFile(file, 'utf8'));
  });

  it('never replaces a file it could not open: starts empty and refuses writes', async () => {
    await mkdir(file);
    await writeFile(join(file, 'inside'), 'untouched');
    const service = open();
    expect(await service.state()).toEqual({ favorites: [], recents: [], notice: null });
    await expect(service.save({ machineId: VM_A, machineName: 'vm-a' })).rejects.toMatchObject({ code: 'FAVORITES_WRITE_FAILED' });
    expect(await readFile(join(file, 'inside'), 'utf8')).toBe('untouched');
  });

  it('opens the file and its backup through the injected store factory', async () => {
    const opened: DocumentLocation[] = [];
    const service = new FavoritesService({
      file,
      openStore: (location) => {
        opened.push(location);
        return createConfDocumentStore(location);
      },
    });
    await service.save({ machineId: VM_A, machineName: 'vm-a' });
    expect(opened).toEqual([
      { dir, fileName: 'favorites.json' },
      { dir, fileName: 'favorites.json.bak' },
    ]);
  });

  it('keeps the readable entries when there is no backup', async () => {
    await seed();
    const good = JSON.parse(await readFile(file, 'utf8')) as { favorites: unknown[] };
    await rm(backupPathOf(file));
    await writeFile(file, JSON.stringify({ ...good, favorites: [good.favorites[0], { id: 'broken' }] }));
    const state = await open().state();
    expect(state.favorites.map((f) => f.alias)).toEqual(['Alpha']);
    expect(state.notice).toMatchObject({ restored: 'partial', restoredCount: 1 });
    expect(state.notice?.problems.join(' ')).toMatch(/favorites\[1\]/);
  });

  it('starts empty but keeps both damaged files when nothing is readable', async () => {
    await writeFile(file, 'garbage');
    await writeFile(backupPathOf(file), 'also garbage');
    const state = await open().state();
    expect(state).toMatchObject({ favorites: [], notice: { restored: 'empty', restoredCount: 0 } });
    const names = await readdir(dir);
    expect(names.filter((name) => name.includes('.corrupt-'))).toHaveLength(2);
  });

  it('lets the user dismiss the notice', async () => {
    await writeFile(file, 'garbage');
    const service = open();
    expect((await service.state()).notice).not.toBeNull();
    expect((await service.dismissNotice()).notice).toBeNull();
  });

  it('serialises concurrent changes so none is lost', async () => {
    const service = open();
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => service.save({ machineId: `/m/${i}`, machineName: `m${i}` })),
      service.remove('missing-id'),
      service.recordRecent({ machineId: '/m/0', machineName: 'm0', favoriteId: null, signInMethod: 'password', outcome: 'launched' }),
    ]);
    const reopened = await open().state();
    expect(reopened.favorites.map((f) => f.machineName)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`));
    expect(reopened.recents).toHaveLength(1);
    expect(await readFile(backupPathOf(file), 'utf8')).toBe(await readFile(file, 'utf8'));
  });

  it('keeps the previous state when a change is refused', async () => {
    const service = await seed();
    await expect(service.reorder(['id-1'])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await service.state()).favorites).toHaveLength(2);
    await expect(service.save({ machineId: VM_A, machineName: 'ok' })).resolves.toBeDefined();
  });

  it('reports a write failure with a code and keeps the last state', async () => {
    const service = await seed();
    await rm(dir, { recursive: true, force: true });
    await writeFile(dir, 'a file where the folder was');
    await expect(service.remove('id-1')).rejects.toMatchObject({ code: 'FAVORITES_WRITE_FAILED' });
    expect((await service.state()).favorites).toHaveLength(2);
    await rm(dir);
  });

  it('imports JSON without touching existing favorites and refuses bad input as a whole', async () => {
    const service = await seed();
    const { report } = await service.importJson(
      JSON.stringify([
        { machineId: VM_A, machineName: 'vm-a', alias: 'Overwritten?' },
        { machineId: '/m/new', machineName: 'new' },
      ]),
    );
    expect(report).toEqual({ added: ['new'], skipped: ['Overwritten?'] });
    await expect(service.importJson('[{"machineName":""}]')).rejects.toMatchObject({ code: 'FAVORITES_IMPORT_INVALID' });
    const state = await service.state();
    expect(state.favorites.map((f) => f.alias || f.machineName)).toEqual(['Alpha', 'vm-b', 'new']);
  });

  it('imports a .rdp file, matching its host to a discovered machine', async () => {
    const service = open();
    const machine = { id: VM_B, name: 'vm-b', computerName: 'VMB01', network: { fqdns: [], privateIps: [], publicIps: [] } } as unknown as Machine;
    const bytes = new TextEncoder().encode('full address:s:vmb01.corp.example\r\nredirectdrives:i:1\r\ndrivestoredirect:s:*\r\n');
    const { outcome, state } = await service.importRdp('vmb.rdp', bytes, [machine]);
    expect(outcome).toMatchObject({ created: true, matchedMachineId: VM_B, host: 'vmb01.corp.example' });
    expect(outcome.dropped.map((d) => d.reason)).toContain('needs-consent');
    expect(state.favorites[0]).toMatchObject({ machineId: VM_B, machineName: 'vm-b' });
    expect(state.favorites[0]?.redirections.drives).toBe(false);
    const again = await service.importRdp('vmb.rdp', bytes, [machine]);
    expect(again.outcome).toMatchObject({ created: false, favoriteId: outcome.favoriteId });
  });

  it('records recents and exports favorites only', async () => {
    const service = await seed();
    await service.recordRecent({ machineId: VM_A, machineName: 'vm-a', favoriteId: 'id-1', signInMethod: 'web-account', outcome: 'written' });
    expect((await service.state()).recents).toHaveLength(1);
    const exported = await service.exportJson();
    expect(exported.fileName).toBe('rdp-broker-favorites-2026-03-04.json');
    expect(JSON.parse(exported.text)).not.toHaveProperty('recents');
    expect((await service.clearRecents()).recents).toEqual([]);
  });
});

describe('FavoritesService in memory', () => {
  it('works without a file', async () => {
    const service = new FavoritesService({ file: null });
    await service.save({ machineId: VM_A, machineName: 'vm-a' });
    expect((await service.state()).favorites).toHaveLength(1);
    expect(service.path).toBeNull();
  });
});
