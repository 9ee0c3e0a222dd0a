import { describe, expect, it } from 'vitest';

import {
  classifyAssignment,
  indexAssignments,
  resourceGroupScopeOf,
  roleAssignmentSchema,
  roleDefinitionGuid,
  scopeKey,
  subscriptionScopeOf,
  toAssignmentHint,
} from '../../../../src/shared/discovery/role-assignments';
import { ROLE_ASSIGNMENTS_QUERY, roleAssignmentRowSchema, rowToAssignmentHint } from '../../../../src/shared/discovery/role-assignment-query';
import { APP_QUERIES } from '../../../../src/shared/discovery/resource-graph-queries';

const ME = 'a1ac69be-b4ec-42bd-b1d7-13c41a904bb7';
const VM = '/subscriptions/S1/resourceGroups/RG-Admins/providers/Microsoft.Compute/virtualMachines/vm-1';

const hint = (principalId: string, principalType: string, hasCondition = false) => ({
  scope: VM,
  principalId,
  principalType,
  roleDefinitionGuid: 'fb879df8-f326-4884-b1cf-06f3ad86be52',
  hasCondition,
});

describe('role assignments', () => {
  it('reads the REST shape', () => {
    const resource = roleAssignmentSchema.parse({
      id: '/subscriptions/S1/providers/Microsoft.Authorization/roleAssignments/x',
      name: 'x',
      properties: {
        scope: VM,
        principalId: ME.toUpperCase(),
        principalType: 'User',
        roleDefinitionId: '/subscriptions/S1/providers/Microsoft.Authorization/roleDefinitions/FB879DF8-F326-4884-B1CF-06F3AD86BE52',
        condition: null,
      },
    });
    expect(toAssignmentHint(resource)).toEqual(hint(ME, 'User'));
  });

  it.each([
    ['my direct assignment', hint(ME, 'User'), ME, 'mine'],
    ['my direct assignment, id in another case', hint(ME, 'User'), ME.toUpperCase(), 'mine'],
    ['my assignment with a condition', hint(ME, 'User', true), ME, 'unknown'],
    ['another user', hint('someone-else', 'User'), ME, 'other'],
    ['a service principal', hint('sp', 'ServicePrincipal'), ME, 'other'],
    ['a group (membership not visible)', hint('group', 'Group'), ME, 'unknown'],
    ['a foreign group', hint('group', 'ForeignGroup'), ME, 'unknown'],
    ['an unknown principal type', hint('x', ''), ME, 'unknown'],
    ['mine, but my object id is not known', hint(ME, 'User'), null, 'other'],
    ['a group when my object id is not known', hint('group', 'Group'), null, 'unknown'],
  ] as const)('%s → %s', (_, assignment, me, expected) => {
    expect(classifyAssignment(assignment, me)).toBe(expected);
  });

  it('takes the GUID of a role definition id', () => {
    expect(roleDefinitionGuid('/providers/Microsoft.Authorization/roleDefinitions/ABC/')).toBe('abc');
  });

  it('indexes by normalised scope and derives parent scopes', () => {
    const index = indexAssignments([hint(ME, 'User'), { ...hint('g', 'Group'), scope: `${VM.toLowerCase()}/` }]);
    expect(index.get(scopeKey(VM))).toHaveLength(2);
    expect(subscriptionScopeOf(VM)).toBe('/subscriptions/S1');
    expect(resourceGroupScopeOf(VM)).toBe('/subscriptions/S1/resourceGroups/RG-Admins');
  });
});

describe('the Resource Graph role-assignment query', () => {
  it('is not one of the app queries the simulator answers, so an unknown evaluator refuses it', () => {
    expect(ROLE_ASSIGNMENTS_QUERY.split('\n')[0]).toBe('// rdp-broker:role-assignments v1');
    const appQueryTexts: readonly string[] = Object.values(APP_QUERIES).map((query) => query.text);
    expect(appQueryTexts.includes(ROLE_ASSIGNMENTS_QUERY)).toBe(false);
    expect(ROLE_ASSIGNMENTS_QUERY).toMatch(/order by id asc$/);
  });

  it('turns rows into hints', () => {
    const row = roleAssignmentRowSchema.parse({
      id: 'x',
      scope: VM,
      principalId: ME.toUpperCase(),
      principalType: 'Group',
      roleDefinitionId: '/subscriptions/S1/providers/Microsoft.Authorization/roleDefinitions/1C0163C0-47E6-4577-8991-EA5C82E286E4',
      condition: null,
    });
    expect(rowToAssignmentHint(row)).toEqual({
      scope: VM,
      principalId: ME,
      principalType: 'Group',
      roleDefinitionGuid: '1c0163c0-47e6-4577-8991-ea5c82e286e4',
      hasCondition: false,
    });
  });
});
