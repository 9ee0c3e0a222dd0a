import { z } from 'zod';

/**
 * The Azure Resource Graph queries the app sends during discovery, with zod schemas of their rows.
 *
 * Each query starts with a marker comment `// rdp-broker:<id> v<version>`. Resource Graph ignores comments; the
 * simulator (src/simulator) keys on the marker and answers the query by evaluating it over its scenario data, so the
 * marker and the text here are the contract between discovery and the simulator. Change a query's text only together
 * with its version and the simulator's evaluator.
 *
 * KQL conventions (azure-rdp-facts §3.7): `type` compared with `=~` (ARG stores it lower-case), ids joined through
 * `tolower`, the AADLoginForWindows extension found by publisher + type (never by its resource name), `id` projected
 * and `order by id` so `$skipToken` paging is stable. String columns of an unmatched `leftouter` join come back as
 * empty strings (Kusto strings are never null); the schemas below also accept null for safety.
 */

/** The identifier in a query's marker comment. */
export const appQueryIdSchema = z.enum(['windows-vms', 'vm-network', 'arc-windows-machines']);
export type AppQueryId = z.infer<typeof appQueryIdSchema>;

/** Windows VMs with power state, OS, image, identity, NICs and the AADLoginForWindows extension (if any). */
export const WINDOWS_VMS_QUERY = `// rdp-broker:windows-vms v1
Resources
| where type =~ 'microsoft.compute/virtualmachines'
| where tostring(properties.storageProfile.osDisk.osType) =~ 'Windows'
| extend vmKey = tolower(id)
| join kind=leftouter (
    Resources
    | where type =~ 'microsoft.compute/virtualmachines/extensions'
    | where tostring(properties.publisher) =~ 'Microsoft.Azure.ActiveDirectory'
        and tostring(properties.type) =~ 'AADLoginForWindows'
    | project vmKey = tolower(substring(id, 0, indexof(tolower(id), '/extensions/'))),
        aadExtensionName = name,
        aadExtensionState = tostring(properties.provisioningState),
        aadExtensionVersion = tostring(properties.typeHandlerVersion)
  ) on vmKey
| project id, name, resourceGroup, subscriptionId, tenantId, location, tags,
    computerName = tostring(properties.osProfile.computerName),
    instanceComputerName = tostring(properties.extended.instanceView.computerName),
    powerState = tostring(properties.extended.instanceView.powerState.code),
    osType = tostring(properties.storageProfile.osDisk.osType),
    osName = tostring(properties.extended.instanceView.osName),
    osVersion = tostring(properties.extended.instanceView.osVersion),
    imageReference = properties.storageProfile.imageReference,
    identityType = tostring(identity.type),
    networkInterfaces = properties.networkProfile.networkInterfaces,
    aadExtensionName, aadExtensionState, aadExtensionVersion
| order by id asc`;

/** NICs attached to VMs with their private IPs, joined with their public IPs; one row per VM (id = lower-cased VM id). */
export const VM_NETWORK_QUERY = `// rdp-broker:vm-network v1
Resources
| where type =~ 'microsoft.network/networkinterfaces'
| where isnotempty(tostring(properties.virtualMachine.id))
| extend vmKey = tolower(tostring(properties.virtualMachine.id)), nicId = tolower(id)
| mv-expand ipConfiguration = properties.ipConfigurations
| extend privateIp = tostring(ipConfiguration.properties.privateIPAddress),
    publicIpKey = tolower(tostring(ipConfiguration.properties.publicIPAddress.id))
| join kind=leftouter (
    Resources
    | where type =~ 'microsoft.network/publicipaddresses'
    | project publicIpKey = tolower(id),
        publicIp = tostring(properties.ipAddress),
        publicFqdn = tostring(properties.dnsSettings.fqdn)
  ) on publicIpKey
| summarize nicIds = make_set(nicId),
    privateIps = make_list_if(privateIp, isnotempty(privateIp)),
    publicIpIds = make_list_if(publicIpKey, isnotempty(publicIpKey)),
    publicIps = make_list_if(publicIp, isnotempty(publicIp)),
    fqdns = make_list_if(publicFqdn, isnotempty(publicFqdn))
    by vmKey
| project id = vmKey, nicIds, privateIps, publicIpIds, publicIps, fqdns
| order by id asc`;

