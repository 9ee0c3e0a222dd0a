import type { AppDataService } from './favorite-handlers';

/** What a host knows about its files and folders (all optional: the demo and CLI keep most things in memory). */
export interface AppDataHostOptions {
  readonly dataDir?: string | undefined;
  readonly favoritesFile?: string | null | undefined;
  readonly settingsFile?: string | undefined;
  readonly logsDir?: string | undefined;
  /** Opens a folder in the file manager (desktop: shell.openPath); false when it could not. */
  readonly openFolder?: ((path: string) => Promise<boolean>) | undefined;
  /** Host caches to empty (desktop: the window's HTTP cache); returns what was removed. */
  readonly clearHostCache?: (() => Promise<string[]>) | undefined;
}

/**
 * Settings › Data: where things are, open the log folder, clear what is read again on demand. Clearing never
 * touches favorites, settings or signed-in accounts: those are the user's, the cache is the app's.
 */
export function createAppDataService(
  host: AppDataHostOptions,
  removeLaunchFiles: () => Promise<void>,
): AppDataService {
  return {
    locations: () => ({
      dataDir: host.dataDir ?? null,
      favoritesFile: host.favoritesFile ?? null,
      settingsFile: host.settingsFile ?? null,
      logsDir: host.logsDir ?? null,
    }),
    openLogs: async () => {
      const path = host.logsDir ?? null;
      if (path === null || !host.openFolder) return { path, opened: false };
      return { path, opened: await host.openFolder(path) };
    },
    clearCache: async () => {
      await removeLaunchFiles();
      const removed = ['Temporary .rdp files from earlier connections'];
      if (host.clearHostCache) removed.push(...(await host.clearHostCache()));
      return { removed };
    },
  };
}
