import type { AccessIo } from './access-resolver';
import { readGraphRows } from './graph-reader';
import type { Identity } from './identity';
import { Limiter, TtlCache } from './limiter';
import { type PermissionBlock, permissionBlockSchema } from '../../shared/discovery/permissions';
import {
  roleAssignmentSchema,
  type RoleAssignmentHint,
  roleDefinitionSchema,
  scopeKey,
  subscriptionScopeOf,
  toAssignmentHint,
  toPermissionBlocks,
} from '../../shared/discovery/role-assignments';
import { ROLE_ASSIGNMENTS_QUERY, roleAssignmentRowSchema, rowToAssignmentHint } from '../../shared/discovery/role-assignment-query';
import { isAppError } from '../../shared/errors/app-error';

/** api-version of Microsoft.Authorization permissions, role assignments and role definitions. */
export const AUTHORIZATION_API_VERSION = '2022-04-01';

/** The caches that outlive one run: a refresh within the TTL does not ask Azure again. */
export interface AccessCaches {
  readonly permissions: TtlCache<PermissionBlock[]>;
  readonly assignments: TtlCache<RoleAssignmentHint[] | null>;
  readonly roleDefinitions: TtlCache<PermissionBlock[] | null>;
}

/** Creates the caches with their lifetimes. */
export function createAccessCaches(permissionsTtlMs: number, roleDefinitionTtlMs: number, now?: () => number): AccessCaches {
  return {
    permissions: new TtlCache(permissionsTtlMs, now),
    assignments: new TtlCache(permissionsTtlMs, now),
    roleDefinitions: new TtlCache(roleDefinitionTtlMs, now),
  };
}

function isCancelled(error: unknown): boolean {
  return isAppError(error) && error.code === 'DISCOVERY_CANCELLED';
}

/**
 * A cached load that survives another run's cancellation: an entry started by a run that was then cancelled rejects
 * with DISCOVERY_CANCELLED; it is evicted on rejection, so this run loads it again.
 */
async function cached<V>(cache: TtlCache<V>, key: string, load: () => Promise<V>, signal: AbortSignal): Promise<V> {
  try {
    return await cache.get(key, load);
  } catch (error: unknown) {
    if (signal.aborted || !isCancelled(error)) throw error;
    return cache.get(key, load);
  }
}

/** "Not available" answers of the optional listings: the resolver then asks the permissions API instead. */
function isUnavailable(error: unknown): boolean {
  return isAppError(error) && ['AZURE_FORBIDDEN', 'AZURE_NOT_FOUND', 'AZURE_REQUEST_FAILED'].includes(error.code);
}

/** The resolver's calls, plus the tenant-wide Resource Graph listing of role assignments that serves most of them. */
export interface TenantAccessIo extends AccessIo {
  /**
   * Starts listing the role assignments below subscription scope of these subscriptions through Resource Graph (one
   * paged query per 1,000 subscriptions); listings at subscription, resource group and machine scope are then answered
   * from it (without what lies above the scope, which the resolver never uses). If Resource Graph refuses it, each
   * scope is listed through ARM instead.
   */
  startGraphListing(subscriptionIds: readonly string[], signal: AbortSignal): void;
}

const SUBSCRIPTION_SCOPE = /^\/subscriptions\/[^/]+$/i;

/** True when normalised `scope` is `parent` or below it. */
function isAtOrBelow(scope: string, parent: string): boolean {
  return scope === parent || scope.startsWith(`${parent}/`);
}

