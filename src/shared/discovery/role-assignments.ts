import { z } from 'zod';

import { type PermissionBlock, permissionBlockSchema } from './permissions';

/**
 * Role assignments as a map of where narrower grants exist. The permissions API answers for one scope including what
 * is inherited from above, but a grant at a narrower scope is invisible from a wider one; listing role assignments
 * tells discovery which resource groups and machines carry grants of their own, and which of those are the user's.
 */

/** One role assignment, reduced to what access resolution needs. */
export interface RoleAssignmentHint {
  readonly scope: string;
  readonly principalId: string;
  /** `User`, `Group`, `ServicePrincipal`, `ForeignGroup`, `Device`, or '' when Azure did not say. */
  readonly principalType: string;
  /** Role definition GUID, lower-case. */
  readonly roleDefinitionGuid: string;
  /** ABAC condition present: only the permissions API can evaluate it. */
  readonly hasCondition: boolean;
}

/** `GET {scope}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01`, one element. */
export const roleAssignmentSchema = z.object({
  id: z.string(),
  properties: z.object({
    scope: z.string(),
    principalId: z.string(),
    principalType: z.string().nullish(),
    roleDefinitionId: z.string(),
    condition: z.string().nullish(),
  }),
});
export type RoleAssignmentResource = z.infer<typeof roleAssignmentSchema>;

/** `GET …/providers/Microsoft.Authorization/roleDefinitions/{guid}?api-version=2022-04-01`. */
export const roleDefinitionSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.object({
    roleName: z.string().nullish(),
    permissions: z.array(permissionBlockSchema),
  }),
});
export type RoleDefinitionResource = z.infer<typeof roleDefinitionSchema>;

/** The GUID at the end of a role definition id (`…/roleDefinitions/<guid>`), lower-cased. */
export function roleDefinitionGuid(roleDefinitionId: string): string {
  const last = roleDefinitionId.replace(/\/+$/, '').split('/').pop() ?? '';
  return last.toLowerCase();
}

/** The hint form of a role assignment resource. */
export function toAssignmentHint(resource: RoleAssignmentResource): RoleAssignmentHint {
  return {
    scope: resource.properties.scope,
    principalId: resource.properties.principalId.toLowerCase(),
    principalType: resource.properties.principalType ?? '',
    roleDefinitionGuid: roleDefinitionGuid(resource.properties.roleDefinitionId),
    hasCondition: (resource.properties.condition ?? '').trim() !== '',
  };
}

/** The permission blocks of a role definition. */
export function toPermissionBlocks(resource: RoleDefinitionResource): PermissionBlock[] {
  return resource.properties.permissions;
}

/**
 * How one assignment bears on the signed-in user:
 * - `mine`: made to the user directly, without a condition: its role definition applies for certain;
 * - `other`: made to another user, service principal or device: it cannot apply to the user;
 * - `unknown`: a group (membership is not visible here), a condition, or an unidentified principal: only the
 *   permissions API can tell.
 */
export type AssignmentBearing = 'mine' | 'other' | 'unknown';

const NOT_GROUPS = new Set(['user', 'serviceprincipal', 'device']);

/** Classifies an assignment for the user whose object id (in the assignment's tenant) is `userObjectId`. */
export function classifyAssignment(assignment: RoleAssignmentHint, userObjectId: string | null): AssignmentBearing {
  const type = assignment.principalType.toLowerCase();
  if (userObjectId !== null && assignment.principalId === userObjectId.toLowerCase()) {
    return assignment.hasCondition ? 'unknown' : 'mine';
  }
  return NOT_GROUPS.has(type) ? 'other' : 'unknown';
}

/** Normalises an ARM scope for comparison: lower-case, no trailing slash. */
export function scopeKey(scope: string): string {
  return scope.trim().toLowerCase().replace(/\/+$/, '');
}

/** Subscription scope of a machine id: `/subscriptions/<guid>`. */
export function subscriptionScopeOf(id: string): string {
  const match = /^(\/subscriptions\/[^/]+)/i.exec(id);
  return match?.[1] ?? id;
}

/** Resource group scope of a machine id: `/subscriptions/<guid>/resourceGroups/<name>`. */
export function resourceGroupScopeOf(id: string): string {
  const match = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+)/i.exec(id);
  return match?.[1] ?? subscriptionScopeOf(id);
}

/** Groups assignments by normalised scope. */
export function indexAssignments(assignments: readonly RoleAssignmentHint[]): Map<string, RoleAssignmentHint[]> {
  const index = new Map<string, RoleAssignmentHint[]>();
  for (const assignment of assignments) {
    const key = scopeKey(assignment.scope);
    const list = index.get(key);
    if (list) list.push(assignment);
    else index.set(key, [assignment]);
  }
  return index;
}
