import { describe, expect, it } from 'vitest';

import {
  APP_QUERIES,
  arcMachineRowSchema,
  vmNetworkRowSchema,
  WINDOWS_VMS_QUERY,
  windowsVmRowSchema,
} from '../../../src/shared/discovery/resource-graph-queries';
import type { SimContext } from '../../../src/simulator/context';
import { FaultInjector } from '../../../src/simulator/faults';
import { JwtSigner } from '../../../src/simulator/jwt';
import { recognizeQuery, ResourceGraphService } from '../../../src/simulator/resource-graph';
import { loadScenario } from '../../../src/simulator/scenario';
import demoJson from '../../../src/simulator/scenarios/demo.json' with { type: 'json' };
import { World } from '../../../src/simulator/world';

const scenario = loadScenario(demoJson, 'demo.json');
const CONTOSO = 'b6e3664e-3e80-4754-b516-bd00208b19a7';

function service(): { graph: ResourceGraphService; world: World } {
  const world = new World(scenario);
  const ctx: SimContext = {
    world,
    signer: new JwtSigner(),
    faults: new FaultInjector(),
    settings: scenario.settings,
    baseUrls: { AzureCloud: 'https://127.0.0.1:1', AzureUSGovernment: 'https://127.0.0.1:2', AzureChinaCloud: 'https://127.0.0.1:3' },
    pagesUrl: 'http://127.0.0.1:4',
    signal: new AbortController().signal,
  };
  return { graph: new ResourceGraphService(ctx), world };
}

function run(graph: ResourceGraphService, principal: Parameters<ResourceGraphService['query']>[0], query: string): { status: number; data: Record<string, unknown>[] } {
  const r = graph.query(principal, Buffer.from(JSON.stringify({ query })));
  const body = JSON.parse(r.body) as { data: Record<string, unknown>[] };
  return { status: r.status, data: body.data };
}

describe('query recognition', () => {
  it('recognises each app query by marker and text, whitespace aside', () => {
    for (const q of Object.values(APP_QUERIES)) {
      expect(recognizeQuery(q.text)).toEqual({ id: q.id });
      expect(recognizeQuery(q.text.replace(/\n\s*/g, '\n\t\t'))).toEqual({ id: q.id });
    }
  });

  it('explains why anything else is not recognised', () => {
    const errorOf = (query: string): string => {
      const result = recognizeQuery(query);
      return 'error' in result ? result.error : '';
    };
    expect(errorOf('Resources | take 1')).toMatch(/no .* marker/);
    expect(errorOf('// rdp-broker:other v1\nResources')).toMatch(/Unknown query id/);
    expect(errorOf(WINDOWS_VMS_QUERY.replace('v1', 'v2'))).toMatch(/is at v1/);
    expect(errorOf(`${WINDOWS_VMS_QUERY}\n| take 5`)).toMatch(/differs/);
  });
});

describe('query evaluation over the demo scenario', () => {
  it('yields rows that satisfy the shared row schemas, for every query', () => {
    const { graph, world } = service();
    const avery = world.principalByToken(CONTOSO, 'a1ac69be-b4ec-42bd-b1d7-13c41a904bb7')!;
    for (const q of Object.values(APP_QUERIES)) {
      const { status, data } = run(graph, avery, q.text);
      expect(status).toBe(200);
      expect(data.length).toBeGreaterThan(0);
      for (const row of data) expect(() => q.rowSchema.parse(row)).not.toThrow();
    }
    const arc = run(graph, avery, APP_QUERIES['arc-windows-machines'].text).data.map((r) => arcMachineRowSchema.parse(r));
    expect(arc.some((r) => r.name === 'arc-linux-01')).toBe(false);
    const network = run(graph, avery, APP_QUERIES['vm-network'].text).data.map((r) => vmNetworkRowSchema.parse(r));
    expect(network.length).toBe(world.visibleSubscriptions(avery).reduce((n, s) => n + world.visibleVms(avery, s).length, 0));
  });

  it('shows each caller only what they may read', () => {
    const { graph, world } = service();
    const guestInContoso = world.principalByToken(CONTOSO, '7b39e230-0310-4d86-afb6-2289d81856ca')!;
    const names = run(graph, guestInContoso, WINDOWS_VMS_QUERY).data.map((r) => windowsVmRowSchema.parse(r).resourceGroup);
    expect(new Set(names)).toEqual(new Set(['rg-app-prod']));
    const owner = world.principalByToken(CONTOSO, '6484b4a4-999c-48da-ad5b-57a588160c14')!;
    expect(run(graph, owner, WINDOWS_VMS_QUERY).data.length).toBe(19);
  });

  it('reflects a started VM in later pages (power state is live)', () => {
    const { graph, world } = service();
    const avery = world.principalByToken(CONTOSO, 'a1ac69be-b4ec-42bd-b1d7-13c41a904bb7')!;
    const vm = [...world.vms.values()].find((v) => v.spec.name === 'vm-dev-02')!;
    world.startVm(vm, 60_000);
    const row = run(graph, avery, WINDOWS_VMS_QUERY).data.find((r) => r.name === 'vm-dev-02');
    expect(row?.powerState).toBe('PowerState/starting');
    world.dispose();
  });
});
