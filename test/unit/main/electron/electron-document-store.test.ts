import { describe, expect, it, vi } from 'vitest';

import type { StoredDocument } from '../../../../src/main/settings/document-store';

// electron-store needs a running Electron; a stand-in records what the adapter hands it and holds the store in memory.
const made: { options: Record<string, unknown>; store: StoredDocument }[] = [];
vi.mock('electron-store', () => ({
  default: class FakeElectronStore {
    readonly path: string;
    private readonly record: { options: Record<string, unknown>; store: StoredDocument };
    constructor(options: Record<string, unknown>) {
      this.record = { options, store: {} };
      this.path = `${String(options.cwd)}/${String(options.name)}`;
      made.push(this.record);
    }
    get store(): StoredDocument {
      return this.record.store;
    }
    set store(value: StoredDocument) {
      this.record.store = value;
    }
  },
}));

const { createElectronDocumentStore } = await import('../../../../src/main/electron/electron-document-store');
const { documentStoreOptions } = await import('../../../../src/main/settings/document-store');

describe('electron-store document store', () => {
  it("passes the conf options through, with the file name as electron-store's name", () => {
    const location = { dir: '/user-data', fileName: 'favorites.json.bak' };
    const store = createElectronDocumentStore(location);
    const { serialize, deserialize, ...plain } = made.at(-1)!.options as ReturnType<typeof documentStoreOptions> & { name: string };
    expect(plain).toEqual({
      cwd: '/user-data',
      name: 'favorites.json.bak',
      fileExtension: '',
      clearInvalidConfig: false,
      configFileMode: 0o600,
      accessPropertiesByDotNotation: false,
    });
    const shared = documentStoreOptions(location);
    expect(serialize({ document: { version: 1 } })).toBe(shared.serialize({ document: { version: 1 } }));
    expect(deserialize('{"version":1}')).toEqual({ document: { version: 1 } });
    expect(store.path).toBe('/user-data/favorites.json.bak');
  });

  it('reads and writes the whole document through the store', () => {
    const store = createElectronDocumentStore({ dir: '/user-data', fileName: 'settings.json' });
    expect(store.read()).toBeUndefined();
    store.write({ data: { theme: 'dark' } });
    expect(made.at(-1)!.store).toEqual({ document: { data: { theme: 'dark' } } });
    expect(store.read()).toEqual({ data: { theme: 'dark' } });
  });
});
