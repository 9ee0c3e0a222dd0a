import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { byName, DEMO, type DiscoveryHarness, names, runDiscovery, type RunResult, startDiscoveryHarness } from './support';

describe('the ARM SDK path (arm-compute, arm-hybridcompute, Microsoft.Network REST)', () => {
  let h: DiscoveryHarness;
  let reference: RunResult;

  beforeAll(async () => {
    h = await startDiscoveryHarness();
    await h.signIn(DEMO.avery);
    reference = await runDiscovery(h.discovery().discovery);
  });
  afterAll(async () => {
    await h.close();
  });

  const expectSameAsResourceGraph = (result: RunResult) => {
    expect(result.error).toBeNull();
    expect(result.problems).toEqual([]);
    expect(names(result)).toEqual(names(reference));
    for (const machine of result.machines.values()) {
      const expected = reference.machines.get(machine.id.toLowerCase());
      expect(machine.access).toEqual(expected?.access);
      expect(machine.powerState).toBe(expected?.powerState);
      expect(machine.arcStatus).toBe(expected?.arcStatus);
      expect(machine.computerName).toBe(expected?.computerName);
      expect(machine.identity).toEqual(expected?.identity);
      expect(machine.aadExtension?.name).toBe(expected?.aadExtension?.name);
      expect(machine.aadExtension?.provisioningState).toBe(expected?.aadExtension?.provisioningState);
      expect(machine.subscriptionName).toBe(expected?.subscriptionName);
      if (machine.kind === 'azure-vm') expect(machine.network).toEqual(expected?.network);
    }
  };

  it('lists the same machines with the same rights when asked to use ARM only', async () => {
    h.sim.clearRequests();
    const result = await runDiscovery(h.discovery({ tuning: { strategy: 'arm' } }).discovery);
    expectSameAsResourceGraph(result);
    expect(h.sim.requests.some((r) => r.path.includes('ResourceGraph'))).toBe(false);
    // statusOnly=true gives the power state of every VM in one paged call; Arc through the pinned 2021-05-20 API.
    expect(h.sim.requests.some((r) => /virtualMachines\?.*statusOnly=true/i.test(r.path))).toBe(true);
    expect(h.sim.requests.some((r) => /HybridCompute\/machines\?api-version=2021-05-20/i.test(r.path))).toBe(true);
    // The ARM path also brings the extension's instance-view status where Resource Graph has none.
    expect(byName(result, 'vm-dev-03').aadExtension).toMatchObject({ name: 'EntraLogin', type: 'AADLoginForWindows' });
  });

  it('falls back to ARM where Resource Graph is unavailable', async () => {
    h.sim.setFaults({ serverError: { path: 'ResourceGraph', everyNth: 1, status: 503 } });
    try {
      expectSameAsResourceGraph(await runDiscovery(h.discovery().discovery));
    } finally {
      h.sim.setFaults({ serverError: null });
    }
  });

  it('reports a forbidden subscription on the ARM path too, and lists the rest', async () => {
    h.sim.setFaults({ forbiddenSubscriptions: [DEMO.hybrid] });
    try {
      const result = await runDiscovery(h.discovery({ tuning: { strategy: 'arm' } }).discovery);
      expect(result.problems.map((p) => p.error.code)).toContain('AZURE_FORBIDDEN');
      expect(result.problems.every((p) => p.scope.includes(DEMO.hybrid))).toBe(true);
      expect(names(result)).toEqual(names(reference).filter((name) => !name.startsWith('arc-')));
    } finally {
      h.sim.setFaults({ forbiddenSubscriptions: [] });
    }
  });
});
