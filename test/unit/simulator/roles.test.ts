import { describe, expect, it } from 'vitest';

import { allowsAction, allowsDataAction, BUILT_IN_ROLES, matchesAction, type Permission } from '../../../src/simulator/roles';

const role = (name: string): Permission => {
  const found = BUILT_IN_ROLES.find((r) => r.roleName === name);
  if (!found) throw new Error(name);
  return found;
};

describe('RBAC wildcard matching', () => {
  it.each([
    ['*', 'Microsoft.Compute/virtualMachines/start/action', true],
    ['*/read', 'Microsoft.Compute/virtualMachines/read', true],
    ['*/read', 'Microsoft.Compute/virtualMachines/start/action', false],
    ['Microsoft.Compute/*', 'microsoft.compute/virtualmachines/loginasadmin/action', true],
    ['Microsoft.Compute/virtualMachines/*/read', 'Microsoft.Compute/virtualMachines/extensions/read', true],
    ['Microsoft.Compute/virtualMachines/*/read', 'Microsoft.Compute/virtualMachines/read', true],
    ['Microsoft.Compute/virtualMachines/*/read', 'Microsoft.Compute/virtualMachinesX/read', false],
    ['Microsoft.Authorization/*/Write', 'Microsoft.Authorization/roleAssignments/write', true],
    ['Microsoft.Network/networkInterfaces/read', 'Microsoft.Network/networkInterfaces/read/extra', false],
    ['Microsoft.Compute/virtualMachines/login/action', 'Microsoft.Compute/virtualMachines/loginAsAdmin/action', false],
  ])('%s matches %s: %s', (pattern, action, expected) => {
    expect(matchesAction(pattern, action)).toBe(expected);
  });

  it('treats regex characters in patterns literally', () => {
    expect(matchesAction('Microsoft.Compute/virtualMachines/read', 'MicrosoftXCompute/virtualMachines/read')).toBe(false);
  });
});

describe('evaluation per permission block (the permissions API rule)', () => {
  const LOGIN = 'Microsoft.Compute/virtualMachines/login/action';
  const ADMIN = 'Microsoft.Compute/virtualMachines/loginAsAdmin/action';

  it('Owner and Contributor control everything but hold no data action', () => {
    expect(allowsAction([role('Owner')], 'Microsoft.Compute/virtualMachines/start/action')).toBe(true);
    expect(allowsDataAction([role('Owner')], LOGIN)).toBe(false);
    expect(allowsAction([role('Contributor')], 'Microsoft.Compute/virtualMachines/start/action')).toBe(true);
    expect(allowsAction([role('Contributor')], 'Microsoft.Authorization/roleAssignments/write')).toBe(false);
    expect(allowsDataAction([role('Contributor')], LOGIN)).toBe(false);
  });

  it('the login roles grant exactly their data actions, for VMs and Arc', () => {
    expect(allowsDataAction([role('Virtual Machine User Login')], LOGIN)).toBe(true);
    expect(allowsDataAction([role('Virtual Machine User Login')], ADMIN)).toBe(false);
    expect(allowsDataAction([role('Virtual Machine Administrator Login')], ADMIN)).toBe(true);
    expect(allowsDataAction([role('Virtual Machine Administrator Login')], 'Microsoft.HybridCompute/machines/loginAsAdmin/action')).toBe(true);
    expect(allowsAction([role('Virtual Machine User Login')], 'Microsoft.Compute/virtualMachines/start/action')).toBe(false);
    expect(allowsAction([role('Virtual Machine Contributor')], 'Microsoft.Compute/virtualMachines/start/action')).toBe(true);
  });

  it('a notDataActions entry only removes what the same block grants', () => {
    const operator: Permission = {
      actions: [],
      notActions: [],
      dataActions: ['Microsoft.Compute/virtualMachines/*'],
      notDataActions: [ADMIN],
    };
    expect(allowsDataAction([operator], LOGIN)).toBe(true);
    expect(allowsDataAction([operator], ADMIN)).toBe(false);
    expect(allowsDataAction([operator, role('Virtual Machine Administrator Login')], ADMIN)).toBe(true);
  });
});
