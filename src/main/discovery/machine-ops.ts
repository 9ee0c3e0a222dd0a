import type { VirtualMachineExtension } from '@azure/arm-compute';
import type { MachineExtension as ArcExtensionModel } from '@azure/arm-hybridcompute';

import { readVmNetwork, toAzureError } from './arm-fallback';
import { createComputeClient, createHybridClient, type Identity } from './identity';
import { findArcAadExtension, findVmAadExtension, mapArcModel, mapComputeVm } from './map-arm';
import type { Machine } from '../../shared/domain/machine';
import { type MachineContext, resourceGroupOf } from '../../shared/discovery/map-rows';
import { AppError } from '../../shared/errors/app-error';

/** Progress of a VM start, for the UI's progress line. */
export interface StartProgress {
  readonly phase: 'requested' | 'starting' | 'running';
  readonly message: string;
}

function contextOf(machine: Machine): MachineContext {
  return {
    cloud: machine.cloud,
    accountId: machine.accountId,
    tenantId: machine.tenantId,
    subscriptionName: machine.subscriptionName,
  };
}

function notFoundAsMachine(error: AppError, machine: Machine): AppError {
  return error.code === 'AZURE_NOT_FOUND'
    ? new AppError('MACHINE_NOT_FOUND', `${machine.name} no longer exists or is no longer visible to you.`, { machineId: machine.id })
    : error;
}

/**
 * The full picture of one machine through the ARM SDKs: for a VM, the model with its instance view (power state,
 * guest OS), the extensions with their instance views (the AADLoginForWindows status code and message carry the exit
 * codes the readiness checks decode) and its NICs and public IPs; for an Arc server, the machine and its extensions.
 * The access already resolved for the machine is kept.
 */
export async function fetchMachineDetails(identity: Identity, machine: Machine, signal: AbortSignal): Promise<Machine> {
  const group = resourceGroupOf(machine.id);
  try {
    if (machine.kind === 'azure-vm') {
      const compute = createComputeClient(identity, machine.subscriptionId);
      const [vm, extensions] = await Promise.all([
        compute.virtualMachines.get(group, machine.name, { expand: 'instanceView', abortSignal: signal }),
        compute.virtualMachineExtensions
          .list(group, machine.name, { expand: 'instanceView', abortSignal: signal })
          .then((result): VirtualMachineExtension[] => result.value ?? []),
      ]);
      const nicIds = (vm.networkProfile?.networkInterfaces ?? []).flatMap((nic) => (nic.id ? [nic.id] : []));
      // Without read on NICs (or on any failure there) the addresses already known stay.
      const network = await readVmNetwork(identity, nicIds, signal).catch((error: unknown) => {
        if (signal.aborted) throw error;
        return machine.network;
      });
      const detailed = mapComputeVm(vm, contextOf(machine), { network, aadExtension: findVmAadExtension(extensions) });
      return { ...detailed, access: machine.access };
    }
    const hybrid = createHybridClient(identity, machine.subscriptionId);
    const arc = await hybrid.machines.get(group, machine.name, { abortSignal: signal });
    const extensions: ArcExtensionModel[] = [];
    for await (const extension of hybrid.machineExtensions.list(group, machine.name, { abortSignal: signal })) extensions.push(extension);
    // api-version 2021-05-20 (pinned by arm-hybridcompute 3) has no network profile: keep the addresses already known.
    const detailed = mapArcModel(arc, contextOf(machine), {
      aadExtension: findArcAadExtension(extensions),
      privateIps: machine.network.privateIps,
    });
    return { ...detailed, access: machine.access };
  } catch (error: unknown) {
    throw notFoundAsMachine(toAzureError(error, machine.id, signal), machine);
  }
}

/** Options of a start. */
export interface StartOptions {
  readonly signal: AbortSignal;
  /** Poll interval when Azure sends no Retry-After. */
  readonly pollMs: number;
}

/**
 * Starts a VM through arm-compute's long-running operation (POST start, then polling the Azure-AsyncOperation URL),
 * reporting progress, and returns the machine re-read afterwards.
 *
 * @throws AppError MACHINE_START_FORBIDDEN when Azure refuses the start action.
 */
export async function startVirtualMachine(
  identity: Identity,
  machine: Machine,
  onProgress: (progress: StartProgress) => void,
  options: StartOptions,
): Promise<Machine> {
  const compute = createComputeClient(identity, machine.subscriptionId);
  const group = resourceGroupOf(machine.id);
  try {
    const poller = compute.virtualMachines.start(group, machine.name, {
      updateIntervalInMs: options.pollMs,
      abortSignal: options.signal,
    });
    await poller.submitted();
    onProgress({ phase: 'requested', message: `Azure accepted the request to start ${machine.name}.` });
    poller.onProgress((state) => {
      if (state.status === 'running') onProgress({ phase: 'starting', message: `Starting ${machine.name}…` });
    });
    await poller.pollUntilDone({ abortSignal: options.signal });
  } catch (error: unknown) {
    const appError = toAzureError(error, machine.id, options.signal);
    if (appError.code === 'AZURE_FORBIDDEN') {
      throw new AppError('MACHINE_START_FORBIDDEN', 'Azure refused to start this virtual machine for you.', {
        machineId: machine.id,
        azureCode: appError.details?.azureCode ?? null,
      });
    }
    throw notFoundAsMachine(appError, machine);
  }
  onProgress({ phase: 'running', message: `${machine.name} is running.` });
  return fetchMachineDetails(identity, machine, options.signal);
}
