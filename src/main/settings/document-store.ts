import Conf from 'conf';
import { existsSync, renameSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';

/** Where one JSON document lives: a folder and a file name with its extension (userData + favorites.json). */
export interface DocumentLocation {
  readonly dir: string;
  readonly fileName: string;
}

/**
 * One JSON document in one file, read and written whole. Desktop: electron-store; CLI, demo and tests: conf. The
 * services above it own schema, version, migrations and recovery, so this stays a dumb holder.
 */
export interface DocumentStore {
  /** Absolute path of the file. */
  readonly path: string;
  /** The document as it is on disk now, or undefined when there is no file; throws when the file is not JSON. */
  read(): unknown;
  /** Replaces the document atomically (temp file, fsync, rename) with file mode 0600. */
  write(document: unknown): void;
}

/** Opens the store of one document; throws a SyntaxError when the file exists but is not JSON (nothing is reset). */
export type DocumentStoreFactory = (location: DocumentLocation) => DocumentStore;

/** What conf and electron-store hold: the document under one key, so any JSON value (even `null`) reads back as it is. */
export interface StoredDocument {
  document?: unknown;
}

/** The options conf and electron-store share, so both write the same file the same way. */
export function documentStoreOptions(location: DocumentLocation) {
  return {
    cwd: location.dir,
    configName: location.fileName,
    // The name already carries its extension (favorites.json, favorites.json.bak).
    fileExtension: '',
    // Never reset a file that cannot be read: the caller keeps it aside and tells the user.
    clearInvalidConfig: false,
    configFileMode: 0o600,
    accessPropertiesByDotNotation: false,
    // The file holds the document itself, not conf's wrapper object: it stays readable and keeps its old layout.
    serialize: (stored: StoredDocument) => `${JSON.stringify(stored.document ?? null, null, 2)}\n`,
    deserialize: (text: string): StoredDocument => ({ document: JSON.parse(text) as unknown }),
  };
}

/** Turns a conf (or electron-store, which extends it) instance opened with `documentStoreOptions` into a DocumentStore. */
export function adaptConfDocument(store: Conf<StoredDocument>): DocumentStore {
  return {
    path: store.path,
    read: () => store.store.document,
    // The whole-store setter, not set(): set() re-reads the file first and would throw if it was damaged since.
    write: (document) => {
      store.store = { document };
    },
  };
}

/** A DocumentStore on conf: the CLI, the demo and the tests (conf writes through `atomically`). */
export function createConfDocumentStore(location: DocumentLocation): DocumentStore {
  return adaptConfDocument(new Conf<StoredDocument>(documentStoreOptions(location)));
}

/** Where a store keeps a file: conf resolves the name against the folder the same way. */
export function documentPathOf(location: DocumentLocation): string {
  return resolve(location.dir, location.fileName);
}

/**
 * Renames a damaged file next to itself with a timestamp (favorites.corrupt-2026-03-04T05-06-07-000Z.json) and returns
 * the new path. Never overwrites: an earlier kept copy with the same stamp gets a counter instead.
 */
export function setAsideFile(file: string, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  const extension = extname(file);
  const stem = join(dirname(file), `${basename(file, extension)}.corrupt-${stamp}`);
  let target = `${stem}${extension || '.json'}`;
  for (let n = 1; existsSync(target); n += 1) target = `${stem}-${n}${extension || '.json'}`;
  renameSync(file, target);
  return target;
}

/** Whether opening failed because the file is not JSON: conf and electron-store rethrow JSON.parse's SyntaxError. */
export function isNotJsonError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'SyntaxError';
}

/**
 * Opens a document; a file that is not JSON is renamed aside (never deleted) and a fresh store is opened in its place.
 * Any other failure (permissions, a folder where the file should be) is thrown: that file must not be touched.
 */
export function openDocumentKeepingDamaged(
  open: DocumentStoreFactory,
  location: DocumentLocation,
  now: () => Date,
): { store: DocumentStore; setAside: { keptAs: string; reason: string } | null } {
  try {
    return { store: open(location), setAside: null };
  } catch (error: unknown) {
    if (!isNotJsonError(error)) throw error;
    const keptAs = setAsideFile(documentPathOf(location), now());
    return { store: open(location), setAside: { keptAs, reason: `not JSON: ${error.message}` } };
  }
}
