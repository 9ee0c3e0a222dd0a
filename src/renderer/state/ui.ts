import { create } from 'zustand';

import { brokerClient } from './client';
import { useListView } from './list-view';
import { AppError, fromErrorPayload } from '../../shared/errors/app-error';
import type { DeepLinkEvent } from '../../shared/ipc/schemas';

/** The app's screens (besides sign-in). */
export type View = 'machines' | 'no-access' | 'favorites' | 'explain' | 'settings';

interface UiState {
  readonly view: View;
  readonly helpOpen: boolean;
  /** A deep link that could not be used, shown until dismissed. */
  readonly deepLinkError: AppError | null;
  /** Polite screen-reader announcement for things that change without focus moving (counts, saves). */
  readonly announcement: string;
  /** Changes when something asks the search box to take focus: a shortcut selects its text, type-to-search does not. */
  readonly searchFocus: { readonly seq: number; readonly selectAll: boolean };
  /** The favorite being edited in the favorites view. */
  readonly editingFavoriteId: string | null;
  readonly initialise: () => Promise<void>;
  readonly setView: (view: View) => void;
  readonly setHelpOpen: (open: boolean) => void;
  readonly announce: (message: string) => void;
  readonly requestSearchFocus: (selectAll: boolean) => void;
  readonly editFavorite: (id: string | null) => void;
  readonly dismissDeepLinkError: () => void;
}

/** Navigation, overlays and announcements: the UI slice. */
export const useUi = create<UiState>()((set, get) => {
  const applyDeepLink = (event: DeepLinkEvent) => {
    if (event.machineId !== null) {
      // A link only selects the machine; connecting stays the user's decision.
      set({ view: 'machines', deepLinkError: null });
      useListView.getState().select(event.machineId);
    } else {
      set({ deepLinkError: fromErrorPayload(event.error) });
    }
  };
  return {
    view: 'machines',
    helpOpen: false,
    deepLinkError: null,
    announcement: '',
    searchFocus: { seq: 0, selectAll: false },
    editingFavoriteId: null,

    async initialise() {
      const client = brokerClient();
      client.on('app:deep-link', applyDeepLink);
      try {
        const pending = await client.invoke('app:take-deep-link', {});
        if (pending) applyDeepLink(pending);
      } catch (error: unknown) {
        set({ deepLinkError: error instanceof AppError ? error : new AppError('INTERNAL', String(error)) });
      }
    },
    setView(view) {
      set({ view, helpOpen: false });
    },
    setHelpOpen(open) {
      set({ helpOpen: open });
    },
    announce(message) {
      // The same text twice would not be re-read; a trailing no-break space makes it new.
      set({ announcement: get().announcement === message ? `${message}\u00a0` : message });
    },
    requestSearchFocus(selectAll) {
      set((state) => ({ view: 'machines', helpOpen: false, searchFocus: { seq: state.searchFocus.seq + 1, selectAll } }));
    },
    editFavorite(id) {
      set({ editingFavoriteId: id });
    },
    dismissDeepLinkError() {
      set({ deepLinkError: null });
    },
  };
});
