import type { CloudName } from '../clouds';
import {
  type AadExtension,
  type ArcStatus,
  arcStatusSchema,
  type Machine,
  type MachineAccess,
  type MachineNetwork,
  type PowerState,
  powerStateSchema,
} from '../domain/machine';
import type { ArcMachineRow, VmNetworkRow, WindowsVmRow } from './resource-graph-queries';

/**
 * Turns Resource Graph rows (and ARM SDK models, through the same helpers) into Machine objects. Pure: the source
 * supplies everything a row does not carry (cloud, account, subscription name).
 */

/** Where a machine was found: labels a row does not carry. */
export interface MachineContext {
  readonly cloud: CloudName;
  readonly accountId: string;
  /** Tenant the query ran in; used when a row's own tenantId is empty. */
  readonly tenantId: string;
  readonly subscriptionName?: string | undefined;
}

/** Publisher and type of the Entra login extension for Windows (the extension's resource name is arbitrary). */
export const AAD_LOGIN_EXTENSION = { publisher: 'Microsoft.Azure.ActiveDirectory', type: 'AADLoginForWindows' } as const;

/** True when publisher + type identify AADLoginForWindows, whatever the extension resource is called. */
export function isAadLoginExtension(publisher: string | undefined, type: string | undefined): boolean {
  return (
    (publisher ?? '').toLowerCase() === AAD_LOGIN_EXTENSION.publisher.toLowerCase() &&
    (type ?? '').toLowerCase() === AAD_LOGIN_EXTENSION.type.toLowerCase()
  );
}

/** The access of a machine whose login right has not been resolved yet. */
export const UNRESOLVED_ACCESS: MachineAccess = { right: 'unknown', source: 'not resolved yet' };

/** `PowerState/deallocated` → `deallocated`; anything unrecognised → `unknown`. */
export function parsePowerState(code: string | undefined): PowerState {
  const value = (code ?? '').replace(/^PowerState\//i, '').toLowerCase();
  const parsed = powerStateSchema.safeParse(value);
  return parsed.success ? parsed.data : 'unknown';
}

/** Arc agent status, case-insensitive; anything unrecognised → `unknown`. */
export function parseArcStatus(status: string | undefined): ArcStatus {
  const value = (status ?? '').toLowerCase();
  return arcStatusSchema.options.find((option) => option.toLowerCase() === value) ?? 'unknown';
}

/** Identity type as ARM reports it, and whether it includes a system-assigned identity (the extension needs one). */
export function parseIdentity(type: string | undefined): Machine['identity'] {
  const value = (type ?? '').trim() || 'None';
  return { type: value, systemAssigned: value.split(',').some((part) => part.trim().toLowerCase() === 'systemassigned') };
}

/** The resource group segment of an ARM id (case preserved), or '' when the id has none. */
export function resourceGroupOf(id: string): string {
  const match = /\/resourceGroups\/([^/]+)/i.exec(id);
  return match?.[1] ?? '';
}

/** The subscription GUID of an ARM id, lower-cased, or '' when the id has none. */
export function subscriptionOf(id: string): string {
  const match = /^\/subscriptions\/([^/]+)/i.exec(id);
  return match?.[1]?.toLowerCase() ?? '';
}

function uniqueInsensitive(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const value of values) {
    const trimmed = value.trim();
    if (!trimmed || seen.has(trimmed.toLowerCase())) continue;
    seen.add(trimmed.toLowerCase());
    result.push(trimmed);
  }
  return result;
}

/** Builds a network record, dropping empty and duplicate entries (case-insensitive for names). */
export function makeNetwork(privateIps: readonly string[], publicIps: readonly string[], fqdns: readonly string[]): MachineNetwork {
  return { privateIps: uniqueInsensitive(privateIps), publicIps: uniqueInsensitive(publicIps), fqdns: uniqueInsensitive(fqdns) };
}

const EMPTY_NETWORK: MachineNetwork = { privateIps: [], publicIps: [], fqdns: [] };

function optional(value: string): string | undefined {
  return value.trim() === '' ? undefined : value;
}

