import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { byName, DEMO, type DiscoveryHarness, names, runDiscovery, type RunResult, startDiscoveryHarness } from './support';

const CONTOSO_MACHINES = [
  'arc-app-2025',
  'arc-fs-2025',
  'arc-old-2019',
  'arc-print-2025',
  'vm-admin-login',
  'vm-app-dealloc',
  'vm-app-stopped',
  'vm-contrib-only',
  'vm-custom-role',
  'vm-dev-01',
  'vm-dev-02',
  'vm-dev-03',
  'vm-dup-name',
  'vm-ext-1007',
  'vm-ext-discovery',
  'vm-ext-exit51',
  'vm-file-01',
  'vm-ip-only',
  'vm-jump-01',
  'vm-legacy-2016',
  'vm-no-aadext',
  'vm-no-identity',
  'vm-owner-only',
  'vm-sql-prod-01',
  'vm-user-login',
  'vm-web-01',
];

describe('discovery through Resource Graph against the simulator (demo scenario, avery)', () => {
  let h: DiscoveryHarness;
  let result: RunResult;
  let graphRequests = 0;

  beforeAll(async () => {
    h = await startDiscoveryHarness();
    await h.signIn(DEMO.avery);
    const { discovery, requests } = h.discovery();
    result = await runDiscovery(discovery);
    graphRequests = requests.filter((r) => r.url.includes('Microsoft.ResourceGraph')).length;
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists every Windows VM and Arc server of both tenants (home and guest), and nothing else', () => {
    expect(result.error).toBeNull();
    expect(result.problems).toEqual([]);
    expect(names(result)).toEqual([...CONTOSO_MACHINES, 'fab-app-01', 'fab-app-02'].sort());
    expect(byName(result, 'fab-app-01').tenantId).toBe(DEMO.fabrikam);
    expect(byName(result, 'vm-web-01').tenantId).toBe(DEMO.contoso);
    // Linux machines are filtered by the queries; the restricted subscription shows none of its VMs.
    expect(names(result).some((name) => name.includes('linux') || name === 'vm-fin-01')).toBe(false);
  });

  it('labels each machine with account, cloud, subscription, group, location and tags', () => {
    const vm = byName(result, 'vm-web-01');
    expect(vm).toMatchObject({
      cloud: 'AzureCloud',
      subscriptionId: DEMO.production,
      subscriptionName: 'Contoso Production',
      resourceGroup: 'rg-app-prod',
      location: expect.any(String) as string,
      tags: expect.objectContaining({ case: expect.any(String) as string }) as Record<string, string>,
    });
    expect(vm.accountId).toMatch(/\.b6e3664e-3e80-4754-b516-bd00208b19a7$/);
    expect(vm.network.privateIps.length).toBeGreaterThan(0);
  });

  it.each([
    // Granted at the resource group, the subscription only gives Reader.
    ['vm-web-01', 'user', false, false],
    ['vm-app-stopped', 'user', false, false],
    // Reader only: listed, no right.
    ['vm-file-01', 'none', false, false],
    // Single-machine grants, invisible from the subscription and the group.
    ['vm-user-login', 'user', false, false],
    ['vm-admin-login', 'admin', false, false],
    // Custom role: wildcard data actions minus loginAsAdmin (notDataActions), and it may start the VM.
    ['vm-custom-role', 'user', true, false],
    // Custom role: Microsoft.Compute/* data actions.
    ['vm-jump-01', 'admin', false, false],
    // Owner / Contributor only: no login data action, but they can start it.
    ['vm-owner-only', 'none', true, true],
    ['vm-contrib-only', 'none', true, true],
    // User Login + Virtual Machine Contributor at the subscription.
    ['vm-dev-02', 'user', true, false],
    // Arc: User Login at the resource group.
    ['arc-fs-2025', 'user', false, false],
    // B2B guest with User Login (the guest rule, not discovery, says guests cannot sign in).
    ['fab-app-01', 'user', false, false],
  ] as const)('%s: right %s, canStart %s, control plane only %s', (name, right, canStart, controlPlaneOnly) => {
    expect(byName(result, name).access).toMatchObject({ right, canStart, hasControlPlaneOnly: controlPlaneOnly });
  });

  it('keeps machines without the right in the list, with the reason it was decided', () => {
    const owner = byName(result, 'vm-owner-only');
    expect(owner.access.right).toBe('none');
    expect(owner.access.source).toMatch(/permissions/);
    expect([...result.machines.values()].every((m) => m.access.right !== 'unknown')).toBe(true);
  });

  it('maps Arc states, OS and extension, and finds the extension under a custom name', () => {
    expect(byName(result, 'arc-app-2025').arcStatus).toBe('Disconnected');
    expect(byName(result, 'arc-print-2025').arcStatus).toBe('Expired');
    expect(byName(result, 'arc-fs-2025')).toMatchObject({ arcStatus: 'Connected', powerState: 'unknown', kind: 'arc-server' });
    expect(byName(result, 'arc-old-2019').os.name).toMatch(/2019/);
    expect(byName(result, 'vm-dev-03').aadExtension).toMatchObject({ name: 'EntraLogin', type: 'AADLoginForWindows' });
    expect(byName(result, 'vm-no-aadext').aadExtension).toBeNull();
    expect(byName(result, 'vm-app-dealloc').powerState).toBe('deallocated');
  });

  it('emits rows first with right unknown, and again once the right is known', () => {
    const firstSeen = new Map<string, string>();
    for (const batch of result.batches) {
      for (const machine of batch.machines) if (!firstSeen.has(machine.id)) firstSeen.set(machine.id, machine.access.right);
    }
    expect([...firstSeen.values()].every((right) => right === 'unknown')).toBe(true);
  });

  it('says what it reads, ending with the rights count', () => {
    expect(result.progress.some((p) => /^Reading (Contoso|Fabrikam)/.test(p.message))).toBe(true);
    expect(result.progress.at(-1)).toEqual({ message: 'Checking sign-in rights: 28 of 28 machines', done: 28, total: 28 });
  });

  it('sends one request per query and tenant when everything fits in a page', () => {
    // Three machine queries and the role-assignment query, in each of the two tenants.
    expect(graphRequests).toBe(8);
  });
});

