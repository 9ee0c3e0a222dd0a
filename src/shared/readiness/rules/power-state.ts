import type { Finding } from '../finding';
import type { ReadinessInput } from '../input';
import { makeFinding, type ReadinessRule } from './rule';

const id = 'power-state';

function runVm(input: ReadinessInput): Finding[] {
  const { powerState, access } = input.machine;
  const evidence = { powerState, canStart: access.canStart ?? null };
  switch (powerState) {
    case 'running':
      return [];
    case 'stopped':
      return [makeFinding(id, 'VM_STOPPED', 'block', evidence, 'powerState')];
    case 'deallocated':
      return [makeFinding(id, 'VM_DEALLOCATED', 'block', evidence, 'powerState')];
    case 'starting':
      return [makeFinding(id, 'VM_TRANSITIONING', 'warn', evidence, 'powerState')];
    case 'stopping':
    case 'deallocating':
      return [makeFinding(id, 'VM_TRANSITIONING', 'block', evidence, 'powerState')];
    case 'unknown':
      return [makeFinding(id, 'POWER_UNKNOWN', 'warn', evidence, 'powerState')];
  }
}

/**
 * Arc status is the agent's heartbeat, not power: a Disconnected server may still be up, so that is a warning.
 * Expired means the agent's identity certificate lapsed, so the managed identity the sign-in relies on is gone.
 */
function runArc(input: ReadinessInput): Finding[] {
  const { arcStatus, arcLastStatusChange } = input.machine;
  const evidence = { arcStatus, lastStatusChange: arcLastStatusChange ?? null };
  switch (arcStatus) {
    case 'Connected':
      return [];
    case 'Disconnected':
      return [makeFinding(id, 'ARC_DISCONNECTED', 'warn', evidence, 'arcStatus')];
    case 'Expired':
      return [makeFinding(id, 'ARC_EXPIRED', 'block', evidence, 'arcStatus')];
    case 'Error':
      return [makeFinding(id, 'ARC_ERROR', 'warn', evidence, 'arcStatus')];
    case 'unknown':
      return [makeFinding(id, 'POWER_UNKNOWN', 'warn', evidence, 'arcStatus')];
  }
}

function run(input: ReadinessInput): Finding[] {
  return input.machine.kind === 'azure-vm' ? runVm(input) : runArc(input);
}

/** The VM must be running (or the Arc agent connected) to take a connection. */
export const powerStateRule: ReadinessRule = { id, run };
