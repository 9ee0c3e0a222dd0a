import { z } from 'zod';

import { cloudNameSchema } from '../shared/clouds';
import { powerStateSchema } from '../shared/domain/machine';
import { AppError } from '../shared/errors/app-error';
import { BUILT_IN_ROLES } from './roles';

/**
 * The data a simulated tenant world is made of. Scenario files (scenarios/*.json) and the scale generator both
 * produce this shape; `loadScenario` validates it, including cross references, with messages that name the path.
 */

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a lower-case GUID');
const armName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._()-]{0,79}$/, 'must be a valid Azure resource name');
// Private addresses are data only: nothing ever connects to them, and keeping them in 10.0.0.0/8 makes that obvious.
const privateIp = z.string().regex(/^10\.\d{1,3}\.\d{1,3}\.\d{1,3}$/, 'must be an address in 10.0.0.0/8');
const isoTime = z.iso.datetime({ offset: true });

const tagsSchema = z.record(z.string(), z.string()).default({});

/** Knobs of the simulated services that a scenario may tune (tests shorten them). */
export const scenarioSettingsSchema = z.object({
  /** Access token lifetime (expires_in). */
  tokenLifetimeSeconds: z.number().int().positive().default(3600),
  /** How long a started VM stays in `starting` before it is `running`. */
  vmStartDelayMs: z.number().int().nonnegative().default(4000),
  /** Retry-After on long-running operation responses. */
  lroRetryAfterSeconds: z.number().int().nonnegative().default(1),
  deviceCodeLifetimeSeconds: z.number().int().positive().default(900),
  deviceCodeIntervalSeconds: z.number().int().nonnegative().default(5),
  authCodeLifetimeSeconds: z.number().int().positive().default(600),
  /** Page size of ARM list operations (nextLink paging). */
  armPageSize: z.number().int().positive().max(1000).default(50),
  /** Default Resource Graph page size when the request has no `$top` (Azure: 1000). */
  graphPageSize: z.number().int().positive().max(1000).default(1000),
});
export type ScenarioSettings = z.output<typeof scenarioSettingsSchema>;

/** An Entra tenant and the cloud it lives in. */
export const tenantSchema = z.object({
  id: guid,
  cloud: cloudNameSchema,
  displayName: z.string().min(1),
  defaultDomain: z.string().min(1),
  domains: z.array(z.string()).default([]),
  countryCode: z.string().length(2).default('US'),
});

/** A person: member of a home tenant, optionally a B2B guest elsewhere. */
export const userSchema = z.object({
  /** Sign-in name in the home tenant. */
  upn: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'must look like user@domain'),
  displayName: z.string().min(1),
  /** Object id in the home tenant (MSAL's uid / localAccountId there). */
  objectId: guid,
  homeTenantId: guid,
  /** B2B guest memberships: the user's guest object in another tenant of the same cloud. */
  guestOf: z
    .array(
      z.object({
        tenantId: guid,
        objectId: guid,
        /** The guest's UPN in that tenant, e.g. `avery_contoso.example#EXT#@fabrikam.example`. */
        guestUpn: z.string().includes('#EXT#@'),
      }),
    )
    .default([]),
});

/** An Azure subscription of a tenant. */
export const subscriptionSchema = z.object({
  id: guid,
  tenantId: guid,
  displayName: z.string().min(1),
  state: z.enum(['Enabled', 'Warned', 'PastDue', 'Disabled', 'Deleted']).default('Enabled'),
});

/** A custom role definition (built-in roles come from roles.ts). */
export const customRoleSchema = z.object({
  id: guid,
  roleName: z.string().min(1),
  description: z.string().default(''),
  actions: z.array(z.string()).default([]),
  notActions: z.array(z.string()).default([]),
  dataActions: z.array(z.string()).default([]),
  notDataActions: z.array(z.string()).default([]),
});

/**
 * An Entra security group of one tenant. Role assignments may name it; its members hold its grants (the permissions
 * API includes them) while role-assignment listings show the group, not the members.
 */
export const groupSchema = z.object({
  /** Unique in the scenario (and distinct from every UPN): role assignments name the group by it. */
  name: z.string().min(1),
  tenantId: guid,
  /** The group's object id in its tenant; derived from tenant and name when absent. */
  objectId: guid.optional(),
  /** Home UPNs of the members; each must be a member or guest of the group's tenant. */
  members: z.array(z.string()).default([]),
});

