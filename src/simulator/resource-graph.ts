import {
  APP_QUERIES,
  type AppQueryId,
  appQueryIdSchema,
  type ArcMachineRow,
  normalizeKql,
  readQueryMarker,
  type VmNetworkRow,
  type WindowsVmRow,
} from '../shared/discovery/resource-graph-queries';
import { ROLE_ASSIGNMENTS_QUERY, type RoleAssignmentRow, roleAssignmentRowSchema } from '../shared/discovery/role-assignment-query';
import { roleDefinitionIdIn } from './arm-shapes';
import type { SimContext } from './context';
import { armErrorResponse, jsonResponse, type SimResponse } from './http';
import {
  type ArcRecord,
  type ExtensionRecord,
  type Principal,
  READ_ACTIONS,
  type RoleAssignmentRecord,
  type SubscriptionRecord,
  type VmRecord,
  type World,
} from './world';

/**
 * Azure Resource Graph, simulated: `POST /providers/Microsoft.ResourceGraph/resources`. It does not evaluate KQL; it
 * recognises the app's own queries (src/shared/discovery/resource-graph-queries.ts) by their marker and exact text,
 * and computes their rows from the scenario with the caller's read permissions, like ARG does. The role-assignment
 * listing (src/shared/discovery/role-assignment-query.ts) is recognised the same way but kept apart from APP_QUERIES,
 * as that file explains.
 */

/** API versions Resource Graph accepts here (the GA ones). */
export const GRAPH_API_VERSIONS = ['2021-03-01', '2022-10-01', '2024-04-01'] as const;

// Read from the query text itself, so the text, its version and this evaluator cannot drift apart unnoticed.
const ROLE_ASSIGNMENTS_MARKER = readQueryMarker(ROLE_ASSIGNMENTS_QUERY) ?? { id: 'role-assignments', version: 1 };
const ROLE_ASSIGNMENTS_ID = 'role-assignments';

/** A query the simulator answers: one of APP_QUERIES, or the role-assignment listing. */
export type QueryId = AppQueryId | typeof ROLE_ASSIGNMENTS_ID;

const SUPPORTED = [...Object.values(APP_QUERIES), ROLE_ASSIGNMENTS_MARKER]
  .map((q) => `${q.id} v${q.version}`)
  .join(', ');

function unsupported(reason: string): SimResponse {
  return armErrorResponse(
    400,
    'UnsupportedQuery',
    `The simulator understands only the app's own queries: ${SUPPORTED} (src/shared/discovery/resource-graph-queries.ts and role-assignment-query.ts, sent verbatim). ${reason}`,
  );
}

/** Which app query a KQL text is, or why it is not one. */
export function recognizeQuery(query: string): { id: QueryId } | { error: string } {
  const marker = readQueryMarker(query);
  if (!marker) return { error: "The query has no '// rdp-broker:<id> v<version>' marker on its first line." };
  if (marker.id === ROLE_ASSIGNMENTS_MARKER.id) {
    if (marker.version !== ROLE_ASSIGNMENTS_MARKER.version) {
      return { error: `Query ${marker.id} is at v${ROLE_ASSIGNMENTS_MARKER.version}, not v${marker.version}.` };
    }
    if (normalizeKql(query) !== normalizeKql(ROLE_ASSIGNMENTS_QUERY)) {
      return { error: `The text of ${marker.id} v${marker.version} differs from the app's query; change the text, version and simulator together.` };
    }
    return { id: ROLE_ASSIGNMENTS_ID };
  }
  const id = appQueryIdSchema.safeParse(marker.id);
  if (!id.success) return { error: `Unknown query id '${marker.id}'.` };
  const known = APP_QUERIES[id.data];
  if (marker.version !== known.version) return { error: `Query ${id.data} is at v${known.version}, not v${marker.version}.` };
  if (normalizeKql(query) !== normalizeKql(known.text)) {
    return { error: `The text of ${id.data} v${marker.version} differs from the app's query; change the text, version and simulator together.` };
  }
  return { id: id.data };
}

