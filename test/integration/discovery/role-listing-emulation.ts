import { createHttpHeaders, type PipelinePolicy, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';

import { BUILT_IN_ROLES } from '../../../src/simulator/roles';
import type { Scenario } from '../../../src/simulator/index';

/**
 * STAND-IN for two endpoints the simulator does not serve yet, built from the same scenario data, until it does:
 * - Resource Graph's `AuthorizationResources` role-assignment query (marker `rdp-broker:role-assignments v1`, see
 *   src/shared/discovery/role-assignment-query.ts), paged by `$top` / `$skipToken`;
 * - ARM `GET {scope}/providers/Microsoft.Authorization/roleAssignments` (at, above and below the scope) and
 *   `GET …/roleDefinitions/{guid}` (api-version 2022-04-01).
 * It answers them inside the client's pipeline after the same latency the simulator adds, so discovery's listing path
 * can be exercised and measured; every other request goes to the simulator. Used by the discovery integration tests
 * and bench/discovery.ts, always labelled as emulated. Remove it once the simulator serves these endpoints.
 */

/** The scenario's assignments with each principal's object id in the assignment's tenant, and role definitions. */
export interface RoleListingData {
  readonly assignments: readonly { scope: string; principalId: string; roleGuid: string }[];
  readonly roles: Readonly<Record<string, unknown>>;
}

/** Derives the listing data from a scenario (guest principals get their guest object id in the guest tenant). */
export function roleListingDataOf(scenario: Scenario): RoleListingData {
  const roles = [...BUILT_IN_ROLES, ...scenario.customRoles];
  const guidOf = new Map(roles.flatMap((r) => [[r.id.toLowerCase(), r.id.toLowerCase()], [r.roleName.toLowerCase(), r.id.toLowerCase()]] as const));
  const tenantOfSubscription = new Map(scenario.subscriptions.map((s) => [s.id.toLowerCase(), s.tenantId]));
  const objectIdIn = (upn: string, tenantId: string | undefined): string => {
    const user = scenario.users.find((u) => u.upn.toLowerCase() === upn.toLowerCase());
    if (!user) return '';
    if (user.homeTenantId === tenantId) return user.objectId;
    return user.guestOf.find((g) => g.tenantId === tenantId)?.objectId ?? '';
  };
  return {
    assignments: scenario.roleAssignments.map((a) => ({
      scope: a.scope,
      principalId: objectIdIn(a.principal, tenantOfSubscription.get(a.scope.split('/')[2]?.toLowerCase() ?? '')),
      roleGuid: guidOf.get(a.role.toLowerCase()) ?? '',
    })),
    roles: Object.fromEntries(
      roles.map((r) => [
        r.id.toLowerCase(),
        {
          id: `/providers/Microsoft.Authorization/roleDefinitions/${r.id}`,
          name: r.id,
          properties: {
            roleName: r.roleName,
            permissions: [{ actions: r.actions, notActions: r.notActions, dataActions: r.dataActions, notDataActions: r.notDataActions }],
          },
        },
      ]),
    ),
  };
}

/** Options of the emulation. */
export interface RoleListingEmulationOptions {
  readonly latencyMs: number;
  /** Which of the two listings to serve (the other answers as the simulator does). */
  readonly graph: boolean;
  readonly rest: boolean;
  /** Counts emulated requests (they never reach the pipeline's later policies). */
  readonly onRequest?: () => void;
}

const json = (request: PipelineRequest, status: number, body: unknown): PipelineResponse => ({
  request,
  status,
  headers: createHttpHeaders({ 'content-type': 'application/json; charset=utf-8' }),
  bodyAsText: JSON.stringify(body),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Wraps the transport policy so the two listings (and role definitions) are answered from `data`. */
export function createRoleListingEmulation(data: RoleListingData, inner: PipelinePolicy, options: RoleListingEmulationOptions): PipelinePolicy {
  const assignments = data.assignments
    .map((a, i) => ({ ...a, key: a.scope.toLowerCase().replace(/\/+$/, ''), id: `${a.scope}/providers/Microsoft.Authorization/roleAssignments/${i}` }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const related = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
  const roleDefinitionId = (guid: string) => `/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
  return {
    name: 'roleListingEmulation',
    async sendRequest(request, next) {
      const path = decodeURIComponent(new URL(request.url).pathname);
      const isGraph = /^\/providers\/Microsoft\.ResourceGraph\/resources$/i.test(path) && request.method === 'POST';
      const body = isGraph && typeof request.body === 'string' ? (JSON.parse(request.body) as Record<string, unknown>) : null;
      const graphListing = options.graph && body !== null && String(body.query).startsWith('// rdp-broker:role-assignments v1');
      const restListing = options.rest && /\/providers\/Microsoft\.Authorization\/roleAssignments$/i.test(path);
      const definition = options.rest || options.graph ? /\/providers\/Microsoft\.Authorization\/roleDefinitions\/([0-9a-f-]+)$/i.exec(path) : null;
      if (!graphListing && !restListing && !definition) return inner.sendRequest(request, next);
      options.onRequest?.();
      await sleep(options.latencyMs);
      if (graphListing && body) {
        const subscriptions = new Set(((body.subscriptions as string[] | undefined) ?? []).map((s) => s.toLowerCase()));
        const requestOptions = (body.options ?? {}) as { $top?: number; $skipToken?: string };
        const rows = assignments.filter((a) => a.key.includes('/resourcegroups/') && subscriptions.has(a.key.split('/')[2] ?? ''));
        const offset = requestOptions.$skipToken ? Number(requestOptions.$skipToken) : 0;
        const top = requestOptions.$top ?? 1000;
        const page = rows.slice(offset, offset + top);
        return json(request, 200, {
          totalRecords: rows.length,
          count: page.length,
          resultTruncated: 'false',
          ...(offset + top < rows.length ? { $skipToken: String(offset + top) } : {}),
          data: page.map((a) => ({ id: a.id, scope: a.scope, principalId: a.principalId, principalType: 'User', roleDefinitionId: roleDefinitionId(a.roleGuid), condition: '' })),
        });
      }
      if (restListing) {
        const scope = path.replace(/\/providers\/Microsoft\.Authorization\/roleAssignments$/i, '').toLowerCase();
        return json(request, 200, {
          value: assignments
            .filter((a) => related(a.key, scope))
            .map((a) => ({ id: a.id, properties: { scope: a.scope, principalId: a.principalId, principalType: 'User', roleDefinitionId: roleDefinitionId(a.roleGuid) } })),
        });
      }
      const role = data.roles[(definition?.[1] ?? '').toLowerCase()];
      return role ? json(request, 200, role) : json(request, 404, { error: { code: 'RoleDefinitionDoesNotExist', message: 'No such role.' } });
    },
  };
}