/** A role assignment of a user or group at a subscription, resource group or resource scope. */
export const roleAssignmentSchema = z.object({
  /**
   * A user's home UPN (the assignment is made to the user's object in the scope's tenant: the guest object if a
   * guest) or a group's name (a group of the scope's tenant).
   */
  principal: z.string(),
  /** Role name (built-in or custom) or role definition GUID. */
  role: z.string(),
  /** ARM scope: a subscription, resource group or resource id. */
  scope: z.string().regex(/^\/subscriptions\/[0-9a-f-]{36}(\/.*)?$/i, 'must be a subscription, resource group or resource id'),
});

/** Instance-view status of an extension. Compute uses `Info`; Arc uses `Information`. */
export const extensionStatusSchema = z.object({
  code: z.string(),
  level: z.enum(['Info', 'Information', 'Warning', 'Error']),
  displayStatus: z.string(),
  message: z.string().optional(),
});

/** A VM or Arc machine extension with its provisioning state and instance-view status. */
export const extensionSchema = z.object({
  /** Resource name: arbitrary (the app must find AADLoginForWindows by publisher + type). */
  name: armName,
  publisher: z.string(),
  type: z.string(),
  typeHandlerVersion: z.string(),
  provisioningState: z.enum(['Creating', 'Updating', 'Succeeded', 'Failed', 'Deleting']),
  status: extensionStatusSchema.optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
});

/** A VM network interface with one IP configuration and an optional public IP. */
export const nicSchema = z.object({
  name: armName,
  privateIp,
  publicIp: z
    .object({
      name: armName,
      ipAddress: z.string(),
      domainNameLabel: z.string().optional(),
      fqdn: z.string().optional(),
    })
    .optional(),
});

/** An Azure VM with its OS, power state, identity, NICs and extensions. */
export const virtualMachineSchema = z.object({
  name: armName,
  subscriptionId: guid,
  resourceGroup: armName,
  location: z.string().min(1),
  vmId: guid,
  size: z.string().default('Standard_D2s_v5'),
  /** osProfile.computerName; null for a VM created from a specialized disk (no osProfile). Windows: ≤ 15 characters. */
  computerName: z.string().min(1).max(15).nullable(),
  os: z.object({
    type: z.enum(['Windows', 'Linux']),
    /** Guest OS name the agent reports, e.g. "Windows Server 2022 Datacenter Azure Edition". */
    name: z.string().optional(),
    version: z.string().optional(),
    image: z
      .object({ publisher: z.string(), offer: z.string(), sku: z.string(), version: z.string().default('latest') })
      .optional(),
  }),
  /** Whether the guest agent reports (computerName/osName/osVersion in the instance view). Off when not running. */
  agentReporting: z.boolean().default(true),
  identity: z.enum(['SystemAssigned', 'UserAssigned', 'SystemAssigned, UserAssigned', 'None']).default('SystemAssigned'),
  powerState: powerStateSchema,
  tags: tagsSchema,
  zones: z.array(z.string()).optional(),
  timeCreated: isoTime.default('2024-03-11T09:15:42.1234567+00:00'),
  nics: z.array(nicSchema).min(1),
  extensions: z.array(extensionSchema).default([]),
});

/** An Azure Arc-enabled server. */
export const arcMachineSchema = z.object({
  name: armName,
  subscriptionId: guid,
  resourceGroup: armName,
  location: z.string().min(1),
  vmId: guid,
  computerName: z.string().min(1).max(15),
  status: z.enum(['Connected', 'Disconnected', 'Error', 'Expired']),
  lastStatusChange: isoTime,
  agentVersion: z.string(),
  os: z.object({
    /** Arc reports osType/osName lower-case. */
    type: z.enum(['windows', 'linux']),
    sku: z.string(),
    version: z.string(),
    edition: z.string().optional(),
  }),
  domainName: z.string().optional(),
  dnsFqdn: z.string().optional(),
  machineFqdn: z.string().optional(),
  identity: z.enum(['SystemAssigned', 'None']).default('SystemAssigned'),
  privateIps: z.array(privateIp).default([]),
  tags: tagsSchema,
  extensions: z.array(extensionSchema).default([]),
});

