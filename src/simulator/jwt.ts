import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * HS256 JWTs signed with a secret generated per simulator start. MSAL does not validate token signatures, ARM in the
 * simulator does: a token from another simulator run (or a forged one) is rejected.
 */
export class JwtSigner {
  private readonly secret = randomBytes(32);
  private readonly header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'rdp-broker-simulator' })).toString(
    'base64url',
  );

  /** Signs the claims. */
  sign(claims: Record<string, unknown>): string {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const signature = createHmac('sha256', this.secret).update(`${this.header}.${payload}`).digest('base64url');
    return `${this.header}.${payload}.${signature}`;
  }

  /** The claims of a token this signer issued, or null when the token is malformed or not ours. */
  verify(token: string): Record<string, unknown> | null {
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const [header, payload, signature] = parts as [string, string, string];
    const expected = createHmac('sha256', this.secret).update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }
}
