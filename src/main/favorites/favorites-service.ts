import { randomBytes } from 'node:crypto';
import { basename, dirname } from 'node:path';

import type { Machine } from '../../shared/domain/machine';
import { AppError } from '../../shared/errors/app-error';
import {
  buildFavoritesExport,
  clearRecents,
  favoriteFromRdpImport,
  favoriteTargetKey,
  matchMachineByHost,
  mergeImportedFavorites,
  migrateFavoritesFile,
  parseFavoritesImport,
  recordRecent,
  removeFavorite,
  reorderFavorites,
  upsertFavorite,
  type FavoritesClock,
} from '../../shared/favorites/operations';
import {
  EMPTY_FAVORITES,
  type Favorite,
  type FavoriteInput,
  type FavoritesFile,
  type FavoritesImportReport,
  type FavoritesState,
  type RdpImportOutcome,
  type RecentConnection,
  type StoreNotice,
} from '../../shared/favorites/schema';
import { importRdpFile } from '../../shared/rdp/parse-rdp';
import {
  type DocumentStore,
  type DocumentStoreFactory,
  createConfDocumentStore,
  openDocumentKeepingDamaged,
  setAsideFile,
} from '../settings/document-store';

/** Where and how the favorites live. */
export interface FavoritesServiceOptions {
  /** The favorites file (desktop: under userData). null keeps favorites in memory only (CLI, throwaway runs). */
  readonly file: string | null;
  /** Opens the file and its backup: conf unless the host brings another store (desktop: electron-store). */
  readonly openStore?: DocumentStoreFactory;
  readonly now?: () => Date;
  readonly newId?: () => string;
  readonly log?: (message: string, meta: Record<string, unknown>) => void;
}

/** The backup file next to the favorites file: always a copy of the last successful write. */
export function backupPathOf(file: string): string {
  return `${file}.bak`;
}

type Readback =
  | { readonly kind: 'missing' }
  | { readonly kind: 'good'; readonly file: FavoritesFile }
  | { readonly kind: 'damaged'; readonly file: FavoritesFile; readonly problems: string[]; readonly salvageable: boolean };

/** An opened file and what was in it; a damaged file has already been renamed to `keptAs`. */
interface OpenedFile {
  readonly store: DocumentStore;
  readonly found: Readback;
  readonly keptAs: string | null;
}

function inspectFavorites(raw: unknown): Readback {
  if (raw === undefined) return { kind: 'missing' };
  const migration = migrateFavoritesFile(raw);
  if (migration.recognised && migration.problems.length === 0) return { kind: 'good', file: migration.file };
  return {
    kind: 'damaged',
    file: migration.file,
    problems: migration.problems,
    salvageable: migration.recognised && migration.file.favorites.length > 0,
  };
}

/**
 * Favorites and recent connections, persisted in one small JSON file with schema, version and migrations (ours, in
 * src/shared/favorites: the store only holds the document).
 *
 * The file is held by a DocumentStore: electron-store on the desktop, conf elsewhere; both write atomically (temp
 * file, fsync, rename). Every write is mirrored to a backup. When the file is found damaged (not JSON, wrong shape,
 * unknown version), it is renamed aside (never deleted), the backup — the last good copy — is restored (or, without
 * one, every readable entry is kept), and a notice tells the user what happened until they dismiss it. Tested with
 * conf against temp folders.
 */
export class FavoritesService {
  private file: FavoritesFile = EMPTY_FAVORITES;
  private notice: StoreNotice | null = null;
  private main: DocumentStore | null = null;
  private backup: DocumentStore | null = null;
  /** Why the file could not be opened at start: writes are refused so a file we could not read is never replaced. */
  private unreadable: string | null = null;
  private readonly ready: Promise<void>;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly clock: FavoritesClock;
  private readonly log: NonNullable<FavoritesServiceOptions['log']>;

