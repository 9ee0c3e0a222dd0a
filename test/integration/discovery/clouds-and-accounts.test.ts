import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { byName, DEMO, type DiscoveryHarness, names, runDiscovery, type RunResult, startDiscoveryHarness } from './support';

describe('discovery across accounts, tenants and clouds', () => {
  let h: DiscoveryHarness;
  let result: RunResult;

  beforeAll(async () => {
    h = await startDiscoveryHarness();
    await h.signIn(DEMO.avery, 'AzureCloud');
    await h.signIn(DEMO.gov, 'AzureUSGovernment');
    await h.signIn(DEMO.cn, 'AzureChinaCloud');
    h.sim.clearRequests();
    result = await runDiscovery(h.discovery().discovery);
  });
  afterAll(async () => {
    await h.close();
  });

  it('merges the machines of every signed-in account, each labelled with its cloud and account', async () => {
    expect(result.problems).toEqual([]);
    const accounts = await h.auth.listAccounts();
    const accountOf = (upn: string) => accounts.find((a) => a.username === upn)?.id;
    expect(byName(result, 'gov-app-01')).toMatchObject({ cloud: 'AzureUSGovernment', accountId: accountOf(DEMO.gov), access: { right: 'user' } });
    expect(byName(result, 'cn-app-02')).toMatchObject({ cloud: 'AzureChinaCloud', accountId: accountOf(DEMO.cn), access: { right: 'admin' }, powerState: 'stopped' });
    expect(byName(result, 'vm-web-01')).toMatchObject({ cloud: 'AzureCloud', accountId: accountOf(DEMO.avery) });
    expect(names(result)).toEqual(expect.arrayContaining(['gov-app-01', 'gov-app-02', 'cn-app-01', 'cn-app-02', 'fab-app-01', 'vm-dev-01']));
  });

  it('asks each cloud its own endpoint: every listener served its own tenants only', () => {
    const byCloud = (cloud: string) => h.sim.requests.filter((r) => r.cloud === cloud && r.path.includes('ResourceGraph')).length;
    // Contoso + Fabrikam (guest) on Azure, one tenant each on Government and China: three machine queries and the
    // role-assignment query per tenant.
    expect(byCloud('AzureCloud')).toBe(8);
    expect(byCloud('AzureUSGovernment')).toBe(4);
    expect(byCloud('AzureChinaCloud')).toBe(4);
    // Every request answered, the role-assignment listings included.
    expect(h.sim.requests.filter((r) => r.status >= 400)).toEqual([]);
  });

  it('lists the tenants of an account, home and guest, with their names', () => {
    expect(byName(result, 'fab-app-01').tenantId).toBe(DEMO.fabrikam);
    expect(result.progress.some((p) => p.message.includes('Fabrikam') || p.message.includes('Contoso'))).toBe(true);
  });
});
