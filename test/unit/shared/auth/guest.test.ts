import { describe, expect, it } from 'vitest';

import { homeTenantOf, isExternalUpn, isGuestIdentity } from '../../../../src/shared/auth/guest';

const HOME = 'b6e3664e-3e80-4754-b516-bd00208b19a7';
const OTHER = '29f2a965-3b43-4bb4-b4c9-c6968beec7c5';

describe('guest detection', () => {
  it('reads the home tenant from an MSAL homeAccountId', () => {
    expect(homeTenantOf(`a1ac69be-b4ec-42bd-b1d7-13c41a904bb7.${HOME}`)).toBe(HOME);
    expect(homeTenantOf('no-tenant-part')).toBeNull();
    expect(homeTenantOf('oid.')).toBeNull();
  });

  it('is a member in the home tenant, whatever the case of the ids', () => {
    expect(isGuestIdentity({ homeTenantId: HOME, tenantIdOfToken: HOME.toUpperCase(), upn: 'avery@contoso.example' })).toBe(false);
  });

  it('is a guest when the token comes from another tenant', () => {
    expect(isGuestIdentity({ homeTenantId: HOME, tenantIdOfToken: OTHER, upn: 'avery@contoso.example' })).toBe(true);
  });

  it('is a guest when MSAL says the tenant profile is not home, or the UPN is the #EXT# form', () => {
    expect(isGuestIdentity({ homeTenantId: HOME, tenantIdOfToken: HOME, upn: 'a@b.example', isHomeTenantProfile: false })).toBe(true);
    expect(isGuestIdentity({ homeTenantId: HOME, tenantIdOfToken: HOME, upn: 'avery_contoso.example#EXT#@fabrikam.example' })).toBe(true);
  });

  it('recognises external UPNs only in their #EXT#@ form', () => {
    expect(isExternalUpn('avery_contoso.example#EXT#@fabrikam.example')).toBe(true);
    expect(isExternalUpn('avery_contoso.example#ext#@fabrikam.example')).toBe(true);
    expect(isExternalUpn('ext@contoso.example')).toBe(false);
  });
});