  constructor(private readonly options: FavoritesServiceOptions) {
    const now = options.now ?? (() => new Date());
    this.clock = {
      now: () => now().toISOString(),
      newId: options.newId ?? (() => randomBytes(9).toString('base64url')),
    };
    this.log = options.log ?? (() => undefined);
    // Opened on the next tick, so a slow or damaged file never throws out of the constructor.
    this.ready = Promise.resolve().then(() => this.load());
  }

  /** The path of the favorites file, or null when kept in memory. */
  get path(): string | null {
    return this.options.file;
  }

  /** Favorites, recents and any recovery notice. */
  async state(): Promise<FavoritesState> {
    await this.ready;
    return this.snapshot();
  }

  /** One favorite by id. */
  async get(id: string): Promise<Favorite | undefined> {
    await this.ready;
    return this.file.favorites.find((favorite) => favorite.id === id);
  }

  /** Creates or updates a favorite. */
  save(input: FavoriteInput): Promise<FavoritesState> {
    return this.mutate((file) => upsertFavorite(file, input, this.clock).file);
  }

  /** Removes a favorite. */
  remove(id: string): Promise<FavoritesState> {
    return this.mutate((file) => removeFavorite(file, id));
  }

  /** Sets the order of all favorites. */
  reorder(ids: readonly string[]): Promise<FavoritesState> {
    return this.mutate((file) => reorderFavorites(file, ids));
  }

  /** Notes a connection at the top of the recent list. */
  recordRecent(recent: Omit<RecentConnection, 'at'>): Promise<FavoritesState> {
    return this.mutate((file) => recordRecent(file, { ...recent, at: this.clock.now() }));
  }

  /** Empties the recent list. */
  clearRecents(): Promise<FavoritesState> {
    return this.mutate(clearRecents);
  }

  /** Forgets the recovery notice once the user has read it. */
  async dismissNotice(): Promise<FavoritesState> {
    await this.ready;
    this.notice = null;
    return this.snapshot();
  }

  /** Imports an export file; refused as a whole when anything in it is invalid. */
  async importJson(text: string): Promise<{ state: FavoritesState; report: FavoritesImportReport }> {
    const entries = parseFavoritesImport(text);
    let report: FavoritesImportReport = { added: [], skipped: [] };
    const state = await this.mutate((file) => {
      const merged = mergeImportedFavorites(file, entries, this.clock);
      report = merged.report;
      return merged.file;
    });
    return { state, report };
  }

  /**
   * Imports one .rdp file as a favorite: only allow-listed properties are read (the importer lists everything it
   * dropped and why), redirections the file turns on stay off, and the host is matched to a discovered machine.
   */
  async importRdp(
    fileName: string,
    bytes: Uint8Array,
    machines: readonly Machine[],
  ): Promise<{ state: FavoritesState; outcome: RdpImportOutcome }> {
    const imported = importRdpFile(bytes);
    const host = imported.settings.host ?? '';
    const machine = host === '' ? null : matchMachineByHost(machines, host);
    const match = machine ? { machineId: machine.id, machineName: machine.name } : null;
    const built = favoriteFromRdpImport(imported, match, fileName);
    let favoriteId = '';
    let created = false;
    const state = await this.mutate((file) => {
      const key = favoriteTargetKey({ machineId: built.input.machineId ?? null, host: built.input.host, machineName: built.input.machineName });
      const existing = file.favorites.find((favorite) => favoriteTargetKey(favorite) === key);
      if (existing) {
        favoriteId = existing.id;
        return file;
      }
      const result = upsertFavorite(file, built.input, this.clock);
      favoriteId = result.favorite.id;
      created = true;
      return result.file;
    });
    return {
      state,
      outcome: {
        fileName,
        favoriteId,
        created,
        matchedMachineId: match?.machineId ?? null,
        host: built.host,
        dropped: [...imported.dropped, ...built.notKept],
      },
    };
  }

  /** The export file's name and text. */
  async exportJson(): Promise<{ fileName: string; text: string }> {
    await this.ready;
    const now = this.clock.now();
    return { fileName: `rdp-broker-favorites-${now.slice(0, 10)}.json`, text: buildFavoritesExport(this.file, now) };
  }