/** Windows Arc-enabled servers with agent status, OS, names, identity, IPs and the Arc AADLoginForWindows extension. */
export const ARC_WINDOWS_MACHINES_QUERY = `// rdp-broker:arc-windows-machines v1
Resources
| where type =~ 'microsoft.hybridcompute/machines'
| where tostring(properties.osType) =~ 'windows'
| extend machineKey = tolower(id)
| join kind=leftouter (
    Resources
    | where type =~ 'microsoft.hybridcompute/machines/extensions'
    | where tostring(properties.publisher) =~ 'Microsoft.Azure.ActiveDirectory'
        and tostring(properties.type) =~ 'AADLoginForWindows'
    | project machineKey = tolower(substring(id, 0, indexof(tolower(id), '/extensions/'))),
        aadExtensionName = name,
        aadExtensionState = tostring(properties.provisioningState),
        aadExtensionVersion = tostring(properties.typeHandlerVersion),
        aadExtensionStatusCode = tostring(properties.instanceView.status.code),
        aadExtensionStatusLevel = tostring(properties.instanceView.status.level),
        aadExtensionStatusMessage = tostring(properties.instanceView.status.message)
  ) on machineKey
| project id, name, resourceGroup, subscriptionId, tenantId, location, tags,
    status = tostring(properties.status),
    lastStatusChange = tostring(properties.lastStatusChange),
    osName = tostring(properties.osName),
    osSku = tostring(properties.osSku),
    osVersion = tostring(properties.osVersion),
    computerName = tostring(properties.osProfile.computerName),
    dnsFqdn = tostring(properties.dnsFqdn),
    machineFqdn = tostring(properties.machineFqdn),
    agentVersion = tostring(properties.agentVersion),
    identityType = tostring(identity.type),
    networkInterfaces = properties.networkProfile.networkInterfaces,
    aadExtensionName, aadExtensionState, aadExtensionVersion,
    aadExtensionStatusCode, aadExtensionStatusLevel, aadExtensionStatusMessage
| order by id asc`;

// A Kusto string column is '' when empty; null is tolerated so a schema change on Azure's side degrades to ''.
const kqlString = z
  .string()
  .nullish()
  .transform((value) => value ?? '');

const kqlStringList = z
  .array(z.string())
  .nullish()
  .transform((value) => value ?? []);

const tagsSchema = z
  .record(z.string(), z.string())
  .nullish()
  .transform((value) => value ?? {});

/** One row of {@link WINDOWS_VMS_QUERY}. */
export const windowsVmRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  resourceGroup: z.string(),
  subscriptionId: z.string(),
  tenantId: z.string(),
  location: z.string(),
  tags: tagsSchema,
  /** osProfile.computerName: absent ('') for VMs created from a specialized disk. */
  computerName: kqlString,
  /** The guest agent's computer name from the extended instance view ('' when the agent is not reporting). */
  instanceComputerName: kqlString,
  /** `PowerState/<x>`, or '' when unknown. */
  powerState: kqlString,
  osType: kqlString,
  osName: kqlString,
  osVersion: kqlString,
  imageReference: z
    .looseObject({
      publisher: z.string().optional(),
      offer: z.string().optional(),
      sku: z.string().optional(),
      version: z.string().optional(),
      exactVersion: z.string().optional(),
      id: z.string().optional(),
    })
    .nullish()
    .transform((value) => value ?? null),
  /** `SystemAssigned`, `UserAssigned`, `SystemAssigned, UserAssigned`, `None` or ''. */
  identityType: kqlString,
  networkInterfaces: z
    .array(z.looseObject({ id: z.string(), properties: z.looseObject({ primary: z.boolean().optional() }).nullish() }))
    .nullish()
    .transform((value) => value ?? []),
  /** '' when the VM has no AADLoginForWindows extension. */
  aadExtensionName: kqlString,
  aadExtensionState: kqlString,
  aadExtensionVersion: kqlString,
});
export type WindowsVmRow = z.infer<typeof windowsVmRowSchema>;

