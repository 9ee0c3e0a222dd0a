import { create } from 'zustand';

import { brokerClient } from './client';
import { asAppError } from './errors';
import { hostActions } from './host';
import { useReadiness } from './readiness';
import type { AppError } from '../../shared/errors/app-error';
import type { DiscoveryProblem, DiscoveryStatus, ListedMachine } from '../../shared/ipc/schemas';

/** Discovery as the list shows it. */
export interface DiscoveryView {
  readonly runId: string | null;
  readonly status: DiscoveryStatus;
  readonly message: string;
  readonly done: number;
  readonly total: number | null;
  /** The refresh request itself failed (not a single source: those are `problems`). */
  readonly error: AppError | null;
}

/** A "Start VM" request in flight, or how the last one ended. */
export type StartState =
  | { readonly status: 'starting'; readonly message: string }
  | { readonly status: 'done' }
  | { readonly status: 'failed'; readonly error: AppError };

interface MachinesState {
  readonly discovery: DiscoveryView;
  readonly machines: readonly ListedMachine[];
  /** Machines by lower-cased ARM id. */
  readonly byKey: ReadonlyMap<string, ListedMachine>;
  readonly problems: readonly DiscoveryProblem[];
  /** The snapshot has been read once: until then the list shows "loading", not "empty". */
  readonly loaded: boolean;
  /** Start requests by lower-cased ARM id. */
  readonly starts: ReadonlyMap<string, StartState>;
  /** Starts a stopped or deallocated VM; the machine in the list is replaced by main's answer (running, re-judged). */
  readonly startMachine: (machineId: string) => Promise<void>;
  readonly initialise: () => Promise<void>;
  readonly refresh: () => Promise<void>;
  readonly cancel: () => Promise<void>;
  readonly clear: () => void;
}

const idle: DiscoveryView = { runId: null, status: 'idle', message: '', done: 0, total: null, error: null };

/** Performance mark names the UI benchmark reads (bench/ui.ts). */
export const MARK_DATA = 'rdp-broker:machines-data';

function merge(current: ReadonlyMap<string, ListedMachine>, incoming: readonly ListedMachine[]): Map<string, ListedMachine> {
  const next = new Map(current);
  for (const machine of incoming) next.set(machine.id.toLowerCase(), machine);
  return next;
}

/**
 * The machine list slice: rows arrive in batches while discovery runs. A batch from a run this window did not start
 * (another window, a deep link) replaces the list, so rows of two runs never mix.
 */
export const useMachines = create<MachinesState>()((set, get) => ({
  discovery: idle,
  machines: [],
  byKey: new Map(),
  problems: [],
  loaded: false,
  starts: new Map(),

  async initialise() {
    const client = brokerClient();
    client.on('machines:rows', ({ runId, machines }) => {
      const state = get();
      const base = state.discovery.runId === runId ? state.byKey : new Map<string, ListedMachine>();
      const byKey = merge(base, machines);
      set({ byKey, machines: [...byKey.values()], discovery: { ...state.discovery, runId }, loaded: true });
      hostActions().mark(MARK_DATA);
    });
    client.on('machines:progress', ({ runId, status, message, done, total }) => {
      set((state) => {
        const fresh = state.discovery.runId !== null && state.discovery.runId !== runId;
        return {
          discovery: { ...state.discovery, runId, status, message, done, total, error: null },
          ...(fresh ? { machines: [], byKey: new Map(), problems: [] } : {}),
        };
      });
    });
    client.on('machines:start-progress', ({ machineId, message }) => {
      set((state) => ({ starts: new Map(state.starts).set(machineId.toLowerCase(), { status: 'starting', message }) }));
    });
    client.on('machines:finished', ({ runId, status, problems }) => {
      set((state) => ({ discovery: { ...state.discovery, runId, status }, problems, loaded: true }));
    });
    try {
      const snapshot = await client.invoke('machines:snapshot', {});
      const byKey = merge(new Map(), snapshot.machines);
      set({
        byKey,
        machines: [...byKey.values()],
        problems: snapshot.problems,
        discovery: { ...idle, runId: snapshot.runId, status: snapshot.status },
        loaded: true,
      });
      if (snapshot.machines.length > 0) hostActions().mark(MARK_DATA);
    } catch (error: unknown) {
      set({ discovery: { ...idle, status: 'failed', error: asAppError(error) }, loaded: true });
    }
  },

  async refresh() {
    useReadiness.getState().clear();
    set({
      machines: [],
      byKey: new Map(),
      problems: [],
      discovery: { ...idle, status: 'running', message: 'Starting discovery…' },
    });
    try {
      const { runId } = await brokerClient().invoke('machines:refresh', {});
      set((state) => (state.discovery.runId === null ? { discovery: { ...state.discovery, runId } } : {}));
    } catch (error: unknown) {
      set({ discovery: { ...idle, status: 'failed', error: asAppError(error) } });
    }
  },

  async cancel() {
    try {
      await brokerClient().invoke('machines:cancel', {});
    } catch (error: unknown) {
      set((state) => ({ discovery: { ...state.discovery, error: asAppError(error) } }));
    }
  },

  async startMachine(machineId) {
    const key = machineId.toLowerCase();
    const put = (value: StartState) => set((state) => ({ starts: new Map(state.starts).set(key, value) }));
    put({ status: 'starting', message: 'Asking Azure to start the VM…' });
    try {
      const started = await brokerClient().invoke('machines:start', { machineId });
      set((state) => {
        const byKey = new Map(state.byKey).set(key, started);
        return { byKey, machines: state.machines.map((machine) => (machine.id.toLowerCase() === key ? started : machine)) };
      });
      // Its readiness changed with its power state: the next look runs the full check again.
      useReadiness.getState().clear();
      put({ status: 'done' });
    } catch (error: unknown) {
      put({ status: 'failed', error: asAppError(error) });
    }
  },

  clear() {
    set({ machines: [], byKey: new Map(), problems: [], discovery: idle });
  },
}));
