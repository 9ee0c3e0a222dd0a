import type { InstanceViewStatus, VirtualMachine, VirtualMachineExtension } from '@azure/arm-compute';
import type { Machine as ArcModel, MachineExtension as ArcExtensionModel } from '@azure/arm-hybridcompute';
import { z } from 'zod';

import type { AadExtension, Machine, MachineNetwork } from '../../shared/domain/machine';
import {
  isAadLoginExtension,
  type MachineContext,
  makeAadExtension,
  makeNetwork,
  osImageOf,
  parseArcStatus,
  parseIdentity,
  parsePowerState,
  placementOf,
  UNRESOLVED_ACCESS,
} from '../../shared/discovery/map-rows';

/**
 * Maps the typed SDK models (arm-compute 24, arm-hybridcompute 3) and the Microsoft.Network REST shapes to Machine:
 * the fallback path when Resource Graph is unavailable, and the details of one selected machine.
 */

/** `GET …/Microsoft.Network/networkInterfaces` element (api-version 2024-05-01), reduced. */
export const nicSchema = z.object({
  id: z.string(),
  properties: z
    .object({
      virtualMachine: z.object({ id: z.string() }).nullish(),
      ipConfigurations: z
        .array(
          z.object({
            properties: z
              .object({
                privateIPAddress: z.string().nullish(),
                publicIPAddress: z.object({ id: z.string() }).nullish(),
              })
              .nullish(),
          }),
        )
        .nullish(),
    })
    .nullish(),
});
export type NicResource = z.infer<typeof nicSchema>;

/** `GET …/Microsoft.Network/publicIPAddresses` element, reduced. */
export const publicIpSchema = z.object({
  id: z.string(),
  properties: z
    .object({
      ipAddress: z.string().nullish(),
      dnsSettings: z.object({ fqdn: z.string().nullish() }).nullish(),
    })
    .nullish(),
});
export type PublicIpResource = z.infer<typeof publicIpSchema>;

/** The network of a VM from its NICs and the public IPs they reference (looked up by lower-cased id). */
export function networkFromNics(
  nics: readonly NicResource[],
  publicIps: ReadonlyMap<string, PublicIpResource>,
): MachineNetwork {
  const privateIps: string[] = [];
  const addresses: string[] = [];
  const fqdns: string[] = [];
  for (const nic of nics) {
    for (const config of nic.properties?.ipConfigurations ?? []) {
      privateIps.push(config.properties?.privateIPAddress ?? '');
      const pipId = config.properties?.publicIPAddress?.id;
      const pip = pipId ? publicIps.get(pipId.toLowerCase()) : undefined;
      addresses.push(pip?.properties?.ipAddress ?? '');
      fqdns.push(pip?.properties?.dnsSettings?.fqdn ?? '');
    }
  }
  return makeNetwork(privateIps, addresses, fqdns);
}

/** The status that explains an extension's state: an error first, else the provisioning status, else the first. */
export function pickExtensionStatus(statuses: readonly InstanceViewStatus[] | undefined): InstanceViewStatus | undefined {
  const list = statuses ?? [];
  return (
    list.find((s) => s.level === 'Error') ??
    list.find((s) => (s.code ?? '').toLowerCase().startsWith('provisioningstate/')) ??
    list[0]
  );
}

/** AADLoginForWindows among a VM's extensions, by publisher + type (the resource name is arbitrary). */
export function findVmAadExtension(extensions: readonly VirtualMachineExtension[]): AadExtension | null {
  const found = extensions.find((e) => isAadLoginExtension(e.publisher, e.typePropertiesType));
  if (!found) return null;
  const status = pickExtensionStatus(found.instanceView?.statuses);
  return makeAadExtension({
    name: found.name ?? found.instanceView?.name ?? 'AADLoginForWindows',
    publisher: found.publisher ?? '',
    type: found.typePropertiesType ?? '',
    version: found.typeHandlerVersion,
    provisioningState: found.provisioningState,
    statusCode: status?.code,
    statusMessage: status?.message,
  });
}

