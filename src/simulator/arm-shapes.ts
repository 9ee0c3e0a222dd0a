import type { PowerState } from '../shared/domain/machine';
import type { RoleDefinition } from './roles';
import type { ScenarioExtension } from './scenario';
import {
  type ArcRecord,
  deriveGuid,
  type ExtensionRecord,
  type NicRecord,
  type PublicIpRecord,
  type ResourceGroupRecord,
  type RoleAssignmentRecord,
  type SubscriptionRecord,
  type TenantRecord,
  type VmRecord,
} from './world';

/**
 * ARM JSON shapes, following the REST API examples (azure-rdp-facts §3.1–3.5): what `GET` returns for subscriptions,
 * tenants, VMs (+ instance view), VM extensions, NICs, public IPs, Arc machines and Arc extensions, role assignments
 * and role definitions (Microsoft.Authorization 2022-04-01).
 */

const POWER_DISPLAY: Record<PowerState, string | null> = {
  running: 'VM running',
  starting: 'VM starting',
  stopping: 'VM stopping',
  stopped: 'VM stopped',
  deallocating: 'VM deallocating',
  deallocated: 'VM deallocated',
  unknown: null,
};

/** Last-but-stable timestamp the statuses report (the simulator has no history). */
const STATUS_TIME = '2025-05-21T07:12:44.8741203+00:00';

/** The subscription object of `GET /subscriptions`. */
export function subscriptionJson(sub: SubscriptionRecord): Record<string, unknown> {
  return {
    id: sub.id,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    tags: {},
    subscriptionId: sub.spec.id,
    tenantId: sub.tenant.id,
    displayName: sub.spec.displayName,
    state: sub.spec.state,
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'EnterpriseAgreement_2014-09-01',
      spendingLimit: 'Off',
    },
  };
}

/** The tenant object of `GET /tenants`. */
export function tenantJson(tenant: TenantRecord): Record<string, unknown> {
  return {
    id: `/tenants/${tenant.id}`,
    tenantId: tenant.id,
    // Home describes the directory, not the caller's membership: ARM reports it for B2B guest tenants too.
    tenantCategory: 'Home',
    country: tenant.spec.countryCode,
    countryCode: tenant.spec.countryCode,
    displayName: tenant.spec.displayName,
    domains: tenant.spec.domains.length > 0 ? tenant.spec.domains : [tenant.spec.defaultDomain],
    defaultDomain: tenant.spec.defaultDomain,
    tenantType: 'AAD',
  };
}

/** A resource group. */
export function resourceGroupJson(group: ResourceGroupRecord): Record<string, unknown> {
  return {
    id: group.id,
    name: group.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: group.location,
    properties: { provisioningState: 'Succeeded' },
  };
}

function identityJson(type: string, seed: string, tenantId: string): Record<string, unknown> | undefined {
  if (type === 'None') return undefined;
  const identity: Record<string, unknown> = { type };
  if (type.includes('SystemAssigned')) {
    identity.principalId = deriveGuid(`${seed}|identity`);
    identity.tenantId = tenantId;
  }
  if (type.includes('UserAssigned')) {
    identity.userAssignedIdentities = {
      [`/subscriptions/${seed.split('/')[2] ?? ''}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-workload`]: {
        principalId: deriveGuid(`${seed}|uai`),
        clientId: deriveGuid(`${seed}|uai-client`),
      },
    };
  }
  return identity;
}

/** Whether the guest agent is reporting right now (it only runs inside a running VM). */
export function agentReports(vm: VmRecord): boolean {
  return vm.spec.agentReporting && (vm.power === 'running' || vm.power === 'stopping');
}

function extensionStatuses(ext: ScenarioExtension): Record<string, unknown>[] {
  if (!ext.status) return [];
  return [
    {
      code: ext.status.code,
      level: ext.status.level,
      displayStatus: ext.status.displayStatus,
      ...(ext.status.message === undefined ? {} : { message: ext.status.message }),
      time: STATUS_TIME,
    },
  ];
}

/** The instance view of one VM extension (Compute: `statuses[]`). */
export function vmExtensionInstanceView(ext: ScenarioExtension): Record<string, unknown> {
  return {
    name: ext.name,
    type: `${ext.publisher}.${ext.type}`,
    typeHandlerVersion: ext.typeHandlerVersion,
    statuses: extensionStatuses(ext),
  };
}

