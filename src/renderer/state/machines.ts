import { create } from 'zustand';

import { brokerClient } from './client';
import { asAppError } from './session';
import type { AppError } from '../../shared/errors/app-error';
import type { DiscoveryProblem, DiscoveryStatus, ListedMachine } from '../../shared/ipc/schemas';

/** Discovery as the list shows it. */
export interface DiscoveryView {
  readonly status: DiscoveryStatus;
  readonly message: string;
  readonly done: number;
  readonly total: number | null;
  readonly error: AppError | null;
}

interface MachinesState {
  readonly discovery: DiscoveryView;
  readonly machines: readonly ListedMachine[];
  readonly problems: readonly DiscoveryProblem[];
  readonly selectedId: string | null;
  readonly query: string;
  initialise(): Promise<void>;
  refresh(): Promise<void>;
  cancel(): Promise<void>;
  select(id: string | null): void;
  setQuery(query: string): void;
}

const idle: DiscoveryView = { status: 'idle', message: '', done: 0, total: null, error: null };

/** The machine list slice: rows arrive in batches while discovery runs. */
export const useMachines = create<MachinesState>()((set) => ({
  discovery: idle,
  machines: [],
  problems: [],
  selectedId: null,
  query: '',

  async initialise() {
    const client = brokerClient();
    client.on('machines:rows', ({ machines }) => {
      set((state) => {
        const byId = new Map(state.machines.map((machine) => [machine.id, machine]));
        for (const machine of machines) byId.set(machine.id, machine);
        return { machines: [...byId.values()] };
      });
    });
    client.on('machines:progress', ({ status, message, done, total }) => {
      set((state) => ({ discovery: { ...state.discovery, status, message, done, total } }));
    });
    client.on('machines:finished', ({ status, problems }) => {
      set((state) => ({ discovery: { ...state.discovery, status }, problems }));
    });
    const snapshot = await client.invoke('machines:snapshot', {});
    set({ machines: snapshot.machines, problems: snapshot.problems, discovery: { ...idle, status: snapshot.status } });
  },

  async refresh() {
    set({ machines: [], problems: [], discovery: { ...idle, status: 'running', message: 'Starting discovery…' } });
    try {
      await brokerClient().invoke('machines:refresh', {});
    } catch (error: unknown) {
      set({ discovery: { ...idle, status: 'failed', error: asAppError(error) } });
    }
  },

  async cancel() {
    await brokerClient().invoke('machines:cancel', {});
  },

  select(id) {
    set({ selectedId: id });
  },

  setQuery(query) {
    set({ query });
  },
}));

/** Case-insensitive search over the fields people type: name, computer name, FQDN, tags, subscription, group. */
export function filterMachines(machines: readonly ListedMachine[], query: string): readonly ListedMachine[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return machines;
  return machines.filter((machine) =>
    [
      machine.name,
      machine.computerName ?? '',
      machine.resourceGroup,
      machine.subscriptionName ?? machine.subscriptionId,
      ...machine.network.fqdns,
      ...Object.entries(machine.tags).map(([key, value]) => `${key}:${value}`),
    ].some((field) => field.toLowerCase().includes(needle)),
  );
}