/** AADLoginForWindows among an Arc server's extensions (single `instanceView.status`). */
export function findArcAadExtension(extensions: readonly ArcExtensionModel[]): AadExtension | null {
  const found = extensions.find((e) => isAadLoginExtension(e.properties?.publisher, e.properties?.type));
  if (!found) return null;
  const properties = found.properties ?? {};
  const status = properties.instanceView?.status;
  return makeAadExtension({
    name: found.name ?? 'AADLoginForWindows',
    publisher: properties.publisher ?? '',
    type: properties.type ?? '',
    version: properties.typeHandlerVersion,
    provisioningState: properties.provisioningState,
    statusCode: status?.code,
    statusMessage: status?.message,
  });
}

/** True for a Windows VM (the only kind the app lists). */
export function isWindowsVm(vm: VirtualMachine): boolean {
  return (vm.storageProfile?.osDisk?.osType ?? '').toLowerCase() === 'windows';
}

/** True for a Windows Arc server. */
export function isWindowsArc(machine: ArcModel): boolean {
  return (machine.properties?.osName ?? '').toLowerCase() === 'windows';
}

/** Maps an arm-compute VM (with its instance view, from statusOnly or $expand) to a Machine. */
export function mapComputeVm(
  vm: VirtualMachine,
  context: MachineContext,
  extra: { readonly network: MachineNetwork; readonly aadExtension: AadExtension | null },
): Machine {
  const id = vm.id ?? '';
  const view = vm.instanceView;
  const power = (view?.statuses ?? []).find((s) => (s.code ?? '').toLowerCase().startsWith('powerstate/'));
  const computerName = vm.osProfile?.computerName || view?.computerName;
  return {
    id,
    kind: 'azure-vm',
    name: vm.name ?? id.split('/').pop() ?? '',
    ...(computerName ? { computerName } : {}),
    ...placementOf({ id, location: vm.location, tags: vm.tags ?? {} }, context),
    os: {
      type: vm.storageProfile?.osDisk?.osType ?? 'Windows',
      ...(view?.osName ? { name: view.osName } : {}),
      ...(view?.osVersion ? { version: view.osVersion } : {}),
      ...osImageOf(vm.storageProfile?.imageReference),
    },
    powerState: parsePowerState(power?.code),
    arcStatus: 'unknown',
    identity: parseIdentity(vm.identity?.type),
    aadExtension: extra.aadExtension,
    network: extra.network,
    access: UNRESOLVED_ACCESS,
    accountId: context.accountId,
  };
}

/** Maps an arm-hybridcompute machine to a Machine; `privateIps` comes from a newer api-version when known. */
export function mapArcModel(
  machine: ArcModel,
  context: MachineContext,
  extra: { readonly aadExtension: AadExtension | null; readonly privateIps?: readonly string[] },
): Machine {
  const id = machine.id ?? '';
  const p = machine.properties ?? {};
  const osName = p.osSku ?? undefined;
  const lastStatusChange = p.lastStatusChange ? new Date(p.lastStatusChange).toISOString() : undefined;
  const computerName = p.osProfile?.computerName ?? p.displayName;
  return {
    id,
    kind: 'arc-server',
    name: machine.name ?? id.split('/').pop() ?? '',
    ...(computerName ? { computerName } : {}),
    ...placementOf({ id, location: machine.location, tags: machine.tags ?? {} }, context),
    os: {
      type: p.osName ?? 'windows',
      ...(osName ? { name: osName } : {}),
      ...(p.osVersion ? { version: p.osVersion } : {}),
    },
    powerState: 'unknown',
    arcStatus: parseArcStatus(p.status),
    ...(lastStatusChange ? { arcLastStatusChange: lastStatusChange } : {}),
    identity: parseIdentity(machine.identity?.type),
    aadExtension: extra.aadExtension,
    network: makeNetwork(extra.privateIps ?? [], [], [p.dnsFqdn ?? '', p.machineFqdn ?? '']),
    access: UNRESOLVED_ACCESS,
    accountId: context.accountId,
  };
}