/** A VM extension resource; `expand` adds properties.instanceView. */
export function vmExtensionJson(vm: VmRecord, ext: ExtensionRecord, expand: boolean): Record<string, unknown> {
  const s = ext.spec;
  return {
    name: s.name,
    id: ext.id,
    type: 'Microsoft.Compute/virtualMachines/extensions',
    location: vm.spec.location,
    properties: {
      autoUpgradeMinorVersion: true,
      provisioningState: s.provisioningState,
      publisher: s.publisher,
      type: s.type,
      typeHandlerVersion: s.typeHandlerVersion,
      ...(s.settings === undefined ? {} : { settings: s.settings }),
      ...(expand ? { instanceView: vmExtensionInstanceView(s) } : {}),
    },
  };
}

/** `GET …/virtualMachines/{vm}/instanceView`. */
export function vmInstanceViewJson(vm: VmRecord): Record<string, unknown> {
  const s = vm.spec;
  const reporting = agentReports(vm);
  const powerDisplay = POWER_DISPLAY[vm.power];
  const statuses: Record<string, unknown>[] = [
    { code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', time: STATUS_TIME },
  ];
  if (powerDisplay) statuses.push({ code: `PowerState/${vm.power}`, level: 'Info', displayStatus: powerDisplay });
  const view: Record<string, unknown> = {
    ...(reporting && s.computerName !== null ? { computerName: s.computerName } : {}),
    ...(reporting && s.os.name ? { osName: s.os.name } : {}),
    ...(reporting && s.os.version ? { osVersion: s.os.version } : {}),
    hyperVGeneration: 'V2',
    vmAgent: reporting
      ? {
          vmAgentVersion: s.os.type === 'Windows' ? '2.7.41491.1131' : '2.11.1.12',
          statuses: [
            {
              code: 'ProvisioningState/succeeded',
              level: 'Info',
              displayStatus: 'Ready',
              message: 'GuestAgent is running and processing the extensions.',
              time: STATUS_TIME,
            },
          ],
          extensionHandlers: vm.extensions.map((e) => ({
            type: `${e.spec.publisher}.${e.spec.type}`,
            typeHandlerVersion: e.spec.typeHandlerVersion,
            status: { code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Ready' },
          })),
        }
      : {
          statuses: [
            {
              code: 'ProvisioningState/Unavailable',
              level: 'Warning',
              displayStatus: 'Not Ready',
              message: 'VM Agent is unresponsive.',
              time: STATUS_TIME,
            },
          ],
        },
    disks: [
      {
        name: `${s.name}_OsDisk_1_${deriveGuid(vm.idLower).replace(/-/g, '')}`,
        statuses: [{ code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', time: STATUS_TIME }],
      },
    ],
    extensions: vm.extensions.map((e) => vmExtensionInstanceView(e.spec)),
    statuses,
  };
  return view;
}

// Marketplace image versions look like <build>.<revision>.<yymmdd> (Windows) or <release>.<yyyymmddNN> (Linux).
function exactImageVersion(osVersion: string | undefined, windows: boolean): string {
  if (!windows) return `${osVersion ?? '22.04'}.202410020`;
  const [, , build = '20348', revision = '2762'] = (osVersion ?? '').split('.');
  return `${build}.${revision}.241006`;
}

/** A VM resource; `instanceView` adds properties.instanceView (for `$expand=instanceView` and `statusOnly=true`). */
export function vmJson(vm: VmRecord, instanceView: boolean): Record<string, unknown> {
  const s = vm.spec;
  const windows = s.os.type === 'Windows';
  const diskName = `${s.name}_OsDisk_1_${deriveGuid(vm.idLower).replace(/-/g, '')}`;
  const rgPath = `/subscriptions/${s.subscriptionId}/resourceGroups/${vm.resourceGroup}`;
  const properties: Record<string, unknown> = {
    vmId: s.vmId,
    hardwareProfile: { vmSize: s.size },
    storageProfile: {
      ...(s.os.image ? { imageReference: { ...s.os.image, exactVersion: exactImageVersion(s.os.version, windows) } } : {}),
      osDisk: {
        osType: s.os.type,
        name: diskName,
        createOption: s.os.image ? 'FromImage' : 'Attach',
        caching: 'ReadWrite',
        managedDisk: { storageAccountType: 'Premium_LRS', id: `${rgPath}/providers/Microsoft.Compute/disks/${diskName}` },
        deleteOption: 'Delete',
        diskSizeGB: windows ? 127 : 30,
      },
      dataDisks: [],
      diskControllerType: 'SCSI',
    },
    networkProfile: {
      networkInterfaces: vm.nics.map((n, i) => ({ id: n.id, properties: { primary: i === 0 } })),
    },
    diagnosticsProfile: { bootDiagnostics: { enabled: true } },
    provisioningState: 'Succeeded',
    timeCreated: s.timeCreated,
  };
  if (s.computerName !== null) {
    properties.osProfile = windows
      ? {
          computerName: s.computerName,
          adminUsername: 'azureadmin',
          windowsConfiguration: {
            provisionVMAgent: true,
            enableAutomaticUpdates: true,
            patchSettings: { patchMode: 'AutomaticByOS', assessmentMode: 'ImageDefault' },
          },
          secrets: [],
          allowExtensionOperations: true,
          requireGuestProvisionSignal: true,
        }
      : {
          computerName: s.computerName,
          adminUsername: 'azureuser',
          linuxConfiguration: { disablePasswordAuthentication: true, provisionVMAgent: true },
          secrets: [],
          allowExtensionOperations: true,
          requireGuestProvisionSignal: true,
        };
  }
  if (windows && s.os.image?.offer === 'WindowsServer') properties.licenseType = 'Windows_Server';
  if (instanceView) properties.instanceView = vmInstanceViewJson(vm);
  const json: Record<string, unknown> = {
    name: s.name,
    id: vm.id,
    type: 'Microsoft.Compute/virtualMachines',
    location: s.location,
    tags: s.tags,
    properties,
  };
  const identity = identityJson(s.identity, vm.id, vm.sub.tenant.id);
  if (identity) json.identity = identity;
  if (s.zones) json.zones = s.zones;
  return json;
}

/** A network interface with its one IP configuration. */
export function nicJson(nic: NicRecord): Record<string, unknown> {
  const vm = nic.vm;
  return {
    name: nic.spec.name,
    id: nic.id,
    etag: `W/"${deriveGuid(`${nic.idLower}|etag`)}"`,
    type: 'Microsoft.Network/networkInterfaces',
    location: vm.spec.location,
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: deriveGuid(`${nic.idLower}|guid`),
      ipConfigurations: [
        {
          name: 'ipconfig1',
          id: nic.ipConfigId,
          type: 'Microsoft.Network/networkInterfaces/ipConfigurations',
          properties: {
            provisioningState: 'Succeeded',
            privateIPAddress: nic.spec.privateIp,
            privateIPAllocationMethod: 'Dynamic',
            privateIPAddressVersion: 'IPv4',
            subnet: { id: nic.subnetId },
            primary: true,
            ...(nic.publicIp ? { publicIPAddress: { id: nic.publicIp.id } } : {}),
          },
        },
      ],
      dnsSettings: {
        dnsServers: [],
        appliedDnsServers: [],
        internalDomainNameSuffix: `${deriveGuid(vm.sub.spec.id).replace(/-/g, '').slice(0, 26)}.ax.internal.cloudapp.net`,
      },
      macAddress: `00-0D-3A-${deriveGuid(nic.idLower).slice(0, 6).toUpperCase().match(/../g)?.join('-') ?? '00-00-00'}`,
      vnetEncryptionSupported: false,
      enableIPForwarding: false,
      enableAcceleratedNetworking: true,
      primary: true,
      virtualMachine: { id: vm.id },
      nicType: 'Standard',
    },
  };
}

/** A public IP address (Standard SKU, static). */
export function publicIpJson(pip: PublicIpRecord): Record<string, unknown> {
  return {
    name: pip.name,
    id: pip.id,
    etag: `W/"${deriveGuid(`${pip.idLower}|etag`)}"`,
    location: pip.nic.vm.spec.location,
    type: 'Microsoft.Network/publicIPAddresses',
    sku: { name: 'Standard', tier: 'Regional' },
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: deriveGuid(`${pip.idLower}|guid`),
      ipAddress: pip.ipAddress,
      publicIPAddressVersion: 'IPv4',
      publicIPAllocationMethod: 'Static',
      idleTimeoutInMinutes: 4,
      ...(pip.domainNameLabel || pip.fqdn
        ? { dnsSettings: { ...(pip.domainNameLabel ? { domainNameLabel: pip.domainNameLabel } : {}), ...(pip.fqdn ? { fqdn: pip.fqdn } : {}) } }
        : {}),
      ipConfiguration: { id: pip.nic.ipConfigId },
    },
  };
}

/** An Arc machine (api-version 2024-07-10 shape; older versions ignore the extra fields). */
export function arcJson(arc: ArcRecord): Record<string, unknown> {
  const s = arc.spec;
  const windows = s.os.type === 'windows';
  return {
    id: arc.id,
    name: s.name,
    type: 'Microsoft.HybridCompute/machines',
    location: s.location,
    tags: s.tags,
    ...(s.identity === 'SystemAssigned'
      ? { identity: { type: 'SystemAssigned', principalId: deriveGuid(`${arc.idLower}|identity`), tenantId: arc.sub.tenant.id } }
      : {}),
    properties: {
      provisioningState: 'Succeeded',
      status: s.status,
      lastStatusChange: s.lastStatusChange,
      errorDetails: [],
      agentVersion: s.agentVersion,
      vmId: s.vmId,
      displayName: s.computerName,
      machineFqdn: s.machineFqdn,
      osName: s.os.type,
      osType: s.os.type,
      osVersion: s.os.version,
      osSku: s.os.sku,
      ...(s.os.edition ? { osEdition: s.os.edition } : {}),
      vmUuid: deriveGuid(`${arc.idLower}|uuid`).toUpperCase(),
      ...(s.domainName ? { domainName: s.domainName, adFqdn: s.machineFqdn } : {}),
      dnsFqdn: s.dnsFqdn,
      osProfile: {
        computerName: s.computerName,
        ...(windows
          ? { windowsConfiguration: { patchSettings: { assessmentMode: 'ImageDefault', patchMode: 'AutomaticByOS' } } }
          : { linuxConfiguration: { patchSettings: { assessmentMode: 'ImageDefault', patchMode: 'ImageDefault' } } }),
      },
      networkProfile: {
        networkInterfaces: s.privateIps.map((ip) => ({
          ipAddresses: [
            {
              address: ip,
              ipAddressVersion: 'IPv4',
              subnet: { addressPrefix: `${ip.split('.').slice(0, 3).join('.')}.0/24` },
            },
          ],
        })),
      },
      detectedProperties: {
        manufacturer: 'Microsoft Corporation',
        model: 'Virtual Machine',
        logicalCoreCount: '4',
        totalPhysicalMemoryInGigabytes: '16',
      },
      cloudMetadata: { provider: 'N/A' },
      agentConfiguration: { incomingConnectionsPorts: [], extensionsEnabled: 'true', guestConfigurationEnabled: 'true' },
      mssqlDiscovered: 'false',
    },
  };
}

/** An Arc machine extension: a single `instanceView.status` object with level Information/Warning/Error. */
export function arcExtensionJson(arc: ArcRecord, ext: ExtensionRecord): Record<string, unknown> {
  const s = ext.spec;
  return {
    id: ext.id,
    name: s.name,
    type: 'Microsoft.HybridCompute/machines/extensions',
    location: arc.spec.location,
    properties: {
      publisher: s.publisher,
      type: s.type,
      typeHandlerVersion: s.typeHandlerVersion,
      autoUpgradeMinorVersion: false,
      enableAutomaticUpgrade: true,
      settings: s.settings ?? {},
      provisioningState: s.provisioningState,
      instanceView: {
        name: s.name,
        type: s.type,
        typeHandlerVersion: s.typeHandlerVersion,
        ...(s.status
          ? {
              status: {
                code: s.status.code,
                level: s.status.level === 'Info' ? 'Information' : s.status.level,
                displayStatus: s.status.displayStatus,
                ...(s.status.message === undefined ? {} : { message: s.status.message }),
                time: STATUS_TIME,
              },
            }
          : {}),
      },
    },
  };
}

/** Fixed creation time of every role assignment (the simulator has no history). */
const ASSIGNMENT_TIME = '2024-02-06T10:21:37.4417591Z';

/** `…/roleDefinitions/{guid}` as a role assignment names it: under the assignment's subscription. */
export function roleDefinitionIdIn(subscriptionId: string, role: RoleDefinition): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`;
}

/** An element of `GET {scope}/providers/Microsoft.Authorization/roleAssignments` (no conditions in the simulator). */
export function roleAssignmentJson(a: RoleAssignmentRecord): Record<string, unknown> {
  return {
    id: a.id,
    name: a.name,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: {
      roleDefinitionId: roleDefinitionIdIn(a.sub.spec.id, a.role),
      principalId: a.principalId,
      principalType: a.principalType,
      scope: a.scope,
      createdOn: ASSIGNMENT_TIME,
      updatedOn: ASSIGNMENT_TIME,
    },
  };
}

/** `GET {scope}/providers/Microsoft.Authorization/roleDefinitions/{guid}`; `scope` is '' for the tenant root. */
export function roleDefinitionJson(scope: string, role: RoleDefinition): Record<string, unknown> {
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`,
    name: role.id,
    type: 'Microsoft.Authorization/roleDefinitions',
    properties: {
      roleName: role.roleName,
      type: role.roleType,
      description: role.description,
      assignableScopes: ['/'],
      permissions: [
        {
          actions: [...role.actions],
          notActions: [...role.notActions],
          dataActions: [...role.dataActions],
          notDataActions: [...role.notDataActions],
        },
      ],
    },
  };
}
