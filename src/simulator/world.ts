import { createHash } from 'node:crypto';

import type { CloudName } from '../shared/clouds';
import type { PowerState } from '../shared/domain/machine';
import { AppError } from '../shared/errors/app-error';
import { allowsAction, BUILT_IN_ROLES, type RoleDefinition } from './roles';
import type {
  Scenario,
  ScenarioArcMachine,
  ScenarioExtension,
  ScenarioGroup,
  ScenarioNic,
  ScenarioSubscription,
  ScenarioTenant,
  ScenarioUser,
  ScenarioVm,
} from './scenario';

/**
 * The scenario indexed for request handling: every lookup a request needs is a Map access, and per-caller visibility
 * lists are computed once per (caller, subscription) and cached, so paging and permission checks cost O(page).
 */

/** A tenant of the scenario. */
export interface TenantRecord {
  readonly spec: ScenarioTenant;
  readonly id: string;
  readonly cloud: CloudName;
}

/** A user as seen by one tenant: the member object in the home tenant, or the B2B guest object elsewhere. */
export interface Principal {
  readonly key: string;
  readonly user: ScenarioUser;
  readonly tenant: TenantRecord;
  readonly objectId: string;
  /** UPN in that tenant (`…#EXT#@…` for a guest). */
  readonly upn: string;
  readonly isGuest: boolean;
}

/** An Entra group of one tenant and its members' objects in that tenant. */
export interface GroupRecord {
  readonly spec: ScenarioGroup;
  readonly tenant: TenantRecord;
  readonly objectId: string;
  readonly members: readonly Principal[];
}

/** One role assignment as ARM and Resource Graph list it. */
export interface RoleAssignmentRecord {
  /** `{scope}/providers/Microsoft.Authorization/roleAssignments/{name}`. */
  readonly id: string;
  readonly idLower: string;
  /** The assignment's GUID. */
  readonly name: string;
  /** As the scenario spells it, without a trailing slash. */
  readonly scope: string;
  readonly scopeLower: string;
  readonly sub: SubscriptionRecord;
  /** The principal's object id in the scope's tenant (a guest's guest object: what its tokens carry as `oid`). */
  readonly principalId: string;
  readonly principalType: 'User' | 'Group';
  readonly role: RoleDefinition;
}

/** An extension of a VM or Arc machine, with its resource id. */
export interface ExtensionRecord {
  readonly spec: ScenarioExtension;
  readonly id: string;
  readonly idLower: string;
}

/** A public IP address and the NIC it is attached to. */
export interface PublicIpRecord {
  readonly id: string;
  readonly idLower: string;
  readonly name: string;
  readonly ipAddress: string;
  readonly domainNameLabel: string | undefined;
  readonly fqdn: string | undefined;
  readonly nic: NicRecord;
}

/** A network interface, its subnet and optional public IP. */
export interface NicRecord {
  readonly spec: ScenarioNic;
  readonly id: string;
  readonly idLower: string;
  readonly subnetId: string;
  readonly subnetPrefix: string;
  readonly ipConfigId: string;
  publicIp: PublicIpRecord | null;
  readonly vm: VmRecord;
}

/** A VM with its ids, NICs, extensions and live power state. */
export interface VmRecord {
  readonly kind: 'vm';
  readonly spec: ScenarioVm;
  readonly id: string;
  readonly idLower: string;
  readonly sub: SubscriptionRecord;
  readonly resourceGroup: string;
  readonly nics: NicRecord[];
  readonly extensions: ExtensionRecord[];
  /** Mutable: starts change it. */
  power: PowerState;
}

/** An Arc machine with its ids and extensions. */
export interface ArcRecord {
  readonly kind: 'arc';
  readonly spec: ScenarioArcMachine;
  readonly id: string;
  readonly idLower: string;
  readonly sub: SubscriptionRecord;
  readonly resourceGroup: string;
  readonly extensions: ExtensionRecord[];
}

/** A resource group and the machines and NICs in it (sorted by id). */
export interface ResourceGroupRecord {
  readonly name: string;
  readonly id: string;
  readonly idLower: string;
  readonly location: string;
  readonly vms: VmRecord[];
  readonly arcs: ArcRecord[];
  readonly nics: NicRecord[];
}

