import type { VirtualMachine, VirtualMachineExtension } from '@azure/arm-compute';
import type { Machine as ArcModel, MachineExtension as ArcExtensionModel } from '@azure/arm-hybridcompute';
import { isRestError } from '@azure/core-rest-pipeline';
import type { z } from 'zod';

import { armError } from '../azure/arm-client';
import { cancelledError } from './arm-rest';
import { createComputeClient, createHybridClient, type Identity } from './identity';
import type { Limiter } from './limiter';
import {
  findArcAadExtension,
  findVmAadExtension,
  isWindowsArc,
  isWindowsVm,
  mapArcModel,
  mapComputeVm,
  networkFromNics,
  type NicResource,
  nicSchema,
  type PublicIpResource,
  publicIpSchema,
} from './map-arm';
import type { Machine, MachineNetwork } from '../../shared/domain/machine';
import type { MachineContext } from '../../shared/discovery/map-rows';
import { AppError, isAppError } from '../../shared/errors/app-error';

/** Microsoft.Network api-version for NICs and public IPs (azure-rdp-facts §3.4). */
export const NETWORK_API_VERSION = '2024-05-01';

/** Turns anything an SDK call throws into an AppError naming the scope (cancellation stays cancellation). */
export function toAzureError(error: unknown, scope: string, signal?: AbortSignal): AppError {
  if (signal?.aborted) return cancelledError(signal);
  if (isAppError(error)) return error;
  if (isRestError(error)) {
    if (error.code === 'PARSE_ERROR') {
      return new AppError('AZURE_BAD_RESPONSE', `Azure sent a malformed response for ${scope}`, { scope, status: error.statusCode ?? null });
    }
    if (error.statusCode !== undefined) {
      return armError(error.statusCode, { error: { code: error.code, message: error.message } }, scope);
    }
  }
  const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
  return new AppError('AZURE_UNAVAILABLE', `Azure could not be reached for ${scope}`, { scope, reason }, { cause: error });
}

/** What the fallback reports to the run. */
export interface FallbackSink {
  readonly signal: AbortSignal;
  /** A machine is ready (with its extension and network). */
  machine(machine: Machine): void;
  problem(scope: string, error: AppError): void;
}

const EMPTY_NETWORK: MachineNetwork = { privateIps: [], publicIps: [], fqdns: [] };

/** Lower-cased id → resource, for joining NICs and public IPs. */
function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id.toLowerCase(), item]));
}

/** The subscription's NICs and public IPs, or null when this ARM has no subscription-wide list (then: per VM). */
async function listNetwork(
  identity: Identity,
  subscriptionId: string,
  sink: FallbackSink,
): Promise<{ nics: NicResource[]; publicIps: Map<string, PublicIpResource> } | null> {
  const scope = `/subscriptions/${subscriptionId}`;
  const read = async <T extends { id: string }>(type: string, schema: z.ZodType<T>): Promise<T[] | null> => {
    try {
      return await identity.rest.list(`${scope}/providers/Microsoft.Network/${type}`, schema, {
        scope: `${type} in ${scope}`,
        signal: sink.signal,
        apiVersion: NETWORK_API_VERSION,
      });
    } catch (error: unknown) {
      const appError = toAzureError(error, `${type} in ${scope}`, sink.signal);
      if (appError.code === 'DISCOVERY_CANCELLED') throw appError;
      if (appError.code === 'AZURE_NOT_FOUND') return null;
      // Without read on NICs the user simply sees no addresses, as Resource Graph would show; anything else is a gap.
      if (appError.code !== 'AZURE_FORBIDDEN') sink.problem(`${type} in ${scope}`, appError);
      return [];
    }
  };
  const [nics, publicIps] = await Promise.all([
    read<NicResource>('networkInterfaces', nicSchema),
    read<PublicIpResource>('publicIPAddresses', publicIpSchema),
  ]);
  return nics && publicIps ? { nics, publicIps: byId(publicIps) } : null;
}

/** Reads a VM's NICs and the public IPs they reference, one GET each. @throws AppError */
export async function readVmNetwork(identity: Identity, nicIds: readonly string[], signal: AbortSignal): Promise<MachineNetwork> {
  try {
    const nics: NicResource[] = await Promise.all(
      nicIds.map((id) => identity.rest.get(id, nicSchema, { scope: id, signal, apiVersion: NETWORK_API_VERSION })),
    );
    const pipIds = nics.flatMap((nic) =>
      (nic.properties?.ipConfigurations ?? []).flatMap((c) => (c.properties?.publicIPAddress?.id ? [c.properties.publicIPAddress.id] : [])),
    );
    const pips: PublicIpResource[] = await Promise.all(
      pipIds.map((id) => identity.rest.get(id, publicIpSchema, { scope: id, signal, apiVersion: NETWORK_API_VERSION })),
    );
    return networkFromNics(nics, byId(pips));
  } catch (error: unknown) {
    throw toAzureError(error, `network of ${nicIds[0] ?? 'a machine'}`, signal);
  }
}

/**
 * Windows VMs of one subscription through arm-compute: ListAll with statusOnly=true (the instance view with power
 * state for every VM in one paged call), the extensions of each Windows VM (to find AADLoginForWindows by publisher +
 * type), and the subscription's NICs and public IPs in two paged REST calls (one GET per NIC and public IP where an
 * ARM has no subscription-wide list).
 */