const AAD_PUBLISHER = 'microsoft.azure.activedirectory';
const AAD_TYPE = 'aadloginforwindows';

function findAadExtension(extensions: readonly ExtensionRecord[]): ExtensionRecord | undefined {
  return extensions.find((e) => e.spec.publisher.toLowerCase() === AAD_PUBLISHER && e.spec.type.toLowerCase() === AAD_TYPE);
}

function windowsVmRow(world: World, principal: Principal, vm: VmRecord): WindowsVmRow {
  const s = vm.spec;
  const aad = findAadExtension(vm.extensions);
  const ext = aad && world.can(principal, aad.id, READ_ACTIONS.vmExtension) ? aad.spec : undefined;
  // Resource Graph keeps the last instance view the agent reported, so a stopped VM still shows its guest OS.
  const agent = s.agentReporting;
  return {
    id: vm.id,
    name: s.name,
    resourceGroup: vm.resourceGroup.toLowerCase(),
    subscriptionId: s.subscriptionId,
    tenantId: vm.sub.tenant.id,
    location: s.location,
    tags: s.tags,
    computerName: s.computerName ?? '',
    instanceComputerName: agent && s.computerName !== null ? s.computerName : '',
    powerState: vm.power === 'unknown' ? '' : `PowerState/${vm.power}`,
    osType: s.os.type,
    osName: agent ? (s.os.name ?? '') : '',
    osVersion: agent ? (s.os.version ?? '') : '',
    imageReference: s.os.image ? { ...s.os.image } : null,
    identityType: s.identity === 'None' ? '' : s.identity,
    networkInterfaces: vm.nics.map((n, i) => ({ id: n.id, properties: { primary: i === 0 } })),
    aadExtensionName: ext?.name ?? '',
    aadExtensionState: ext?.provisioningState ?? '',
    aadExtensionVersion: ext?.typeHandlerVersion ?? '',
  };
}

function vmNetworkRow(world: World, principal: Principal, vm: VmRecord): VmNetworkRow {
  const nics = vm.nics.filter((n) => world.can(principal, n.id, READ_ACTIONS.nic));
  const row: VmNetworkRow = { id: vm.idLower, nicIds: [], privateIps: [], publicIpIds: [], publicIps: [], fqdns: [] };
  for (const n of nics) {
    row.nicIds.push(n.idLower);
    row.privateIps.push(n.spec.privateIp);
    if (!n.publicIp) continue;
    row.publicIpIds.push(n.publicIp.idLower);
    // The join only sees public IPs the caller can read.
    if (!world.can(principal, n.publicIp.id, READ_ACTIONS.publicIp)) continue;
    row.publicIps.push(n.publicIp.ipAddress);
    if (n.publicIp.fqdn) row.fqdns.push(n.publicIp.fqdn);
  }
  return row;
}

function arcRow(world: World, principal: Principal, arc: ArcRecord): ArcMachineRow {
  const s = arc.spec;
  const aad = findAadExtension(arc.extensions);
  const ext = aad && world.can(principal, aad.id, READ_ACTIONS.arcExtension) ? aad.spec : undefined;
  return {
    id: arc.id,
    name: s.name,
    resourceGroup: arc.resourceGroup.toLowerCase(),
    subscriptionId: s.subscriptionId,
    tenantId: arc.sub.tenant.id,
    location: s.location,
    tags: s.tags,
    status: s.status,
    lastStatusChange: s.lastStatusChange,
    osName: s.os.type,
    osSku: s.os.sku,
    osVersion: s.os.version,
    computerName: s.computerName,
    dnsFqdn: s.dnsFqdn ?? '',
    machineFqdn: s.machineFqdn ?? '',
    agentVersion: s.agentVersion,
    identityType: s.identity === 'None' ? '' : s.identity,
    networkInterfaces: s.privateIps.map((ip) => ({
      ipAddresses: [{ address: ip, ipAddressVersion: 'IPv4', subnet: { addressPrefix: `${ip.split('.').slice(0, 3).join('.')}.0/24` } }],
    })),
    aadExtensionName: ext?.name ?? '',
    aadExtensionState: ext?.provisioningState ?? '',
    aadExtensionVersion: ext?.typeHandlerVersion ?? '',
    aadExtensionStatusCode: ext?.status?.code ?? '',
    aadExtensionStatusLevel: ext?.status ? (ext.status.level === 'Info' ? 'Information' : ext.status.level) : '',
    aadExtensionStatusMessage: ext?.status?.message ?? '',
  };
}

