import { z } from 'zod';

import type { Machine } from '../domain/machine';
import { AppError } from '../errors/app-error';
import type { RdpImportResult } from '../rdp/parse-rdp';
import { DEFAULT_RDP_REDIRECTIONS, type RdpDisplay, rdpDisplaySchema } from '../rdp/rdp-settings';
import {
  EMPTY_FAVORITES,
  FAVORITES_EXPORT_KIND,
  FAVORITES_VERSION,
  type Favorite,
  type FavoriteInput,
  type FavoritesFile,
  type FavoritesImportReport,
  MAX_FAVORITES,
  MAX_RECENTS,
  type RdpDropped,
  type RecentConnection,
  favoriteInputSchema,
  favoriteSchema,
  favoritesFileSchema,
  recentConnectionSchema,
} from './schema';

/**
 * Pure operations on the favorites file: every one takes the current file and returns a new one (nothing is
 * mutated), so main can write the result atomically and the operations are tested without a disk.
 */

/** Time and id sources, passed in so the operations stay pure and deterministic in tests. */
export interface FavoritesClock {
  readonly now: () => string;
  readonly newId: () => string;
}

/** The key that says two favorites mean the same target: the machine (ARM ids compare case-insensitively) or host. */
export function favoriteTargetKey(favorite: Pick<Favorite, 'machineId' | 'host' | 'machineName'>): string {
  if (favorite.machineId !== null) return `machine:${favorite.machineId.toLowerCase()}`;
  return `host:${(favorite.host ?? favorite.machineName).toLowerCase()}`;
}

/** The favorite for a machine, if there is one. */
export function findFavoriteForMachine(file: FavoritesFile, machineId: string): Favorite | undefined {
  const key = `machine:${machineId.toLowerCase()}`;
  return file.favorites.find((favorite) => favoriteTargetKey(favorite) === key);
}

/**
 * Creates or updates a favorite. With an id, that favorite is updated (it must exist); without one, a favorite for
 * the same target is updated if there is one (one favorite per machine), else a new one is appended.
 */
export function upsertFavorite(
  file: FavoritesFile,
  rawInput: FavoriteInput,
  clock: FavoritesClock,
): { file: FavoritesFile; favorite: Favorite } {
  const input = favoriteInputSchema.parse(rawInput);
  const now = clock.now();
  const targetKey = favoriteTargetKey(input);
  const existingIndex =
    input.id !== undefined
      ? file.favorites.findIndex((favorite) => favorite.id === input.id)
      : file.favorites.findIndex((favorite) => favoriteTargetKey(favorite) === targetKey);
  if (input.id !== undefined && existingIndex < 0) {
    throw new AppError('FAVORITE_NOT_FOUND', 'That favorite no longer exists.', { id: input.id });
  }
  const clash = file.favorites.find(
    (favorite, index) => index !== existingIndex && favoriteTargetKey(favorite) === targetKey,
  );
  if (clash) {
    throw new AppError('VALIDATION_FAILED', 'Another favorite already points at this machine.', { id: clash.id });
  }
  const { id: _ignored, ...fields } = input;
  if (existingIndex >= 0) {
    const existing = file.favorites[existingIndex] as Favorite;
    const favorite = favoriteSchema.parse({ ...existing, ...fields, id: existing.id, updatedAt: now });
    const favorites = file.favorites.with(existingIndex, favorite);
    return { file: { ...file, favorites }, favorite };
  }
  if (file.favorites.length >= MAX_FAVORITES) {
    throw new AppError('VALIDATION_FAILED', `A favorites list holds at most ${MAX_FAVORITES} entries.`);
  }
  const favorite = favoriteSchema.parse({ ...fields, id: clock.newId(), createdAt: now, updatedAt: now });
  return { file: { ...file, favorites: [...file.favorites, favorite] }, favorite };
}

/** Removes a favorite; removing one that is already gone is not an error (the user's intent is met). */
export function removeFavorite(file: FavoritesFile, id: string): FavoritesFile {
  return { ...file, favorites: file.favorites.filter((favorite) => favorite.id !== id) };
}

/** Puts favorites in the given order; `ids` must name every favorite exactly once. */
export function reorderFavorites(file: FavoritesFile, ids: readonly string[]): FavoritesFile {
  const byId = new Map(file.favorites.map((favorite) => [favorite.id, favorite]));
  const unique = new Set(ids);
  if (unique.size !== ids.length || ids.length !== byId.size || ids.some((id) => !byId.has(id))) {
    throw new AppError('VALIDATION_FAILED', 'The new order must name every favorite exactly once.', {
      expected: byId.size,
      received: ids.length,
    });
  }
  return { ...file, favorites: ids.map((id) => byId.get(id) as Favorite) };
}

/** Adds a connection at the top of the recent list; one entry per machine, at most MAX_RECENTS. */
export function recordRecent(file: FavoritesFile, recent: RecentConnection): FavoritesFile {
  const checked = recentConnectionSchema.parse(recent);
  const key = checked.machineId.toLowerCase();
  const rest = file.recents.filter((each) => each.machineId.toLowerCase() !== key);
  return { ...file, recents: [checked, ...rest].slice(0, MAX_RECENTS) };
}

