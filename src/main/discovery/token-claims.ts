/** The claims of an access token that discovery reads: who the user is in the token's tenant. */
export interface TokenClaims {
  readonly oid?: string;
  readonly tid?: string;
}

/**
 * Reads `oid` and `tid` from a JWT access token without verifying it: the token is the one Entra issued to this user
 * through MSAL moments ago (ARM verifies it, not us), so its `oid` is the user's object id in that tenant. It only
 * decides which role assignments count as the user's own. Returns {} for anything that is not a readable JWT; then no
 * assignment counts as the user's and discovery asks the permissions API instead.
 */
export function readTokenClaims(token: string): TokenClaims {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    return {
      ...(typeof claims.oid === 'string' ? { oid: claims.oid.toLowerCase() } : {}),
      ...(typeof claims.tid === 'string' ? { tid: claims.tid.toLowerCase() } : {}),
    };
  } catch {
    return {};
  }
}
