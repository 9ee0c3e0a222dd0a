import { randomUUID } from 'node:crypto';

import type { CloudName } from '../shared/clouds';
import { isArmAudience } from './audiences';
import {
  arcExtensionJson,
  arcJson,
  nicJson,
  publicIpJson,
  resourceGroupJson,
  roleAssignmentJson,
  roleDefinitionJson,
  subscriptionJson,
  tenantJson,
  vmExtensionJson,
  vmInstanceViewJson,
  vmJson,
} from './arm-shapes';
import type { SimContext } from './context';
import { armErrorResponse, header, jsonResponse, type SimRequest, type SimResponse } from './http';
import { GRAPH_API_VERSIONS, ResourceGraphService } from './resource-graph';
import { toPermissionElement } from './roles';
import { type ArcRecord, type Principal, READ_ACTIONS, type SubscriptionRecord, type VmRecord } from './world';

/**
 * Simulated Azure Resource Manager for one cloud: tenants, subscriptions, Microsoft.Compute (VMs, instance view,
 * start as a long-running operation, extensions), Microsoft.Network (NICs, public IPs), Microsoft.HybridCompute
 * (machines, extensions), Microsoft.Authorization (permissions, role assignments, role definitions) and Resource Graph. Every request needs a bearer token
 * this simulator issued for this cloud's ARM audience; the token's tenant decides what is visible.
 */

const HYBRID_API_VERSIONS = ['2021-05-20', '2022-12-27', '2024-07-10'] as const;
const AUTHORIZATION_API_VERSIONS = ['2015-07-01', '2018-01-01-preview', '2022-04-01'] as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const apiVersionPattern = /^\d{4}-\d{2}-\d{2}(-preview)?$/;

const ACTIONS = {
  vmStart: 'Microsoft.Compute/virtualMachines/start/action',
  permissions: 'Microsoft.Authorization/permissions/read',
  roleDefinitionRead: 'Microsoft.Authorization/roleDefinitions/read',
  subscriptionRead: 'Microsoft.Resources/subscriptions/read',
} as const;

interface StartOperation {
  readonly id: string;
  readonly vm: VmRecord;
  readonly principalKey: string;
  readonly startTime: string;
  polls: number;
  endTime: string | undefined;
}

type Auth = { readonly principal: Principal } | { readonly response: SimResponse };

interface Bucket {
  tokens: number;
  at: number;
}

function notFoundPath(req: SimRequest): SimResponse {
  return armErrorResponse(404, 'NotFound', `No HTTP resource was found that matches the request URI '${req.url.pathname}' (${req.method}).`);
}

