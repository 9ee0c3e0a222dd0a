import { createHash } from 'node:crypto';

import type { CloudName } from '../shared/clouds';
import type { PowerState } from '../shared/domain/machine';
import { AppError } from '../shared/errors/app-error';
import { allowsAction, BUILT_IN_ROLES, type RoleDefinition } from './roles';
import type {
  Scenario,
  ScenarioArcMachine,
  ScenarioExtension,
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
  private readonly assignments = new Map<string, Map<string, RoleDefinition[]>>();
  private readonly assignedSubscriptions = new Map<string, Set<string>>();
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
    for (const a of scenario.roleAssignments) this.indexAssignment(a.principal, a.role, a.scope);
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

  private indexAssignment(principalUpn: string, roleKey: string, scope: string): void {
    const user = this.usersByName.get(principalUpn.toLowerCase());
    const role = this.roles.get(roleKey.toLowerCase());
    const subId = scope.split('/')[2]?.toLowerCase() ?? '';
    const sub = this.subscriptions.get(subId);
    if (!user || !role || !sub) return;
    const principal = this.principalOf(user, sub.tenant.id);
    if (!principal) return;
    let byScope = this.assignments.get(principal.key);
    if (!byScope) {
      byScope = new Map();
      this.assignments.set(principal.key, byScope);
    }
    const scopeLower = scope.toLowerCase().replace(/\/+$/, '');
    const list = byScope.get(scopeLower) ?? [];
    list.push(role);
    byScope.set(scopeLower, list);
    let subs = this.assignedSubscriptions.get(principal.key);
    if (!subs) {
      subs = new Set();
      this.assignedSubscriptions.set(principal.key, subs);
    }
    subs.add(subId);
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

  /** Role definitions that apply at a scope: one entry per assignment at that scope or an ancestor. */
  permissionsAt(principal: Principal, scope: string): RoleDefinition[] {
    const byScope = this.assignments.get(principal.key);
    if (!byScope) return [];
    const result: RoleDefinition[] = [];
    for (const s of scopeChain(scope.toLowerCase())) {
      const roles = byScope.get(s);
      if (roles) result.push(...roles);
    }
    return result;
  }

  /** True when the principal may perform a control-plane action at the scope. */
  can(principal: Principal, scope: string, action: string): boolean {
    return allowsAction(this.permissionsAt(principal, scope), action);
  }

  /** True when the principal has any role assignment at or below the subscription (what makes it list the subscription). */
  hasAccessTo(principal: Principal, subscriptionId: string): boolean {
    return this.assignedSubscriptions.get(principal.key)?.has(subscriptionId.toLowerCase()) ?? false;
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