/** The placement fields a source knows; group, subscription and tenant fall back to the id and the context. */
export interface PlacementFields {
  readonly id: string;
  readonly resourceGroup?: string | undefined;
  readonly subscriptionId?: string | undefined;
  readonly tenantId?: string | undefined;
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** Where a machine lives (group, subscription, tenant, cloud, location, tags): the same for every source and kind. */
export function placementOf(fields: PlacementFields, context: MachineContext) {
  return {
    resourceGroup: fields.resourceGroup || resourceGroupOf(fields.id),
    subscriptionId: fields.subscriptionId || subscriptionOf(fields.id),
    ...(context.subscriptionName ? { subscriptionName: context.subscriptionName } : {}),
    tenantId: fields.tenantId || context.tenantId,
    cloud: context.cloud,
    location: fields.location,
    tags: fields.tags,
  };
}

/** A VM's marketplace image as Resource Graph and the compute SDK report it. */
export interface ImageFields {
  readonly publisher?: string | undefined;
  readonly offer?: string | undefined;
  readonly sku?: string | undefined;
  readonly version?: string | undefined;
  readonly exactVersion?: string | undefined;
}

/** The `image` part of a VM's OS, present only when publisher, offer and SKU are all known. */
export function osImageOf(image: ImageFields | null | undefined): Pick<Machine['os'], 'image'> {
  if (!image?.publisher || !image.offer || !image.sku) return {};
  const version = image.exactVersion ?? image.version;
  return { image: { publisher: image.publisher, offer: image.offer, sku: image.sku, ...(version ? { version } : {}) } };
}

/** What every source reports of the AADLoginForWindows extension (Resource Graph rows, SDK models). */
export interface AadExtensionFields {
  readonly name: string;
  /** The extension's own publisher and type when the source has them; else the well-known ones. */
  readonly publisher?: string | undefined;
  readonly type?: string | undefined;
  readonly version?: string | undefined;
  readonly provisioningState?: string | undefined;
  readonly statusCode?: string | undefined;
  readonly statusMessage?: string | undefined;
}

/** The extension record, with only the fields that carry a value ('Unknown' for a missing provisioning state). */
export function makeAadExtension(fields: AadExtensionFields): AadExtension {
  return {
    name: fields.name,
    publisher: fields.publisher ?? AAD_LOGIN_EXTENSION.publisher,
    type: fields.type ?? AAD_LOGIN_EXTENSION.type,
    ...(fields.version ? { typeHandlerVersion: fields.version } : {}),
    provisioningState: fields.provisioningState || 'Unknown',
    ...(fields.statusCode ? { statusCode: fields.statusCode } : {}),
    ...(fields.statusMessage ? { statusMessage: fields.statusMessage } : {}),
  };
}

/** Maps one row of the windows-vms query; the network comes from the vm-network query (or later, via withNetwork). */
export function mapWindowsVmRow(row: WindowsVmRow, context: MachineContext, network?: VmNetworkRow): Machine {
  const aadExtension = row.aadExtensionName
    ? makeAadExtension({ name: row.aadExtensionName, version: row.aadExtensionVersion, provisioningState: row.aadExtensionState })
    : null;
  const computerName = optional(row.computerName) ?? optional(row.instanceComputerName);
  const osName = optional(row.osName);
  const osVersion = optional(row.osVersion);
  return {
    id: row.id,
    kind: 'azure-vm',
    name: row.name,
    ...(computerName ? { computerName } : {}),
    ...placementOf(row, context),
    os: {
      type: row.osType || 'Windows',
      ...(osName ? { name: osName } : {}),
      ...(osVersion ? { version: osVersion } : {}),
      ...osImageOf(row.imageReference),
    },
    powerState: parsePowerState(row.powerState),
    arcStatus: 'unknown',
    identity: parseIdentity(row.identityType),
    aadExtension,
    network: network ? mapVmNetwork(network) : EMPTY_NETWORK,
    access: UNRESOLVED_ACCESS,
    accountId: context.accountId,
  };
}

/** The network part of a vm-network row. */
export function mapVmNetwork(row: VmNetworkRow): MachineNetwork {
  return makeNetwork(row.privateIps, row.publicIps, row.fqdns);
}

/** Maps one row of the arc-windows-machines query. */
export function mapArcRow(row: ArcMachineRow, context: MachineContext): Machine {
  const aadExtension = row.aadExtensionName
    ? makeAadExtension({
        name: row.aadExtensionName,
        version: row.aadExtensionVersion,
        provisioningState: row.aadExtensionState,
        statusCode: row.aadExtensionStatusCode,
        statusMessage: row.aadExtensionStatusMessage,
      })
    : null;
  const privateIps = row.networkInterfaces.flatMap((nic) => (nic.ipAddresses ?? []).map((ip) => ip.address ?? ''));
  const computerName = optional(row.computerName);
  const osName = optional(row.osSku) ?? optional(row.osName);
  const osVersion = optional(row.osVersion);
  const lastStatusChange = optional(row.lastStatusChange);
  return {
    id: row.id,
    kind: 'arc-server',
    name: row.name,
    ...(computerName ? { computerName } : {}),
    ...placementOf(row, context),
    os: {
      type: row.osName || 'windows',
      ...(osName ? { name: osName } : {}),
      ...(osVersion ? { version: osVersion } : {}),
    },
    powerState: 'unknown',
    arcStatus: parseArcStatus(row.status),
    ...(lastStatusChange ? { arcLastStatusChange: lastStatusChange } : {}),
    identity: parseIdentity(row.identityType),
    aadExtension,
    network: makeNetwork(privateIps, [], [row.dnsFqdn, row.machineFqdn]),
    access: UNRESOLVED_ACCESS,
    accountId: context.accountId,
  };
}

/** A copy of the machine with another access record. */
export function withAccess(machine: Machine, access: MachineAccess): Machine {
  return { ...machine, access };
}

/** A copy of the machine with another network record. */
export function withNetwork(machine: Machine, network: MachineNetwork): Machine {
  return { ...machine, network };
}
