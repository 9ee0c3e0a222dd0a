import { describe, expect, it } from 'vitest';

import { generateScaleScenario } from '../../../src/simulator/scale';
import { findScenarioProblems, loadScenario } from '../../../src/simulator/scenario';
import { World } from '../../../src/simulator/world';

describe('generateScaleScenario', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = generateScaleScenario({ seed: 7, vms: 300, arcServers: 60, subscriptions: 12 });
    const b = generateScaleScenario({ seed: 7, vms: 300, arcServers: 60, subscriptions: 12 });
    const c = generateScaleScenario({ seed: 8, vms: 300, arcServers: 60, subscriptions: 12 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('produces a valid scenario of the requested size', () => {
    const s = generateScaleScenario({ seed: 3, vms: 500, arcServers: 100, subscriptions: 20 });
    expect(() => loadScenario(s, 'generated')).not.toThrow();
    expect(s.virtualMachines).toHaveLength(500);
    expect(s.arcMachines).toHaveLength(100);
    expect(s.subscriptions).toHaveLength(20);
  });

  it('builds 10,000 VMs + 2,000 Arc servers in 200 subscriptions fast, with a realistic mix', () => {
    const t0 = performance.now();
    const s = generateScaleScenario();
    const world = new World(s);
    expect(performance.now() - t0).toBeLessThan(4000);
    expect(findScenarioProblems(s)).toEqual([]);
    expect(s.virtualMachines).toHaveLength(10_000);
    expect(s.arcMachines).toHaveLength(2_000);
    expect(s.subscriptions).toHaveLength(200);

    const share = (n: number) => n / s.virtualMachines.length;
    const linux = s.virtualMachines.filter((v) => v.os.type === 'Linux').length;
    expect(share(linux)).toBeGreaterThan(0.05);
    const states = new Set(s.virtualMachines.map((v) => v.powerState));
    expect([...states]).toEqual(expect.arrayContaining(['running', 'stopped', 'deallocated']));
    const codes = new Set(s.virtualMachines.flatMap((v) => v.extensions.map((e) => e.status?.code ?? '')));
    expect([...codes]).toEqual(expect.arrayContaining(['ProvisioningState/succeeded', 'ProvisioningState/failed/1007', 'ProvisioningState/failed/-2145648607', 'ProvisioningState/failed/51']));

    const logins = s.roleAssignments.filter((a) => a.principal === 'avery@contoso.example' && a.role.includes('Login'));
    const depth = (scope: string) => scope.split('/').length;
    const single = logins.filter((a) => depth(a.scope) > 5).length;
    const broad = logins.length - single;
    expect(broad).toBeGreaterThan(300);
    // About a tenth of the machines get their login right from a single-machine assignment.
    expect(single / (s.virtualMachines.length + s.arcMachines.length)).toBeGreaterThan(0.06);
    expect(single / (s.virtualMachines.length + s.arcMachines.length)).toBeLessThan(0.15);
    expect(s.roleAssignments.some((a) => a.principal === 'avery@contoso.example' && a.role === 'Owner')).toBe(true);

    const avery = world.principalByToken('b6e3664e-3e80-4754-b516-bd00208b19a7', 'a1ac69be-b4ec-42bd-b1d7-13c41a904bb7')!;
    let noLogin = 0;
    for (const vm of s.virtualMachines.slice(0, 2000)) {
      const id = `/subscriptions/${vm.subscriptionId}/resourceGroups/${vm.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${vm.name}`;
      if (!world.permissionsAt(avery, id).some((r) => r.dataActions.length > 0)) noLogin += 1;
    }
    expect(noLogin).toBeGreaterThan(50);
    expect(noLogin).toBeLessThan(1000);
  });
});
