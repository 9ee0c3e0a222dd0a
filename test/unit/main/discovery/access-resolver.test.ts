import { describe, expect, it } from 'vitest';

import { type AccessIo, AccessResolver } from '../../../../src/main/discovery/access-resolver';
import type { Machine } from '../../../../src/shared/domain/machine';
import type { PermissionBlock } from '../../../../src/shared/discovery/permissions';
import type { RoleAssignmentHint } from '../../../../src/shared/discovery/role-assignments';
import { AppError } from '../../../../src/shared/errors/app-error';

const ME = 'me-oid';
const SUB = '/subscriptions/s1';
const RG = `${SUB}/resourceGroups/rg-1`;
const VM1 = `${RG}/providers/Microsoft.Compute/virtualMachines/vm-1`;
const VM2 = `${RG}/providers/Microsoft.Compute/virtualMachines/vm-2`;
const ARC = `${RG}/providers/Microsoft.HybridCompute/machines/arc-1`;

const block = (p: Partial<PermissionBlock>): PermissionBlock => ({ actions: [], notActions: [], dataActions: [], notDataActions: [], ...p });
const READER = block({ actions: ['*/read'] });
const USER_LOGIN = block({ dataActions: ['Microsoft.Compute/virtualMachines/login/action', 'Microsoft.HybridCompute/machines/login/action'] });
const ADMIN_LOGIN = block({
  dataActions: ['Microsoft.Compute/virtualMachines/loginAsAdmin/action', 'Microsoft.HybridCompute/machines/loginAsAdmin/action'],
});
const OWNER = block({ actions: ['*'] });
const ROLE_DEFS: Record<string, PermissionBlock[]> = { user: [USER_LOGIN], admin: [ADMIN_LOGIN], owner: [OWNER] };

const machine = (id: string): Machine =>
  ({ id, kind: id.includes('HybridCompute') ? 'arc-server' : 'azure-vm', name: id.split('/').pop() }) as Machine;

const assignment = (scope: string, role: string, principalId = ME, principalType = 'User', hasCondition = false): RoleAssignmentHint => ({
  scope,
  principalId,
  principalType,
  roleDefinitionGuid: role,
  hasCondition,
});