describe('Resource Graph paging and subscription chunks', () => {
  let h: DiscoveryHarness;

  beforeAll(async () => {
    h = await startDiscoveryHarness();
    await h.signIn(DEMO.avery);
  });
  afterAll(async () => {
    await h.close();
  });

  it('pages by $skipToken and chunks subscriptions, with the same list, within the Resource Graph quota', async () => {
    const reference = await runDiscovery(h.discovery().discovery);
    h.sim.clearRequests();
    const { discovery, requests } = h.discovery({ tuning: { graphPageSize: 3, graphChunkSize: 1 } });
    const paged = await runDiscovery(discovery);
    expect(paged.problems).toEqual([]);
    expect(names(paged)).toEqual(names(reference));
    for (const machine of paged.machines.values()) {
      expect(machine.access).toEqual(reference.machines.get(machine.id.toLowerCase())?.access);
      expect(machine.network).toEqual(reference.machines.get(machine.id.toLowerCase())?.network);
    }
    const graph = requests.filter((r) => r.url.includes('Microsoft.ResourceGraph')).length;
    // Contoso Production alone has 18 Windows VMs: 6 pages of 3 for that subscription's VM query only.
    expect(graph).toBeGreaterThan(20);
    const pageRequests = h.sim.requests.filter((r) => r.path.includes('ResourceGraph'));
    // Every page succeeds, the role-assignment query's (one per tenant) included.
    expect(pageRequests.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
    // About 15 queries per 5 s per user and tenant: Contoso's pages wait for the window instead of drawing 429s;
    // Fabrikam (the guest tenant, its own quota) adds its 3 queries.
    const times = pageRequests.map((r) => r.at);
    const busiestWindow = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 5000).length));
    expect(busiestWindow).toBeLessThanOrEqual(18);
  });

  it('serves a refresh within the TTL from the permission cache', async () => {
    const { discovery, requests } = h.discovery();
    await runDiscovery(discovery);
    const first = requests.filter((r) => r.url.includes('/permissions')).length;
    await runDiscovery(discovery);
    const second = requests.filter((r) => r.url.includes('/permissions')).length - first;
    expect(first).toBeGreaterThan(5);
    expect(second).toBe(0);
    discovery.clearCache();
    await runDiscovery(discovery);
    expect(requests.filter((r) => r.url.includes('/permissions')).length - first).toBe(first);
  });
});