function roleAssignmentRow(a: RoleAssignmentRecord): RoleAssignmentRow {
  return {
    id: a.id,
    scope: a.scope,
    principalId: a.principalId,
    principalType: a.principalType,
    roleDefinitionId: roleDefinitionIdIn(a.sub.spec.id, a.role),
    // tostring() of a missing property: the simulator's assignments carry no conditions.
    condition: '',
  };
}

type Source =
  | { readonly kind: 'vm'; readonly vm: VmRecord }
  | { readonly kind: 'arc'; readonly arc: ArcRecord }
  | { readonly kind: 'assignment'; readonly assignment: RoleAssignmentRecord };

function collect(world: World, principal: Principal, id: QueryId, subs: readonly SubscriptionRecord[]): Source[] {
  const out: Source[] = [];
  for (const sub of subs) {
    switch (id) {
      case 'role-assignments':
        // Below subscription scope only, every principal's, each visible where the caller may read role assignments.
        for (const assignment of world.roleAssignmentsOfSubscription(sub.spec.id)) {
          if (assignment.scopeLower.includes('/resourcegroups/') && world.can(principal, assignment.scope, READ_ACTIONS.roleAssignment)) {
            out.push({ kind: 'assignment', assignment });
          }
        }
        break;
      case 'windows-vms':
        for (const vm of world.visibleVms(principal, sub)) if (vm.spec.os.type === 'Windows') out.push({ kind: 'vm', vm });
        break;
      case 'vm-network': {
        const seen = new Set<VmRecord>();
        for (const nic of world.visibleNics(principal, sub)) seen.add(nic.vm);
        const vms = [...seen].sort((a, b) => (a.idLower < b.idLower ? -1 : a.idLower > b.idLower ? 1 : 0));
        for (const vm of vms) out.push({ kind: 'vm', vm });
        break;
      }
      case 'arc-windows-machines':
        for (const arc of world.visibleArcs(principal, sub)) if (arc.spec.os.type === 'windows') out.push({ kind: 'arc', arc });
        break;
    }
  }
  return out;
}

function buildRow(world: World, principal: Principal, id: QueryId, source: Source): Record<string, unknown> {
  if (source.kind === 'assignment') return { ...roleAssignmentRow(source.assignment) };
  if (source.kind === 'arc') return arcRow(world, principal, source.arc);
  return id === 'vm-network' ? vmNetworkRow(world, principal, source.vm) : windowsVmRow(world, principal, source.vm);
}

function kqlType(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'real';
  return 'object';
}

interface SkipToken {
  readonly q: string;
  readonly o: number;
  readonly s: string;
}

function encodeSkipToken(token: SkipToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64');
}

function decodeSkipToken(text: string): SkipToken | null {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as Partial<SkipToken>;
    if (typeof value.o !== 'number' || typeof value.q !== 'string' || typeof value.s !== 'string') return null;
    return { q: value.q, o: value.o, s: value.s };
  } catch {
    return null;
  }
}

const CACHE_LIMIT = 64;

/** The Resource Graph endpoint of one simulator. */
export class ResourceGraphService {
  private readonly cache = new Map<string, Source[]>();

