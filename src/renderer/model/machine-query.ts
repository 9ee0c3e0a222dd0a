import type { CloudName } from '../../shared/clouds';
import type { ListedMachine } from '../../shared/ipc/schemas';
import type { VerdictStatus } from '../../shared/readiness/finding';
import { kindLabel, stateLabel, subscriptionLabel } from './machine-facts';

/**
 * Search, filter, sort and group for the machine list. Built for 12,000 rows and a keystroke budget of one frame:
 * each machine's searchable text and sort keys are computed once (cached per object), sorting happens only when
 * the data or the sort changes, and a keystroke scans one string that holds every machine's search text (see
 * `SearchTable`).
 */

export type StatusFilter = 'all' | VerdictStatus | 'no-access';
export type KindFilter = 'all' | ListedMachine['kind'];
export type StateFilter = 'all' | 'running' | 'stopped' | 'deallocated' | 'transitioning' | 'arc-connected' | 'arc-offline' | 'unknown';
export type SortKey = 'name' | 'status' | 'state' | 'subscription' | 'resourceGroup' | 'location' | 'kind';
export type GroupBy = 'none' | 'subscription' | 'resourceGroup' | `tag:${string}`;

/** Everything that decides which rows the list shows, in which order. */
export interface ListQuery {
  readonly text: string;
  readonly status: StatusFilter;
  readonly kind: KindFilter;
  readonly state: StateFilter;
  /** 'all' or a tenant id. */
  readonly tenant: string;
  /** 'all' or a subscription id (lower case). */
  readonly subscription: string;
  readonly cloud: 'all' | CloudName;
  readonly sort: SortKey;
  readonly descending: boolean;
  readonly group: GroupBy;
}

/** The list as it first opens. */
export const DEFAULT_QUERY: ListQuery = {
  text: '',
  status: 'all',
  kind: 'all',
  state: 'all',
  tenant: 'all',
  subscription: 'all',
  cloud: 'all',
  sort: 'name',
  descending: false,
  group: 'none',
};

/** A machine with its search text and sort keys, each computed once (on first use) and cached per object. */
export interface IndexedMachine {
  readonly machine: ListedMachine;
  /** Lower-cased searchable fields joined by a separator no query contains, '=' read as ':' (built on first use). */
  readonly haystack: string;
  readonly stateKey: Exclude<StateFilter, 'all'>;
  readonly statusRank: number;
  /** Natural sort key of the name (digit runs padded, so vm-9 sorts before vm-10). */
  readonly nameKey: string;
  readonly status: VerdictStatus;
  readonly noAccess: boolean;
}

const SEPARATOR = '\u0001';
const index = new WeakMap<ListedMachine, IndexedMachine>();

/** Which state bucket a machine falls in, for the State filter. */
export function stateBucket(machine: ListedMachine): Exclude<StateFilter, 'all'> {
  if (machine.kind === 'arc-server') {
    if (machine.arcStatus === 'Connected') return 'arc-connected';
    return machine.arcStatus === 'unknown' ? 'unknown' : 'arc-offline';
  }
  switch (machine.powerState) {
    case 'running':
      return 'running';
    case 'stopped':
      return 'stopped';
    case 'deallocated':
      return 'deallocated';
    case 'starting':
    case 'stopping':
    case 'deallocating':
      return 'transitioning';
    case 'unknown':
      return 'unknown';
  }
}

const STATUS_RANK: Readonly<Record<VerdictStatus, number>> = { ready: 0, warnings: 1, blocked: 2 };

/**
 * A sort key that plain `<` orders the way people expect: case-insensitive, and digit runs compared as numbers
 * (padded to a fixed width). Comparing precomputed keys is an order of magnitude faster than Intl.Collator with
 * numeric collation, which matters when 12,000 rows are sorted while the user waits.
 */
export function naturalKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(12, '0'));
}