/** A whole simulated world. */
export const scenarioSchema = z.object({
  name: z.string().min(1),
  description: z.string().default(''),
  settings: scenarioSettingsSchema.default(scenarioSettingsSchema.parse({})),
  tenants: z.array(tenantSchema).min(1),
  users: z.array(userSchema).min(1),
  subscriptions: z.array(subscriptionSchema),
  /**
   * The simulated name resolution seen from the user's computer (corporate DNS, VPN, hosts file). By default every
   * Windows machine's computer name resolves to its first private IP; these entries override that: an empty list is
   * a name that does not resolve, other addresses a stale or wrong record.
   */
  dnsRecords: z.array(z.object({ name: z.string().min(1), addresses: z.array(z.string()) })).default([]),
  customRoles: z.array(customRoleSchema).default([]),
  groups: z.array(groupSchema).default([]),
  roleAssignments: z.array(roleAssignmentSchema).default([]),
  virtualMachines: z.array(virtualMachineSchema).default([]),
  arcMachines: z.array(arcMachineSchema).default([]),
});

/** A validated scenario (defaults applied). */
export type Scenario = z.output<typeof scenarioSchema>;
/** What a scenario file may contain (defaults optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** Element types of a loaded scenario. */
export type ScenarioTenant = Scenario['tenants'][number];
export type ScenarioUser = Scenario['users'][number];
export type ScenarioSubscription = Scenario['subscriptions'][number];
export type ScenarioVm = Scenario['virtualMachines'][number];
export type ScenarioArcMachine = Scenario['arcMachines'][number];
export type ScenarioExtension = ScenarioVm['extensions'][number];
export type ScenarioNic = ScenarioVm['nics'][number];
export type ScenarioRoleAssignment = Scenario['roleAssignments'][number];
export type ScenarioGroup = Scenario['groups'][number];

function pushDuplicates(problems: string[], label: string, keys: readonly string[]): void {
  const seen = new Set<string>();
  for (const key of keys) {
    const k = key.toLowerCase();
    if (seen.has(k)) problems.push(`${label}: duplicate '${key}'`);
    seen.add(k);
  }
}

