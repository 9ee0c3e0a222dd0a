import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';

import type { Machine } from '../../../shared/domain/machine';
import { filterMachines, useMachines } from '../../state/machines';

const ROW_HEIGHT = 44;

/** Power or agent state in words. */
export function describeState(machine: Machine): string {
  if (machine.kind === 'arc-server') return machine.arcStatus === 'unknown' ? 'Arc: unknown' : `Arc: ${machine.arcStatus}`;
  return machine.powerState;
}

/** The machine list: search box and a virtualized table, so 12,000 rows stay smooth. */
export function MachineList() {
  const machines = useMachines((state) => state.machines);
  const query = useMachines((state) => state.query);
  const setQuery = useMachines((state) => state.setQuery);
  const selectedId = useMachines((state) => state.selectedId);
  const select = useMachines((state) => state.select);
  const visible = useMemo(
    () => [...filterMachines(machines, query)].sort((a, b) => a.name.localeCompare(b.name)),
    [machines, query],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  return (
    <section className="machine-list" aria-label="Machines">
      <div className="list-toolbar">
        <input
          type="search"
          placeholder="Search name, computer name, FQDN, tag, subscription…"
          aria-label="Search machines"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <span className="muted small" aria-live="polite">
          {visible.length} of {machines.length} machines
        </span>
      </div>
      <div className="list-header" role="presentation">
        <span>Name</span>
        <span>Kind</span>
        <span>State</span>
        <span>Subscription</span>
      </div>
      <div ref={scroller} className="list-scroller" role="listbox" aria-label="Machine list" tabIndex={0}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const machine = visible[item.index];
            if (!machine) return null;
            const selected = machine.id === selectedId;
            return (
              <div
                key={machine.id}
                role="option"
                aria-selected={selected}
                data-testid="machine-row"
                className={selected ? 'row selected' : 'row'}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => select(machine.id)}
              >
                <span className="name">
                  <strong>{machine.name}</strong>
                  {machine.computerName && machine.computerName.toLowerCase() !== machine.name.toLowerCase() ? (
                    <span className="muted small"> ({machine.computerName})</span>
                  ) : null}
                </span>
                <span>{machine.kind === 'azure-vm' ? 'Azure VM' : 'Arc server'}</span>
                <span className={`state state-${describeState(machine).replace(/[^a-z]+/gi, '-').toLowerCase()}`}>
                  {describeState(machine)}
                </span>
                <span className="muted">{machine.subscriptionName ?? machine.subscriptionId}</span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