/** Empties the recent list. */
export function clearRecents(file: FavoritesFile): FavoritesFile {
  return { ...file, recents: [] };
}

/** The export file: favorites only (recents are this computer's history, not something to share). */
export function buildFavoritesExport(file: FavoritesFile, exportedAt: string): string {
  return `${JSON.stringify(
    { kind: FAVORITES_EXPORT_KIND, version: FAVORITES_VERSION, exportedAt, favorites: file.favorites },
    null,
    2,
  )}\n`;
}

/** Formats zod issues as `favorites[2].machineName: must not be empty`, for messages a person can act on. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], max = 5): string[] {
  const lines = issues.slice(0, max).map((issue) => {
    const path = issue.path
      .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
      .join('');
    return `${path === '' ? 'file' : path}: ${issue.message}`;
  });
  if (issues.length > max) lines.push(`…and ${issues.length - max} more`);
  return lines;
}

const importEntrySchema = favoriteSchema.omit({ id: true, createdAt: true, updatedAt: true }).extend({
  id: z.string().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});

const exportFileSchema = z.object({
  kind: z.literal(FAVORITES_EXPORT_KIND).optional(),
  version: z.number().int().positive(),
  favorites: z.array(z.unknown()).max(MAX_FAVORITES),
});

function importInvalid(message: string, problems: readonly string[]): AppError {
  return new AppError('FAVORITES_IMPORT_INVALID', message, { problems: [...problems] });
}

/**
 * Reads an export file (or a bare array of favorites, as a person might write by hand). Anything wrong is refused as
 * a whole with FAVORITES_IMPORT_INVALID naming each problem: a half-applied import would be worse than none.
 */
export function parseFavoritesImport(text: string): Array<z.output<typeof importEntrySchema>> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error: unknown) {
    throw importInvalid('The file is not JSON.', [error instanceof Error ? error.message : String(error)]);
  }
  const container = Array.isArray(raw) ? { version: FAVORITES_VERSION, favorites: raw } : raw;
  if (typeof container === 'object' && container !== null && 'kind' in container) {
    const kind = container.kind;
    if (kind !== FAVORITES_EXPORT_KIND) {
      throw importInvalid('This is not an RDP Broker favorites file.', [`kind: expected "${FAVORITES_EXPORT_KIND}", got ${JSON.stringify(kind)}`]);
    }
  }
  const shape = exportFileSchema.safeParse(container);
  if (!shape.success) {
    throw importInvalid('This is not an RDP Broker favorites file.', describeIssues(shape.error.issues));
  }
  if (shape.data.version > FAVORITES_VERSION) {
    throw importInvalid('The file was made by a newer version of RDP Broker.', [
      `version: ${shape.data.version} is newer than ${FAVORITES_VERSION}; update RDP Broker and import again`,
    ]);
  }
  const entries = z.array(importEntrySchema).safeParse(shape.data.favorites);
  if (!entries.success) {
    const problems = describeIssues(
      entries.error.issues.map((issue) => ({ ...issue, path: ['favorites', ...issue.path] })),
    );
    throw importInvalid('Some favorites in the file are not valid; nothing was imported.', problems);
  }
  return entries.data;
}

/**
 * Merges imported favorites: new targets are appended with fresh ids; a target that already has a favorite is
 * skipped, so an import never changes or loses what the user has.
 */
export function mergeImportedFavorites(
  file: FavoritesFile,
  entries: ReadonlyArray<z.output<typeof importEntrySchema>>,
  clock: FavoritesClock,
): { file: FavoritesFile; report: FavoritesImportReport } {
  const known = new Set(file.favorites.map(favoriteTargetKey));
  const added: Favorite[] = [];
  const report: FavoritesImportReport = { added: [], skipped: [] };
  const now = clock.now();
  for (const entry of entries) {
    const key = favoriteTargetKey(entry);
    const label = entry.alias || entry.machineName;
    if (known.has(key)) {
      report.skipped.push(label);
      continue;
    }
    known.add(key);
    const { id: _id, createdAt, updatedAt: _updated, ...fields } = entry;
    added.push(favoriteSchema.parse({ ...fields, id: clock.newId(), createdAt: createdAt ?? now, updatedAt: now }));
    report.added.push(label);
  }
  if (file.favorites.length + added.length > MAX_FAVORITES) {
    throw importInvalid(`A favorites list holds at most ${MAX_FAVORITES} entries.`, [
      `${file.favorites.length} existing + ${added.length} new`,
    ]);
  }
  return { file: { ...file, favorites: [...file.favorites, ...added] }, report };
}