/** Cross-reference checks zod cannot express per field. Returns human-readable problems (empty when consistent). */
export function findScenarioProblems(s: Scenario): string[] {
  const problems: string[] = [];
  const tenants = new Map(s.tenants.map((t) => [t.id, t]));
  const subs = new Map(s.subscriptions.map((x) => [x.id, x]));
  const usersByUpn = new Map(s.users.map((u) => [u.upn.toLowerCase(), u]));
  const roleKeys = new Set(
    [...BUILT_IN_ROLES, ...s.customRoles].flatMap((r) => [r.id.toLowerCase(), r.roleName.toLowerCase()]),
  );

  pushDuplicates(problems, 'tenants', s.tenants.map((t) => t.id));
  pushDuplicates(problems, 'users', s.users.map((u) => u.upn));
  pushDuplicates(
    problems,
    'users and groups (objectId)',
    [...s.users.flatMap((u) => [u.objectId, ...u.guestOf.map((g) => g.objectId)]), ...s.groups.flatMap((g) => (g.objectId ? [g.objectId] : []))],
  );
  pushDuplicates(problems, 'groups and users (name)', [...s.groups.map((g) => g.name), ...s.users.map((u) => u.upn)]);
  pushDuplicates(problems, 'subscriptions', s.subscriptions.map((x) => x.id));
  pushDuplicates(problems, 'customRoles', s.customRoles.map((r) => r.roleName));
  pushDuplicates(
    problems,
    'virtualMachines',
    s.virtualMachines.map((v) => `${v.subscriptionId}/${v.resourceGroup}/${v.name}`),
  );
  pushDuplicates(problems, 'arcMachines', s.arcMachines.map((m) => `${m.subscriptionId}/${m.resourceGroup}/${m.name}`));
  pushDuplicates(
    problems,
    'network interfaces',
    s.virtualMachines.flatMap((v) => v.nics.map((n) => `${v.subscriptionId}/${v.resourceGroup}/${n.name}`)),
  );
  pushDuplicates(
    problems,
    'public IPs',
    s.virtualMachines.flatMap((v) =>
      v.nics.flatMap((n) => (n.publicIp ? [`${v.subscriptionId}/${v.resourceGroup}/${n.publicIp.name}`] : [])),
    ),
  );

  s.users.forEach((u, i) => {
    const home = tenants.get(u.homeTenantId);
    if (!home) problems.push(`users[${i}] (${u.upn}): homeTenantId ${u.homeTenantId} is not a tenant of the scenario`);
    u.guestOf.forEach((g, j) => {
      const t = tenants.get(g.tenantId);
      if (!t) problems.push(`users[${i}].guestOf[${j}]: tenant ${g.tenantId} is not a tenant of the scenario`);
      else if (home && t.cloud !== home.cloud) {
        problems.push(`users[${i}].guestOf[${j}]: a guest tenant must be in the home tenant's cloud (${home.cloud})`);
      }
      if (g.tenantId === u.homeTenantId) problems.push(`users[${i}].guestOf[${j}]: cannot be a guest in the home tenant`);
    });
  });
  s.subscriptions.forEach((x, i) => {
    if (!tenants.has(x.tenantId)) problems.push(`subscriptions[${i}]: tenantId ${x.tenantId} is not a tenant of the scenario`);
  });
  s.virtualMachines.forEach((v, i) => {
    if (!subs.has(v.subscriptionId)) problems.push(`virtualMachines[${i}] (${v.name}): unknown subscription ${v.subscriptionId}`);
    if (v.os.type === 'Windows' && v.computerName === null && v.agentReporting) {
      problems.push(`virtualMachines[${i}] (${v.name}): a VM without osProfile must have agentReporting false`);
    }
  });
  s.arcMachines.forEach((m, i) => {
    if (!subs.has(m.subscriptionId)) problems.push(`arcMachines[${i}] (${m.name}): unknown subscription ${m.subscriptionId}`);
  });
  const inTenant = (user: ScenarioUser, tenantId: string) => user.homeTenantId === tenantId || user.guestOf.some((g) => g.tenantId === tenantId);
  s.groups.forEach((g, i) => {
    if (!tenants.has(g.tenantId)) problems.push(`groups[${i}] (${g.name}): tenant ${g.tenantId} is not a tenant of the scenario`);
    g.members.forEach((upn, j) => {
      const user = usersByUpn.get(upn.toLowerCase());
      if (!user) problems.push(`groups[${i}].members[${j}]: '${upn}' is not a user of the scenario`);
      else if (!inTenant(user, g.tenantId)) problems.push(`groups[${i}].members[${j}]: ${upn} is neither member nor guest of the group's tenant`);
    });
  });
  const groupsByName = new Map(s.groups.map((g) => [g.name.toLowerCase(), g]));
  s.roleAssignments.forEach((a, i) => {
    const user = usersByUpn.get(a.principal.toLowerCase());
    const group = groupsByName.get(a.principal.toLowerCase());
    if (!user && !group) problems.push(`roleAssignments[${i}]: principal '${a.principal}' is not a user or group of the scenario`);
    if (!roleKeys.has(a.role.toLowerCase())) problems.push(`roleAssignments[${i}]: unknown role '${a.role}'`);
    const subId = a.scope.split('/')[2]?.toLowerCase() ?? '';
    const sub = subs.get(subId);
    if (!sub) {
      problems.push(`roleAssignments[${i}]: scope ${a.scope} is in no subscription of the scenario`);
    } else if (user && !inTenant(user, sub.tenantId)) {
      problems.push(`roleAssignments[${i}]: ${user.upn} is neither member nor guest of the tenant of ${a.scope}`);
    } else if (group && group.tenantId !== sub.tenantId) {
      problems.push(`roleAssignments[${i}]: group ${group.name} is not a group of the tenant of ${a.scope}`);
    }
  });
  return problems;
}

/**
 * Validates scenario data (a parsed JSON file or generated object) and applies defaults.
 *
 * @throws AppError VALIDATION_FAILED listing every problem with its path.
 */
export function loadScenario(input: unknown, source: string): Scenario {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new AppError('VALIDATION_FAILED', `Scenario ${source} is invalid:\n${lines.join('\n')}`, {
      source,
      issues: lines,
    });
  }
  const problems = findScenarioProblems(parsed.data);
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', `Scenario ${source} is inconsistent:\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
      source,
      issues: problems,
    });
  }
  return parsed.data;
}
