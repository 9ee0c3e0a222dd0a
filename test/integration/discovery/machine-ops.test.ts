import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ArmDiscovery } from '../../../src/main/discovery/arm-discovery';
import type { StartProgress } from '../../../src/main/discovery/machine-ops';
import { byName, DEMO, type DiscoveryHarness, runDiscovery, type RunResult, startDiscoveryHarness } from './support';

describe('one machine: details and start', () => {
  let h: DiscoveryHarness;
  let discovery: ArmDiscovery;
  let list: RunResult;

  beforeAll(async () => {
    h = await startDiscoveryHarness({ settings: { vmStartDelayMs: 300, lroRetryAfterSeconds: 0 } });
    await h.signIn(DEMO.avery);
    discovery = h.discovery().discovery;
    list = await runDiscovery(discovery);
  });
  afterAll(async () => {
    await h.close();
  });

  it('reads the extension instance view (status code and message carry the exit code)', async () => {
    const listed = byName(list, 'vm-ext-1007');
    expect(listed.aadExtension?.statusMessage).toBeUndefined();
    const details = await discovery.getMachineDetails(listed);
    expect(details.aadExtension).toMatchObject({
      provisioningState: 'Failed',
      statusCode: 'ProvisioningState/failed/1007',
      statusMessage: expect.stringContaining('-2145648574') as string,
    });
    expect(details.access).toEqual(listed.access);
    expect(details.network).toEqual(listed.network);
    expect(details.computerName).toBe(listed.computerName);
  });

  it('reads an Arc server through arm-hybridcompute and keeps its known addresses', async () => {
    const listed = byName(list, 'arc-fs-2025');
    const details = await discovery.getMachineDetails(listed);
    expect(details).toMatchObject({ kind: 'arc-server', arcStatus: 'Connected', aadExtension: { statusCode: expect.any(String) as string } });
    expect(details.network.privateIps).toEqual(listed.network.privateIps);
  });

  it('starts a deallocated VM the user may start, with progress, until it runs', async () => {
    const listed = byName(list, 'vm-dev-02');
    expect(listed).toMatchObject({ powerState: 'deallocated', access: { canStart: true } });
    const progress: StartProgress[] = [];
    const started = await discovery.startMachine(listed, (p) => progress.push(p));
    expect(started.powerState).toBe('running');
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['requested', 'running']));
    expect(progress.at(-1)?.phase).toBe('running');
    expect(h.sim.requests.some((r) => r.method === 'POST' && r.path.includes('/vm-dev-02/start'))).toBe(true);
  });

  it('refuses without a request when the user may not start the VM', async () => {
    h.sim.clearRequests();
    const listed = byName(list, 'vm-app-stopped');
    expect(listed.access.canStart).toBe(false);
    await expect(discovery.startMachine(listed, () => undefined)).rejects.toMatchObject({ code: 'MACHINE_START_FORBIDDEN' });
    await expect(discovery.startMachine(byName(list, 'arc-fs-2025'), () => undefined)).rejects.toMatchObject({ code: 'MACHINE_START_FORBIDDEN' });
    expect(h.sim.requests.some((r) => r.path.includes('/start'))).toBe(false);
  });

  it('maps Azure refusing the start (a stale right) to MACHINE_START_FORBIDDEN', async () => {
    const stale = byName(list, 'vm-app-stopped');
    const claimed = { ...stale, access: { ...stale.access, canStart: true } };
    await expect(discovery.startMachine(claimed, () => undefined)).rejects.toMatchObject({ code: 'MACHINE_START_FORBIDDEN' });
  });
});
