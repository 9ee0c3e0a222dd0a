import { basename } from 'node:path';

import { type DocumentStoreFactory, openDocumentKeepingDamaged, setAsideFile } from './document-store';
import { type JsonStore, type SettingsRecovery, createMemoryStore } from './settings-service';
import { migrateSettings } from '../../shared/settings/schema';

/** The settings file in the data folder: the name electron-store has always used for it. */
export const SETTINGS_FILE_NAME = 'settings.json';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The file holds `{ "data": settings }`: the layout the app wrote through electron-store's set('data', …).
function dataOf(document: unknown): unknown {
  return isPlainObject(document) ? document.data : undefined;
}

function findSettingsProblems(document: unknown): string[] {
  if (document === undefined) return [];
  if (!isPlainObject(document)) return ['the file does not hold an object'];
  return migrateSettings(document.data).problems;
}

/**
 * settings.json in `dir`, through `open` (desktop: electron-store; elsewhere: conf). A file that is not JSON, not an
 * object, or has invalid fields is renamed aside with a timestamp (never deleted), the readable fields are written
 * back, and `recovery` says what happened so the host can tell the user. Throws only when the file cannot be opened
 * at all (permissions, a folder in its place).
 */
export function openSettingsStore(
  open: DocumentStoreFactory,
  dir: string,
  now: () => Date = () => new Date(),
): JsonStore & { readonly path: string } {
  const opened = openDocumentKeepingDamaged(open, { dir, fileName: SETTINGS_FILE_NAME }, now);
  const { store } = opened;
  let recovery: SettingsRecovery | null = null;
  if (opened.setAside) {
    recovery = { keptAs: basename(opened.setAside.keptAs), problems: [opened.setAside.reason] };
  } else {
    const document = store.read();
    const problems = findSettingsProblems(document);
    if (problems.length > 0) {
      const keptAs = setAsideFile(store.path, now());
      // Without this write the readable fields would be gone at the next start unless the user changed something.
      store.write({ data: migrateSettings(dataOf(document)).settings });
      recovery = { keptAs: basename(keptAs), problems: problems.slice(0, 20) };
    }
  }
  return {
    path: store.path,
    recovery,
    read: () => dataOf(store.read()),
    write: (value) => store.write({ data: value }),
  };
}

/**
 * Like `openSettingsStore`, but never throws: if the file cannot be opened at all, this run keeps settings in memory
 * (defaults) and leaves the file alone, so startup goes on and nothing on disk is replaced.
 */
export function openSettingsStoreOrMemory(
  open: DocumentStoreFactory,
  dir: string,
  log: (message: string, meta: Record<string, unknown>) => void,
): JsonStore {
  try {
    const store = openSettingsStore(open, dir);
    if (store.recovery) log('settings file was damaged and has been kept aside', { ...store.recovery });
    return store;
  } catch (error: unknown) {
    log('settings could not be opened; defaults are used for this run', { error: String(error) });
    return createMemoryStore();
  }
}
