import { type Client, getClient } from '@azure-rest/core-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  ARC_WINDOWS_MACHINES_QUERY,
  arcMachineRowSchema,
  VM_NETWORK_QUERY,
  vmNetworkRowSchema,
  WINDOWS_VMS_QUERY,
  windowsVmRowSchema,
} from '../../../src/shared/discovery/resource-graph-queries';
import { armFetch, armScope, credentialFor, DEMO, type MsalCredential, type SimHarness, startHarness } from './support';

interface GraphPage {
  totalRecords: number;
  count: number;
  resultTruncated: string;
  $skipToken?: string;
  data: Record<string, unknown>[];
  facets: unknown[];
}

const GRAPH = '/providers/Microsoft.ResourceGraph/resources';

describe('simulated Resource Graph', () => {
  let h: SimHarness;
  let avery: { credential: MsalCredential; token: string };
  let client: Client;

  async function queryAll(c: Client, query: string, options: { subscriptions?: string[]; top?: number } = {}): Promise<{ rows: Record<string, unknown>[]; pages: GraphPage[] }> {
    const rows: Record<string, unknown>[] = [];
    const pages: GraphPage[] = [];
    let skipToken: string | undefined;
    do {
      const res = await c.pathUnchecked(GRAPH).post({
        queryParameters: { 'api-version': '2024-04-01' },
        body: {
          query,
          ...(options.subscriptions ? { subscriptions: options.subscriptions } : {}),
          options: { resultFormat: 'objectArray', ...(options.top ? { $top: options.top } : {}), ...(skipToken ? { $skipToken: skipToken } : {}) },
        },
      });
      expect(res.status).toBe('200');
      const page = res.body as GraphPage;
      pages.push(page);
      rows.push(...page.data);
      skipToken = page.$skipToken;
    } while (skipToken);
    return { rows, pages };
  }

  beforeAll(async () => {
    h = await startHarness();
    avery = await credentialFor(h, DEMO.users.avery);
    client = getClient(h.sim.clouds.AzureCloud, avery.credential, {
      credentials: { scopes: [armScope()] },
      additionalPolicies: [{ policy: h.transport.azurePipelinePolicy, position: 'perCall' }],
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers the Windows VM query in $skipToken pages, Linux excluded, rows matching the shared schema', async () => {
    const { rows, pages } = await queryAll(client, WINDOWS_VMS_QUERY, { top: 7 });
    expect(pages.map((p) => p.count)).toEqual([7, 7, 7, 1]);
    expect(pages.every((p) => p.totalRecords === 22 && p.resultTruncated === 'false')).toBe(true);
    const parsed = rows.map((r) => windowsVmRowSchema.parse(r));
    expect(parsed.some((r) => r.name === 'vm-linux-web')).toBe(false);
    expect(parsed.map((r) => r.id.toLowerCase())).toEqual([...parsed.map((r) => r.id.toLowerCase())].sort());
    const byName = new Map(parsed.map((r) => [r.name, r]));
    expect(byName.get('vm-web-01')).toMatchObject({ powerState: 'PowerState/running', aadExtensionName: 'AADLoginForWindows', aadExtensionState: 'Succeeded', identityType: 'SystemAssigned', computerName: 'CONTOSO-WEB01' });
    expect(byName.get('vm-no-aadext')).toMatchObject({ aadExtensionName: '', aadExtensionState: '' });
    expect(byName.get('vm-ext-1007')?.aadExtensionState).toBe('Failed');
    expect(byName.get('vm-no-identity')?.identityType).toBe('');
    expect(byName.get('vm-dev-03')?.aadExtensionName).toBe('EntraLogin');
    expect(byName.get('vm-ip-only')).toMatchObject({ computerName: '', instanceComputerName: '', osName: '', imageReference: null });
    expect(byName.get('vm-legacy-2016')?.osName).toBe('Windows Server 2016 Datacenter');
    expect(byName.get('vm-app-dealloc')?.powerState).toBe('PowerState/deallocated');
    expect(byName.get('vm-sql-prod-01')).toMatchObject({ computerName: 'SQLPROD01', name: 'vm-sql-prod-01' });
  });

  it('answers the network query keyed by VM id, joined with public IPs', async () => {
    const { rows } = await queryAll(client, VM_NETWORK_QUERY);
    const parsed = rows.map((r) => vmNetworkRowSchema.parse(r));
    const web = parsed.find((r) => r.id.endsWith('/virtualmachines/vm-web-01'));
    expect(web).toMatchObject({ publicIps: ['203.0.113.10'], fqdns: ['contoso-web01.westeurope.cloudapp.azure.com'] });
    expect(web?.privateIps[0]).toMatch(/^10\./);
    expect(web?.id).toBe(web?.id.toLowerCase());
    const ipOnly = parsed.find((r) => r.id.endsWith('/vm-ip-only'));
    expect(ipOnly).toMatchObject({ publicIps: [], fqdns: [], publicIpIds: [] });
    expect(ipOnly?.privateIps).toHaveLength(1);
  });

  it('answers the Arc query with status, OS and the extension instance view status', async () => {
    const { rows } = await queryAll(client, ARC_WINDOWS_MACHINES_QUERY, { subscriptions: [DEMO.subscriptions.hybrid] });
    const parsed = rows.map((r) => arcMachineRowSchema.parse(r));
    expect(parsed.map((r) => [r.name, r.status])).toEqual([
      ['arc-app-2025', 'Disconnected'],
      ['arc-fs-2025', 'Connected'],
      ['arc-old-2019', 'Connected'],
      ['arc-print-2025', 'Expired'],
    ]);
    expect(parsed.find((r) => r.name === 'arc-old-2019')).toMatchObject({ osSku: 'Windows Server 2019 Datacenter', aadExtensionState: 'Failed', aadExtensionStatusCode: '51', aadExtensionStatusLevel: 'Error' });
    expect(parsed[1]?.networkInterfaces[0]?.ipAddresses?.[0]?.address).toBe('10.20.0.11');
  });

  it('honours the subscriptions list, the table result format and the guest tenant', async () => {
    const dev = await queryAll(client, WINDOWS_VMS_QUERY, { subscriptions: [DEMO.subscriptions.dev] });
    expect(dev.rows.map((r) => r.name)).toEqual(['vm-dev-01', 'vm-dev-02', 'vm-dev-03']);

    const table = await client.pathUnchecked(GRAPH).post({
      queryParameters: { 'api-version': '2021-03-01' },
      body: { query: ARC_WINDOWS_MACHINES_QUERY, options: { resultFormat: 'table', $top: 2 } },
    });
    const data = (table.body as { data: { columns: { name: string; type: string }[]; rows: unknown[][] } }).data;
    expect(data.columns[0]).toEqual({ name: 'id', type: 'string' });
    expect(data.rows).toHaveLength(2);
    expect(data.rows[0]).toHaveLength(data.columns.length);

    const guest = await credentialFor(h, DEMO.users.avery, { tenant: DEMO.tenants.fabrikam });
    const guestClient = getClient(h.sim.clouds.AzureCloud, guest.credential, {
      credentials: { scopes: [armScope()] },
      additionalPolicies: [{ policy: h.transport.azurePipelinePolicy, position: 'perCall' }],
    });
    const fabrikam = await queryAll(guestClient, WINDOWS_VMS_QUERY);
    expect(fabrikam.rows.map((r) => [r.name, r.tenantId])).toEqual([
      ['fab-app-01', DEMO.tenants.fabrikam],
      ['fab-app-02', DEMO.tenants.fabrikam],
    ]);
  });

  it('refuses anything but the app’s own queries with 400 UnsupportedQuery, and sends quota headers', async () => {
    const post = (query: string, apiVersion = '2024-04-01') => armFetch(h, avery.token, `${GRAPH}?api-version=${apiVersion}`, { method: 'POST', body: { query } });
    const plain = await post('Resources | take 5');
    expect(plain.status).toBe(400);
    expect(plain.body).toMatchObject({ error: { code: 'UnsupportedQuery' } });
    expect((plain.body as { error: { message: string } }).error.message).toMatch(/windows-vms v1/);
    const edited = await post(WINDOWS_VMS_QUERY.replace('order by id asc', 'order by name asc'));
    expect(edited.status).toBe(400);
    expect((edited.body as { error: { message: string } }).error.message).toMatch(/differs/);
    const ok = await post(`${WINDOWS_VMS_QUERY.replace(/\n/g, '\n   ')}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-ms-user-quota-remaining')).toMatch(/^\d+$/);
    expect(ok.headers.get('x-ms-user-quota-resets-after')).toMatch(/^00:00:0\d$/);
    expect((await post(WINDOWS_VMS_QUERY, '2019-04-01')).status).toBe(400);
    const badToken = await armFetch(h, avery.token, `${GRAPH}?api-version=2024-04-01`, { method: 'POST', body: { query: WINDOWS_VMS_QUERY, options: { $skipToken: 'bm90LWEtdG9rZW4' } } });
    expect(badToken.body).toMatchObject({ error: { code: 'InvalidSkipToken' } });
  });
});
