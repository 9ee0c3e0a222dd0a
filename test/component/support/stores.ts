import type { ListedMachine, DiscoveryProblem } from '../../../src/shared/ipc/schemas';
import { useConnection } from '../../../src/renderer/state/connection';
import { useFavorites } from '../../../src/renderer/state/favorites';
import { setHostActions } from '../../../src/renderer/state/host';
import { useListView } from '../../../src/renderer/state/list-view';
import { type DiscoveryView, useMachines } from '../../../src/renderer/state/machines';
import { useReadiness } from '../../../src/renderer/state/readiness';
import { useSession } from '../../../src/renderer/state/session';
import { useSettings } from '../../../src/renderer/state/settings';
import { useUi } from '../../../src/renderer/state/ui';

interface ResettableStore {
  getInitialState(): unknown;
  setState(state: unknown, replace: true): void;
}

const STORES: readonly ResettableStore[] = [useConnection, useFavorites, useListView, useMachines, useReadiness, useSession, useSettings, useUi] as
  readonly unknown[] as readonly ResettableStore[];

/** Puts every renderer store back to its first state, so no test sees another's data. */
export function resetStores(): void {
  for (const store of STORES) store.setState(store.getInitialState(), true);
  setHostActions({ openUrl: () => undefined, now: () => performance.now(), mark: () => undefined });
}

/** Loads machines into the machines store as a finished discovery would (snapshot read, run complete). */
export function loadMachines(
  machines: readonly ListedMachine[],
  discovery: Partial<DiscoveryView> = {},
  problems: readonly DiscoveryProblem[] = [],
): void {
  useMachines.setState({
    machines,
    byKey: new Map(machines.map((machine) => [machine.id.toLowerCase(), machine])),
    problems,
    loaded: true,
    discovery: { runId: 'run-1', status: 'complete', message: '', done: machines.length, total: machines.length, error: null, ...discovery },
  });
}
