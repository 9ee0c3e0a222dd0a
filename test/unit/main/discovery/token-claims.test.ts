import { describe, expect, it } from 'vitest';

import { readTokenClaims } from '../../../../src/main/discovery/token-claims';

const jwt = (claims: object) => `x.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('readTokenClaims', () => {
  it('reads oid and tid, lower-cased', () => {
    expect(readTokenClaims(jwt({ oid: 'ABC', tid: 'DEF', upn: 'a@b' }))).toEqual({ oid: 'abc', tid: 'def' });
  });

  it.each(['', 'opaque-token', 'a.!!!.c', jwt({ oid: 42 })])('returns nothing usable for %s', (token) => {
    expect(readTokenClaims(token).oid).toBeUndefined();
  });
});
