import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

import { writeFileAtomic } from './atomic-file';
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

/** Where and how the favorites live. */
export interface FavoritesServiceOptions {
  /** The favorites file (desktop: under userData). null keeps favorites in memory only (CLI, throwaway runs). */
  readonly file: string | null;
  readonly now?: () => Date;
  readonly newId?: () => string;
  readonly log?: (message: string, meta: Record<string, unknown>) => void;
}

/** The backup file next to the favorites file: always a copy of the last successful write. */
export function backupPathOf(file: string): string {
  return `${file}.bak`;
}

function corruptPathOf(file: string, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  const extension = extname(file);
  return join(dirname(file), `${basename(file, extension)}.corrupt-${stamp}${extension || '.json'}`);
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

type Readback =
  | { readonly kind: 'missing' }
  | { readonly kind: 'good'; readonly file: FavoritesFile }
  | { readonly kind: 'damaged'; readonly file: FavoritesFile; readonly problems: string[]; readonly lost: number; readonly salvageable: boolean };

async function readFavorites(path: string): Promise<Readback> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error: unknown) {
    if (isMissing(error)) return { kind: 'missing' };
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'damaged', file: EMPTY_FAVORITES, problems: [`not JSON: ${reason}`], lost: 0, salvageable: false };
  }
  const migration = migrateFavoritesFile(raw);
  if (migration.recognised && migration.problems.length === 0) return { kind: 'good', file: migration.file };
  return {
    kind: 'damaged',
    file: migration.file,
    problems: migration.problems,
    lost: migration.lost,
    salvageable: migration.recognised && migration.file.favorites.length > 0,
  };
}

/**
 * Favorites and recent connections, persisted in one small JSON file with schema, version and migrations.
 *
 * Every write is atomic (temp file + rename) and is mirrored to a backup. When the file is found damaged, it is
 * renamed aside (never deleted), the backup — the last good copy — is restored (or, without one, every readable
 * entry is kept), and a notice tells the user what happened until they dismiss it. Plain Node: no Electron, so it
 * is tested against temp folders.
 */
export class FavoritesService {
  private file: FavoritesFile = EMPTY_FAVORITES;
  private notice: StoreNotice | null = null;
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
    this.ready = this.load();
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
      if (next !== this.file) await this.persist(next);
      this.file = next;
      return this.snapshot();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async persist(next: FavoritesFile): Promise<void> {
    const path = this.options.file;
    if (path === null) return;
    const text = `${JSON.stringify(next, null, 2)}\n`;
    try {
      await writeFileAtomic(path, text);
      // The backup mirrors the last successful write; if the main file is ever damaged, this is what comes back.
      await writeFileAtomic(backupPathOf(path), text);
    } catch (error: unknown) {
      this.log('favorites write failed', { error: String(error) });
      throw new AppError('FAVORITES_WRITE_FAILED', 'The favorites file could not be written.', {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private async load(): Promise<void> {
    const path = this.options.file;
    if (path === null) return;
    try {
      await mkdir(dirname(path), { recursive: true });
      const main = await readFavorites(path);
      if (main.kind === 'good') {
        this.file = main.file;
        return;
      }
      if (main.kind === 'missing') return;
      await this.recover(path, main);
    } catch (error: unknown) {
      // An unreadable folder must not stop the app: favorites start empty in memory, and the next write reports it.
      this.log('favorites could not be read', { error: String(error) });
    }
  }

  private async recover(path: string, damaged: Extract<Readback, { kind: 'damaged' }>): Promise<void> {
    const keptAs = corruptPathOf(path, new Date(this.clock.now()));
    await rename(path, keptAs);
    const backup = await readFavorites(backupPathOf(path)).catch((): Readback => ({ kind: 'missing' }));
    if (backup.kind === 'damaged') {
      // The recovered file is about to be mirrored over the backup: keep the damaged backup aside too.
      await rename(backupPathOf(path), corruptPathOf(backupPathOf(path), new Date(this.clock.now()))).catch(() => undefined);
    }
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
    await this.persist(this.file);
  }
}