/** Search text is compared lower-cased, with '=' read as ':', so "env=prod" and "env:prod" both find a tag. */
function searchable(text: string): string {
  return text.toLowerCase().replaceAll('=', ':');
}

function buildHaystack(machine: ListedMachine): string {
  const parts = [machine.name, machine.computerName ?? '', ...machine.network.fqdns];
  for (const [key, value] of Object.entries(machine.tags)) parts.push(`${key}:${value}`);
  parts.push(machine.subscriptionName ?? '', machine.subscriptionId, machine.resourceGroup, machine.location);
  // Whitespace and line breaks inside a field become the field separator: no search term contains them.
  return searchable(parts.join(SEPARATOR)).replace(/\s/g, SEPARATOR);
}

class Entry implements IndexedMachine {
  private text: string | null = null;
  readonly stateKey: Exclude<StateFilter, 'all'>;
  readonly statusRank: number;
  readonly nameKey: string;
  readonly status: VerdictStatus;
  readonly noAccess: boolean;

  constructor(readonly machine: ListedMachine) {
    this.status = machine.verdict.status;
    this.noAccess = machine.access.right === 'none';
    this.stateKey = stateBucket(machine);
    this.statusRank = machine.access.right === 'none' ? 3 : STATUS_RANK[machine.verdict.status];
    this.nameKey = naturalKey(machine.name);
  }

  // Built on the first search, not at load: the first paint of 12,000 rows must not wait for it.
  get haystack(): string {
    this.text ??= buildHaystack(this.machine);
    return this.text;
  }
}

/** The cached index entry of a machine (computed on first use). */
export function indexMachine(machine: ListedMachine): IndexedMachine {
  let entry = index.get(machine);
  if (!entry) {
    entry = new Entry(machine);
    index.set(machine, entry);
  }
  return entry;
}

