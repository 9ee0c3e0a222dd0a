import { create } from 'zustand';

import { DEFAULT_QUERY, type ListQuery } from '../model/machine-query';

interface ListViewState {
  readonly query: ListQuery;
  /** The selected machine (ARM id); also the list's active row for keyboard and screen readers. */
  readonly selectedId: string | null;
  readonly setQuery: (patch: Partial<ListQuery>) => void;
  readonly clearFilters: () => void;
  readonly select: (id: string | null) => void;
}

/** What the machine list shows and which machine is selected: UI state only, no data. */
export const useListView = create<ListViewState>()((set) => ({
  query: DEFAULT_QUERY,
  selectedId: null,
  setQuery(patch) {
    set((state) => ({ query: { ...state.query, ...patch } }));
  },
  clearFilters() {
    set((state) => ({ query: { ...DEFAULT_QUERY, sort: state.query.sort, descending: state.query.descending, group: state.query.group } }));
  },
  select(id) {
    set({ selectedId: id });
  },
}));