function resourceNotFound(type: string, name: string, group: string): SimResponse {
  return armErrorResponse(
    404,
    'ResourceNotFound',
    `The Resource '${type}/${name}' under resource group '${group}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

function authorizationFailed(principal: Principal, action: string, scope: string): SimResponse {
  return armErrorResponse(
    403,
    'AuthorizationFailed',
    `The client '${principal.upn}' with object id '${principal.objectId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}

function encodeSkip(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeSkip(token: string): number | null {
  const match = /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match?.[1] ? Number(match[1]) : null;
}

/** The ARM side of the simulator (state shared by the three cloud listeners). */
export class ArmService {
  private readonly graph: ResourceGraphService;
  private readonly operations = new Map<string, StartOperation>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly graphWindows = new Map<string, number[]>();
  private readonly jsonCache = new WeakMap<VmRecord | ArcRecord, string>();

  constructor(private readonly ctx: SimContext) {
    this.graph = new ResourceGraphService(ctx);
  }

  /** Handles an ARM or Resource Graph request on a cloud listener. */
  handle(req: SimRequest): SimResponse {
    const cloud = req.listener;
    if (cloud === 'pages') return notFoundPath(req);
    const correlation = header(req, 'x-ms-correlation-request-id') ?? header(req, 'x-ms-client-request-id') ?? randomUUID();
    const requestId = randomUUID();
    const common: Record<string, string> = {
      'x-ms-request-id': requestId,
      'x-ms-correlation-request-id': correlation,
      'x-ms-routing-request-id': `WESTEUROPE:${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}Z:${requestId}`,
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    };
    const auth = this.authenticate(req, cloud);
    if ('response' in auth) return withHeaders(auth.response, common);
    const response = this.route(req, cloud, auth.principal);
    return withHeaders(response, { ...common, ...this.throttleHeaders(req, auth.principal) });
  }

  private authenticate(req: SimRequest, cloud: CloudName): Auth {
    const value = header(req, 'authorization');
    const challenge = (description: string): Record<string, string> => ({
      'www-authenticate': `Bearer authorization_uri="${req.baseUrl}/", error="invalid_token", error_description="${description}"`,
    });
    if (!value) {
      const d = "The authentication failed because of missing 'Authorization' header.";
      return { response: armErrorResponse(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.", challenge(d)) };
    }
    const match = /^Bearer\s+(\S+)$/i.exec(value);
    if (!match?.[1]) {
      const d = "The authentication failed because of invalid 'Authorization' header.";
      return {
        response: armErrorResponse(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is provided in an invalid format.", challenge(d)),
      };
    }
    const claims = this.ctx.signer.verify(match[1]);
    if (!claims) {
      return { response: armErrorResponse(401, 'InvalidAuthenticationToken', 'The access token is invalid.', challenge('The access token is invalid.')) };
    }
    if (!isArmAudience(cloud, claims.aud)) {
      return {
        response: armErrorResponse(
          401,
          'InvalidAuthenticationTokenAudience',
          `The access token has been obtained for wrong audience or resource '${String(claims.aud)}'. It should exactly match with one of the allowed audiences of ${cloud} Resource Manager.`,
          challenge('The access token has been obtained for wrong audience or resource.'),
        ),
      };
    }
    const exp = typeof claims.exp === 'number' ? claims.exp : 0;
    if (exp * 1000 <= Date.now()) {
      return {
        response: armErrorResponse(
          401,
          'ExpiredAuthenticationToken',
          `The access token expiry UTC time '${new Date(exp * 1000).toUTCString()}' is earlier than current UTC time '${new Date().toUTCString()}'.`,
          challenge('The access token expiry UTC time is earlier than current UTC time.'),
        ),
      };
    }
    const principal =
      typeof claims.tid === 'string' && typeof claims.oid === 'string' ? this.ctx.world.principalByToken(claims.tid, claims.oid) : undefined;
    if (!principal || principal.tenant.cloud !== cloud) {
      return { response: armErrorResponse(401, 'InvalidAuthenticationToken', 'The access token names no principal of this cloud.', challenge('The access token is invalid.')) };
    }
    return { principal };
  }

  private bucket(key: string, capacity: number, refillPerSecond: number): number {
    const now = Date.now();
    const b = this.buckets.get(key) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * refillPerSecond) - 1;
    b.at = now;
    if (b.tokens < 0) b.tokens = 0;
    this.buckets.set(key, b);
    return Math.floor(b.tokens);
  }

  /** ARM's token-bucket counters (informational: throttling itself is a fault knob) and ARG's user quota. */
  private throttleHeaders(req: SimRequest, principal: Principal): Record<string, string> {
    const path = req.url.pathname.toLowerCase();
    if (path.startsWith('/providers/microsoft.resourcegraph/')) {
      const now = Date.now();
      const window = (this.graphWindows.get(principal.key) ?? []).filter((t) => now - t < 5000);
      window.push(now);
      this.graphWindows.set(principal.key, window);
      const resetMs = Math.max(0, 5000 - (now - (window[0] ?? now)));
      return {
        'x-ms-user-quota-remaining': String(Math.max(0, 15 - window.length)),
        'x-ms-user-quota-resets-after': `00:00:0${Math.ceil(resetMs / 1000)}`,
        'x-ms-resource-graph-request-duration': '0:00:00:00.0123457',
      };
    }
    const sub = /^\/subscriptions\/([^/]+)/.exec(path)?.[1];
    const write = req.method !== 'GET';
    const scope = sub ? 'subscription' : 'tenant';
    const kind = write ? 'writes' : 'reads';
    const remaining = this.bucket(`${principal.key}|${sub ?? 'tenant'}|${kind}`, write ? 200 : 250, write ? 10 : 25);
    const headers: Record<string, string> = {
      [`x-ms-ratelimit-remaining-${scope}-${kind}`]: String(remaining),
      [`x-ms-ratelimit-remaining-${scope}-global-${kind}`]: String(remaining * 15),
    };
    if (path.includes('/providers/microsoft.compute/')) {
      const low = this.bucket(`${principal.key}|${sub ?? ''}|compute`, 4000, 22);
      headers['x-ms-ratelimit-remaining-resource'] = `Microsoft.Compute/LowCostGet3Min;${low},Microsoft.Compute/LowCostGet30Min;${low * 8}`;
    }
    return headers;
  }

  private apiVersion(req: SimRequest, allowed?: readonly string[], code = 'InvalidApiVersionParameter'): SimResponse | null {
    const v = req.url.searchParams.get('api-version');
    if (!v) return armErrorResponse(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
    if (!apiVersionPattern.test(v) || (allowed && !allowed.includes(v))) {
      return armErrorResponse(
        400,
        code,
        `The api-version '${v}' is invalid.${allowed ? ` The supported versions are '${allowed.join(',')}'.` : ''}`,
      );
    }
    return null;
  }

  /** Subscription-level checks shared by every /subscriptions/{id}/… route. */
  private gate(principal: Principal, cloud: CloudName, subscriptionId: string, action: string, scope: string): SubscriptionRecord | SimResponse {
    const sub = this.ctx.world.subscriptions.get(subscriptionId.toLowerCase());
    if (!sub || sub.tenant.cloud !== cloud) {
      return armErrorResponse(404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);
    }
    if (sub.tenant.id !== principal.tenant.id) {
      return armErrorResponse(
        401,
        'InvalidAuthenticationTokenTenant',
        `The access token is from the wrong issuer '${this.ctx.baseUrls[cloud]}/${principal.tenant.id}/'. It must match the tenant '${this.ctx.baseUrls[cloud]}/${sub.tenant.id}/' associated with this subscription. Please use the authority (URL) '${this.ctx.baseUrls[cloud]}/${sub.tenant.id}' to get the token.`,
      );
    }
    if (this.ctx.faults.isForbidden(sub.spec.id) || !this.ctx.world.hasAccessTo(principal, sub.spec.id)) {
      return authorizationFailed(principal, action, scope);
    }
    return sub;
  }

  /** One nextLink page; `render` returns each item's JSON text, so cached items are not serialised again. */
  private page<T>(req: SimRequest, items: readonly T[], render: (item: T) => string): SimResponse {
    const token = req.url.searchParams.get('$skiptoken');
    const offset = token === null ? 0 : decodeSkip(token);
    if (offset === null) return armErrorResponse(400, 'InvalidSkipToken', 'The $skiptoken is invalid.');
    const size = this.ctx.settings.armPageSize;
    const value = items.slice(offset, offset + size).map(render).join(',');
    let nextLink = '';
    if (offset + size < items.length) {
      const params = new URLSearchParams(req.url.searchParams);
      params.delete('$skiptoken');
      // ARM writes `$skiptoken` literally (not %24skiptoken); the token itself is URL-safe.
      nextLink = `,"nextLink":${JSON.stringify(`${req.baseUrl}${req.url.pathname}?${params.toString()}&$skiptoken=${encodeSkip(offset + size)}`)}`;
    }
    return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: `{"value":[${value}]${nextLink}}` };
  }

  /** A VM's JSON text; without the instance view it never changes, so it is cached. */
  private vmText(vm: VmRecord, instanceView: boolean): string {
    if (instanceView) return JSON.stringify(vmJson(vm, true));
    let text = this.jsonCache.get(vm);
    if (text === undefined) {
      text = JSON.stringify(vmJson(vm, false));
      this.jsonCache.set(vm, text);
    }
    return text;
  }

  private arcText(arc: ArcRecord): string {
    let text = this.jsonCache.get(arc);
    if (text === undefined) {
      text = JSON.stringify(arcJson(arc));
      this.jsonCache.set(arc, text);
    }
    return text;
  }

  private route(req: SimRequest, cloud: CloudName, principal: Principal): SimResponse {
    const parts = req.url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const lower = parts.map((p) => p.toLowerCase());
    const at = (i: number): string => lower[i] ?? '';

    if (lower.length === 3 && at(0) === 'providers' && at(1) === 'microsoft.resourcegraph' && at(2) === 'resources') {
      if (req.method !== 'POST') return notFoundPath(req);
      return this.apiVersion(req, GRAPH_API_VERSIONS) ?? this.graph.query(principal, req.body);
    }
    const permissionsAt = lower.findIndex((p, i) => p === 'providers' && at(i + 1) === 'microsoft.authorization' && at(i + 2) === 'permissions');
    if (permissionsAt >= 0 && permissionsAt + 3 === lower.length && req.method === 'GET') {
      return this.apiVersion(req, AUTHORIZATION_API_VERSIONS, 'NoRegisteredProviderFound') ?? this.permissions(req, cloud, principal, parts.slice(0, permissionsAt));
    }
    const rolesAt = lower.findIndex(
      (p, i) => p === 'providers' && at(i + 1) === 'microsoft.authorization' && (at(i + 2) === 'roleassignments' || at(i + 2) === 'roledefinitions'),
    );
    if (rolesAt >= 0 && req.method === 'GET') {
      const scopeParts = parts.slice(0, rolesAt);
      const bad = this.apiVersion(req, AUTHORIZATION_API_VERSIONS, 'NoRegisteredProviderFound');
      if (at(rolesAt + 2) === 'roleassignments' && rolesAt + 3 === lower.length) return bad ?? this.roleAssignments(req, cloud, principal, scopeParts);
      if (at(rolesAt + 2) === 'roledefinitions' && rolesAt + 4 === lower.length) {
        return bad ?? this.roleDefinition(cloud, principal, scopeParts, at(rolesAt + 3));
      }
    }
    if (req.method === 'GET' && lower.length === 1 && at(0) === 'tenants') return this.apiVersion(req) ?? this.tenants(principal);
    if (at(0) !== 'subscriptions') return notFoundPath(req);
    if (lower.length === 1 && req.method === 'GET') {
      const bad = this.apiVersion(req);
      if (bad) return bad;
      const value = this.ctx.world.visibleSubscriptions(principal).map(subscriptionJson);
      return jsonResponse(200, { count: { type: 'Total', value: value.length }, value });
    }
    const subId = parts[1] ?? '';
    const subScope = `/subscriptions/${subId}`;
    if (lower.length === 2 && req.method === 'GET') {
      const gated = this.gate(principal, cloud, subId, ACTIONS.subscriptionRead, subScope);
      return this.apiVersion(req) ?? (isResponse(gated) ? gated : jsonResponse(200, subscriptionJson(gated)));
    }
    // /subscriptions/{s}/providers/{namespace}/…
    if (at(2) === 'providers') return this.subscriptionProviders(req, cloud, principal, parts, lower);
    // /subscriptions/{s}/resourceGroups/{rg}[/providers/{namespace}/…]
    if (at(2) === 'resourcegroups' && parts[3]) return this.resourceGroupRoutes(req, cloud, principal, parts, lower);
    return notFoundPath(req);
  }

  private tenants(principal: Principal): SimResponse {
    const world = this.ctx.world;
    const user = principal.user;
    const ids = [user.homeTenantId, ...user.guestOf.map((g) => g.tenantId)];
    const value = ids.map((id) => world.tenants.get(id)).filter((t) => t !== undefined).map(tenantJson);
    return jsonResponse(200, { value });
  }

  private subscriptionProviders(req: SimRequest, cloud: CloudName, principal: Principal, parts: string[], lower: string[]): SimResponse {
    const subId = parts[1] ?? '';
    const ns = lower[3];
    const rest = lower.slice(4);
    const subScope = `/subscriptions/${subId}`;
    if (req.method !== 'GET') return notFoundPath(req);
    if (ns === 'microsoft.compute' && rest.length === 1 && rest[0] === 'virtualmachines') {
      const gated = this.gate(principal, cloud, subId, READ_ACTIONS.vm, subScope);
      if (isResponse(gated)) return gated;
      const bad = this.apiVersion(req);
      if (bad) return bad;
      const q = req.url.searchParams;
      if (q.get('$expand')?.toLowerCase() === 'instanceview' && !q.get('$filter')) {
        return armErrorResponse(
          400,
          'InvalidParameter',
          "The value 'instanceView' of parameter '$expand' is only supported on List All together with '$filter'. Use statusOnly=true to get the instance view of every VM.",
        );
      }
      const visible = this.ctx.world.visibleVms(principal, gated);
      if (visible.length === 0 && !this.ctx.world.can(principal, subScope, READ_ACTIONS.vm)) {
        return authorizationFailed(principal, READ_ACTIONS.vm, subScope);
      }
      const statusOnly = q.get('statusOnly')?.toLowerCase() === 'true';
      return this.page(req, visible, (vm) => this.vmText(vm, statusOnly));
    }
    if (ns === 'microsoft.hybridcompute' && rest.length === 1 && rest[0] === 'machines') {
      const gated = this.gate(principal, cloud, subId, READ_ACTIONS.arc, subScope);
      if (isResponse(gated)) return gated;
      const bad = this.apiVersion(req, HYBRID_API_VERSIONS, 'NoRegisteredProviderFound');
      if (bad) return bad;
      const visible = this.ctx.world.visibleArcs(principal, gated);
      if (visible.length === 0 && !this.ctx.world.can(principal, subScope, READ_ACTIONS.arc)) {
        return authorizationFailed(principal, READ_ACTIONS.arc, subScope);
      }
      return this.page(req, visible, (arc) => this.arcText(arc));
    }
    if (ns === 'microsoft.compute' && rest.length === 4 && rest[0] === 'locations' && rest[2] === 'operations') {
      const gated = this.gate(principal, cloud, subId, READ_ACTIONS.vm, subScope);
      if (isResponse(gated)) return gated;
      return this.apiVersion(req) ?? this.operation(req, principal, parts[7] ?? '');
    }
    return notFoundPath(req);
  }

  private resourceGroupRoutes(req: SimRequest, cloud: CloudName, principal: Principal, parts: string[], lower: string[]): SimResponse {
    const world = this.ctx.world;
    const subId = parts[1] ?? '';
    const rgName = parts[3] ?? '';
    const rgScope = `/subscriptions/${subId}/resourceGroups/${rgName}`;
    const gated = this.gate(principal, cloud, subId, READ_ACTIONS.resourceGroup, rgScope);
    if (isResponse(gated)) return gated;
    const group = gated.groups.get(rgName.toLowerCase());
    const groupMissing = armErrorResponse(404, 'ResourceGroupNotFound', `Resource group '${rgName}' could not be found.`);

    if (lower.length === 4) {
      if (req.method !== 'GET') return notFoundPath(req);
      const bad = this.apiVersion(req);
      if (bad) return bad;
      if (!world.can(principal, rgScope, READ_ACTIONS.resourceGroup)) return authorizationFailed(principal, READ_ACTIONS.resourceGroup, rgScope);
      return group ? jsonResponse(200, resourceGroupJson(group)) : groupMissing;
    }
    if (lower[4] !== 'providers') return notFoundPath(req);
    const ns = lower[5];
    const type = lower[6];
    const name = parts[7];
    const sub = lower.slice(8);
    const resourceScope = name === undefined ? rgScope : `${rgScope}/providers/${parts[5] ?? ''}/${parts[6] ?? ''}/${name}`;

    if (ns === 'microsoft.compute' && type === 'virtualmachines') {
      if (name === undefined) {
        if (req.method !== 'GET') return notFoundPath(req);
        const bad = this.apiVersion(req);
        if (bad) return bad;
        const visible = group ? world.visibleVms(principal, gated, group) : [];
        if (visible.length === 0 && !world.can(principal, rgScope, READ_ACTIONS.vm)) return authorizationFailed(principal, READ_ACTIONS.vm, rgScope);
        if (!group) return groupMissing;
        const expand = req.url.searchParams.get('$expand')?.toLowerCase() === 'instanceview';
        return this.page(req, visible, (vm) => this.vmText(vm, expand));
      }
      return this.vmRoutes(req, principal, resourceScope, rgName, name, sub);
    }
    if (ns === 'microsoft.hybridcompute' && type === 'machines') {
      if (req.method !== 'GET') return notFoundPath(req);
      const bad = this.apiVersion(req, HYBRID_API_VERSIONS, 'NoRegisteredProviderFound');
      if (bad) return bad;
      if (name === undefined) {
        const visible = group ? world.visibleArcs(principal, gated, group) : [];
        if (visible.length === 0 && !world.can(principal, rgScope, READ_ACTIONS.arc)) return authorizationFailed(principal, READ_ACTIONS.arc, rgScope);
        if (!group) return groupMissing;
        return this.page(req, visible, (arc) => this.arcText(arc));
      }
      return this.arcRoutes(principal, resourceScope, rgName, name, sub, parts[9]);
    }
    if (ns === 'microsoft.network' && name !== undefined && sub.length === 0 && req.method === 'GET') {
      const bad = this.apiVersion(req);
      if (bad) return bad;
      if (type === 'networkinterfaces') {
        if (!world.can(principal, resourceScope, READ_ACTIONS.nic)) return authorizationFailed(principal, READ_ACTIONS.nic, resourceScope);
        const nic = world.nics.get(resourceScope.toLowerCase());
        return nic ? jsonResponse(200, nicJson(nic)) : resourceNotFound('Microsoft.Network/networkInterfaces', name, rgName);
      }
      if (type === 'publicipaddresses') {
        if (!world.can(principal, resourceScope, READ_ACTIONS.publicIp)) return authorizationFailed(principal, READ_ACTIONS.publicIp, resourceScope);
        const pip = world.publicIps.get(resourceScope.toLowerCase());
        return pip ? jsonResponse(200, publicIpJson(pip)) : resourceNotFound('Microsoft.Network/publicIPAddresses', name, rgName);
      }
    }
    return notFoundPath(req);
  }

  private vmRoutes(req: SimRequest, principal: Principal, vmScope: string, rgName: string, name: string, sub: string[]): SimResponse {
    const world = this.ctx.world;
    const bad = this.apiVersion(req);
    if (bad) return bad;
    const vm = world.vms.get(vmScope.toLowerCase());
    const missing = (): SimResponse => resourceNotFound('Microsoft.Compute/virtualMachines', name, rgName);
    const [first, second] = sub;
    if (req.method === 'POST' && first === 'start' && sub.length === 1) {
      if (!world.can(principal, vmScope, ACTIONS.vmStart)) return authorizationFailed(principal, ACTIONS.vmStart, vmScope);
      if (!vm) return missing();
      return this.startVm(req, principal, vm);
    }
    if (req.method !== 'GET') return notFoundPath(req);
    if (sub.length === 0) {
      if (!world.can(principal, vmScope, READ_ACTIONS.vm)) return authorizationFailed(principal, READ_ACTIONS.vm, vmScope);
      if (!vm) return missing();
      return jsonResponse(200, vmJson(vm, req.url.searchParams.get('$expand')?.toLowerCase() === 'instanceview'));
    }
    if (first === 'instanceview' && sub.length === 1) {
      if (!world.can(principal, vmScope, READ_ACTIONS.vmInstanceView)) return authorizationFailed(principal, READ_ACTIONS.vmInstanceView, vmScope);
      if (!vm) return missing();
      return jsonResponse(200, vmInstanceViewJson(vm));
    }
    if (first === 'extensions' && sub.length <= 2) {
      if (!world.can(principal, vmScope, READ_ACTIONS.vmExtension)) return authorizationFailed(principal, READ_ACTIONS.vmExtension, vmScope);
      if (!vm) return missing();
      const expand = req.url.searchParams.get('$expand')?.toLowerCase() === 'instanceview';
      if (second === undefined) return jsonResponse(200, { value: vm.extensions.map((e) => vmExtensionJson(vm, e, expand)) });
      const ext = vm.extensions.find((e) => e.spec.name.toLowerCase() === second);
      return ext ? jsonResponse(200, vmExtensionJson(vm, ext, expand)) : resourceNotFound('Microsoft.Compute/virtualMachines/extensions', `${name}/${second}`, rgName);
    }
    return notFoundPath(req);
  }

  private arcRoutes(principal: Principal, scope: string, rgName: string, name: string, sub: string[], extName: string | undefined): SimResponse {
    const world = this.ctx.world;
    const arc = world.arcs.get(scope.toLowerCase());
    const missing = resourceNotFound('Microsoft.HybridCompute/machines', name, rgName);
    if (sub.length === 0) {
      if (!world.can(principal, scope, READ_ACTIONS.arc)) return authorizationFailed(principal, READ_ACTIONS.arc, scope);
      return arc ? jsonResponse(200, arcJson(arc)) : missing;
    }
    if (sub[0] === 'extensions' && sub.length <= 2) {
      if (!world.can(principal, scope, READ_ACTIONS.arcExtension)) return authorizationFailed(principal, READ_ACTIONS.arcExtension, scope);
      if (!arc) return missing;
      if (sub.length === 1) return jsonResponse(200, { value: arc.extensions.map((e) => arcExtensionJson(arc, e)) });
      const ext = arc.extensions.find((e) => e.spec.name.toLowerCase() === sub[1]);
      return ext
        ? jsonResponse(200, arcExtensionJson(arc, ext))
        : resourceNotFound('Microsoft.HybridCompute/machines/extensions', `${name}/${extName ?? ''}`, rgName);
    }
    return armErrorResponse(404, 'NotFound', `No HTTP resource was found under machine '${name}'.`);
  }

  /** 404 when a resource group or machine scope names nothing (its subscription already gated), else null. */
  private scopeMissing(sub: SubscriptionRecord, scopeParts: readonly string[]): SimResponse | null {
    const world = this.ctx.world;
    const lower = scopeParts.map((p) => p.toLowerCase());
    if (lower.length < 4 || lower[2] !== 'resourcegroups') return null;
    const rgName = scopeParts[3] ?? '';
    if (!sub.groups.has(rgName.toLowerCase())) return armErrorResponse(404, 'ResourceGroupNotFound', `Resource group '${rgName}' could not be found.`);
    if (lower.length === 8 && lower[4] === 'providers') {
      const key = `/${lower.join('/')}`;
      const name = scopeParts[7] ?? '';
      if (lower[5] === 'microsoft.compute' && lower[6] === 'virtualmachines' && !world.vms.has(key)) {
        return resourceNotFound('Microsoft.Compute/virtualMachines', name, rgName);
      }
      if (lower[5] === 'microsoft.hybridcompute' && lower[6] === 'machines' && !world.arcs.has(key)) {
        return resourceNotFound('Microsoft.HybridCompute/machines', name, rgName);
      }
    }
    return null;
  }

  private permissions(req: SimRequest, cloud: CloudName, principal: Principal, scopeParts: string[]): SimResponse {
    const world = this.ctx.world;
    const scope = `/${scopeParts.join('/')}`;
    if (scopeParts[0]?.toLowerCase() !== 'subscriptions' || !scopeParts[1]) {
      return armErrorResponse(400, 'InvalidScope', `The permissions of scope '${scope}' cannot be listed here; use a subscription, resource group or resource scope.`);
    }
    const gated = this.gate(principal, cloud, scopeParts[1], ACTIONS.permissions, scope);
    if (isResponse(gated)) return gated;
    return this.scopeMissing(gated, scopeParts) ?? jsonResponse(200, { value: world.permissionsAt(principal, scope).map(toPermissionElement) });
  }

  /**
   * Role assignments at a subscription, resource group or resource scope. Without `$filter` ARM returns those at,
   * above and below the scope; `atScope()` keeps at and above, `principalId eq '…'` one principal's (both combine).
   * The caller needs roleAssignments/read at the scope (which covers everything below it; those above are shown too).
   */
  private roleAssignments(req: SimRequest, cloud: CloudName, principal: Principal, scopeParts: string[]): SimResponse {
    const world = this.ctx.world;
    const scope = `/${scopeParts.join('/')}`;
    const action = READ_ACTIONS.roleAssignment;
    // No principal of a scenario holds a role at the tenant root or on a management group.
    if (scopeParts[0]?.toLowerCase() !== 'subscriptions' || !scopeParts[1]) return authorizationFailed(principal, action, scope);
    const gated = this.gate(principal, cloud, scopeParts[1], action, scope);
    if (isResponse(gated)) return gated;
    if (!world.can(principal, scope, action)) return authorizationFailed(principal, action, scope);
    const missing = this.scopeMissing(gated, scopeParts);
    if (missing) return missing;
    const filter = parseAssignmentFilter(req.url.searchParams.get('$filter'));
    if (!filter) {
      return armErrorResponse(
        400,
        'InvalidFilterParameter',
        `The filter '${req.url.searchParams.get('$filter') ?? ''}' is not supported. Supported: atScope(), principalId eq '{id}', or both joined by 'and'.`,
      );
    }
    const scopeLower = scope.toLowerCase();
    let items = world.roleAssignmentsAround(scope);
    if (filter.atScope) items = items.filter((a) => scopeLower === a.scopeLower || scopeLower.startsWith(`${a.scopeLower}/`));
    if (filter.principalId !== null) items = items.filter((a) => a.principalId === filter.principalId);
    return this.page(req, items, (a) => JSON.stringify(roleAssignmentJson(a)));
  }

  /** A role definition by GUID at the tenant root or under a subscription; 404 RoleDefinitionDoesNotExist otherwise. */
  private roleDefinition(cloud: CloudName, principal: Principal, scopeParts: string[], guid: string): SimResponse {
    let prefix = '';
    if (scopeParts.length > 0) {
      const scope = `/${scopeParts.join('/')}`;
      if (scopeParts[0]?.toLowerCase() !== 'subscriptions' || !scopeParts[1]) {
        return armErrorResponse(400, 'InvalidScope', `Role definitions of scope '${scope}' cannot be read here; use the root, a subscription, resource group or resource scope.`);
      }
      const gated = this.gate(principal, cloud, scopeParts[1], ACTIONS.roleDefinitionRead, scope);
      if (isResponse(gated)) return gated;
      const missing = this.scopeMissing(gated, scopeParts);
      if (missing) return missing;
      // Definitions live at subscription (or root) level: ARM names them there whatever scope they were read at.
      prefix = gated.id;
    }
    const role = GUID.test(guid) ? this.ctx.world.roles.get(guid) : undefined;
    if (!role || role.id.toLowerCase() !== guid) {
      return armErrorResponse(404, 'RoleDefinitionDoesNotExist', `The specified role definition with ID '${guid}' does not exist.`);
    }
    return jsonResponse(200, roleDefinitionJson(prefix, role));
  }

  private operationUrls(req: SimRequest, vm: VmRecord, opId: string): { asyncOperation: string; location: string } {
    const apiVersion = req.url.searchParams.get('api-version') ?? '';
    const base = `${req.baseUrl}/subscriptions/${vm.spec.subscriptionId}/providers/Microsoft.Compute/locations/${vm.spec.location}/operations/${opId}`;
    const p = Buffer.from(vm.id).toString('base64url').slice(0, 24);
    return {
      asyncOperation: `${base}?p=${p}&api-version=${apiVersion}`,
      location: `${base}?p=${p}&monitor=true&api-version=${apiVersion}`,
    };
  }

  private startVm(req: SimRequest, principal: Principal, vm: VmRecord): SimResponse {
    const opId = randomUUID();
    this.ctx.world.startVm(vm, this.ctx.settings.vmStartDelayMs);
    this.operations.set(opId, { id: opId, vm, principalKey: principal.key, startTime: new Date().toISOString(), polls: 0, endTime: undefined });
    const urls = this.operationUrls(req, vm, opId);
    return {
      status: 202,
      headers: {
        'azure-asyncoperation': urls.asyncOperation,
        location: urls.location,
        'retry-after': String(this.ctx.settings.lroRetryAfterSeconds),
        'content-length': '0',
      },
      body: '',
    };
  }

  private operation(req: SimRequest, principal: Principal, opId: string): SimResponse {
    const op = this.operations.get(opId);
    if (!op || op.principalKey !== principal.key) {
      return armErrorResponse(404, 'OperationNotFound', `The operation '${opId}' could not be found.`);
    }
    // The first poll always reports InProgress, so clients see the operation run even with a zero start delay.
    const done = op.polls > 0 && op.vm.power === 'running';
    op.polls += 1;
    if (done && !op.endTime) op.endTime = new Date().toISOString();
    const retryAfter = String(this.ctx.settings.lroRetryAfterSeconds);
    if (req.url.searchParams.get('monitor') === 'true') {
      if (!done) return { status: 202, headers: { location: req.url.href.replace(req.url.origin, req.baseUrl), 'retry-after': retryAfter }, body: '' };
      return { status: 200, headers: {}, body: '' };
    }
    return jsonResponse(
      200,
      done
        ? { startTime: op.startTime, endTime: op.endTime, status: 'Succeeded', name: op.id }
        : { startTime: op.startTime, status: 'InProgress', name: op.id },
      done ? {} : { 'retry-after': retryAfter },
    );
  }
}

/** A supported `$filter` of the role-assignment list; null when the filter is not supported. */
function parseAssignmentFilter(text: string | null): { atScope: boolean; principalId: string | null } | null {
  const result = { atScope: false, principalId: null as string | null };
  if (text === null || text.trim() === '') return result;
  for (const term of text.trim().split(/\s+and\s+/i)) {
    const principal = /^principalId\s+eq\s+'([0-9a-f-]{36})'$/i.exec(term);
    if (/^atScope\(\)$/i.test(term)) result.atScope = true;
    else if (principal?.[1]) result.principalId = principal[1].toLowerCase();
    else return null;
  }
  return result;
}

function isResponse(value: SubscriptionRecord | SimResponse): value is SimResponse {
  return 'status' in value && 'body' in value;
}

function withHeaders(response: SimResponse, headers: Record<string, string>): SimResponse {
  return { ...response, headers: { ...headers, ...response.headers } };
}