/** The resolver's calls over ARM for one identity, through the run's limiter and the shared caches. */
export function createAccessIo(identity: Identity, caches: AccessCaches, limiter: Limiter): TenantAccessIo {
  const prefix = `${identity.accountId}|${identity.tenantId}|`;
  // A 404/400 means this ARM (an emulator, an older cloud) has no role-assignment listing at all: stop asking.
  let listingMissing = false;
  let graphListing: Promise<Map<string, RoleAssignmentHint[]> | null> | null = null;
  // Role definitions are few and every machine with an own narrower assignment waits for one: they get their own
  // slots instead of queueing behind hundreds of permission reads.
  const definitionLimiter = new Limiter(4);

  const listThroughGraph = async (subscriptionIds: readonly string[], signal: AbortSignal): Promise<Map<string, RoleAssignmentHint[]> | null> => {
    const bySubscription = new Map(subscriptionIds.map((id) => [`/subscriptions/${id.toLowerCase()}`, [] as RoleAssignmentHint[]]));
    try {
      for (let i = 0; i < subscriptionIds.length; i += 1000) {
        const { invalidRows } = await readGraphRows(
          { text: ROLE_ASSIGNMENTS_QUERY, rowSchema: roleAssignmentRowSchema },
          {
            rest: identity.rest,
            subscriptions: subscriptionIds.slice(i, i + 1000),
            signal,
            scope: `Resource Graph (role-assignments) in ${identity.tenantName}`,
            pageSize: 1000,
          },
          (page) => {
            for (const row of page.rows) {
              const hint = rowToAssignmentHint(row);
              bySubscription.get(subscriptionScopeOf(hint.scope).toLowerCase())?.push(hint);
            }
          },
        );
        // A listing with holes cannot rule anything out.
        if (invalidRows > 0) return null;
      }
      return bySubscription;
    } catch (error: unknown) {
      if (signal.aborted || isCancelled(error)) throw error;
      return null;
    }
  };

  const listThroughArm = (scope: string, signal: AbortSignal): Promise<RoleAssignmentHint[] | null> =>
    limiter
      .run(
        () =>
          identity.rest.list(`${scope}/providers/Microsoft.Authorization/roleAssignments`, roleAssignmentSchema, {
            scope,
            signal,
            apiVersion: AUTHORIZATION_API_VERSION,
          }),
        signal,
      )
      .then(
        (resources) => resources.map(toAssignmentHint),
        (error: unknown) => {
          if (isAppError(error) && (error.code === 'AZURE_NOT_FOUND' || error.code === 'AZURE_REQUEST_FAILED')) listingMissing = true;
          if (isUnavailable(error)) return null;
          throw error;
        },
      );

  return {
    startGraphListing(subscriptionIds, signal) {
      if (graphListing || subscriptionIds.length === 0) return;
      // A refresh within the TTL has every answer cached already.
      if (subscriptionIds.every((id) => caches.assignments.has(prefix + scopeKey(`/subscriptions/${id}`)))) return;
      graphListing = listThroughGraph(subscriptionIds, signal);
      graphListing.catch(() => undefined);
    },
    permissionsAt: (scope, signal) =>
      cached(
        caches.permissions,
        prefix + scopeKey(scope),
        () =>
          limiter.run(
            () =>
              identity.rest.list(`${scope}/providers/Microsoft.Authorization/permissions`, permissionBlockSchema, {
                scope,
                signal,
                apiVersion: AUTHORIZATION_API_VERSION,
              }),
            signal,
          ),
        signal,
      ),
    assignmentsAt: (scope, signal) =>
      cached(
        caches.assignments,
        prefix + scopeKey(scope),
        async () => {
          if (graphListing) {
            // The tenant-wide listing holds every assignment below subscription scope the user may read, so it also
            // answers for resource groups and machines (the resolver only uses what is at or below the scope).
            const hints = (await graphListing)?.get(scopeKey(subscriptionScopeOf(scope)));
            if (hints) return SUBSCRIPTION_SCOPE.test(scope.trim()) ? hints : hints.filter((hint) => isAtOrBelow(scopeKey(hint.scope), scopeKey(scope)));
          }
          return listingMissing ? null : listThroughArm(scope, signal);
        },
        signal,
      ),
    roleDefinition: (scope, guid, signal) =>
      cached(
        caches.roleDefinitions,
        `${identity.accountId}|${identity.tenantId}|${guid}`,
        () =>
          definitionLimiter
            .run(
              () =>
                identity.rest.get(`${scope}/providers/Microsoft.Authorization/roleDefinitions/${guid}`, roleDefinitionSchema, {
                  scope,
                  signal,
                  apiVersion: AUTHORIZATION_API_VERSION,
                }),
              signal,
            )
            .then(toPermissionBlocks, (error: unknown) => {
              if (isUnavailable(error)) return null;
              throw error;
            }),
        signal,
      ),
  };
}