/** A subscription, its tenant, its machines and its resource groups. */
export interface SubscriptionRecord {
  readonly spec: ScenarioSubscription;
  readonly id: string;
  readonly idLower: string;
  readonly tenant: TenantRecord;
  /** Sorted by lower-cased id (the order lists and Resource Graph return). */
  readonly vms: VmRecord[];
  readonly arcs: ArcRecord[];
  readonly nics: NicRecord[];
  readonly groups: Map<string, ResourceGroupRecord>;
}

/** Read actions that decide whether a caller sees a resource in lists, ARM GETs and Resource Graph. */
export const READ_ACTIONS = {
  vm: 'Microsoft.Compute/virtualMachines/read',
  vmExtension: 'Microsoft.Compute/virtualMachines/extensions/read',
  vmInstanceView: 'Microsoft.Compute/virtualMachines/instanceView/read',
  arc: 'Microsoft.HybridCompute/machines/read',
  arcExtension: 'Microsoft.HybridCompute/machines/extensions/read',
  nic: 'Microsoft.Network/networkInterfaces/read',
  publicIp: 'Microsoft.Network/publicIPAddresses/read',
  resourceGroup: 'Microsoft.Resources/subscriptions/resourceGroups/read',
  roleAssignment: 'Microsoft.Authorization/roleAssignments/read',
} as const;

const derivedGuids = new Map<string, string>();

/** Deterministic GUID from a seed string (identity principal ids, resource GUIDs); memoised, as lists ask often. */
export function deriveGuid(seed: string): string {
  const known = derivedGuids.get(seed);
  if (known) return known;
  const h = createHash('sha1').update(seed).digest('hex');
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  const guid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  // Bounded so a long-running demo cannot grow it without limit (the scale world needs ~100k entries).
  if (derivedGuids.size > 200_000) derivedGuids.clear();
  derivedGuids.set(seed, guid);
  return guid;
}

/** Every prefix of a lower-cased scope at a `/` boundary: the scopes whose assignments apply to it. */
export function scopeChain(scopeLower: string): string[] {
  const chain: string[] = [];
  for (let i = 1; i < scopeLower.length; i += 1) {
    if (scopeLower[i] === '/') chain.push(scopeLower.slice(0, i));
  }
  chain.push(scopeLower.replace(/\/+$/, ''));
  return chain;
}

/** The roles granted to one principal at one scope. */
interface Grant {
  readonly scopeLower: string;
  readonly roles: RoleDefinition[];
}

/** True when `scopeLower` is `grantScope` or below it. */
function covers(grantScope: string, scopeLower: string): boolean {
  if (scopeLower.length === grantScope.length) return scopeLower === grantScope;
  return scopeLower.length > grantScope.length && scopeLower.charCodeAt(grantScope.length) === 47 && scopeLower.startsWith(grantScope);
}

const SUBSCRIPTIONS_PREFIX = '/subscriptions/';

/** The lower-cased subscription id of a lower-cased scope, or '' when the scope is not in a subscription. */
function subscriptionIdOf(scopeLower: string): string {
  if (!scopeLower.startsWith(SUBSCRIPTIONS_PREFIX)) return '';
  const end = scopeLower.indexOf('/', SUBSCRIPTIONS_PREFIX.length);
  return end < 0 ? scopeLower.slice(SUBSCRIPTIONS_PREFIX.length) : scopeLower.slice(SUBSCRIPTIONS_PREFIX.length, end);
}

function normalizeScope(scope: string): string {
  const lower = scope.toLowerCase();
  return lower.endsWith('/') ? lower.replace(/\/+$/, '') : lower;
}

function byIdLower<T extends { idLower: string }>(a: T, b: T): number {
  return a.idLower < b.idLower ? -1 : a.idLower > b.idLower ? 1 : 0;
}

/** The indexed, mutable state of a running simulator. */
export class World {
  readonly tenants = new Map<string, TenantRecord>();
  readonly subscriptions = new Map<string, SubscriptionRecord>();
  readonly vms = new Map<string, VmRecord>();
  readonly arcs = new Map<string, ArcRecord>();
  readonly nics = new Map<string, NicRecord>();
  readonly publicIps = new Map<string, PublicIpRecord>();
  readonly roles = new Map<string, RoleDefinition>();
  /** Bumped whenever a machine changes state, so cached results that embed state can be told stale. */
  revision = 0;

