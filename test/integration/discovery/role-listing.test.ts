import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createArmRest } from '../../../src/main/discovery/arm-rest';
import { Limiter } from '../../../src/main/discovery/limiter';
import { type AccessEvaluation, evaluateAccess, permissionBlockSchema } from '../../../src/shared/discovery/permissions';
import { generateScaleScenario, type Scenario } from '../../../src/simulator/index';
import { DEMO, type DiscoveryHarness, runDiscovery, type RunResult, startDiscoveryHarness } from './support';

/**
 * The listing path of the rights check against the simulator's real role-assignment endpoints (Resource Graph's
 * role-assignment query, ARM `roleAssignments` and `roleDefinitions`): discovery must reach exactly the rights the
 * permissions API gives when asked on every machine (the oracle), with far fewer calls.
 */

/** Asks the permissions API on every listed machine, with the account and tenant discovery found it through. */
async function askEveryMachine(h: DiscoveryHarness, result: RunResult): Promise<Map<string, AccessEvaluation>> {
  const endpoints = h.clouds('AzureCloud');
  const rests = new Map<string, ReturnType<typeof createArmRest>>();
  const restFor = (accountId: string, tenantId: string) => {
    const key = `${accountId}|${tenantId}`;
    let rest = rests.get(key);
    if (!rest) {
      rest = createArmRest({
        endpoint: endpoints.armEndpoint,
        scope: endpoints.armScope,
        getToken: () => h.auth.getArmToken(accountId, tenantId),
        transportPolicy: h.transport.azurePipelinePolicy,
      });
      rests.set(key, rest);
    }
    return rest;
  };
  const limiter = new Limiter(8);
  const signal = new AbortController().signal;
  const oracle = new Map<string, AccessEvaluation>();
  await Promise.all(
    [...result.machines.entries()].map(([key, machine]) =>
      limiter.run(async () => {
        const blocks = await restFor(machine.accountId, machine.tenantId).list(`${machine.id}/providers/Microsoft.Authorization/permissions`, permissionBlockSchema, {
          scope: machine.id,
          signal,
          apiVersion: '2022-04-01',
        });
        oracle.set(key, evaluateAccess(machine.kind, blocks));
      }),
    ),
  );
  return oracle;
}

function expectOracleRights(result: RunResult, oracle: ReadonlyMap<string, AccessEvaluation>): void {
  expect(result.problems).toEqual([]);
  expect(result.machines.size).toBe(oracle.size);
  for (const [key, machine] of result.machines) {
    const { right, canStart, hasControlPlaneOnly } = machine.access;
    expect({ name: machine.name, right, canStart, hasControlPlaneOnly }).toEqual({ name: machine.name, ...oracle.get(key) });
  }
}

const permissionCalls = (requests: readonly { url: string }[]) => requests.filter((r) => /\/providers\/Microsoft\.Authorization\/permissions\b/i.test(r.url)).length;

/** Sends the role-assignment query with an unknown version, so the simulator refuses it as an older evaluator would. */
function refusingGraphListing(inner: PipelinePolicy): PipelinePolicy {
  return {
    name: 'refuseGraphListing',
    sendRequest(request, next) {
      if (typeof request.body === 'string' && request.body.includes('rdp-broker:role-assignments v1')) {
        request.body = request.body.replace('rdp-broker:role-assignments v1', 'rdp-broker:role-assignments v999');
      }
      return inner.sendRequest(request, next);
    },
  };
}

