import { create } from 'zustand';

import { brokerClient } from './client';
import { asAppError } from './errors';
import type { AppError } from '../../shared/errors/app-error';
import type { DataLocations } from '../../shared/ipc/schemas';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../shared/settings/schema';

/** The last settings change: saved, or refused with the reason (the settings shown are then main's, unchanged). */
export type SaveState =
  | { readonly status: 'idle' }
  | { readonly status: 'saving' }
  | { readonly status: 'saved'; readonly field: string }
  | { readonly status: 'failed'; readonly field: string; readonly error: AppError };

/** Result of a Settings › Data action, for its confirmation line. */
export type DataActionState =
  | { readonly status: 'idle' }
  | { readonly status: 'working'; readonly action: 'logs' | 'cache' }
  | { readonly status: 'done'; readonly action: 'logs' | 'cache'; readonly message: string }
  | { readonly status: 'failed'; readonly action: 'logs' | 'cache'; readonly error: AppError };

interface SettingsSlice {
  readonly load: { readonly status: 'loading' } | { readonly status: 'ready' } | { readonly status: 'failed'; readonly error: AppError };
  /** Main's settings (defaults until loaded, so the theme applies at once). */
  readonly settings: Settings;
  readonly save: SaveState;
  readonly locations: DataLocations | null;
  readonly dataAction: DataActionState;
  readonly initialise: () => Promise<void>;
  readonly update: (patch: SettingsPatch, field: string) => Promise<boolean>;
  readonly openLogs: () => Promise<void>;
  readonly clearCache: () => Promise<boolean>;
}

/** Settings: read from and written to main through the contract; main validates and persists. */
export const useSettings = create<SettingsSlice>()((set, get) => ({
  load: { status: 'loading' },
  settings: DEFAULT_SETTINGS,
  save: { status: 'idle' },
  locations: null,
  dataAction: { status: 'idle' },

  async initialise() {
    const client = brokerClient();
    try {
      const [settings, locations] = await Promise.all([
        client.invoke('settings:get', {}),
        client.invoke('app:data-locations', {}),
      ]);
      set({ settings, locations, load: { status: 'ready' } });
    } catch (error: unknown) {
      set({ load: { status: 'failed', error: asAppError(error) } });
    }
  },

  async update(patch, field) {
    // Shown at once (a radio or checkbox must not lag behind the click), then replaced by what main stored,
    // or put back if main refused it.
    const previous = get().settings;
    set({ settings: { ...previous, ...patch, display: { ...previous.display, ...patch.display } }, save: { status: 'saving' } });
    try {
      const settings = await brokerClient().invoke('settings:set', patch);
      set({ settings, save: { status: 'saved', field } });
      return true;
    } catch (error: unknown) {
      set({ settings: previous, save: { status: 'failed', field, error: asAppError(error) } });
      return false;
    }
  },

  async openLogs() {
    set({ dataAction: { status: 'working', action: 'logs' } });
    try {
      const { path, opened } = await brokerClient().invoke('app:open-logs', {});
      const message = opened
        ? `Opened ${path ?? 'the log folder'}.`
        : path
          ? `The log folder is ${path}.`
          : 'This copy of RDP Broker writes no log files (the browser demo logs to its terminal).';
      set({ dataAction: { status: 'done', action: 'logs', message } });
    } catch (error: unknown) {
      set({ dataAction: { status: 'failed', action: 'logs', error: asAppError(error) } });
    }
  },

  async clearCache() {
    set({ dataAction: { status: 'working', action: 'cache' } });
    try {
      const { removed } = await brokerClient().invoke('app:clear-cache', {});
      const message = removed.length === 0 ? 'Nothing to clear.' : `Cleared: ${removed.join('; ')}. The machine list is read again.`;
      set({ dataAction: { status: 'done', action: 'cache', message } });
      return true;
    } catch (error: unknown) {
      set({ dataAction: { status: 'failed', action: 'cache', error: asAppError(error) } });
      return false;
    }
  },
}));
