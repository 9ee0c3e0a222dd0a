import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  describeAccess,
  evaluateAccess,
  holdsAction,
  holdsDataAction,
  isFinalAccess,
  matchesAction,
  type PermissionBlock,
  permissionsPageSchema,
} from '../../../../src/shared/discovery/permissions';

const block = (partial: Partial<PermissionBlock>): PermissionBlock => ({
  actions: [],
  notActions: [],
  dataActions: [],
  notDataActions: [],
  ...partial,
});

// Permission lists as the Azure built-in roles reference gives them (the ones that matter here).
const ROLES = {
  owner: block({ actions: ['*'] }),
  contributor: block({ actions: ['*'], notActions: ['Microsoft.Authorization/*/Delete', 'Microsoft.Authorization/*/Write'] }),
  reader: block({ actions: ['*/read'] }),
  userLogin: block({
    actions: ['Microsoft.Compute/virtualMachines/*/read', 'Microsoft.HybridCompute/machines/*/read'],
    dataActions: ['Microsoft.Compute/virtualMachines/login/action', 'Microsoft.HybridCompute/machines/login/action'],
  }),
  adminLogin: block({
    actions: ['Microsoft.Compute/virtualMachines/*/read'],
    dataActions: [
      'Microsoft.Compute/virtualMachines/login/action',
      'Microsoft.Compute/virtualMachines/loginAsAdmin/action',
      'Microsoft.HybridCompute/machines/login/action',
      'Microsoft.HybridCompute/machines/loginAsAdmin/action',
    ],
  }),
  vmContributor: block({ actions: ['Microsoft.Authorization/*/read', 'Microsoft.Compute/virtualMachines/*'] }),
  operator: block({
    actions: ['Microsoft.Compute/virtualMachines/*'],
    dataActions: ['Microsoft.Compute/virtualMachines/*'],
    notDataActions: ['Microsoft.Compute/virtualMachines/loginAsAdmin/action'],
  }),
  jumpAdmin: block({ actions: ['*/read'], dataActions: ['Microsoft.Compute/*'] }),
} as const;

describe('matchesAction', () => {
  it.each([
    ['Microsoft.Compute/virtualMachines/login/action', 'Microsoft.Compute/virtualMachines/login/action', true],
    ['microsoft.compute/VIRTUALMACHINES/Login/Action', 'Microsoft.Compute/virtualMachines/login/action', true],
    ['*', 'Microsoft.Compute/virtualMachines/loginAsAdmin/action', true],
    ['Microsoft.Compute/*', 'Microsoft.Compute/virtualMachines/login/action', true],
    ['Microsoft.Compute/virtualMachines/*', 'Microsoft.Compute/virtualMachines/loginAsAdmin/action', true],
    ['Microsoft.Compute/virtualMachines/*', 'Microsoft.HybridCompute/machines/login/action', false],
    ['Microsoft.Compute/*', 'Microsoft.ComputeX/virtualMachines/login/action', false],
    ['*/read', 'Microsoft.Compute/virtualMachines/login/action', false],
    ['*/read', 'Microsoft.Authorization/roleAssignments/read', true],
    ['Microsoft.Compute/virtualMachines/*/read', 'Microsoft.Compute/virtualMachines/read', true],
    ['Microsoft.Compute/virtualMachines/*/read', 'Microsoft.Compute/virtualMachines/extensions/read', true],
    ['Microsoft.Compute/virtualMachines/login/action', 'Microsoft.Compute/virtualMachines/loginAsAdmin/action', false],
    // A dot in a pattern is a literal dot, not "any character".
    ['Microsoft.Compute/virtualMachines/login/action', 'MicrosoftXCompute/virtualMachines/login/action', false],
  ])('%s covers %s: %s', (pattern, action, expected) => {
    expect(matchesAction(pattern, action)).toBe(expected);
  });

  it('is case-insensitive for any casing of pattern and action', () => {
    const randomCase = (text: string) =>
      fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((flags) =>
        [...text].map((c, i) => (flags[i] ? c.toUpperCase() : c.toLowerCase())).join(''),
      );
    const action = 'Microsoft.HybridCompute/machines/loginAsAdmin/action';
    fc.assert(
      fc.property(randomCase('Microsoft.HybridCompute/*'), randomCase(action), (pattern, candidate) => {
        expect(matchesAction(pattern, candidate)).toBe(true);
      }),
    );
  });
});