/** A fake ARM: permissions per scope, an optional role-assignment listing, role definitions; records every call. */
function fakeIo(permissions: Record<string, PermissionBlock[] | Error>, assignments: RoleAssignmentHint[] | null = null) {
  const calls: string[] = [];
  const io: AccessIo = {
    permissionsAt: (scope) => {
      calls.push(`permissions ${scope}`);
      const answer = permissions[scope] ?? [];
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
    assignmentsAt: (scope) => {
      calls.push(`assignments ${scope}`);
      return Promise.resolve(assignments);
    },
    roleDefinition: (_scope, guid) => {
      calls.push(`role ${guid}`);
      return Promise.resolve(ROLE_DEFS[guid] ?? null);
    },
  };
  return { io, calls };
}

function resolver(io: AccessIo, problems: string[] = [], signal = new AbortController().signal) {
  return new AccessResolver({ io, userObjectId: ME, signal, onProblem: (scope) => problems.push(scope) });
}

describe('AccessResolver', () => {
  it('stops at the subscription when it already grants administrator login and start', async () => {
    const { io, calls } = fakeIo({ [SUB]: [ADMIN_LOGIN, OWNER] });
    const access = await resolver(io).resolve(machine(VM1));
    expect(access).toMatchObject({ right: 'admin', canStart: true, source: `permissions at ${SUB}` });
    expect(calls).toEqual([`permissions ${SUB}`]);
  });

  it('uses the role-assignment listing to rule narrower grants out: no call below the subscription', async () => {
    const { io, calls } = fakeIo({ [SUB]: [READER, USER_LOGIN] }, [assignment(SUB, 'user'), assignment(VM2, 'admin', 'someone-else')]);
    const r = resolver(io);
    const [one, two] = await Promise.all([r.resolve(machine(VM1)), r.resolve(machine(VM2))]);
    expect(one.right).toBe('user');
    expect(two.right).toBe('user');
    expect(one.source).toMatch(/role assignments below it/);
    expect(calls.filter((c) => !c.startsWith('role')).sort()).toEqual([`assignments ${SUB}`, `permissions ${SUB}`]);
  });

  it('adds the user own narrower assignments through their role definitions', async () => {
    const { io, calls } = fakeIo({ [SUB]: [READER] }, [assignment(RG, 'user'), assignment(VM1, 'admin'), assignment(VM2, 'owner')]);
    const r = resolver(io);
    expect((await r.resolve(machine(VM1))).right).toBe('admin');
    expect(await r.resolve(machine(VM2))).toMatchObject({ right: 'user', canStart: true, hasControlPlaneOnly: false });
    expect(await r.resolve(machine(ARC))).toMatchObject({ right: 'user', canStart: false });
    expect(calls.filter((c) => c.startsWith('permissions'))).toEqual([`permissions ${SUB}`]);
    expect(calls.filter((c) => c.startsWith('role')).sort()).toEqual(['role admin', 'role owner', 'role user']);
  });

  it('asks the permissions API on the machine when a group holds an assignment there', async () => {
    const { io, calls } = fakeIo({ [SUB]: [READER], [VM1]: [ADMIN_LOGIN] }, [assignment(VM1, 'admin', 'group-1', 'Group')]);
    expect((await resolver(io).resolve(machine(VM1))).right).toBe('admin');
    expect(calls).toContain(`permissions ${VM1}`);
    expect(calls).not.toContain(`permissions ${RG}`);
  });

  it('asks the resource group when a group holds an assignment there, then uses the listing for the machine', async () => {
    const { io, calls } = fakeIo({ [SUB]: [READER], [RG]: [READER, USER_LOGIN] }, [assignment(RG, 'user', 'group-1', 'Group')]);
    const access = await resolver(io).resolve(machine(VM1));
    expect(access).toMatchObject({ right: 'user', source: `permissions at ${RG} and your role assignments on the machine` });
    expect(calls).toContain(`permissions ${RG}`);
    expect(calls).not.toContain(`permissions ${VM1}`);
  });

  it('treats a conditional assignment of the user as unknown: the machine is asked', async () => {
    const { io, calls } = fakeIo({ [SUB]: [READER], [VM1]: [] }, [assignment(VM1, 'admin', ME, 'User', true)]);
    expect((await resolver(io).resolve(machine(VM1))).right).toBe('none');
    expect(calls).toContain(`permissions ${VM1}`);
  });

  it('asks the machine when a role definition cannot be read', async () => {
    const { io, calls } = fakeIo({ [SUB]: [READER], [VM1]: [USER_LOGIN] }, [assignment(VM1, 'custom-unreadable')]);
    expect((await resolver(io).resolve(machine(VM1))).right).toBe('user');
    expect(calls).toContain(`permissions ${VM1}`);
  });

  it('without a listing goes group, then machine; each scope is asked once for all its machines', async () => {
    // Each scope's answer includes what it inherits, as the permissions API does.
    const { io, calls } = fakeIo(
      { [SUB]: [READER], [RG]: [READER, USER_LOGIN], [VM1]: [READER, USER_LOGIN, ADMIN_LOGIN], [VM2]: [READER, USER_LOGIN] },
      null,
    );
    const r = resolver(io);
    const [one, two] = await Promise.all([r.resolve(machine(VM1)), r.resolve(machine(VM2))]);
    expect(one).toMatchObject({ right: 'admin', source: 'permissions on the machine' });
    expect(two.right).toBe('user');
    expect(calls.filter((c) => c === `permissions ${RG}`)).toHaveLength(1);
    expect(calls.filter((c) => c === `permissions ${SUB}`)).toHaveLength(1);
  });

  it('does not trust a listing the user may not read completely', async () => {
    const { io, calls } = fakeIo({ [SUB]: [USER_LOGIN], [RG]: [USER_LOGIN], [VM1]: [USER_LOGIN] }, []);
    expect((await resolver(io).resolve(machine(VM1))).right).toBe('user');
    expect(calls.some((c) => c.startsWith('assignments'))).toBe(false);
    expect(calls).toContain(`permissions ${VM1}`);
  });

  it('stops at the resource group when it grants administrator login and start', async () => {
    const { io, calls } = fakeIo({ [SUB]: [], [RG]: [ADMIN_LOGIN, OWNER] }, null);
    expect((await resolver(io).resolve(machine(VM1))).source).toBe(`permissions at ${RG}`);
    expect(calls).not.toContain(`permissions ${VM1}`);
  });

  it('leaves the machine unknown with the reason, and reports the scope once', async () => {
    const failure = new AppError('AZURE_FORBIDDEN', 'denied', { scope: SUB });
    const { io } = fakeIo({ [SUB]: failure });
    const problems: string[] = [];
    const r = resolver(io, problems);
    const [one, two] = await Promise.all([r.resolve(machine(VM1)), r.resolve(machine(VM2))]);
    expect(one).toEqual({ right: 'unknown', source: `Could not read permissions at ${SUB} (AZURE_FORBIDDEN)` });
    expect(two.right).toBe('unknown');
    expect(problems).toEqual([SUB]);
  });

  it('rejects on cancellation instead of guessing', async () => {
    const controller = new AbortController();
    const { io } = fakeIo({ [SUB]: new AppError('DISCOVERY_CANCELLED', 'cancelled') });
    controller.abort();
    await expect(resolver(io, [], controller.signal).resolve(machine(VM1))).rejects.toMatchObject({ code: 'DISCOVERY_CANCELLED' });
  });

  it('prefetch reads permissions and the listing in parallel, and the user own role definitions', async () => {
    const { io, calls } = fakeIo({ [SUB]: [READER] }, [assignment(VM1, 'admin'), assignment(VM2, 'owner', 'someone-else')]);
    await resolver(io).prefetch(SUB);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls.sort()).toEqual([`assignments ${SUB}`, `permissions ${SUB}`, 'role admin']);
  });

  it('prefetch reports a failing subscription without throwing', async () => {
    const { io } = fakeIo({ [SUB]: new AppError('AZURE_UNAVAILABLE', 'boom') });
    const problems: string[] = [];
    await expect(resolver(io, problems).prefetch(SUB)).resolves.toBeUndefined();
    expect(problems).toEqual([SUB]);
  });
});
