/**
 * Azure RBAC as the simulator models it: built-in role definitions with their real permission lists, wildcard
 * matching and the evaluation rule of the permissions API (azure-rdp-facts §3.6).
 */

/** One permission block of a role definition, as the permissions API returns it. */
export interface Permission {
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly dataActions: readonly string[];
  readonly notDataActions: readonly string[];
}

/** A role definition: built-in or custom. */
export interface RoleDefinition extends Permission {
  /** Role definition GUID (same in every cloud for built-ins). */
  readonly id: string;
  readonly roleName: string;
  readonly roleType: 'BuiltInRole' | 'CustomRole';
  readonly description: string;
}

const none: readonly string[] = [];

/** Built-in roles the scenarios use; permission lists copied from the Azure built-in roles reference. */
export const BUILT_IN_ROLES: readonly RoleDefinition[] = [
  {
    id: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    roleName: 'Owner',
    roleType: 'BuiltInRole',
    description: 'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
    actions: ['*'],
    notActions: none,
    dataActions: none,
    notDataActions: none,
  },
  {
    id: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
    roleName: 'Contributor',
    roleType: 'BuiltInRole',
    description:
      'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.',
    actions: ['*'],
    notActions: [
      'Microsoft.Authorization/*/Delete',
      'Microsoft.Authorization/*/Write',
      'Microsoft.Authorization/elevateAccess/Action',
      'Microsoft.Blueprint/blueprintAssignments/write',
      'Microsoft.Blueprint/blueprintAssignments/delete',
      'Microsoft.Compute/galleries/share/action',
      'Microsoft.Purview/consents/write',
      'Microsoft.Purview/consents/delete',
      'Microsoft.Resources/deploymentStacks/manageDenySetting/action',
      'Microsoft.Subscription/cancel/action',
      'Microsoft.Subscription/enable/action',
    ],
    dataActions: none,
    notDataActions: none,
  },
  {
    id: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    roleName: 'Reader',
    roleType: 'BuiltInRole',
    description: 'View all resources, but does not allow you to make any changes.',
    actions: ['*/read'],
    notActions: none,
    dataActions: none,
    notDataActions: none,
  },
  {
    id: 'fb879df8-f326-4884-b1cf-06f3ad86be52',
    roleName: 'Virtual Machine User Login',
    roleType: 'BuiltInRole',
    description: 'View Virtual Machines in the portal and login as a regular user.',
    actions: [
      'Microsoft.Network/publicIPAddresses/read',
      'Microsoft.Network/virtualNetworks/read',
      'Microsoft.Network/loadBalancers/read',
      'Microsoft.Network/networkInterfaces/read',
      'Microsoft.Compute/virtualMachines/*/read',
      'Microsoft.HybridCompute/machines/*/read',
      'Microsoft.HybridConnectivity/endpoints/listCredentials/action',
    ],
    notActions: none,
    dataActions: ['Microsoft.Compute/virtualMachines/login/action', 'Microsoft.HybridCompute/machines/login/action'],
    notDataActions: none,
  },
  {
    id: '1c0163c0-47e6-4577-8991-ea5c82e286e4',
    roleName: 'Virtual Machine Administrator Login',
    roleType: 'BuiltInRole',
    description: 'View Virtual Machines in the portal and login as administrator',
    actions: [
      'Microsoft.Network/publicIPAddresses/read',
      'Microsoft.Network/virtualNetworks/read',
      'Microsoft.Network/loadBalancers/read',
      'Microsoft.Network/networkInterfaces/read',
      'Microsoft.Compute/virtualMachines/*/read',
      'Microsoft.HybridCompute/machines/*/read',
      'Microsoft.HybridConnectivity/endpoints/listCredentials/action',
    ],
    notActions: none,
    dataActions: [
      'Microsoft.Compute/virtualMachines/login/action',
      'Microsoft.Compute/virtualMachines/loginAsAdmin/action',
      'Microsoft.HybridCompute/machines/login/action',
      'Microsoft.HybridCompute/machines/loginAsAdmin/action',
    ],
    notDataActions: none,
  },
  {
    id: '9980e02c-c2be-4d73-94e8-173b1dc7cf3c',
    roleName: 'Virtual Machine Contributor',
    roleType: 'BuiltInRole',
    description:
      "Lets you manage virtual machines, but not access to them, and not the virtual network or storage account they're connected to.",
    actions: [
      'Microsoft.Authorization/*/read',
      'Microsoft.Compute/availabilitySets/*',
      'Microsoft.Compute/locations/*',
      'Microsoft.Compute/virtualMachines/*',
      'Microsoft.Compute/virtualMachineScaleSets/*',
      'Microsoft.Compute/cloudServices/*',
      'Microsoft.Compute/disks/write',
      'Microsoft.Compute/disks/read',
      'Microsoft.Compute/disks/delete',
      'Microsoft.DevTestLab/schedules/*',
      'Microsoft.Insights/alertRules/*',
      'Microsoft.Network/applicationGateways/backendAddressPools/join/action',
      'Microsoft.Network/loadBalancers/backendAddressPools/join/action',
      'Microsoft.Network/loadBalancers/inboundNatPools/join/action',
      'Microsoft.Network/loadBalancers/inboundNatRules/join/action',
      'Microsoft.Network/loadBalancers/probes/join/action',
      'Microsoft.Network/loadBalancers/read',
      'Microsoft.Network/locations/*',
      'Microsoft.Network/networkInterfaces/*',
      'Microsoft.Network/networkSecurityGroups/join/action',
      'Microsoft.Network/networkSecurityGroups/read',
      'Microsoft.Network/publicIPAddresses/join/action',
      'Microsoft.Network/publicIPAddresses/read',
      'Microsoft.Network/virtualNetworks/read',
      'Microsoft.Network/virtualNetworks/subnets/join/action',
      'Microsoft.RecoveryServices/locations/*',
      'Microsoft.RecoveryServices/Vaults/backupFabrics/backupProtectionIntent/write',
      'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/*/read',
      'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/read',
      'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/write',
      'Microsoft.RecoveryServices/Vaults/backupPolicies/read',
      'Microsoft.RecoveryServices/Vaults/backupPolicies/write',
      'Microsoft.RecoveryServices/Vaults/read',
      'Microsoft.RecoveryServices/Vaults/usages/read',
      'Microsoft.RecoveryServices/Vaults/write',
      'Microsoft.ResourceHealth/availabilityStatuses/read',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.SerialConsole/serialPorts/connect/action',
      'Microsoft.SqlVirtualMachine/*',
      'Microsoft.Storage/storageAccounts/listKeys/action',
      'Microsoft.Storage/storageAccounts/read',
      'Microsoft.Support/*',
    ],
    notActions: none,
    dataActions: none,
    notDataActions: none,
  },
];