describe('rights from the simulator’s role-assignment listings (demo world)', () => {
  let h: DiscoveryHarness;

  beforeAll(async () => {
    h = await startDiscoveryHarness();
    await h.signIn(DEMO.avery);
  });
  afterAll(async () => {
    await h.close();
  });

  it('through the Resource Graph listing: the oracle’s rights, no machine asked where the user may read assignments', async () => {
    const { discovery, requests } = h.discovery();
    const result = await runDiscovery(discovery);
    const oracle = await askEveryMachine(h, result);
    expectOracleRights(result, oracle);
    expect(requests.some((r) => r.url.includes('ResourceGraph'))).toBe(true);
    expect(h.sim.requests.some((r) => r.path.includes('ResourceGraph') && r.status === 400)).toBe(false);
    const machineCalls = requests.filter((r) => /\/(virtualMachines|machines)\/[^/]+\/providers\/Microsoft\.Authorization\/permissions/.test(r.url));
    // Only Fabrikam's two VMs: there Avery's guest object may not read role assignments, so nothing can be ruled out.
    expect(machineCalls.map((r) => r.url.match(/virtualMachines\/([^/?]+)/)?.[1]).sort()).toEqual(['fab-app-01', 'fab-app-02']);
    expect(permissionCalls(requests)).toBeLessThan(result.machines.size / 3);
    const adminLogin = [...result.machines.values()].find((m) => m.name === 'vm-admin-login');
    expect(adminLogin?.access).toMatchObject({ right: 'admin', source: expect.stringMatching(/role assignments below it/) as unknown });
  });

  it('through the ARM listing when Resource Graph refuses the query: the oracle’s rights', async () => {
    h.sim.clearRequests();
    const { discovery, requests } = h.discovery({ transportPolicy: refusingGraphListing(h.transport.azurePipelinePolicy) });
    const result = await runDiscovery(discovery);
    expectOracleRights(result, await askEveryMachine(h, result));
    expect(h.sim.requests.some((r) => r.path.includes('ResourceGraph') && r.status === 400)).toBe(true);
    expect(requests.some((r) => /\/providers\/Microsoft\.Authorization\/roleAssignments\?/i.test(r.url))).toBe(true);
    expect(permissionCalls(requests)).toBeLessThan(result.machines.size / 3);
  });
});

describe('rights from the simulator’s role-assignment listings (small scale world with group assignments)', () => {
  let h: DiscoveryHarness;
  let scenario: Scenario;
  let groupScope = '';

  beforeAll(async () => {
    scenario = generateScaleScenario({ seed: 6, vms: 400, arcServers: 80, subscriptions: 12 });
    // Seed 6 gives this small world group assignments of both kinds: a group with Avery in it and one without.
    const groupsAssigned = new Set(scenario.roleAssignments.map((a) => scenario.groups.find((g) => g.name === a.principal)).filter((g) => g !== undefined));
    if (![...groupsAssigned].some((g) => g.members.includes(DEMO.avery)) || ![...groupsAssigned].some((g) => !g.members.includes(DEMO.avery))) {
      throw new Error('the scale world lost its group assignments of both kinds');
    }
    // One more group assignment, on a resource group where nothing at or above it gives Avery a login right (single
    // machines in it may have one): administrator login through a group.
    const group = scenario.groups.find((g) => g.members.includes(DEMO.avery));
    if (!group) throw new Error('the scale world has no group with Avery in it');
    const loginScopes = scenario.roleAssignments.filter((a) => a.principal === DEMO.avery && a.role.includes('Login')).map((a) => a.scope.toLowerCase());
    const target = scenario.virtualMachines.find((vm) => {
      const rg = `/subscriptions/${vm.subscriptionId}/resourceGroups/${vm.resourceGroup}`.toLowerCase();
      return vm.os.type === 'Windows' && !loginScopes.some((s) => rg === s || rg.startsWith(`${s}/`));
    });
    if (!target) throw new Error('no resource group without a login grant');
    groupScope = `/subscriptions/${target.subscriptionId}/resourceGroups/${target.resourceGroup}`;
    scenario = { ...scenario, roleAssignments: [...scenario.roleAssignments, { principal: group.name, role: 'Virtual Machine Administrator Login', scope: groupScope }] };
    h = await startDiscoveryHarness({ scenario });
    await h.signIn(DEMO.avery);
  });
  afterAll(async () => {
    await h.close();
  });

  it('reaches the oracle’s rights with far fewer calls than machines, group grants included', async () => {
    const { discovery, requests } = h.discovery();
    const result = await runDiscovery(discovery);
    const oracle = await askEveryMachine(h, result);
    expectOracleRights(result, oracle);
    expect(result.machines.size).toBeGreaterThan(300);
    expect(requests.length).toBeLessThan(result.machines.size / 4);
    expect(permissionCalls(requests)).toBeLessThan(result.machines.size / 8);

    const inGroup = [...result.machines.values()].filter((m) => m.id.toLowerCase().startsWith(`${groupScope.toLowerCase()}/`));
    expect(inGroup.length).toBeGreaterThan(0);
    for (const machine of inGroup) expect(machine.access.right).toBe('admin');
  });
});
