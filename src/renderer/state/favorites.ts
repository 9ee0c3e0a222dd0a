import { create } from 'zustand';

import { brokerClient } from './client';
import { asAppError } from './errors';
import type { AppError } from '../../shared/errors/app-error';
import type {
  Favorite,
  FavoriteInput,
  FavoritesImportReport,
  FavoritesState,
  RdpImportOutcome,
  RecentConnection,
  StoreNotice,
} from '../../shared/favorites/schema';
import { favoriteForMachine, moveFavorite, newFavoriteFor } from '../model/favorites-model';

/** The outcome of the last import, shown until the user dismisses it. */
export type ImportSummary =
  | { readonly kind: 'json'; readonly fileName: string; readonly report: FavoritesImportReport }
  | {
      readonly kind: 'rdp';
      readonly outcomes: readonly RdpImportOutcome[];
      readonly failures: ReadonlyArray<{ readonly fileName: string; readonly error: AppError }>;
    }
  | { readonly kind: 'failed'; readonly fileName: string; readonly error: AppError };

/** One picked file, read by the page (text for JSON, base64 bytes for .rdp). */
export interface PickedFile {
  readonly name: string;
  readonly content: string;
}

interface FavoritesSlice {
  readonly load: { readonly status: 'loading' } | { readonly status: 'ready' } | { readonly status: 'failed'; readonly error: AppError };
  readonly favorites: readonly Favorite[];
  readonly recents: readonly RecentConnection[];
  readonly notice: StoreNotice | null;
  /** The last change that failed (the list itself is unchanged: main refused or could not write it). */
  readonly error: AppError | null;
  readonly lastImport: ImportSummary | null;
  readonly initialise: () => Promise<void>;
  readonly reload: () => Promise<void>;
  /** Stars a machine, or removes its favorite. Returns the favorite now present, if any. */
  readonly toggleStar: (machine: { readonly id: string; readonly name: string }) => Promise<Favorite | null>;
  readonly save: (input: FavoriteInput) => Promise<boolean>;
  readonly remove: (id: string) => Promise<void>;
  readonly move: (id: string, direction: 'up' | 'down') => Promise<void>;
  readonly importJson: (file: PickedFile) => Promise<void>;
  readonly importRdp: (files: readonly PickedFile[]) => Promise<void>;
  readonly exportJson: () => Promise<{ fileName: string; text: string } | null>;
  readonly dismissNotice: () => Promise<void>;
  readonly clearRecents: () => Promise<void>;
  readonly clearImport: () => void;
  readonly clearError: () => void;
}

function apply(state: FavoritesState) {
  return { favorites: state.favorites, recents: state.recents, notice: state.notice, error: null };
}

/** Favorites and recent connections: main owns the file; this slice mirrors what main returns after each change. */
export const useFavorites = create<FavoritesSlice>()((set, get) => {
  const run = async (change: () => Promise<FavoritesState>): Promise<boolean> => {
    try {
      set(apply(await change()));
      return true;
    } catch (error: unknown) {
      set({ error: asAppError(error) });
      return false;
    }
  };
  return {
    load: { status: 'loading' },
    favorites: [],
    recents: [],
    notice: null,
    error: null,
    lastImport: null,

    async initialise() {
      try {
        set({ ...apply(await brokerClient().invoke('favorites:list', {})), load: { status: 'ready' } });
      } catch (error: unknown) {
        set({ load: { status: 'failed', error: asAppError(error) } });
      }
    },

    async reload() {
      await run(() => brokerClient().invoke('favorites:list', {}));
    },

    async toggleStar(machine) {
      const existing = favoriteForMachine(get().favorites, machine.id);
      if (existing) {
        await run(() => brokerClient().invoke('favorites:remove', { id: existing.id }));
        return null;
      }
      const saved = await run(() => brokerClient().invoke('favorites:save', { favorite: newFavoriteFor(machine) }));
      return saved ? (favoriteForMachine(get().favorites, machine.id) ?? null) : null;
    },

    save(input) {
      return run(() => brokerClient().invoke('favorites:save', { favorite: input }));
    },

    async remove(id) {
      await run(() => brokerClient().invoke('favorites:remove', { id }));
    },

    async move(id, direction) {
      const ids = moveFavorite(get().favorites, id, direction);
      if (ids) await run(() => brokerClient().invoke('favorites:reorder', { ids }));
    },

    async importJson(file) {
      try {
        const { state, report } = await brokerClient().invoke('favorites:import', { text: file.content });
        set({ ...apply(state), lastImport: { kind: 'json', fileName: file.name, report } });
      } catch (error: unknown) {
        set({ lastImport: { kind: 'failed', fileName: file.name, error: asAppError(error) } });
      }
    },

    async importRdp(files) {
      const outcomes: RdpImportOutcome[] = [];
      const failures: Array<{ fileName: string; error: AppError }> = [];
      for (const file of files) {
        try {
          const { state, outcome } = await brokerClient().invoke('favorites:import-rdp', {
            fileName: file.name,
            contentBase64: file.content,
          });
          set(apply(state));
          outcomes.push(outcome);
        } catch (error: unknown) {
          failures.push({ fileName: file.name, error: asAppError(error) });
        }
      }
      set({ lastImport: { kind: 'rdp', outcomes, failures } });
    },

    async exportJson() {
      try {
        return await brokerClient().invoke('favorites:export', {});
      } catch (error: unknown) {
        set({ error: asAppError(error) });
        return null;
      }
    },

    async dismissNotice() {
      await run(() => brokerClient().invoke('favorites:dismiss-notice', {}));
    },

    async clearRecents() {
      await run(() => brokerClient().invoke('recents:clear', {}));
    },

    clearImport() {
      set({ lastImport: null });
    },

    clearError() {
      set({ error: null });
    },
  };
});