const patternCache = new Map<string, RegExp>();

/**
 * Compiles an RBAC action pattern. `*` matches any run of characters (case-insensitive). A `/*\/` segment may also
 * match nothing: Virtual Machine User Login grants `Microsoft.Compute/virtualMachines/*\/read`, and its documented
 * purpose ("View Virtual Machines in the portal") needs that to cover `Microsoft.Compute/virtualMachines/read`.
 */
function compilePattern(pattern: string): RegExp {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  const source = pattern
    .split('/*/')
    .map((part) =>
      part
        .split('*')
        .map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*'),
    )
    .join('/(?:.*/)?');
  const compiled = new RegExp(`^${source}$`, 'i');
  patternCache.set(pattern, compiled);
  return compiled;
}

/** True when an RBAC pattern (with `*` wildcards) covers `action`. */
export function matchesAction(pattern: string, action: string): boolean {
  return compilePattern(pattern).test(action);
}

function allowedBy(include: readonly string[], exclude: readonly string[], action: string): boolean {
  return include.some((p) => matchesAction(p, action)) && !exclude.some((p) => matchesAction(p, action));
}

/** True when some permission block grants the control-plane action and the same block does not exclude it. */
export function allowsAction(permissions: readonly Permission[], action: string): boolean {
  return permissions.some((p) => allowedBy(p.actions, p.notActions, action));
}

/** True when some permission block grants the data action and the same block does not exclude it. */
export function allowsDataAction(permissions: readonly Permission[], action: string): boolean {
  return permissions.some((p) => allowedBy(p.dataActions, p.notDataActions, action));
}

/** The permissions API element for one role grant. */
export function toPermissionElement(role: Permission): Permission {
  return {
    actions: [...role.actions],
    notActions: [...role.notActions],
    dataActions: [...role.dataActions],
    notDataActions: [...role.notDataActions],
  };
}
