import { getClient } from '@azure-rest/core-client';
import { ComputeManagementClient } from '@azure/arm-compute';
import { HybridComputeManagementClient } from '@azure/arm-hybridcompute';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { armFetch, armScope, credentialFor, DEMO, type MsalCredential, type SimHarness, startHarness } from './support';

const PROD = DEMO.subscriptions.prod;
const rgPath = (rg: string) => `/subscriptions/${PROD}/resourceGroups/${rg}`;

describe('simulated ARM with the real Azure SDK clients', () => {
  let h: SimHarness;
  let avery: { credential: MsalCredential; token: string };

  const compute = (subscriptionId: string = PROD) =>
    new ComputeManagementClient(avery.credential, subscriptionId, {
      endpoint: h.sim.clouds.AzureCloud,
      credentials: { scopes: [armScope()] },
      additionalPolicies: [{ policy: h.transport.azurePipelinePolicy, position: 'perCall' }],
    });

  beforeAll(async () => {
    h = await startHarness({ settings: { armPageSize: 4, vmStartDelayMs: 300, lroRetryAfterSeconds: 0 } });
    avery = await credentialFor(h, DEMO.users.avery);
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists every VM of a subscription across nextLink pages ($skiptoken), with power state under statusOnly', async () => {
    h.sim.clearRequests();
    const client = compute();
    const pages: number[] = [];
    const names: string[] = [];
    for await (const page of client.virtualMachines.listAll({ statusOnly: 'true' }).byPage()) {
      pages.push(page.length);
      for (const vm of page) {
        names.push(vm.name!);
        expect(vm.instanceView?.statuses?.some((s) => s.code?.startsWith('PowerState/'))).toBe(true);
      }
    }
    expect(names).toHaveLength(20);
    expect(pages).toEqual([4, 4, 4, 4, 4]);
    expect(names).toContain('vm-linux-web');
    const listCalls = h.sim.requests.filter((r) => r.path.includes('/providers/Microsoft.Compute/virtualMachines'));
    expect(listCalls).toHaveLength(5);
    expect(listCalls.slice(1).every((r) => r.path.includes('$skiptoken='))).toBe(true);
    expect(listCalls.every((r) => r.status === 200)).toBe(true);
  });

  it('refuses $expand=instanceView on ListAll without $filter, as Azure does', async () => {
    const r = await armFetch(h, avery.token, `/subscriptions/${PROD}/providers/Microsoft.Compute/virtualMachines?api-version=2024-07-01&$expand=instanceView`);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: { code: 'InvalidParameter' } });
  });

  it('gets a VM with its instance view, and the instance view on its own', async () => {
    const client = compute();
    const vm = await client.virtualMachines.get('rg-app-prod', 'vm-sql-prod-01', { expand: 'instanceView' });
    expect(vm.osProfile?.computerName).toBe('SQLPROD01');
    expect(vm.instanceView?.computerName).toBe('SQLPROD01');
    expect(vm.storageProfile?.osDisk?.osType).toBe('Windows');
    expect(vm.identity?.type).toBe('SystemAssigned');
    const view = await client.virtualMachines.instanceView('rg-app-prod', 'vm-web-01');
    expect(view.osName).toBe('Windows Server 2022 Datacenter Azure Edition');
    expect(view.statuses?.find((s) => s.code?.startsWith('PowerState/'))?.code).toBe('PowerState/running');

    const ipOnly = await client.virtualMachines.get('rg-app-prod', 'vm-ip-only', { expand: 'instanceView' });
    expect(ipOnly.osProfile).toBeUndefined();
    expect(ipOnly.instanceView?.computerName).toBeUndefined();

    const missing = await client.virtualMachines.get('rg-app-prod', 'nope').catch((e: unknown) => e);
    expect(missing).toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
  });

  it('reports extension failures exactly as the extension does (instanceView statuses on $expand)', async () => {
    const client = compute();
    const list = await client.virtualMachineExtensions.list('rg-app-prod', 'vm-ext-1007', { expand: 'instanceView' });
    const aad = list.value?.find((e) => e.publisher === 'Microsoft.Azure.ActiveDirectory' && e.typePropertiesType === 'AADLoginForWindows');
    expect(aad?.provisioningState).toBe('Failed');
    const status = aad?.instanceView?.statuses?.[0];
    expect(status?.code).toBe('ProvisioningState/failed/1007');
    expect(status?.level).toBe('Error');
    expect(status?.message).toContain("terminal error code '1007'");
    expect(status?.message).toContain('Exit code: -2145648574');

    const custom = await compute(DEMO.subscriptions.dev).virtualMachineExtensions.get('rg-dev', 'vm-dev-03', 'EntraLogin', { expand: 'instanceView' });
    expect(custom.typePropertiesType).toBe('AADLoginForWindows');
    const plain = await client.virtualMachineExtensions.get('rg-app-prod', 'vm-web-01', 'AADLoginForWindows');
    expect(plain.instanceView).toBeUndefined();
  });

  it('starts a deallocated VM as a long-running operation: 202, InProgress, then Succeeded and running', async () => {
    h.sim.clearRequests();
    const client = compute(DEMO.subscriptions.dev);
    const before = await client.virtualMachines.instanceView('rg-dev', 'vm-dev-02');
    expect(before.statuses?.find((s) => s.code?.startsWith('PowerState/'))?.code).toBe('PowerState/deallocated');
    await client.virtualMachines.start('rg-dev', 'vm-dev-02', { updateIntervalInMs: 50 });
    const after = await client.virtualMachines.instanceView('rg-dev', 'vm-dev-02');
    expect(after.statuses?.find((s) => s.code?.startsWith('PowerState/'))?.code).toBe('PowerState/running');

    const start = h.sim.requests.find((r) => r.method === 'POST' && r.path.includes('/vm-dev-02/start'));
    expect(start?.status).toBe(202);
    const polls = h.sim.requests.filter((r) => r.path.includes('/operations/'));
    expect(polls.length).toBeGreaterThanOrEqual(2);
    const raw = await armFetch(h, avery.token, `/subscriptions/${DEMO.subscriptions.dev}/resourceGroups/rg-dev/providers/Microsoft.Compute/virtualMachines/vm-dev-02/start?api-version=2024-07-01`, { method: 'POST' });
    expect(raw.status).toBe(202);
    expect(raw.headers.get('azure-asyncoperation')).toMatch(/\/providers\/Microsoft\.Compute\/locations\/northeurope\/operations\//);
    expect(raw.headers.get('location')).toContain('monitor=true');
    expect(raw.headers.get('retry-after')).toBe('0');
    const first = await armFetch(h, avery.token, raw.headers.get('azure-asyncoperation')!);
    expect(first.body).toMatchObject({ status: 'InProgress' });
    const second = await armFetch(h, avery.token, raw.headers.get('azure-asyncoperation')!);
    expect(second.body).toMatchObject({ status: 'Succeeded' });
  });

  it('answers 403 AuthorizationFailed when the user may not start the VM', async () => {
    const client = compute();
    const error = await client.virtualMachines.start('rg-app-prod', 'vm-app-stopped', { updateIntervalInMs: 50 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    expect(String((error as Error).message)).toContain('Microsoft.Compute/virtualMachines/start/action');
  });

  it('serves NICs and public IPs', async () => {
    const nic = await armFetch(h, avery.token, `${rgPath('rg-app-prod')}/providers/Microsoft.Network/networkInterfaces/vm-web-01-nic?api-version=2024-05-01`);
    expect(nic.status).toBe(200);
    const config = (nic.body as { properties: { ipConfigurations: { properties: { privateIPAddress: string; publicIPAddress?: { id: string } } }[] } }).properties.ipConfigurations[0]!;
    expect(config.properties.privateIPAddress).toMatch(/^10\./);
    const pip = await armFetch(h, avery.token, `${config.properties.publicIPAddress!.id}?api-version=2024-05-01`);
    expect(pip.body).toMatchObject({ properties: { dnsSettings: { fqdn: 'contoso-web01.westeurope.cloudapp.azure.com' } } });
  });

  it('lists Arc machines and their extensions with the real HybridComputeManagementClient (api-version 2021-05-20)', async () => {
    h.sim.clearRequests();
    const client = new HybridComputeManagementClient(avery.credential, DEMO.subscriptions.hybrid, {
      endpoint: h.sim.clouds.AzureCloud,
      credentialScopes: [armScope()],
      additionalPolicies: [{ policy: h.transport.azurePipelinePolicy, position: 'perCall' }],
    });
    const machines = [];
    for await (const m of client.machines.listBySubscription()) machines.push(m);
    expect(machines.map((m) => m.name).sort()).toEqual(['arc-app-2025', 'arc-fs-2025', 'arc-linux-01', 'arc-old-2019', 'arc-print-2025']);
    expect(machines.find((m) => m.name === 'arc-print-2025')?.properties?.status).toBe('Expired');
    expect(h.sim.requests.every((r) => r.path.includes('api-version=2021-05-20'))).toBe(true);
    expect(h.sim.requests.filter((r) => r.path.includes('/machines?'))).toHaveLength(2);
    const extensions = [];
    for await (const e of client.machineExtensions.list('rg-arc-onprem', 'arc-old-2019')) extensions.push(e);
    expect(extensions[0]?.properties?.instanceView?.status).toMatchObject({ code: '51', level: 'Error' });

    const v2024 = await armFetch(h, avery.token, `/subscriptions/${DEMO.subscriptions.hybrid}/resourceGroups/rg-arc-onprem/providers/Microsoft.HybridCompute/machines/arc-fs-2025/extensions/AADLoginForWindows?api-version=2024-07-10`);
    expect(v2024.body).toMatchObject({ properties: { instanceView: { status: { code: 'success', level: 'Information' } } } });
    const unsupported = await armFetch(h, avery.token, `/subscriptions/${DEMO.subscriptions.hybrid}/providers/Microsoft.HybridCompute/machines?api-version=2019-01-01`);
    expect(unsupported.status).toBe(400);
  });

  it('answers tenants, subscriptions and the effective permissions through @azure-rest/core-client', async () => {
    const client = getClient(h.sim.clouds.AzureCloud, avery.credential, {
      credentials: { scopes: [armScope()] },
      additionalPolicies: [{ policy: h.transport.azurePipelinePolicy, position: 'perCall' }],
    });
    const subs = await client.pathUnchecked('/subscriptions').get({ queryParameters: { 'api-version': '2022-12-01' } });
    expect(subs.status).toBe('200');
    const names = (subs.body as { value: { displayName: string; tenantId: string }[] }).value.map((s) => s.displayName);
    expect(names).toEqual(['Contoso Production', 'Contoso Dev/Test', 'Contoso Hybrid (Arc)', 'Contoso Finance (restricted)']);
    expect(subs.headers['x-ms-ratelimit-remaining-tenant-reads']).toMatch(/^\d+$/);

    const perms = await client
      .pathUnchecked(`${rgPath('rg-admins')}/providers/Microsoft.Compute/virtualMachines/vm-custom-role/providers/Microsoft.Authorization/permissions`)
      .get({ queryParameters: { 'api-version': '2022-04-01' } });
    expect(perms.status).toBe('200');
    expect((perms.body as { value: unknown[] }).value).toEqual([
      { actions: ['*/read'], notActions: [], dataActions: [], notDataActions: [] },
      {
        actions: ['Microsoft.Compute/virtualMachines/*', 'Microsoft.Network/*/read'],
        notActions: [],
        dataActions: ['Microsoft.Compute/virtualMachines/*'],
        notDataActions: ['Microsoft.Compute/virtualMachines/loginAsAdmin/action'],
      },
    ]);
    const owner = await client.pathUnchecked(`${rgPath('rg-owner-only')}/providers/Microsoft.Authorization/permissions`).get({ queryParameters: { 'api-version': '2022-04-01' } });
    expect((owner.body as { value: { actions: string[]; dataActions: string[] }[] }).value).toContainEqual({ actions: ['*'], notActions: [], dataActions: [], notDataActions: [] });
    const arc = await client
      .pathUnchecked(`/subscriptions/${DEMO.subscriptions.hybrid}/resourceGroups/rg-arc-onprem/providers/Microsoft.HybridCompute/machines/arc-fs-2025/providers/Microsoft.Authorization/permissions`)
      .get({ queryParameters: { 'api-version': '2022-04-01' } });
    expect(JSON.stringify(arc.body)).toContain('Microsoft.HybridCompute/machines/login/action');
    const subLevel = await client.pathUnchecked(`/subscriptions/${DEMO.subscriptions.dev}/providers/Microsoft.Authorization/permissions`).get({ queryParameters: { 'api-version': '2022-04-01' } });
    expect((subLevel.body as { value: unknown[] }).value).toHaveLength(2);
  });

  it('enforces the caller: 401 without a token, 403 in the restricted subscription, 401 for another tenant', async () => {
    const none = await armFetch(h, null, `/subscriptions?api-version=2022-12-01`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer authorization_uri=/);
    expect(none.body).toMatchObject({ error: { code: 'AuthenticationFailed' } });
    const forged = await armFetch(h, `${avery.token.slice(0, -4)}AAAA`, `/subscriptions?api-version=2022-12-01`);
    expect(forged.body).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });

    const finance = await armFetch(h, avery.token, `/subscriptions/${DEMO.subscriptions.finance}/providers/Microsoft.Compute/virtualMachines?api-version=2024-07-01`);
    expect(finance.status).toBe(403);
    expect(finance.body).toMatchObject({ error: { code: 'AuthorizationFailed' } });

    const fabrikam = await armFetch(h, avery.token, `/subscriptions/${DEMO.subscriptions.fabrikam}/providers/Microsoft.Compute/virtualMachines?api-version=2024-07-01`);
    expect(fabrikam.status).toBe(401);
    expect(fabrikam.body).toMatchObject({ error: { code: 'InvalidAuthenticationTokenTenant' } });

    const missingVersion = await armFetch(h, avery.token, `/subscriptions/${PROD}/providers/Microsoft.Compute/virtualMachines`);
    expect(missingVersion.body).toMatchObject({ error: { code: 'MissingApiVersionParameter' } });
    const unknown = await armFetch(h, avery.token, `/subscriptions/${PROD}/providers/Microsoft.Storage/storageAccounts?api-version=2023-01-01`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'NotFound' } });
  });

  it('lets a B2B guest see the guest tenant with a token for that tenant', async () => {
    const guest = await credentialFor(h, DEMO.users.avery, { tenant: DEMO.tenants.fabrikam });
    const client = compute(DEMO.subscriptions.fabrikam);
    const guestClient = new ComputeManagementClient(guest.credential, DEMO.subscriptions.fabrikam, {
      endpoint: h.sim.clouds.AzureCloud,
      credentials: { scopes: [armScope()] },
      additionalPolicies: [{ policy: h.transport.azurePipelinePolicy, position: 'perCall' }],
    });
    const names: string[] = [];
    for await (const vm of guestClient.virtualMachines.listAll()) names.push(vm.name!);
    expect(names).toEqual(['fab-app-01', 'fab-app-02']);
    await expect(client.virtualMachines.get('rg-fab-apps', 'fab-app-01')).rejects.toMatchObject({ statusCode: 401 });
  });
});