  private readonly principals = new Map<string, Principal>();
  private readonly usersByName = new Map<string, ScenarioUser>();
  private readonly groupsByName = new Map<string, GroupRecord>();
  /**
   * Per principal key, per subscription: the scopes with grants (the principal's own and its groups'), widest first.
   * A permission check scans the few grants of one subscription with prefix tests instead of building the scope's
   * chain of ancestors: at scale, Resource Graph pages make tens of thousands of checks.
   */
  private readonly grants = new Map<string, Map<string, Grant[]>>();
  private readonly allowed = new Map<RoleDefinition, Map<string, boolean>>();
  /** The listable assignments by lower-cased scope, and per subscription sorted by id. */
  private readonly assignmentsByScope = new Map<string, RoleAssignmentRecord[]>();
  private readonly assignmentsBySubscription = new Map<string, RoleAssignmentRecord[]>();
  private readonly visibleCache = new Map<string, readonly unknown[]>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly scenario: Scenario) {
    for (const t of scenario.tenants) this.tenants.set(t.id, { spec: t, id: t.id, cloud: t.cloud });
    for (const role of [...BUILT_IN_ROLES, ...scenario.customRoles.map((r) => ({ ...r, roleType: 'CustomRole' as const }))]) {
      this.roles.set(role.id.toLowerCase(), role);
      this.roles.set(role.roleName.toLowerCase(), role);
    }
    for (const u of scenario.users) this.indexUser(u);
    for (const s of scenario.subscriptions) this.indexSubscription(s);
    for (const vm of scenario.virtualMachines) this.indexVm(vm);
    for (const m of scenario.arcMachines) this.indexArc(m);
    for (const sub of this.subscriptions.values()) {
      sub.vms.sort(byIdLower);
      sub.arcs.sort(byIdLower);
      sub.nics.sort(byIdLower);
      for (const g of sub.groups.values()) {
        g.vms.sort(byIdLower);
        g.arcs.sort(byIdLower);
        g.nics.sort(byIdLower);
      }
    }
    for (const g of scenario.groups) this.indexGroup(g);
    scenario.roleAssignments.forEach((a, i) => this.indexAssignment(a.principal, a.role, a.scope, i));
    for (const list of this.assignmentsBySubscription.values()) list.sort(byIdLower);
  }

  private indexGroup(spec: ScenarioGroup): void {
    const tenant = this.tenants.get(spec.tenantId);
    if (!tenant) return;
    const members = spec.members
      .map((upn) => this.usersByName.get(upn.toLowerCase()))
      .map((user) => (user ? this.principalOf(user, tenant.id) : undefined))
      .filter((p): p is Principal => p !== undefined);
    const objectId = spec.objectId ?? deriveGuid(`group|${tenant.id}|${spec.name.toLowerCase()}`);
    this.groupsByName.set(spec.name.toLowerCase(), { spec, tenant, objectId, members });
  }

  private indexUser(u: ScenarioUser): void {
    this.usersByName.set(u.upn.toLowerCase(), u);
    const home = this.tenants.get(u.homeTenantId);
    if (!home) return;
    this.addPrincipal({ key: `${home.id}|${u.objectId}`, user: u, tenant: home, objectId: u.objectId, upn: u.upn, isGuest: false });
    for (const g of u.guestOf) {
      const t = this.tenants.get(g.tenantId);
      if (!t) continue;
      this.usersByName.set(g.guestUpn.toLowerCase(), u);
      this.addPrincipal({ key: `${t.id}|${g.objectId}`, user: u, tenant: t, objectId: g.objectId, upn: g.guestUpn, isGuest: true });
    }
  }

  private addPrincipal(p: Principal): void {
    this.principals.set(p.key, p);
  }

  private indexSubscription(s: ScenarioSubscription): void {
    const tenant = this.tenants.get(s.tenantId);
    if (!tenant) return;
    this.subscriptions.set(s.id, {
      spec: s,
      id: `/subscriptions/${s.id}`,
      idLower: `/subscriptions/${s.id}`,
      tenant,
      vms: [],
      arcs: [],
      nics: [],
      groups: new Map(),
    });
  }

  private group(sub: SubscriptionRecord, name: string, location: string): ResourceGroupRecord {
    const key = name.toLowerCase();
    let g = sub.groups.get(key);
    if (!g) {
      const id = `/subscriptions/${sub.spec.id}/resourceGroups/${name}`;
      g = { name, id, idLower: id.toLowerCase(), location, vms: [], arcs: [], nics: [] };
      sub.groups.set(key, g);
    }
    return g;
  }

  private indexVm(spec: ScenarioVm): void {
    const sub = this.subscriptions.get(spec.subscriptionId);
    if (!sub) return;
    const rg = this.group(sub, spec.resourceGroup, spec.location);
    const rgPath = `/subscriptions/${spec.subscriptionId}/resourceGroups/${rg.name}`;
    const id = `${rgPath}/providers/Microsoft.Compute/virtualMachines/${spec.name}`;
    const vm: VmRecord = {
      kind: 'vm',
      spec,
      id,
      idLower: id.toLowerCase(),
      sub,
      resourceGroup: rg.name,
      nics: [],
      extensions: spec.extensions.map((e) => {
        const extId = `${id}/extensions/${e.name}`;
        return { spec: e, id: extId, idLower: extId.toLowerCase() };
      }),
      power: spec.powerState,
    };
    for (const n of spec.nics) {
      const nicId = `${rgPath}/providers/Microsoft.Network/networkInterfaces/${n.name}`;
      const octets = n.privateIp.split('.');
      const vnet = `vnet-${rg.name.toLowerCase().replace(/^rg-/, '')}`;
      const nic: NicRecord = {
        spec: n,
        id: nicId,
        idLower: nicId.toLowerCase(),
        subnetId: `${rgPath}/providers/Microsoft.Network/virtualNetworks/${vnet}/subnets/snet-default`,
        subnetPrefix: `${octets.slice(0, 3).join('.')}.0/24`,
        ipConfigId: `${nicId}/ipConfigurations/ipconfig1`,
        publicIp: null,
        vm,
      };
      if (n.publicIp) {
        const pipId = `${rgPath}/providers/Microsoft.Network/publicIPAddresses/${n.publicIp.name}`;
        const pip: PublicIpRecord = {
          id: pipId,
          idLower: pipId.toLowerCase(),
          name: n.publicIp.name,
          ipAddress: n.publicIp.ipAddress,
          domainNameLabel: n.publicIp.domainNameLabel,
          fqdn: n.publicIp.fqdn,
          nic,
        };
        nic.publicIp = pip;
        this.publicIps.set(pip.idLower, pip);
      }
      vm.nics.push(nic);
      this.nics.set(nic.idLower, nic);
      sub.nics.push(nic);
      rg.nics.push(nic);
    }
    this.vms.set(vm.idLower, vm);
    sub.vms.push(vm);
    rg.vms.push(vm);
  }

  private indexArc(spec: ScenarioArcMachine): void {
    const sub = this.subscriptions.get(spec.subscriptionId);
    if (!sub) return;
    const rg = this.group(sub, spec.resourceGroup, spec.location);
    const id = `/subscriptions/${spec.subscriptionId}/resourceGroups/${rg.name}/providers/Microsoft.HybridCompute/machines/${spec.name}`;
    const arc: ArcRecord = {
      kind: 'arc',
      spec,
      id,
      idLower: id.toLowerCase(),
      sub,
      resourceGroup: rg.name,
      extensions: spec.extensions.map((e) => {
        const extId = `${id}/extensions/${e.name}`;
        return { spec: e, id: extId, idLower: extId.toLowerCase() };
      }),
    };
    this.arcs.set(arc.idLower, arc);
    sub.arcs.push(arc);
    rg.arcs.push(arc);
  }

  private indexAssignment(principalName: string, roleKey: string, scope: string, index: number): void {
    const role = this.roles.get(roleKey.toLowerCase());
    const subId = scope.split('/')[2]?.toLowerCase() ?? '';
    const sub = this.subscriptions.get(subId);
    if (!role || !sub) return;
    const user = this.usersByName.get(principalName.toLowerCase());
    const group = user ? undefined : this.groupsByName.get(principalName.toLowerCase());
    const principal = user ? this.principalOf(user, sub.tenant.id) : undefined;
    let holders: readonly Principal[];
    let principalId: string;
    if (principal) {
      holders = [principal];
      principalId = principal.objectId;
    } else if (group && group.tenant.id === sub.tenant.id) {
      holders = group.members;
      principalId = group.objectId;
    } else {
      return;
    }
    const scopeText = scope.replace(/\/+$/, '');
    const scopeLower = scopeText.toLowerCase();
    for (const holder of holders) this.grant(holder, scopeLower, role, subId);

    const name = deriveGuid(`role-assignment|${index}|${scopeLower}|${principalId}|${role.id}`);
    const id = `${scopeText}/providers/Microsoft.Authorization/roleAssignments/${name}`;
    const record: RoleAssignmentRecord = {
      id,
      idLower: id.toLowerCase(),
      name,
      scope: scopeText,
      scopeLower,
      sub,
      principalId,
      principalType: principal ? 'User' : 'Group',
      role,
    };
    const atScope = this.assignmentsByScope.get(scopeLower);
    if (atScope) atScope.push(record);
    else this.assignmentsByScope.set(scopeLower, [record]);
    const inSub = this.assignmentsBySubscription.get(subId);
    if (inSub) inSub.push(record);
    else this.assignmentsBySubscription.set(subId, [record]);
  }

  private grant(principal: Principal, scopeLower: string, role: RoleDefinition, subId: string): void {
    let bySub = this.grants.get(principal.key);
    if (!bySub) {
      bySub = new Map();
      this.grants.set(principal.key, bySub);
    }
    const list = bySub.get(subId) ?? [];
    const existing = list.find((g) => g.scopeLower === scopeLower);
    if (existing) {
      existing.roles.push(role);
      return;
    }
    list.push({ scopeLower, roles: [role] });
    // Widest first (an ancestor is always shorter), so permissionsAt lists roles from the subscription down.
    list.sort((a, b) => a.scopeLower.length - b.scopeLower.length);
    bySub.set(subId, list);
  }

  private grantsFor(principal: Principal, scopeLower: string): readonly Grant[] {
    return this.grants.get(principal.key)?.get(subscriptionIdOf(scopeLower)) ?? [];
  }

  private allows(role: RoleDefinition, action: string): boolean {
    let byAction = this.allowed.get(role);
    if (!byAction) {
      byAction = new Map();
      this.allowed.set(role, byAction);
    }
    let result = byAction.get(action);
    if (result === undefined) {
      result = allowsAction([role], action);
      byAction.set(action, result);
    }
    return result;
  }

  /** A group by name (case-insensitive). */
  groupByName(name: string): GroupRecord | undefined {
    return this.groupsByName.get(name.toLowerCase());
  }

  /** Role assignments of a subscription (every scope in it), sorted by lower-cased id. */
  roleAssignmentsOfSubscription(subscriptionId: string): readonly RoleAssignmentRecord[] {
    return this.assignmentsBySubscription.get(subscriptionId.toLowerCase()) ?? [];
  }

  /**
   * Role assignments at, above and below a scope (what ARM lists without `$filter`), sorted by lower-cased id. Above:
   * the scope's chain of ancestors; below: the subscription's assignments under the scope.
   */
  roleAssignmentsAround(scope: string): RoleAssignmentRecord[] {
    const scopeLower = scope.toLowerCase().replace(/\/+$/, '');
    const result: RoleAssignmentRecord[] = [];
    for (const s of scopeChain(scopeLower)) result.push(...(this.assignmentsByScope.get(s) ?? []));
    const subId = scopeLower.split('/')[2] ?? '';
    const prefix = `${scopeLower}/`;
    for (const a of this.roleAssignmentsOfSubscription(subId)) if (a.scopeLower.startsWith(prefix)) result.push(a);
    return result.sort(byIdLower);
  }

  /** The user's object in a tenant (member or guest), or undefined when the user is not in that tenant. */
  principalOf(user: ScenarioUser, tenantId: string): Principal | undefined {
    if (user.homeTenantId === tenantId) return this.principals.get(`${tenantId}|${user.objectId}`);
    const guest = user.guestOf.find((g) => g.tenantId === tenantId);
    return guest ? this.principals.get(`${tenantId}|${guest.objectId}`) : undefined;
  }

  /** The principal a token names (tid + oid). */
  principalByToken(tenantId: string, objectId: string): Principal | undefined {
    return this.principals.get(`${tenantId}|${objectId}`);
  }

  /** A user by home UPN or guest UPN (case-insensitive). */
  userByName(name: string): ScenarioUser | undefined {
    return this.usersByName.get(name.toLowerCase());
  }

  /** The user's home tenant record. */
  homeTenantOf(user: ScenarioUser): TenantRecord {
    const t = this.tenants.get(user.homeTenantId);
    if (!t) throw new AppError('INTERNAL', `User ${user.upn} has no home tenant`);
    return t;
  }

  /** Users whose home tenant is in the cloud. */
  usersOfCloud(cloud: CloudName): ScenarioUser[] {
    return this.scenario.users.filter((u) => this.tenants.get(u.homeTenantId)?.cloud === cloud);
  }

  /** Members and guests of a tenant. */
  usersOfTenant(tenantId: string): ScenarioUser[] {
    return this.scenario.users.filter((u) => u.homeTenantId === tenantId || u.guestOf.some((g) => g.tenantId === tenantId));
  }

  /** Tenants of one cloud. */
  tenantsOfCloud(cloud: CloudName): TenantRecord[] {
    return [...this.tenants.values()].filter((t) => t.cloud === cloud);
  }

  /** Finds a tenant of the cloud by GUID or verified domain (as Entra accepts either in the authority path). */
  findTenant(cloud: CloudName, idOrDomain: string): TenantRecord | undefined {
    const key = idOrDomain.toLowerCase();
    for (const t of this.tenants.values()) {
      if (t.cloud !== cloud) continue;
      if (t.id === key || t.spec.defaultDomain.toLowerCase() === key || t.spec.domains.some((d) => d.toLowerCase() === key)) {
        return t;
      }
    }
    return undefined;
  }

  /** Role definitions that apply at a scope: one entry per assignment at that scope or an ancestor, widest first. */
  permissionsAt(principal: Principal, scope: string): RoleDefinition[] {
    const scopeLower = normalizeScope(scope);
    const result: RoleDefinition[] = [];
    for (const g of this.grantsFor(principal, scopeLower)) if (covers(g.scopeLower, scopeLower)) result.push(...g.roles);
    return result;
  }

  /** True when the principal may perform a control-plane action at the scope. */
  can(principal: Principal, scope: string, action: string): boolean {
    const scopeLower = normalizeScope(scope);
    for (const g of this.grantsFor(principal, scopeLower)) {
      if (covers(g.scopeLower, scopeLower) && g.roles.some((role) => this.allows(role, action))) return true;
    }
    return false;
  }

  /** True when the principal has any role assignment at or below the subscription (what makes it list the subscription). */
  hasAccessTo(principal: Principal, subscriptionId: string): boolean {
    return this.grants.get(principal.key)?.has(subscriptionId.toLowerCase()) ?? false;
  }

  /** Subscriptions of the principal's tenant that the principal can see, in scenario order. */
  visibleSubscriptions(principal: Principal): SubscriptionRecord[] {
    return this.scenario.subscriptions
      .map((s) => this.subscriptions.get(s.id))
      .filter((s): s is SubscriptionRecord => !!s && s.tenant.id === principal.tenant.id && this.hasAccessTo(principal, s.spec.id));
  }

  private cached<T>(key: string, compute: () => T[]): readonly T[] {
    const hit = this.visibleCache.get(key);
    if (hit) return hit as readonly T[];
    const value = compute();
    this.visibleCache.set(key, value);
    return value;
  }

  /** VMs of a subscription (optionally one resource group) the principal can read, sorted by id. */
  visibleVms(principal: Principal, sub: SubscriptionRecord, group?: ResourceGroupRecord): readonly VmRecord[] {
    const source = group ? group.vms : sub.vms;
    return this.cached(`vm|${principal.key}|${group?.idLower ?? sub.idLower}`, () =>
      source.filter((vm) => this.can(principal, vm.id, READ_ACTIONS.vm)),
    );
  }

  /** Arc machines of a subscription (optionally one resource group) the principal can read, sorted by id. */
  visibleArcs(principal: Principal, sub: SubscriptionRecord, group?: ResourceGroupRecord): readonly ArcRecord[] {
    const source = group ? group.arcs : sub.arcs;
    return this.cached(`arc|${principal.key}|${group?.idLower ?? sub.idLower}`, () =>
      source.filter((m) => this.can(principal, m.id, READ_ACTIONS.arc)),
    );
  }

  /** NICs of a subscription the principal can read, sorted by id. */
  visibleNics(principal: Principal, sub: SubscriptionRecord): readonly NicRecord[] {
    return this.cached(`nic|${principal.key}|${sub.idLower}`, () =>
      sub.nics.filter((n) => this.can(principal, n.id, READ_ACTIONS.nic)),
    );
  }

  /**
   * Starts a VM: `starting` now, `running` after `delayMs`. Returns when it will be running (epoch ms).
   * A running VM stays running (Azure accepts the call and completes at once).
   */
  startVm(vm: VmRecord, delayMs: number): number {
    if (vm.power === 'running') return Date.now();
    vm.power = 'starting';
    this.revision += 1;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      vm.power = 'running';
      this.revision += 1;
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
    return Date.now() + delayMs;
  }

  /** Cancels pending state changes (simulator stop). */
  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
