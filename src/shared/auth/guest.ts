/**
 * Guest (B2B) detection, pure. Entra guests cannot sign in to VMs or Arc servers with Entra ID (seed, "Microsoft Entra
 * Guest accounts can't connect"), so the app must know, per tenant, whether the signed-in identity is a guest there.
 */

/** How the account's identity looks in one tenant: enough for the readiness guest rule. */
export interface TenantIdentity {
  /** The user's home tenant: the second half of MSAL's homeAccountId (`<oid>.<homeTenantId>`). */
  readonly homeTenantId: string;
  /** `tid` of the token issued for the tenant being used. */
  readonly tenantIdOfToken: string;
  /** The user's name in that tenant (a guest's UPN there looks like `alice_contoso.com#EXT#@fabrikam.com`). */
  readonly upn: string;
  /** MSAL's tenant profile flag for that tenant, when MSAL has one. */
  readonly isHomeTenantProfile?: boolean | undefined;
}

const sameTenant = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The home tenant encoded in an MSAL homeAccountId (`<oid>.<tid>`), or null when it has no tenant part. */
export function homeTenantOf(homeAccountId: string): string | null {
  const dot = homeAccountId.indexOf('.');
  if (dot < 0) return null;
  const tenant = homeAccountId.slice(dot + 1);
  return tenant.length > 0 ? tenant : null;
}

/** True when a UPN is the external (B2B) form Entra gives guests: `user_domain#EXT#@tenant`. */
export function isExternalUpn(upn: string): boolean {
  return /#ext#@/i.test(upn);
}

/**
 * True when the identity is a guest in the token's tenant. Any one signal suffices, because each can be missing: the
 * token's tenant differs from the home tenant (msal-common `tenantIdMatchesHomeTenant`), MSAL marked the tenant profile
 * as not home, or the UPN is the `#EXT#` form.
 */
export function isGuestIdentity(identity: TenantIdentity): boolean {
  if (!sameTenant(identity.tenantIdOfToken, identity.homeTenantId)) return true;
  if (identity.isHomeTenantProfile === false) return true;
  return isExternalUpn(identity.upn);
}