function sortText(machine: ListedMachine, key: SortKey): string {
  switch (key) {
    case 'name':
    case 'status':
      return '';
    case 'state':
      return stateLabel(machine);
    case 'subscription':
      return subscriptionLabel(machine);
    case 'resourceGroup':
      return machine.resourceGroup;
    case 'location':
      return machine.location;
    case 'kind':
      return kindLabel(machine.kind);
  }
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts once per data or sort change; ties fall back to the name, then the id, so the order is stable. */
export function sortMachines(machines: readonly ListedMachine[], key: SortKey, descending: boolean): IndexedMachine[] {
  if (key === 'name') {
    // The default order, sorted on every load: no per-machine wrapper objects, just the cached keys.
    const direction = descending ? -1 : 1;
    return machines
      .map(indexMachine)
      .sort((a, b) => (compareKeys(a.nameKey, b.nameKey) || compareKeys(a.machine.id, b.machine.id)) * direction);
  }
  const entries = machines.map((machine) => {
    const entry = indexMachine(machine);
    const text = sortText(machine, key);
    return { entry, primary: text === '' ? '' : naturalKey(text) };
  });
  const direction = descending ? -1 : 1;
  entries.sort((a, b) => {
    const primary = key === 'status' ? a.entry.statusRank - b.entry.statusRank : compareKeys(a.primary, b.primary);
    if (primary !== 0) return primary * direction;
    const byName = compareKeys(a.entry.nameKey, b.entry.nameKey);
    return byName !== 0 ? byName : compareKeys(a.entry.machine.id, b.entry.machine.id);
  });
  return entries.map((each) => each.entry);
}

/** Search terms: whitespace-separated, each must match (AND), case-insensitive. */
export function searchTerms(text: string): string[] {
  return searchable(text)
    .split(/\s+/)
    .filter((term) => term !== '');
}

/**
 * A sorted list laid out for searching: every machine's search text in one string, a line each, with the line
 * starts in a typed array. A keystroke then reads memory in order instead of visiting 12,000 objects spread over the
 * heap; on a slow CPU that was the difference between 6 ms and 1 ms per keystroke.
 */
interface SearchTable {
  readonly text: string;
  /** Where each row's line starts in `text`; one more entry than rows, so row i is starts[i]..starts[i + 1] - 1. */
  readonly starts: Int32Array;
}

/** What counting and showing a result needs per row, in flat arrays (built without the search text). */
interface RowFacts {
  /** Per row: the verdict (STATUS_CODE) plus NO_ACCESS_BIT when the user has no login right. */
  readonly status: Uint8Array;
  readonly machines: readonly ListedMachine[];
}

const STATUS_CODE: Readonly<Record<VerdictStatus, number>> = { ready: 0, warnings: 1, blocked: 2 };
const VERDICT_MASK = 3;
const NO_ACCESS_BIT = 4;
/** Rows are joined with a line break; search terms never contain whitespace, so no match spans two machines. */
const LINE_BREAK = '\n';

const tables = new WeakMap<readonly IndexedMachine[], SearchTable>();
const facts = new WeakMap<readonly IndexedMachine[], RowFacts>();
const prepared = new WeakMap<readonly IndexedMachine[], number>();

function searchTableOf(sorted: readonly IndexedMachine[]): SearchTable {
  let table = tables.get(sorted);
  if (table) return table;
  const starts = new Int32Array(sorted.length + 1);
  const texts: string[] = new Array<string>(sorted.length);
  let offset = 0;
  sorted.forEach((entry, row) => {
    texts[row] = entry.haystack;
    starts[row] = offset;
    offset += entry.haystack.length + LINE_BREAK.length;
  });
  starts[sorted.length] = offset;
  table = { text: texts.join(LINE_BREAK) + LINE_BREAK, starts };
  tables.set(sorted, table);
  return table;
}

function rowFactsOf(sorted: readonly IndexedMachine[]): RowFacts {
  let found = facts.get(sorted);
  if (found) return found;
  const status = new Uint8Array(sorted.length);
  sorted.forEach((entry, row) => {
    status[row] = STATUS_CODE[entry.status] | (entry.noAccess ? NO_ACCESS_BIT : 0);
  });
  found = { status, machines: sorted.map((entry) => entry.machine) };
  facts.set(sorted, found);
  return found;
}

/** Idle time (ms) a heavy step of `prepareSearch` asks for: joining the text, or the first search. */
const HEAVY_STEP_MS = 20;
const warmed = new WeakSet<readonly IndexedMachine[]>();

/**
 * Prepares the search of a sorted list ahead of the first keystroke, in steps that fit the idle time `timeLeft()`
 * (ms) reports: the caller runs it in idle callbacks until it returns true. A step that overran its idle period
 * would delay the next frame or keystroke, so the two heavy steps wait for a long idle period.
 */
export function prepareSearch(sorted: readonly IndexedMachine[], timeLeft: () => number): boolean {
  if (warmed.has(sorted)) return true;
  let next = prepared.get(sorted) ?? 0;
  while (next < sorted.length && timeLeft() > 4) {
    const end = Math.min(sorted.length, next + 250);
    for (let i = next; i < end; i++) void sorted[i]?.haystack;
    next = end;
  }
  prepared.set(sorted, next);
  if (next < sorted.length) return false;
  if (!tables.has(sorted)) {
    if (timeLeft() < HEAVY_STEP_MS) return false;
    searchTableOf(sorted);
    return false;
  }
  if (timeLeft() < HEAVY_STEP_MS) return false;
  // The first search compiles the scan loops (10 ms and more on a slow CPU): pay that now, not on the first keystroke.
  filterMachines(sorted, { ...DEFAULT_QUERY, text: 'e' });
  warmed.add(sorted);
  return true;
}

/** Counts, per row, how many of the terms its line contains: one forward scan of the whole text per term. */
function countTermHits(table: SearchTable, terms: readonly string[]): Uint8Array {
  const hits = new Uint8Array(table.starts.length - 1);
  const { text, starts } = table;
  for (const term of terms) {
    let row = 0;
    let from = 0;
    for (let at = text.indexOf(term, from); at !== -1; at = text.indexOf(term, from)) {
      while ((starts[row + 1] ?? Infinity) <= at) row++;
      hits[row] = (hits[row] ?? 0) + 1;
      from = starts[row + 1] ?? text.length;
    }
  }
  return hits;
}

/** How many machines fall in each status bucket under the other filters (for the filter chips). */
export type StatusCounts = Readonly<Record<StatusFilter, number>>;

/** Result of one filter pass. */
export interface FilterResult {
  readonly machines: MachineSlice;
  readonly counts: StatusCounts;
}

/** Machines by position: a plain array, or a result's view of the sorted list. */
export interface MachineSequence {
  readonly length: number;
  at(index: number): ListedMachine | undefined;
}

/**
 * The machines of a result, in order, as positions into the sorted list: a keystroke that keeps 12,000 machines
 * does not copy 12,000 references into a new array (and leave it for the garbage collector).
 */
export class MachineSlice implements MachineSequence {
  constructor(
    private readonly all: readonly ListedMachine[],
    private readonly rows: Rows,
  ) {}

  get length(): number {
    return this.rows.length;
  }

  at(index: number): ListedMachine | undefined {
    const row = this.rows[index];
    return row === undefined ? undefined : this.all[row];
  }

  toArray(): ListedMachine[] {
    const machines: ListedMachine[] = [];
    for (const row of this.rows) {
      const machine = this.all[row];
      if (machine) machines.push(machine);
    }
    return machines;
  }
}

function nonTextFilterKey(query: ListQuery): string {
  return `${query.kind}|${query.state}|${query.tenant}|${query.subscription}|${query.cloud}`;
}

function passesNonTextFilters(entry: IndexedMachine, query: ListQuery): boolean {
  const machine = entry.machine;
  if (query.kind !== 'all' && machine.kind !== query.kind) return false;
  if (query.state !== 'all' && entry.stateKey !== query.state) return false;
  if (query.tenant !== 'all' && machine.tenantId !== query.tenant) return false;
  if (query.cloud !== 'all' && machine.cloud !== query.cloud) return false;
  return query.subscription === 'all' || machine.subscriptionId.toLowerCase() === query.subscription;
}

/** Rows (positions in the sorted list) that pass every filter except the status filter, in sorted order. */
type Rows = Int32Array;

/** Below this share of the list, checking the remaining rows one by one beats scanning the whole text. */
const SCAN_THRESHOLD = 1 / 16;

/**
 * The rows that pass every filter except the status filter. `within` (rows that passed an earlier, shorter search
 * with the same other filters) narrows the work when typing forward.
 */
function narrow(sorted: readonly IndexedMachine[], query: ListQuery, within: Rows | null): Rows {
  const terms = searchTerms(query.text);
  const candidates = within ?? nonTextRows(sorted, query);
  if (terms.length === 0) return candidates;
  const table = searchTableOf(sorted);
  const passing = new Int32Array(candidates.length);
  let count = 0;
  if (candidates.length < sorted.length * SCAN_THRESHOLD) {
    for (const row of candidates) {
      const start = table.starts[row] ?? 0;
      const line = table.text.slice(start, table.starts[row + 1] ?? start);
      if (terms.every((term) => line.includes(term))) passing[count++] = row;
    }
  } else {
    const hits = countTermHits(table, terms);
    for (const row of candidates) if (hits[row] === terms.length) passing[count++] = row;
  }
  return passing.slice(0, count);
}

const allRows = new WeakMap<readonly IndexedMachine[], Rows>();

function nonTextRows(sorted: readonly IndexedMachine[], query: ListQuery): Rows {
  if (!hasNonTextFilters(query)) {
    let rows = allRows.get(sorted);
    if (!rows) {
      rows = new Int32Array(sorted.length);
      for (let row = 0; row < rows.length; row++) rows[row] = row;
      allRows.set(sorted, rows);
    }
    return rows;
  }
  const rows: number[] = [];
  sorted.forEach((entry, row) => {
    if (passesNonTextFilters(entry, query)) rows.push(row);
  });
  return Int32Array.from(rows);
}

function hasNonTextFilters(query: ListQuery): boolean {
  return query.kind !== 'all' || query.state !== 'all' || query.tenant !== 'all' || query.cloud !== 'all' || query.subscription !== 'all';
}

const finished = new WeakMap<Rows, Map<StatusFilter, FilterResult>>();

/**
 * Applies the status filter and counts each status bucket among the rows that passed everything else. Cached per
 * result, so returning to an earlier search (Backspace) costs nothing.
 */
function finish(sorted: readonly IndexedMachine[], passing: Rows, status: StatusFilter): FilterResult {
  let byStatus = finished.get(passing);
  const cached = byStatus?.get(status);
  if (cached) return cached;
  const { status: codes, machines: all } = rowFactsOf(sorted);
  const tally = [0, 0, 0];
  let noAccess = 0;
  const wanted = status === 'all' ? -1 : status === 'no-access' ? NO_ACCESS_BIT : STATUS_CODE[status];
  const shown = wanted === -1 ? passing : new Int32Array(passing.length);
  let count = 0;
  for (let i = 0; i < passing.length; i++) {
    const row = passing[i] ?? 0;
    const bits = codes[row] ?? 0;
    const verdict = bits & VERDICT_MASK;
    tally[verdict] = (tally[verdict] ?? 0) + 1;
    if (bits & NO_ACCESS_BIT) noAccess++;
    if (wanted !== -1 && (wanted === NO_ACCESS_BIT ? (bits & NO_ACCESS_BIT) !== 0 : verdict === wanted)) shown[count++] = row;
  }
  const counts = { all: passing.length, ready: tally[0] ?? 0, warnings: tally[1] ?? 0, blocked: tally[2] ?? 0, 'no-access': noAccess };
  const result = { machines: new MachineSlice(all, wanted === -1 ? passing : shown.slice(0, count)), counts };
  if (!byStatus) {
    byStatus = new Map();
    finished.set(passing, byStatus);
  }
  byStatus.set(status, result);
  return result;
}

/**
 * One pass over the sorted list: applies search and every filter, and counts status buckets for the rows that pass
 * all filters except the status filter itself (so the chips show what choosing them would give).
 */
export function filterMachines(sorted: readonly IndexedMachine[], query: ListQuery): FilterResult {
  return finish(sorted, narrow(sorted, query, null), query.status);
}

/** How many earlier searches a filter cache keeps. */
const HISTORY = 32;

/**
 * A filter that remembers its recent results. Typing forward only narrows a search (every match of "sql-p" also
 * matches "sql-"), so the next keystroke filters the previous result instead of all machines; Backspace returns to
 * a remembered result. The cache starts over when the data, the sort or a non-text filter changes.
 */
export function createFilterCache(): (sorted: readonly IndexedMachine[], query: ListQuery) => FilterResult {
  let base: readonly IndexedMachine[] | null = null;
  let baseKey = '';
  let history: Array<{ readonly text: string; readonly passing: Rows }> = [];
  return (sorted, query) => {
    const key = nonTextFilterKey(query);
    if (sorted !== base || key !== baseKey) {
      base = sorted;
      baseKey = key;
      history = [];
    }
    const text = searchTerms(query.text).join(' ');
    let found = history.find((each) => each.text === text);
    if (!found) {
      let prior: (typeof history)[number] | undefined;
      for (const each of history) if (text.startsWith(each.text) && (!prior || each.text.length > prior.text.length)) prior = each;
      found = { text, passing: narrow(sorted, query, prior?.passing ?? null) };
      history.push(found);
      if (history.length > HISTORY) history = history.slice(-HISTORY);
    }
    return finish(sorted, found.passing, query.status);
  };
}

/** For the short lists (groups, facets): locale-aware and numeric, speed does not matter there. */
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** A row of the virtual list: a group header or a machine. */
export type ListRow =
  | { readonly type: 'group'; readonly key: string; readonly label: string; readonly count: number }
  | { readonly type: 'machine'; readonly machine: ListedMachine };

function groupOf(machine: ListedMachine, group: Exclude<GroupBy, 'none'>): { key: string; label: string } {
  if (group === 'subscription') return { key: machine.subscriptionId.toLowerCase(), label: subscriptionLabel(machine) };
  if (group === 'resourceGroup') {
    return {
      key: `${machine.subscriptionId}/${machine.resourceGroup}`.toLowerCase(),
      label: `${machine.resourceGroup} · ${subscriptionLabel(machine)}`,
    };
  }
  const tagKey = group.slice('tag:'.length);
  const found = Object.entries(machine.tags).find(([key]) => key.toLowerCase() === tagKey.toLowerCase());
  return found ? { key: `v:${found[1].toLowerCase()}`, label: `${tagKey}: ${found[1]}` } : { key: 'none', label: `No ${tagKey} tag` };
}

/**
 * Rows for the virtual list. Without grouping, one row per machine; with grouping, a header then the group's
 * machines in the current sort order, groups ordered by label (the "no tag" group last).
 */
export function buildRows(machines: readonly ListedMachine[], group: GroupBy): ListRow[] {
  if (group === 'none') return machines.map((machine) => ({ type: 'machine', machine }));
  const groups = new Map<string, { label: string; machines: ListedMachine[] }>();
  for (const machine of machines) {
    const { key, label } = groupOf(machine, group);
    let bucket = groups.get(key);
    if (!bucket) {
      bucket = { label, machines: [] };
      groups.set(key, bucket);
    }
    bucket.machines.push(machine);
  }
  const ordered = [...groups.entries()].sort(([keyA, a], [keyB, b]) =>
    keyA === 'none' ? 1 : keyB === 'none' ? -1 : collator.compare(a.label, b.label),
  );
  const rows: ListRow[] = [];
  for (const [key, bucket] of ordered) {
    rows.push({ type: 'group', key, label: bucket.label, count: bucket.machines.length });
    for (const machine of bucket.machines) rows.push({ type: 'machine', machine });
  }
  return rows;
}

/** The virtual list's rows without materialising one object per machine when nothing is grouped. */
export interface RowModel {
  readonly length: number;
  row(index: number): ListRow | undefined;
  /** 1-based position of a machine row among machine rows (for aria-posinset); 0 for a header. */
  position(index: number): number;
  /** Row index of a machine, or -1. */
  indexOf(machineId: string): number;
}

/** Rows for the list: a view over the filtered machines, or the grouped rows with headers. */
export function createRowModel(machines: MachineSequence, group: GroupBy): RowModel {
  if (group === 'none') {
    return {
      length: machines.length,
      row: (index) => {
        const machine = machines.at(index);
        return machine ? { type: 'machine', machine } : undefined;
      },
      position: (index) => index + 1,
      indexOf: (machineId) => {
        for (let index = 0; index < machines.length; index++) if (machines.at(index)?.id === machineId) return index;
        return -1;
      },
    };
  }
  const rows = buildRows(Array.from({ length: machines.length }, (_, index) => machines.at(index)).filter((machine) => machine !== undefined), group);
  let ordinal = 0;
  const positions = rows.map((row) => (row.type === 'machine' ? ++ordinal : 0));
  return {
    length: rows.length,
    row: (index) => rows[index],
    position: (index) => positions[index] ?? 0,
    indexOf: (machineId) => rows.findIndex((row) => row.type === 'machine' && row.machine.id === machineId),
  };
}

/** Choices for the tenant, subscription, cloud and tag-grouping menus, from the machines present. */
export interface ListFacets {
  readonly tenants: ReadonlyArray<{ readonly id: string; readonly count: number }>;
  readonly subscriptions: ReadonlyArray<{ readonly id: string; readonly label: string; readonly count: number }>;
  readonly clouds: readonly CloudName[];
  /** The most used tag keys, most used first. */
  readonly tagKeys: readonly string[];
}

/** Computes the facets once per data change. */
export function computeFacets(machines: readonly ListedMachine[], maxTagKeys = 12): ListFacets {
  const tenants = new Map<string, number>();
  const subscriptions = new Map<string, { label: string; count: number }>();
  const clouds = new Set<CloudName>();
  const tagKeys = new Map<string, number>();
  for (const machine of machines) {
    tenants.set(machine.tenantId, (tenants.get(machine.tenantId) ?? 0) + 1);
    const subKey = machine.subscriptionId.toLowerCase();
    const sub = subscriptions.get(subKey);
    if (sub) sub.count += 1;
    else subscriptions.set(subKey, { label: subscriptionLabel(machine), count: 1 });
    clouds.add(machine.cloud);
    for (const key of Object.keys(machine.tags)) tagKeys.set(key, (tagKeys.get(key) ?? 0) + 1);
  }
  return {
    tenants: [...tenants.entries()].map(([id, count]) => ({ id, count })).sort((a, b) => b.count - a.count),
    subscriptions: [...subscriptions.entries()]
      .map(([id, { label, count }]) => ({ id, label, count }))
      .sort((a, b) => collator.compare(a.label, b.label)),
    clouds: [...clouds].sort(),
    tagKeys: [...tagKeys.entries()]
      .sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0]))
      .slice(0, maxTagKeys)
      .map(([key]) => key),
  };
}

