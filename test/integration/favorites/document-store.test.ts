import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  type DocumentLocation,
  createConfDocumentStore,
  openDocumentKeepingDamaged,
} from '../../../src/main/settings/document-store';

let dir: string;
let location: DocumentLocation;
const at = (): Date => new Date('2026-03-04T05:06:07.000Z');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'document-store-'));
  location = { dir, fileName: 'favorites.json' };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('conf document store', () => {
  it('reads undefined without a file and creates nothing until written', async () => {
    const store = createConfDocumentStore(location);
    expect(store.path).toBe(join(dir, 'favorites.json'));
    expect(store.read()).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });

  it('stores the document itself, so any JSON value reads back unchanged', async () => {
    const store = createConfDocumentStore(location);
    for (const value of [{ version: 1, favorites: [{ id: 'a' }] }, [1, 'two'], 'text', 0, null]) {
      store.write(value);
      expect(createConfDocumentStore(location).read()).toEqual(value);
      expect(await readFile(store.path, 'utf8')).toBe(`${JSON.stringify(value, null, 2)}\n`);
    }
  });

  it('writes atomically with mode 0600 and leaves no temp file', async () => {
    const store = createConfDocumentStore(location);
    store.write({ version: 1 });
    store.write({ version: 1, favorites: [] });
    expect(await readdir(dir)).toEqual(['favorites.json']);
    if (process.platform !== 'win32') expect((await stat(store.path)).mode & 0o777).toBe(0o600);
  });

  // The recovery design depends on this: conf must refuse a damaged file, never quietly reset it.
  it('throws a SyntaxError from the constructor on a file that is not JSON, and leaves it as it was', async () => {
    await writeFile(join(dir, 'favorites.json'), '{"version":');
    expect(() => createConfDocumentStore(location)).toThrow(SyntaxError);
    expect(await readFile(join(dir, 'favorites.json'), 'utf8')).toBe('{"version":');
  });

  it('sets a file that is not JSON aside and opens a fresh store', async () => {
    await writeFile(join(dir, 'favorites.json'), 'garbage');
    const opened = openDocumentKeepingDamaged(createConfDocumentStore, location, at);
    expect(opened.setAside?.keptAs).toBe(join(dir, 'favorites.corrupt-2026-03-04T05-06-07-000Z.json'));
    expect(opened.setAside?.reason).toMatch(/^not JSON: /);
    expect(opened.store.read()).toBeUndefined();
    expect(await readFile(opened.setAside!.keptAs, 'utf8')).toBe('garbage');
  });

  it('rethrows failures that are not about JSON without touching anything', async () => {
    const failing = (): never => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    };
    await writeFile(join(dir, 'favorites.json'), 'whatever');
    expect(() => openDocumentKeepingDamaged(failing, location, at)).toThrow(/EACCES/);
    expect(await readdir(dir)).toEqual(['favorites.json']);
  });
});