/** One row of {@link VM_NETWORK_QUERY}: everything network-related the user can read for one VM. */
export const vmNetworkRowSchema = z.object({
  /** Lower-cased VM id. */
  id: z.string(),
  nicIds: kqlStringList,
  privateIps: kqlStringList,
  publicIpIds: kqlStringList,
  publicIps: kqlStringList,
  fqdns: kqlStringList,
});
export type VmNetworkRow = z.infer<typeof vmNetworkRowSchema>;

const arcIpAddressSchema = z.looseObject({
  address: z.string().optional(),
  ipAddressVersion: z.string().optional(),
  subnet: z.looseObject({ addressPrefix: z.string().optional() }).nullish(),
});

/** One row of {@link ARC_WINDOWS_MACHINES_QUERY}. */
export const arcMachineRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  resourceGroup: z.string(),
  subscriptionId: z.string(),
  tenantId: z.string(),
  location: z.string(),
  tags: tagsSchema,
  /** `Connected`, `Disconnected`, `Error`, `Expired`. */
  status: kqlString,
  lastStatusChange: kqlString,
  osName: kqlString,
  osSku: kqlString,
  osVersion: kqlString,
  computerName: kqlString,
  dnsFqdn: kqlString,
  machineFqdn: kqlString,
  agentVersion: kqlString,
  identityType: kqlString,
  networkInterfaces: z
    .array(z.looseObject({ ipAddresses: z.array(arcIpAddressSchema).nullish() }))
    .nullish()
    .transform((value) => value ?? []),
  aadExtensionName: kqlString,
  aadExtensionState: kqlString,
  aadExtensionVersion: kqlString,
  /** Arc extension instance view status: code (`success` or a failure code), level Information/Warning/Error. */
  aadExtensionStatusCode: kqlString,
  aadExtensionStatusLevel: kqlString,
  aadExtensionStatusMessage: kqlString,
});
export type ArcMachineRow = z.infer<typeof arcMachineRowSchema>;

/** Every app query by id: its KQL text, version and row schema. */
export const APP_QUERIES = {
  'windows-vms': { id: 'windows-vms', version: 1, text: WINDOWS_VMS_QUERY, rowSchema: windowsVmRowSchema },
  'vm-network': { id: 'vm-network', version: 1, text: VM_NETWORK_QUERY, rowSchema: vmNetworkRowSchema },
  'arc-windows-machines': {
    id: 'arc-windows-machines',
    version: 1,
    text: ARC_WINDOWS_MACHINES_QUERY,
    rowSchema: arcMachineRowSchema,
  },
} as const satisfies Record<AppQueryId, { id: AppQueryId; version: number; text: string; rowSchema: z.ZodType }>;

const markerPattern = /^\s*\/\/\s*rdp-broker:([a-z0-9-]+)\s+v(\d+)\s*$/;

/** Reads the marker comment on a query's first line: `{ id, version }`, or null when the query carries none. */
export function readQueryMarker(query: string): { id: string; version: number } | null {
  const firstLine = query.split('\n', 1)[0] ?? '';
  const match = markerPattern.exec(firstLine);
  if (!match?.[1] || !match[2]) return null;
  return { id: match[1], version: Number(match[2]) };
}

/** Collapses whitespace so two renderings of the same KQL compare equal. */
export function normalizeKql(query: string): string {
  return query.replace(/\s+/g, ' ').trim();
}