/** True when any filter other than the search text narrows the list (for "Clear filters"). */
export function hasActiveFilters(query: ListQuery): boolean {
  return (
    query.status !== 'all' ||
    query.kind !== 'all' ||
    query.state !== 'all' ||
    query.tenant !== 'all' ||
    query.subscription !== 'all' ||
    query.cloud !== 'all'
  );
}

/**
 * The row index to move to for a navigation key, skipping group headers. `current` is the active row or -1.
 * Returns -1 when there is no machine row at all.
 */
export function nextMachineRow(
  rows: readonly ListRow[] | Pick<RowModel, 'length' | 'row'>,
  current: number,
  move: 'next' | 'previous' | 'first' | 'last' | 'page-down' | 'page-up',
  pageSize = 10,
): number {
  if (rows.length === 0) return -1;
  const rowAt = (i: number): ListRow | undefined => ('row' in rows ? rows.row(i) : rows[i]);
  const isMachine = (i: number) => rowAt(i)?.type === 'machine';
  const scan = (from: number, step: 1 | -1): number => {
    for (let i = from; i >= 0 && i < rows.length; i += step) if (isMachine(i)) return i;
    return -1;
  };
  switch (move) {
    case 'first':
      return scan(0, 1);
    case 'last':
      return scan(rows.length - 1, -1);
    case 'next': {
      if (current < 0) return scan(0, 1);
      const found = scan(current + 1, 1);
      return found === -1 ? current : found;
    }
    case 'previous': {
      if (current < 0) return scan(0, 1);
      const found = scan(current - 1, -1);
      return found === -1 ? current : found;
    }
    case 'page-down': {
      const target = Math.min(rows.length - 1, Math.max(current, 0) + pageSize);
      const before = scan(target, -1);
      if (before > current) return before;
      const after = scan(target, 1);
      return after === -1 ? Math.max(current, before) : after;
    }
    case 'page-up': {
      if (current < 0) return scan(0, 1);
      const target = Math.max(0, current - pageSize);
      const after = scan(target, 1);
      if (after !== -1 && after < current) return after;
      const before = scan(target, -1);
      return before === -1 ? current : before;
    }
  }
}
