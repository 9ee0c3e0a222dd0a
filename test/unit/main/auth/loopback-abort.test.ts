import { describe, expect, it } from 'vitest';

import { readLoopbackTarget } from '../../../../src/main/auth/loopback-abort';

const authorize = (redirect: string, state = 'st-1') =>
  `https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?client_id=x&redirect_uri=${encodeURIComponent(redirect)}&state=${state}&response_mode=form_post`;

describe('loopback target', () => {
  it('reads MSAL\'s loopback port and state from the authorize URL', () => {
    expect(readLoopbackTarget(authorize('http://localhost:53123'))).toEqual({ port: 53123, state: 'st-1' });
    expect(readLoopbackTarget(authorize('http://127.0.0.1:40000/'))).toEqual({ port: 40000, state: 'st-1' });
  });

  it('refuses anything that is not plain http on this machine with a port and a state', () => {
    expect(readLoopbackTarget(authorize('https://localhost:53123'))).toBeNull();
    expect(readLoopbackTarget(authorize('http://example.com:53123'))).toBeNull();
    expect(readLoopbackTarget(authorize('http://localhost'))).toBeNull();
    expect(readLoopbackTarget(authorize('http://localhost:1234', ''))).toBeNull();
    expect(readLoopbackTarget('not a url')).toBeNull();
  });
});