describe('evaluateAccess', () => {
  it.each([
    ['Virtual Machine User Login', [ROLES.userLogin], 'user', false, false],
    ['Virtual Machine Administrator Login', [ROLES.adminLogin], 'admin', false, false],
    ['Owner only', [ROLES.owner], 'none', true, true],
    ['Contributor only', [ROLES.contributor], 'none', true, true],
    ['Virtual Machine Contributor only', [ROLES.vmContributor], 'none', true, true],
    ['Reader only', [ROLES.reader], 'none', false, false],
    ['nothing', [], 'none', false, false],
    ['custom role: wildcard data actions minus loginAsAdmin', [ROLES.operator], 'user', true, false],
    ['custom role: Microsoft.Compute/* data actions', [ROLES.jumpAdmin], 'admin', false, false],
    ['Owner plus User Login', [ROLES.owner, ROLES.userLogin], 'user', true, false],
    ['User Login plus Virtual Machine Contributor', [ROLES.userLogin, ROLES.vmContributor], 'user', true, false],
  ] as const)('VM, %s → %s', (_, blocks, right, canStart, controlPlaneOnly) => {
    expect(evaluateAccess('azure-vm', blocks)).toEqual({ right, canStart, hasControlPlaneOnly: controlPlaneOnly });
  });

  it('evaluates notDataActions per element: another role grant is not removed by it', () => {
    const blocks = [ROLES.operator, ROLES.adminLogin];
    expect(evaluateAccess('azure-vm', blocks).right).toBe('admin');
    expect(evaluateAccess('azure-vm', [ROLES.operator]).right).toBe('user');
  });

  it('excludes with a wildcard notDataActions', () => {
    const blocks = [block({ dataActions: ['*'], notDataActions: ['Microsoft.Compute/virtualMachines/login*'] })];
    expect(evaluateAccess('azure-vm', blocks).right).toBe('none');
    expect(evaluateAccess('arc-server', blocks).right).toBe('admin');
  });

  it.each([
    ['User Login', [ROLES.userLogin], 'user'],
    ['Administrator Login', [ROLES.adminLogin], 'admin'],
    ['Compute-only custom role', [ROLES.jumpAdmin], 'none'],
    ['wildcard data actions', [block({ dataActions: ['*'] })], 'admin'],
    ['HybridCompute machine wildcard', [block({ dataActions: ['Microsoft.HybridCompute/machines/*'] })], 'admin'],
  ] as const)('Arc server, %s → %s; Arc servers cannot be started', (_, blocks, right) => {
    const evaluation = evaluateAccess('arc-server', blocks);
    expect(evaluation.right).toBe(right);
    expect(evaluation.canStart).toBe(false);
  });

  it('reports Owner on an Arc server as control plane only', () => {
    expect(evaluateAccess('arc-server', [ROLES.owner])).toEqual({ right: 'none', canStart: false, hasControlPlaneOnly: true });
  });

  it('grants an action only if the same element does not exclude it', () => {
    const start = 'Microsoft.Compute/virtualMachines/start/action';
    expect(holdsAction([block({ actions: ['*'], notActions: ['Microsoft.Compute/*/action'] })], start)).toBe(false);
    expect(holdsAction([block({ actions: ['*'], notActions: ['Microsoft.Compute/*/action'] }), block({ actions: [start] })], start)).toBe(true);
  });

  it('never loses a right when a block is added (one element cannot remove what another grants)', () => {
    const patterns = fc.constantFrom(
      '*',
      'Microsoft.Compute/*',
      'Microsoft.Compute/virtualMachines/*',
      'Microsoft.Compute/virtualMachines/login/action',
      'Microsoft.Compute/virtualMachines/loginAsAdmin/action',
      'Microsoft.HybridCompute/*',
      '*/read',
    );
    const arbitraryBlock = fc.record({
      actions: fc.array(patterns, { maxLength: 3 }),
      notActions: fc.array(patterns, { maxLength: 2 }),
      dataActions: fc.array(patterns, { maxLength: 3 }),
      notDataActions: fc.array(patterns, { maxLength: 2 }),
    });
    const rank = { none: 0, user: 1, admin: 2 } as const;
    fc.assert(
      fc.property(fc.array(arbitraryBlock, { maxLength: 4 }), arbitraryBlock, (blocks, extra) => {
        for (const kind of ['azure-vm', 'arc-server'] as const) {
          const before = evaluateAccess(kind, blocks);
          const after = evaluateAccess(kind, [...blocks, extra]);
          expect(rank[after.right]).toBeGreaterThanOrEqual(rank[before.right]);
          if (before.canStart) expect(after.canStart).toBe(true);
        }
      }),
    );
  });

  it('holdsDataAction ignores control-plane actions', () => {
    expect(holdsDataAction([ROLES.owner], 'Microsoft.Compute/virtualMachines/login/action')).toBe(false);
  });
});

describe('isFinalAccess and describeAccess', () => {
  it('is final only with administrator login and, for a VM, start', () => {
    expect(isFinalAccess('azure-vm', { right: 'admin', canStart: true, hasControlPlaneOnly: false })).toBe(true);
    expect(isFinalAccess('azure-vm', { right: 'admin', canStart: false, hasControlPlaneOnly: false })).toBe(false);
    expect(isFinalAccess('azure-vm', { right: 'user', canStart: true, hasControlPlaneOnly: false })).toBe(false);
    expect(isFinalAccess('arc-server', { right: 'admin', canStart: false, hasControlPlaneOnly: false })).toBe(true);
  });

  it('explains why Owner is not enough', () => {
    expect(describeAccess('azure-vm', { right: 'none', canStart: true, hasControlPlaneOnly: true })).toMatch(
      /manage.*Owner or Contributor.*Virtual Machine User Login/,
    );
    expect(describeAccess('arc-server', { right: 'user', canStart: false, hasControlPlaneOnly: false })).toMatch(/Arc-enabled server as a standard user/);
  });
});

describe('permissionsPageSchema', () => {
  it('treats missing lists as empty and keeps nextLink', () => {
    const parsed = permissionsPageSchema.parse({ value: [{ actions: ['*'] }, { dataActions: null }], nextLink: 'https://x/next' });
    expect(parsed.value).toEqual([block({ actions: ['*'] }), block({})]);
    expect(parsed.nextLink).toBe('https://x/next');
  });
});
