import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useDeferredValue, useEffect, useId, useLayoutEffect, useMemo, useRef } from 'react';

import { ListToolbar } from './list-toolbar';
import { ListStatus } from './list-status';
import { GROUP_HEIGHT, MachineRow, ROW_HEIGHT, rowIdOf } from './machine-row';
import type { ListedMachine } from '../../../shared/ipc/schemas';
import { starredMachineKeys } from '../../model/favorites-model';
import { shortTenant } from '../../model/machine-facts';
import {
  computeFacets,
  createFilterCache,
  createRowModel,
  hasActiveFilters,
  nextMachineRow,
  prepareSearch,
  sortMachines,
} from '../../model/machine-query';
import { useFavorites } from '../../state/favorites';
import { useListView } from '../../state/list-view';
import { useMachines } from '../../state/machines';
import { useSession } from '../../state/session';
import { useUi } from '../../state/ui';
import { connectMachine, toggleFavorite } from '../machine-actions';
import { formatCount } from '../../model/numbers';

/** Performance mark set once the list has painted rows (read by bench/ui.ts). */
export const MARK_LIST_PAINTED = 'rdp-broker:list-painted';

type Move = Parameters<typeof nextMachineRow>[2];

const NAVIGATION_KEYS: Readonly<Record<string, Move>> = {
  ArrowDown: 'next',
  ArrowUp: 'previous',
  PageDown: 'page-down',
  PageUp: 'page-up',
  Home: 'first',
  End: 'last',
};

/** Runs after the browser has painted the current frame (rAF fires before paint; the message after it). */
function afterPaint(callback: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = callback;
    channel.port2.postMessage(null);
  });
}

/**
 * The machine list: search, filters, sort and grouping over a virtualized listbox, so 12,000 rows stay smooth.
 * Keyboard: arrows move (from the search box too), Enter connects, F stars (when the list has focus).
 */