  private snapshot(): FavoritesState {
    return { favorites: this.file.favorites, recents: this.file.recents, notice: this.notice };
  }

  /** Runs one change at a time: computes the next file, writes it, and only then makes it current. */
  private mutate(change: (file: FavoritesFile) => FavoritesFile): Promise<FavoritesState> {
    const run = this.queue.then(async () => {
      await this.ready;
      const next = change(this.file);
      if (next !== this.file) this.persist(next);
      this.file = next;
      return this.snapshot();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private persist(next: FavoritesFile): void {
    if (this.options.file === null) return;
    try {
      if (this.main === null) throw new Error(`the file could not be opened: ${this.unreadable ?? 'unknown reason'}`);
      this.main.write(next);
      // The backup mirrors the last successful write; if the main file is ever damaged, this is what comes back.
      this.backup?.write(next);
    } catch (error: unknown) {
      this.log('favorites write failed', { error: String(error) });
      throw new AppError('FAVORITES_WRITE_FAILED', 'The favorites file could not be written.', {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private load(): void {
    const path = this.options.file;
    if (path === null) return;
    let main: OpenedFile;
    try {
      main = this.openFile(path);
    } catch (error: unknown) {
      // An unreadable file or folder must not stop the app: favorites start empty in memory and writes say why.
      this.unreadable = error instanceof Error ? error.message : String(error);
      this.log('favorites could not be read', { error: String(error) });
      return;
    }
    this.main = main.store;
    if (main.found.kind === 'good') this.file = main.found.file;
    let backup: OpenedFile | null = null;
    try {
      // A damaged backup is kept aside here too: the next write replaces it.
      backup = this.openFile(backupPathOf(path));
      this.backup = backup.store;
      if (backup.keptAs !== null) this.log('favorites backup was damaged and has been kept aside', { keptAs: backup.keptAs });
    } catch (error: unknown) {
      this.log('favorites backup could not be read', { error: String(error) });
    }
    if (main.found.kind === 'damaged') this.recover(main.found, main.keptAs ?? path, backup?.found ?? { kind: 'missing' });
  }

  private openFile(path: string): OpenedFile {
    const open = this.options.openStore ?? createConfDocumentStore;
    const now = (): Date => new Date(this.clock.now());
    // conf and electron-store refuse a file that is not JSON from their constructor: it is renamed aside first.
    const opened = openDocumentKeepingDamaged(open, { dir: dirname(path), fileName: basename(path) }, now);
    if (opened.setAside) {
      const found: Readback = { kind: 'damaged', file: EMPTY_FAVORITES, problems: [opened.setAside.reason], salvageable: false };
      return { store: opened.store, found, keptAs: opened.setAside.keptAs };
    }
    const found = inspectFavorites(opened.store.read());
    const keptAs = found.kind === 'damaged' ? setAsideFile(opened.store.path, now()) : null;
    return { store: opened.store, found, keptAs };
  }

  private recover(damaged: Extract<Readback, { kind: 'damaged' }>, keptAs: string, backup: Readback): void {
    let restored: StoreNotice['restored'];
    if (backup.kind === 'good' && backup.file.favorites.length >= damaged.file.favorites.length) {
      this.file = backup.file;
      restored = 'backup';
    } else if (damaged.salvageable) {
      this.file = damaged.file;
      restored = 'partial';
    } else {
      this.file = EMPTY_FAVORITES;
      restored = 'empty';
    }
    this.notice = {
      code: 'STORE_CORRUPT_RECOVERED',
      restored,
      keptAs: basename(keptAs),
      restoredCount: this.file.favorites.length,
      problems: damaged.problems.slice(0, 20),
    };
    this.log('favorites file was damaged and has been recovered', {
      keptAs,
      restored,
      restoredCount: this.file.favorites.length,
      problems: damaged.problems.slice(0, 5),
    });
    try {
      this.persist(this.file);
    } catch {
      // Already logged; the recovered favorites stay in memory and the next change tries the write again.
    }
  }
}
