import { ArmDiscovery, type ArmDiscoveryOptions } from './arm-discovery';
import type { DiscoveryReporter, DiscoverySource } from './discovery-runner';
import type { StartProgress } from './machine-ops';
import type { Machine } from '../../shared/domain/machine';

export { ArmDiscovery, type ArmDiscoveryOptions, type DiscoveryAuth } from './arm-discovery';
export type { StartProgress } from './machine-ops';
export { DEFAULT_DISCOVERY_TUNING, type DiscoveryTuning } from './tenant-run';

/**
 * The discovery source the app assembles once and hands to the runner for every run: one long-lived ArmDiscovery
 * behind it keeps the permission cache, the tokens and the Resource Graph quota state across refreshes. It also
 * carries the per-machine operations (details, Start) that need the same identities.
 */
export class ArmDiscoverySource implements DiscoverySource {
  /** The discovery behind this source. */
  readonly discovery: ArmDiscovery;

  constructor(optionsOrDiscovery: ArmDiscoveryOptions | ArmDiscovery) {
    this.discovery = optionsOrDiscovery instanceof ArmDiscovery ? optionsOrDiscovery : new ArmDiscovery(optionsOrDiscovery);
  }

  /** Runs discovery for every signed-in account. */
  discover(reporter: DiscoveryReporter): Promise<void> {
    return this.discovery.createSource().discover(reporter);
  }

  /** See {@link ArmDiscovery.getMachineDetails}. */
  getMachineDetails(machine: Machine, signal?: AbortSignal): Promise<Machine> {
    return this.discovery.getMachineDetails(machine, signal);
  }

  /** See {@link ArmDiscovery.startMachine}. @throws AppError MACHINE_START_FORBIDDEN */
  startMachine(machine: Machine, onProgress: (progress: StartProgress) => void, signal?: AbortSignal): Promise<Machine> {
    return this.discovery.startMachine(machine, onProgress, signal);
  }

  /** Forgets cached permissions (after a sign-out). */
  clearCache(): void {
    this.discovery.clearCache();
  }
}
