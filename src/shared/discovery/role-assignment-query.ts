import { z } from 'zod';

import { roleDefinitionGuid, type RoleAssignmentHint } from './role-assignments';

/**
 * The Resource Graph query that lists role assignments below subscription scope (resource groups and single
 * resources), for every principal: the map of where narrower grants exist (see role-assignments.ts). One paged query
 * per tenant instead of one role-assignment listing per subscription.
 *
 * Deliberately NOT one of APP_QUERIES (resource-graph-queries.ts): the simulator answers those by their marker, and
 * an evaluator that does not know this one must refuse it (400 UnsupportedQuery: discovery then falls back to the
 * REST listing, then to asking the permissions API) rather than answer "no assignments", which would be unsound.
 * Assignments at subscription scope and above are left out: the permissions API at subscription scope covers them.
 */
export const ROLE_ASSIGNMENTS_QUERY = `// rdp-broker:role-assignments v1
AuthorizationResources
| where type =~ 'microsoft.authorization/roleassignments'
| extend scope = tostring(properties.scope)
| where scope contains '/resourcegroups/'
| project id, scope,
    principalId = tostring(properties.principalId),
    principalType = tostring(properties.principalType),
    roleDefinitionId = tostring(properties.roleDefinitionId),
    condition = tostring(properties.condition)
| order by id asc`;

const kqlString = z
  .string()
  .nullish()
  .transform((value) => value ?? '');

/** One row of {@link ROLE_ASSIGNMENTS_QUERY}. */
export const roleAssignmentRowSchema = z.object({
  id: z.string(),
  scope: z.string(),
  principalId: z.string(),
  principalType: kqlString,
  roleDefinitionId: z.string(),
  condition: kqlString,
});
export type RoleAssignmentRow = z.infer<typeof roleAssignmentRowSchema>;

/** The hint form of a row. */
export function rowToAssignmentHint(row: RoleAssignmentRow): RoleAssignmentHint {
  return {
    scope: row.scope,
    principalId: row.principalId.toLowerCase(),
    principalType: row.principalType,
    roleDefinitionGuid: roleDefinitionGuid(row.roleDefinitionId),
    hasCondition: row.condition.trim() !== '',
  };
}
