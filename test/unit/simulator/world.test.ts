import { describe, expect, it } from 'vitest';

import { loadScenario } from '../../../src/simulator/scenario';
import demoJson from '../../../src/simulator/scenarios/demo.json' with { type: 'json' };
import { deriveGuid, READ_ACTIONS, scopeChain, World } from '../../../src/simulator/world';

const world = new World(loadScenario(demoJson, 'demo.json'));
const CONTOSO = 'b6e3664e-3e80-4754-b516-bd00208b19a7';
const PROD = '/subscriptions/ed67da65-2211-4b4a-9eba-ebcc42f20ce5';
const avery = world.principalByToken(CONTOSO, 'a1ac69be-b4ec-42bd-b1d7-13c41a904bb7')!;

describe('World', () => {
  it('computes the scopes whose assignments apply', () => {
    expect(scopeChain('/subscriptions/s/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm')).toEqual([
      '/subscriptions',
      '/subscriptions/s',
      '/subscriptions/s/resourcegroups',
      '/subscriptions/s/resourcegroups/rg',
      '/subscriptions/s/resourcegroups/rg/providers',
      '/subscriptions/s/resourcegroups/rg/providers/microsoft.compute',
      '/subscriptions/s/resourcegroups/rg/providers/microsoft.compute/virtualmachines',
      '/subscriptions/s/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm',
    ]);
  });

  it('collects one role per assignment at the scope or an ancestor, case-insensitively', () => {
    const vm = `${PROD}/resourceGroups/rg-app-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01`;
    expect(world.permissionsAt(avery, vm).map((r) => r.roleName)).toEqual(['Reader', 'Virtual Machine User Login']);
    expect(world.permissionsAt(avery, vm.toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/')).map((r) => r.roleName)).toEqual(['Reader', 'Virtual Machine User Login']);
    expect(world.permissionsAt(avery, `${PROD}/resourceGroups/rg-owner-only`).map((r) => r.roleName)).toEqual(['Reader', 'Owner']);
    expect(world.can(avery, `${PROD}/resourceGroups/rg-contrib-only/providers/Microsoft.Compute/virtualMachines/vm-contrib-only`, 'Microsoft.Compute/virtualMachines/start/action')).toBe(true);
  });

  it('resolves members and guests by token claims and by UPN', () => {
    const guest = world.principalByToken('29f2a965-3b43-4bb4-b4c9-c6968beec7c5', 'e0bdb909-d72b-455a-acb9-a98f3e419d90');
    expect(guest).toMatchObject({ isGuest: true, upn: 'avery_contoso.example#EXT#@fabrikam.example' });
    expect(world.userByName('GUEST.USER_FABRIKAM.EXAMPLE#EXT#@contoso.example')?.upn).toBe('guest.user@fabrikam.example');
    expect(world.findTenant('AzureCloud', 'contoso.onmicrosoft.com')?.id).toBe(CONTOSO);
    expect(world.findTenant('AzureUSGovernment', CONTOSO)).toBeUndefined();
  });

  it('lists subscriptions and machines the principal can see, sorted by id', () => {
    expect(world.visibleSubscriptions(avery).map((s) => s.spec.displayName)).toEqual(['Contoso Production', 'Contoso Dev/Test', 'Contoso Hybrid (Arc)', 'Contoso Finance (restricted)']);
    const finance = world.subscriptions.get('d883eb9e-f5ce-4517-aa4a-6eefa1f5d297')!;
    expect(world.visibleVms(avery, finance)).toEqual([]);
    const prod = world.subscriptions.get('ed67da65-2211-4b4a-9eba-ebcc42f20ce5')!;
    const ids = world.visibleVms(avery, prod).map((v) => v.idLower);
    expect(ids).toEqual([...ids].sort());
    expect(world.visibleVms(avery, prod, prod.groups.get('rg-admins')).map((v) => v.spec.name)).toEqual(['vm-admin-login', 'vm-custom-role', 'vm-jump-01', 'vm-user-login']);
    expect(world.can(avery, prod.nics[0]!.id, READ_ACTIONS.nic)).toBe(true);
  });

  it('derives stable GUIDs', () => {
    expect(deriveGuid('x')).toBe(deriveGuid('x'));
    expect(deriveGuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
