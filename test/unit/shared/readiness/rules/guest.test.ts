import { describe, expect, it } from 'vitest';

import { guestRule } from '../../../../../src/shared/readiness/rules/guest';
import { CONTOSO, FABRIKAM, machines, makeInput, makeVm, member } from '../../../../fixtures/readiness/machines';

describe('guest rule', () => {
  it('is silent for a member of the machine tenant (GUIDs compared without case)', () => {
    expect(guestRule.run(makeInput(machines.healthyVm))).toEqual([]);
    expect(guestRule.run(makeInput(machines.healthyVm, { account: { ...member, tenantIdOfToken: CONTOSO.toUpperCase() } }))).toEqual([]);
  });

  it('blocks when the token is from another tenant than the home tenant', () => {
    const account = { ...member, tenantIdOfToken: FABRIKAM };
    expect(guestRule.run(makeInput(makeVm({ tenantId: FABRIKAM }), { account }))).toMatchObject([
      { code: 'GUEST_ACCOUNT', severity: 'block', evidence: { homeTenantId: CONTOSO, tenantIdOfToken: FABRIKAM, machineTenantId: FABRIKAM } },
    ]);
  });

  it('blocks when the machine is in another tenant, or the UPN is an external one', () => {
    expect(guestRule.run(makeInput(makeVm({ tenantId: FABRIKAM })))).toMatchObject([{ code: 'GUEST_ACCOUNT' }]);
    const account = { ...member, upn: 'avery_contoso.example#EXT#@fabrikam.example' };
    expect(guestRule.run(makeInput(machines.healthyVm, { account }))).toMatchObject([{ code: 'GUEST_ACCOUNT', evidence: { upnIsExternal: true } }]);
  });
});
