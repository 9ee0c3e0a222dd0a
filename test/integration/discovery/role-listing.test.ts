import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO, type DiscoveryHarness, names, runDiscovery, type RunResult, startDiscoveryHarness } from './support';
import { createRoleListingEmulation, roleListingDataOf } from './role-listing-emulation';

/**
 * The listing path of the rights check. The simulator has no role-assignment listing yet, so these tests answer the
 * two listings from the same scenario (role-listing-emulation.ts) and check that discovery then reaches exactly the
 * rights it finds by asking every machine, with far fewer calls.
 */
describe('rights from role-assignment listings (endpoints emulated from the scenario)', () => {
  let h: DiscoveryHarness;
  let reference: RunResult;
  let referencePermissionCalls = 0;

  beforeAll(async () => {
    h = await startDiscoveryHarness();
    await h.signIn(DEMO.avery);
    const { discovery, requests } = h.discovery();
    reference = await runDiscovery(discovery);
    referencePermissionCalls = requests.filter((r) => r.url.includes('/permissions')).length;
  });
  afterAll(async () => {
    await h.close();
  });

  const run = async (graph: boolean, rest: boolean) => {
    let emulated = 0;
    const transportPolicy = createRoleListingEmulation(roleListingDataOf(h.sim.scenario), h.transport.azurePipelinePolicy, {
      latencyMs: 0,
      graph,
      rest,
      onRequest: () => {
        emulated += 1;
      },
    });
    const { discovery, requests } = h.discovery({ transportPolicy });
    const result = await runDiscovery(discovery);
    return { result, requests, emulated: () => emulated };
  };

  const expectSameRights = (result: RunResult) => {
    expect(result.problems).toEqual([]);
    expect(names(result)).toEqual(names(reference));
    for (const machine of result.machines.values()) {
      expect({ name: machine.name, ...machine.access, source: undefined }).toEqual({
        name: machine.name,
        ...reference.machines.get(machine.id.toLowerCase())?.access,
        source: undefined,
      });
    }
  };

  it('through the Resource Graph listing: same rights, no machine asked in subscriptions the user may read', async () => {
    const { result, requests, emulated } = await run(true, false);
    expectSameRights(result);
    expect(emulated()).toBeGreaterThan(0);
    const machineCalls = requests.filter((r) => /\/(virtualMachines|machines)\/[^/]+\/providers\/Microsoft\.Authorization\/permissions/.test(r.url));
    // Only Fabrikam's two VMs: there the guest may not read role assignments, so the listing cannot rule anything out.
    expect(machineCalls.map((r) => r.url.match(/virtualMachines\/([^/]+)/)?.[1]).sort()).toEqual(['fab-app-01', 'fab-app-02']);
    expect(requests.filter((r) => r.url.includes('/permissions')).length).toBeLessThan(referencePermissionCalls / 3);
    expect(result.machines.get([...result.machines.keys()].find((k) => k.endsWith('/vm-admin-login')) ?? '')?.access.source).toMatch(
      /role assignments below it/,
    );
  });

  it('through the ARM listing when Resource Graph refuses the query: the same rights', async () => {
    const { result, requests, emulated } = await run(false, true);
    expectSameRights(result);
    expect(emulated()).toBeGreaterThan(0);
    // Resource Graph refused the role-assignment query (the simulator does not know it) and discovery moved on.
    expect(h.sim.requests.some((r) => r.path.includes('ResourceGraph') && r.status === 400)).toBe(true);
    expect(requests.filter((r) => r.url.includes('/permissions')).length).toBeLessThan(referencePermissionCalls / 3);
  });
});