export function MachineList() {
  const machines = useMachines((state) => state.machines);
  const query = useListView((state) => state.query);
  const setQuery = useListView((state) => state.setQuery);
  const clearFilters = useListView((state) => state.clearFilters);
  const selectedId = useListView((state) => state.selectedId);
  const select = useListView((state) => state.select);
  const favorites = useFavorites((state) => state.favorites);
  const searchFocus = useUi((state) => state.searchFocus);
  const tenantNames = useSession((state) => state.tenantNames);
  const announce = useUi((state) => state.announce);
  const listId = useId().replace(/:/g, '');
  const scroller = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const starred = useMemo(() => starredMachineKeys(favorites), [favorites]);
  // Filter menus are not needed for the first paint of the rows: computed in a deferred render right after it.
  const facetSource = useDeferredValue(machines);
  const facets = useMemo(() => computeFacets(facetSource), [facetSource]);
  const sorted = useMemo(() => sortMachines(machines, query.sort, query.descending), [machines, query.sort, query.descending]);
  const filter = useMemo(() => createFilterCache(), []);
  const { machines: visible, counts } = useMemo(() => filter(sorted, query), [filter, sorted, query]);
  const rows = useMemo(() => createRowModel(visible, query.group), [visible, query.group]);
  const selectedIndex = useMemo(() => (selectedId === null ? -1 : rows.indexOf(selectedId)), [rows, selectedId]);

  // Called for every row whenever the count changes: a constant when nothing is grouped.
  const grouped = query.group !== 'none';
  const estimateSize = useCallback(
    (index: number) => (grouped && rows.row(index)?.type === 'group' ? GROUP_HEIGHT : ROW_HEIGHT),
    [rows, grouped],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize,
    // Rows beyond the viewport cost style, layout and paint on every keystroke; two each way keep scrolling seamless.
    overscan: 2,
  });

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  useEffect(() => {
    if (searchFocus.seq === 0) return;
    const input = searchRef.current;
    if (!input) return;
    input.focus();
    if (searchFocus.selectAll) input.select();
    else input.setSelectionRange(input.value.length, input.value.length);
  }, [searchFocus]);

  // The search table is built in idle time after the rows are on screen, so the first keystroke finds it ready.
  useEffect(() => {
    let handle = 0;
    const work = (deadline: IdleDeadline) => {
      if (!prepareSearch(sorted, () => deadline.timeRemaining())) handle = requestIdleCallback(work);
    };
    handle = requestIdleCallback(work);
    return () => cancelIdleCallback(handle);
  }, [sorted]);

  const painted = useRef(false);
  useLayoutEffect(() => {
    if (painted.current || rows.length === 0) return;
    painted.current = true;
    afterPaint(() => performance.mark(MARK_LIST_PAINTED));
  }, [rows]);

  // Result counts are announced once typing pauses, not on every keystroke.
  const filtering = query.text !== '' || hasActiveFilters(query);
  useEffect(() => {
    if (!filtering) return;
    const timer = setTimeout(() => announce(`${formatCount(visible.length)} machines match.`), 700);
    return () => clearTimeout(timer);
  }, [filtering, visible.length, query, announce]);

  const onSelect = useCallback((machine: ListedMachine) => select(machine.id), [select]);
  const onActivate = useCallback((machine: ListedMachine) => void connectMachine(machine), []);
  const onToggleStar = useCallback((machine: ListedMachine) => void toggleFavorite(machine), []);

  const handleKey = (event: KeyboardEvent<HTMLElement>, fromSearch: boolean) => {
    const move = NAVIGATION_KEYS[event.key];
    // In the search box, Home/End/Page keys keep their text-editing meaning.
    if (move && !(fromSearch && (move === 'first' || move === 'last'))) {
      event.preventDefault();
      // Read on demand: reading layout while rendering would force a layout on every keystroke.
      const pageSize = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 600) / ROW_HEIGHT) - 1);
      const next = nextMachineRow(rows, selectedIndex, move, pageSize);
      const row = rows.row(next);
      if (row?.type === 'machine') select(row.machine.id);
      return;
    }
    if (event.key === 'Enter') {
      const row = rows.row(selectedIndex);
      if (row?.type === 'machine') {
        event.preventDefault();
        void connectMachine(row.machine);
      }
      return;
    }
    if (fromSearch && event.key === 'Escape' && query.text !== '') {
      event.preventDefault();
      setQuery({ text: '' });
    }
  };

  const activeRowId = selectedIndex >= 0 ? rowIdOf(listId, selectedIndex) : undefined;
  const items = virtualizer.getVirtualItems();

  return (
    <section className="machine-list" aria-label="Machines">
      <ListToolbar
        query={query}
        facets={facets}
        counts={counts}
        total={machines.length}
        shown={visible.length}
        listId={listId}
        activeRowId={activeRowId}
        searchRef={searchRef}
        onQuery={setQuery}
        onClearFilters={clearFilters}
        onSearchKeyDown={(event) => handleKey(event, true)}
        tenantLabel={(id) => tenantNames.get(id) ?? shortTenant(id)}
      />
      <ListStatus shown={visible.length} filtering={filtering} onClearFilters={() => {
        clearFilters();
        setQuery({ text: '' });
      }} />
      <div
        ref={scroller}
        id={listId}
        className="list-scroller"
        role="listbox"
        aria-label="Machine list"
        aria-activedescendant={activeRowId}
        tabIndex={0}
        data-list="machines"
        onKeyDown={(event) => handleKey(event, false)}
      >
        <div className="list-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {/* Rows are placed in a layer whose size never changes: when a keystroke changes the list's height, rows
              positioned against the canvas itself would all be laid out again. */}
          <div className="list-rows">
            {items.map((item) => {
              const row = rows.row(item.index);
              if (!row) return null;
              if (row.type === 'group') {
                return (
                  <div
                    key={`group:${row.key}`}
                    role="presentation"
                    className="group-row"
                    style={{ top: item.start, height: GROUP_HEIGHT }}
                  >
                    <span>{row.label}</span> <span className="muted">{formatCount(row.count)}</span>
                  </div>
                );
              }
              return (
                <MachineRow
                  // Keyed by position, not by machine: when a keystroke changes the results, the rows on screen get
                  // new text instead of being replaced, and fresh elements cost style, layout and paint from scratch
                  // (about a third of a keystroke at 12,000 machines).
                  key={item.index}
                  machine={row.machine}
                  id={rowIdOf(listId, item.index)}
                  top={item.start}
                  selected={item.index === selectedIndex}
                  starred={starred.has(row.machine.id.toLowerCase())}
                  position={rows.position(item.index)}
                  setSize={visible.length}
                  onSelect={onSelect}
                  onActivate={onActivate}
                  onToggleStar={onToggleStar}
                />
              );
            })}
          </div>
        </div>
      </div>
    </section>
  );
}
