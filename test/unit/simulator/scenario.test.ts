import { describe, expect, it } from 'vitest';

import { AppError } from '../../../src/shared/errors/app-error';
import { loadScenario } from '../../../src/simulator/scenario';
import demoJson from '../../../src/simulator/scenarios/demo.json' with { type: 'json' };
import { World } from '../../../src/simulator/world';

const demo = loadScenario(demoJson, 'demo.json');
const AVERY = { tenant: 'b6e3664e-3e80-4754-b516-bd00208b19a7', oid: 'a1ac69be-b4ec-42bd-b1d7-13c41a904bb7', guestTenant: '29f2a965-3b43-4bb4-b4c9-c6968beec7c5', guestOid: 'e0bdb909-d72b-455a-acb9-a98f3e419d90' };

describe('the demo scenario', () => {
  it('is valid and tags every machine with the case it demonstrates', () => {
    for (const m of [...demo.virtualMachines, ...demo.arcMachines]) {
      expect(m.tags.case, m.name).toMatch(/\w{5,}/);
    }
    expect(new Set([...demo.virtualMachines, ...demo.arcMachines].map((m) => m.tags.case)).size).toBe(demo.virtualMachines.length + demo.arcMachines.length);
  });

  it('covers the troubleshooting cases', () => {
    const cases = [...demo.virtualMachines, ...demo.arcMachines].map((m) => m.tags.case ?? '').join('\n');
    for (const needle of ['healthy', 'stopped', 'deallocated', 'not installed', "'1007'", '-2145648607', 'exit code 51', 'already exists', 'no system-assigned', 'user login only', 'admin login', 'Owner only', 'Contributor only', 'Arc server connected', 'Arc server disconnected', 'Arc server expired', 'too old OS', 'Windows Server 2016', 'only by IP', 'differs from the resource name', 'Linux VM', 'B2B guest', 'Azure Government', 'Azure China', 'forbidden']) {
      expect(cases, needle).toContain(needle);
    }
    expect(demo.virtualMachines.filter((v) => demo.subscriptions.find((s) => s.id === v.subscriptionId)?.tenantId === 'ebcb04dc-f7bc-4138-94f4-625422c301c0')).toHaveLength(2);
    expect(demo.virtualMachines.filter((v) => v.location === 'chinaeast2')).toHaveLength(2);
  });

  it('keeps data realistic: 10.x private IPs, ≤15-character computer names, documentation-range public IPs', () => {
    for (const vm of demo.virtualMachines) {
      expect(vm.computerName === null || vm.computerName.length <= 15).toBe(true);
      for (const nic of vm.nics) {
        expect(nic.privateIp).toMatch(/^10\./);
        if (nic.publicIp) expect(nic.publicIp.ipAddress).toMatch(/^(203\.0\.113|198\.51\.100)\./);
      }
    }
  });

  it('shows the main user at least 20 Windows machines, in the home tenant and as a guest in Fabrikam', () => {
    const world = new World(demo);
    const home = world.principalByToken(AVERY.tenant, AVERY.oid)!;
    const guest = world.principalByToken(AVERY.guestTenant, AVERY.guestOid)!;
    expect(guest.isGuest).toBe(true);
    let windows = 0;
    for (const p of [home, guest]) {
      for (const sub of world.visibleSubscriptions(p)) {
        windows += world.visibleVms(p, sub).filter((v) => v.spec.os.type === 'Windows').length;
        windows += world.visibleArcs(p, sub).filter((a) => a.spec.os.type === 'windows').length;
      }
    }
    expect(windows).toBeGreaterThanOrEqual(20);
  });
});

describe('loadScenario', () => {
  it('names the path of every schema problem', () => {
    const broken = structuredClone(demoJson) as { tenants: { id: string }[]; virtualMachines: { nics: { privateIp: string }[] }[] };
    broken.tenants[0]!.id = 'not-a-guid';
    broken.virtualMachines[0]!.nics[0]!.privateIp = '192.168.1.4';
    try {
      loadScenario(broken, 'broken.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('VALIDATION_FAILED');
      expect((error as AppError).message).toContain('tenants.0.id: must be a lower-case GUID');
      expect((error as AppError).message).toContain('virtualMachines.0.nics.0.privateIp: must be an address in 10.0.0.0/8');
    }
  });

  it('reports broken cross references', () => {
    const broken = structuredClone(demoJson) as { roleAssignments: { principal: string; role: string }[]; users: { homeTenantId: string }[] };
    broken.roleAssignments[0]!.principal = 'nobody@contoso.example';
    broken.roleAssignments[1]!.role = 'Chief Everything Officer';
    expect(() => loadScenario(broken, 'x')).toThrow(/principal 'nobody@contoso.example' is not a user[\s\S]*unknown role 'Chief Everything Officer'/);
  });
});