export async function listVmsWithArm(
  identity: Identity,
  subscriptionId: string,
  context: MachineContext,
  limiter: Limiter,
  sink: FallbackSink,
): Promise<number> {
  const scope = `/subscriptions/${subscriptionId}`;
  const compute = createComputeClient(identity, subscriptionId);
  const network = listNetwork(identity, subscriptionId, sink);
  const pending: Promise<void>[] = [];
  let count = 0;
  try {
    const pages = compute.virtualMachines.listAll({ statusOnly: 'true', abortSignal: sink.signal }).byPage();
    for await (const page of pages) {
      for (const vm of page as VirtualMachine[]) {
        if (!isWindowsVm(vm) || !vm.id) continue;
        count += 1;
        pending.push(
          limiter.run(async () => {
            const extensions = await readVmExtensions(compute, vm, sink);
            const listed = await network;
            let machineNetwork: MachineNetwork;
            if (listed) {
              const vmKey = (vm.id ?? '').toLowerCase();
              const own = listed.nics.filter((nic) => nic.properties?.virtualMachine?.id.toLowerCase() === vmKey);
              machineNetwork = networkFromNics(own, listed.publicIps);
            } else {
              const nicIds = (vm.networkProfile?.networkInterfaces ?? []).flatMap((nic) => (nic.id ? [nic.id] : []));
              machineNetwork = await readVmNetwork(identity, nicIds, sink.signal).catch((error: unknown) => {
                const appError = toAzureError(error, `network of ${vm.id ?? ''}`, sink.signal);
                if (appError.code === 'DISCOVERY_CANCELLED') throw appError;
                if (appError.code !== 'AZURE_FORBIDDEN') sink.problem(`network of ${vm.id ?? ''}`, appError);
                return EMPTY_NETWORK;
              });
            }
            sink.machine(mapComputeVm(vm, context, { network: machineNetwork, aadExtension: findVmAadExtension(extensions) }));
          }, sink.signal),
        );
      }
    }
  } catch (error: unknown) {
    throw toAzureError(error, `virtual machines in ${scope}`, sink.signal);
  } finally {
    await Promise.allSettled([...pending, network]);
  }
  for (const result of await Promise.allSettled(pending)) {
    if (result.status === 'rejected') throw toAzureError(result.reason, `virtual machines in ${scope}`, sink.signal);
  }
  return count;
}

async function readVmExtensions(
  compute: ReturnType<typeof createComputeClient>,
  vm: VirtualMachine,
  sink: FallbackSink,
): Promise<VirtualMachineExtension[]> {
  const id = vm.id ?? '';
  const group = /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] ?? '';
  try {
    const result = await compute.virtualMachineExtensions.list(group, vm.name ?? '', { abortSignal: sink.signal });
    return result.value ?? [];
  } catch (error: unknown) {
    const appError = toAzureError(error, `extensions of ${id}`, sink.signal);
    if (appError.code === 'DISCOVERY_CANCELLED') throw appError;
    sink.problem(`extensions of ${id}`, appError);
    return [];
  }
}

/** Windows Arc-enabled servers of one subscription through arm-hybridcompute, with their extensions. */
export async function listArcWithArm(
  identity: Identity,
  subscriptionId: string,
  context: MachineContext,
  limiter: Limiter,
  sink: FallbackSink,
): Promise<number> {
  const scope = `/subscriptions/${subscriptionId}`;
  const hybrid = createHybridClient(identity, subscriptionId);
  const pending: Promise<void>[] = [];
  let count = 0;
  try {
    for await (const page of hybrid.machines.listBySubscription({ abortSignal: sink.signal }).byPage()) {
      for (const machine of page) {
        if (!isWindowsArc(machine) || !machine.id) continue;
        count += 1;
        pending.push(
          limiter.run(async () => {
            const extensions = await readArcExtensions(hybrid, machine, sink);
            sink.machine(mapArcModel(machine, context, { aadExtension: findArcAadExtension(extensions) }));
          }, sink.signal),
        );
      }
    }
  } catch (error: unknown) {
    throw toAzureError(error, `Arc-enabled servers in ${scope}`, sink.signal);
  } finally {
    await Promise.allSettled(pending);
  }
  for (const result of await Promise.allSettled(pending)) {
    if (result.status === 'rejected') throw toAzureError(result.reason, `Arc-enabled servers in ${scope}`, sink.signal);
  }
  return count;
}

async function readArcExtensions(
  hybrid: ReturnType<typeof createHybridClient>,
  machine: ArcModel,
  sink: FallbackSink,
): Promise<ArcExtensionModel[]> {
  const id = machine.id ?? '';
  const group = /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] ?? '';
  const extensions: ArcExtensionModel[] = [];
  try {
    for await (const extension of hybrid.machineExtensions.list(group, machine.name ?? '', { abortSignal: sink.signal })) {
      extensions.push(extension);
    }
  } catch (error: unknown) {
    const appError = toAzureError(error, `extensions of ${id}`, sink.signal);
    if (appError.code === 'DISCOVERY_CANCELLED') throw appError;
    sink.problem(`extensions of ${id}`, appError);
  }
  return extensions;
}