  constructor(private readonly ctx: SimContext) {}

  private sources(principal: Principal, id: QueryId, subs: readonly SubscriptionRecord[]): Source[] {
    const key = `${id}|${principal.key}|${subs.map((s) => s.spec.id).join(',')}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const value = collect(this.ctx.world, principal, id, subs);
    this.cache.set(key, value);
    if (this.cache.size > CACHE_LIMIT) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return value;
  }

  /** Answers a query request for an authenticated caller. */
  query(principal: Principal, rawBody: Buffer): SimResponse {
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return armErrorResponse(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
    }
    if (typeof body !== 'object' || body === null) {
      return armErrorResponse(400, 'InvalidRequestContent', 'The request content must be a JSON object.');
    }
    const request = body as { query?: unknown; subscriptions?: unknown; options?: Record<string, unknown> };
    if (typeof request.query !== 'string' || request.query.trim() === '') {
      return armErrorResponse(400, 'BadRequest', "Please provide a query: the 'query' property is required.");
    }
    const recognized = recognizeQuery(request.query);
    if ('error' in recognized) return unsupported(recognized.error);
    const id = recognized.id;

    const world = this.ctx.world;
    const wanted = Array.isArray(request.subscriptions)
      ? new Set(request.subscriptions.filter((s): s is string => typeof s === 'string').map((s) => s.toLowerCase()))
      : null;
    // Like ARG, subscriptions the caller cannot see are skipped silently rather than failing the query.
    const subs = world
      .visibleSubscriptions(principal)
      .filter((s) => (wanted ? wanted.has(s.spec.id) : true) && !this.ctx.faults.isForbidden(s.spec.id))
      .sort((a, b) => (a.spec.id < b.spec.id ? -1 : 1));
    const scopeKey = subs.map((s) => s.spec.id).join(',');

    const options = request.options ?? {};
    const top = options.$top;
    if (top !== undefined && (typeof top !== 'number' || !Number.isInteger(top) || top < 1 || top > 1000)) {
      return armErrorResponse(400, 'BadRequest', "The value of '$top' must be an integer between 1 and 1000.");
    }
    const skip = options.$skip;
    if (skip !== undefined && (typeof skip !== 'number' || !Number.isInteger(skip) || skip < 0)) {
      return armErrorResponse(400, 'BadRequest', "The value of '$skip' must be a non-negative integer.");
    }
    let offset = typeof skip === 'number' ? skip : 0;
    if (typeof options.$skipToken === 'string') {
      const token = decodeSkipToken(options.$skipToken);
      if (!token || token.q !== id || token.s !== scopeKey) {
        return armErrorResponse(400, 'InvalidSkipToken', 'The $skipToken is invalid or does not belong to this query and scope.');
      }
      offset = token.o;
    }
    const pageSize = typeof top === 'number' ? top : this.ctx.settings.graphPageSize;

    const sources = this.sources(principal, id, subs);
    const page = sources.slice(offset, offset + pageSize).map((s) => buildRow(world, principal, id, s));
    const nextOffset = offset + page.length;
    const more = nextOffset < sources.length;
    const result: Record<string, unknown> = {
      totalRecords: sources.length,
      count: page.length,
      resultTruncated: 'false',
      ...(more ? { $skipToken: encodeSkipToken({ q: id, o: nextOffset, s: scopeKey }) } : {}),
    };
    if (options.resultFormat === 'table') {
      const columns = Object.keys(id === ROLE_ASSIGNMENTS_ID ? roleAssignmentRowSchema.shape : APP_QUERIES[id].rowSchema.shape);
      const first = page[0];
      result.data = {
        columns: columns.map((name) => ({ name, type: first ? kqlType(first[name]) : 'string' })),
        rows: page.map((row) => columns.map((c) => row[c])),
      };
    } else {
      result.data = page;
    }
    result.facets = [];
    return jsonResponse(200, result);
  }
}
