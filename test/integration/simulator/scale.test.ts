import { getClient } from '@azure-rest/core-client';
import { ComputeManagementClient } from '@azure/arm-compute';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ARC_WINDOWS_MACHINES_QUERY, WINDOWS_VMS_QUERY, windowsVmRowSchema } from '../../../src/shared/discovery/resource-graph-queries';
import { armScope, credentialFor, DEMO, type MsalCredential, type SimHarness, startHarness } from './support';

describe('scale scenario: 10,000 VMs and 2,000 Arc servers in 200 subscriptions', () => {
  let h: SimHarness;
  let avery: { credential: MsalCredential; token: string };
  let startMs = 0;

  beforeAll(async () => {
    const t0 = performance.now();
    h = await startHarness({ scenario: 'scale' });
    startMs = performance.now() - t0;
    avery = await credentialFor(h, DEMO.users.avery);
  });
  afterAll(async () => {
    await h.close();
  });

  it('starts in well under a few seconds', () => {
    expect(h.sim.scenario.virtualMachines).toHaveLength(10_000);
    expect(h.sim.scenario.arcMachines).toHaveLength(2_000);
    expect(h.sim.scenario.subscriptions).toHaveLength(200);
    expect(startMs).toBeLessThan(5000);
  });

  it('pages every Windows VM and Arc server through Resource Graph quickly (1,000-row pages)', async () => {
    const client = getClient(h.sim.clouds.AzureCloud, avery.credential, {
      credentials: { scopes: [armScope()] },
      additionalPolicies: [{ policy: h.transport.azurePipelinePolicy, position: 'perCall' }],
    });
    const windows = h.sim.scenario.virtualMachines.filter((v) => v.os.type === 'Windows').length;
    const t0 = performance.now();
    for (const [query, expected] of [
      [WINDOWS_VMS_QUERY, windows],
      [ARC_WINDOWS_MACHINES_QUERY, h.sim.scenario.arcMachines.filter((m) => m.os.type === 'windows').length],
    ] as const) {
      let total = 0;
      let pages = 0;
      let skipToken: string | undefined;
      do {
        const res = await client.pathUnchecked('/providers/Microsoft.ResourceGraph/resources').post({
          queryParameters: { 'api-version': '2024-04-01' },
          body: { query, options: { ...(skipToken ? { $skipToken: skipToken } : {}) } },
        });
        const body = res.body as { data: unknown[]; $skipToken?: string; totalRecords: number };
        expect(body.totalRecords).toBe(expected);
        if (pages === 0 && query === WINDOWS_VMS_QUERY) windowsVmRowSchema.parse(body.data[0]);
        total += body.data.length;
        pages += 1;
        skipToken = body.$skipToken;
      } while (skipToken);
      expect(total).toBe(expected);
      expect(pages).toBe(Math.ceil(expected / 1000));
    }
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('serves ARM list pages and permissions in O(page)', async () => {
    const sub = h.sim.scenario.subscriptions[17]!.id;
    const compute = new ComputeManagementClient(avery.credential, sub, {
      endpoint: h.sim.clouds.AzureCloud,
      credentials: { scopes: [armScope()] },
      additionalPolicies: [{ policy: h.transport.azurePipelinePolicy, position: 'perCall' }],
    });
    let count = 0;
    for await (const vm of compute.virtualMachines.listAll({ statusOnly: 'true' })) {
      expect(vm.instanceView?.statuses?.length).toBeGreaterThan(0);
      count += 1;
    }
    expect(count).toBe(h.sim.scenario.virtualMachines.filter((v) => v.subscriptionId === sub).length);
    const slowest = Math.max(...h.sim.requests.filter((r) => r.path.includes('virtualMachines')).map((r) => r.ms));
    expect(slowest).toBeLessThan(200);
  });
});