/** The parts of an imported .rdp file a favorite keeps, and what it leaves out (added to the dropped list). */
export function favoriteFromRdpImport(
  imported: RdpImportResult,
  match: { readonly machineId: string; readonly machineName: string } | null,
  fileName: string,
): { input: FavoriteInput; host: string; notKept: RdpDropped[] } {
  const { settings } = imported;
  const host = settings.host;
  if (host === undefined) {
    throw new AppError('RDP_PARSE_FAILED', 'The file names no computer to connect to (no "full address").', { fileName });
  }
  const notKept: RdpDropped[] = [];
  if (settings.port !== undefined && settings.port !== 3389) {
    notKept.push({
      name: 'full address',
      value: String(settings.port),
      reason: 'not-configurable',
      detail: 'Favorites connect on the standard port 3389; the custom port was not kept.',
    });
  }
  if (settings.username !== undefined) {
    notKept.push({
      name: 'username',
      value: settings.username,
      reason: 'not-configurable',
      detail: 'You sign in with your Entra ID account; the user name was not kept.',
    });
  }
  let display: RdpDisplay | null = null;
  if (settings.display !== undefined) {
    const parsed = rdpDisplaySchema.safeParse(settings.display);
    if (parsed.success) display = parsed.data;
  }
  const baseName = fileName.replace(/\.rdp$/i, '').slice(0, 120);
  const input: FavoriteInput = {
    machineId: match?.machineId ?? null,
    machineName: match?.machineName ?? host,
    ...(match === null ? { host } : {}),
    alias: baseName.toLowerCase() === (match?.machineName ?? host).toLowerCase() ? '' : baseName,
    group: '',
    notes: `Imported from ${fileName.slice(0, 200)}`,
    signInMethod: settings.auth ?? 'default',
    display,
    redirections: { ...DEFAULT_RDP_REDIRECTIONS, ...settings.redirections },
  };
  return { input, host, notKept };
}

/**
 * The discovered machine an imported host names: its computer name (the Entra device name), one of its DNS names,
 * or its resource name; a fully qualified host also matches a computer name equal to its first label.
 */
export function matchMachineByHost<M extends Pick<Machine, 'id' | 'name' | 'computerName' | 'network'>>(
  machines: readonly M[],
  host: string,
): M | null {
  const wanted = host.toLowerCase();
  const firstLabel = wanted.split('.')[0] ?? wanted;
  const exact = machines.find(
    (machine) =>
      machine.computerName?.toLowerCase() === wanted ||
      machine.network.fqdns.some((fqdn) => fqdn.toLowerCase() === wanted) ||
      machine.name.toLowerCase() === wanted,
  );
  if (exact) return exact;
  if (firstLabel === wanted) return null;
  const byLabel = machines.filter((machine) => machine.computerName?.toLowerCase() === firstLabel);
  // Two machines with the same computer name in different networks: guessing would connect to the wrong one.
  return byLabel.length === 1 ? (byLabel[0] ?? null) : null;
}

/** Result of reading whatever was on disk. */
export interface FavoritesMigration {
  readonly file: FavoritesFile;
  /** Empty when the file was fully readable. */
  readonly problems: string[];
  /** Entries that could not be read (they are still in the kept-aside copy). */
  readonly lost: number;
  /** False when nothing in the input could be understood as a favorites file. */
  readonly recognised: boolean;
}

/**
 * Reads a parsed favorites file of any known version into the current layout, salvaging every readable entry.
 * Version history: 1 is the first layout. A bare array (no version) is read as a list of version-1 favorites.
 */
export function migrateFavoritesFile(raw: unknown): FavoritesMigration {
  const container = Array.isArray(raw) ? { version: FAVORITES_VERSION, favorites: raw, recents: [] } : raw;
  if (typeof container !== 'object' || container === null) {
    return { file: EMPTY_FAVORITES, problems: ['the file does not hold an object'], lost: 0, recognised: false };
  }
  const whole = favoritesFileSchema.safeParse(container);
  if (whole.success) return { file: whole.data, problems: [], lost: 0, recognised: true };

  const source = container as Record<string, unknown>;
  const problems: string[] = [];
  if (source.version !== FAVORITES_VERSION) problems.push(`version: expected ${FAVORITES_VERSION}, found ${JSON.stringify(source.version)}`);
  const salvage = <T>(list: unknown, schema: z.ZodType<T>, label: string, max: number): { items: T[]; lost: number } => {
    if (!Array.isArray(list)) {
      if (list !== undefined) problems.push(`${label}: not a list`);
      return { items: [], lost: 0 };
    }
    const items: T[] = [];
    let lost = 0;
    list.forEach((item, index) => {
      const parsed = schema.safeParse(item);
      if (parsed.success && items.length < max) items.push(parsed.data);
      else {
        lost += 1;
        if (!parsed.success) problems.push(...describeIssues(parsed.error.issues, 1).map((line) => `${label}[${index}] ${line}`));
      }
    });
    return { items, lost };
  };
  const favorites = salvage(source.favorites, favoriteSchema, 'favorites', MAX_FAVORITES);
  const recents = salvage(source.recents, recentConnectionSchema, 'recents', MAX_RECENTS);
  const seen = new Set<string>();
  const unique = favorites.items.filter((favorite) => {
    if (seen.has(favorite.id)) return false;
    seen.add(favorite.id);
    return true;
  });
  return {
    file: { version: FAVORITES_VERSION, favorites: unique, recents: recents.items },
    problems: problems.slice(0, 20),
    lost: favorites.lost + (favorites.items.length - unique.length),
    recognised: Array.isArray(source.favorites),
  };
}
