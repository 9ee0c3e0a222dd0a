import { describe, expect, it } from 'vitest';

import { createLogger, createMemorySink } from '../../../../src/main/logging/logger';
import { REDACTED, isSecretKey, redactSecrets, redactString } from '../../../../src/main/logging/redact';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhdmVyeSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('redactSecrets', () => {
  it.each([
    'access_token',
    'refreshToken',
    'id_token',
    'Authorization',
    'client_secret',
    'clientSecret',
    'password',
    'code_verifier',
    'cookie',
    'session',
    'privateKey',
    'credentials',
    'sig',
  ])('replaces the value of %s whatever it holds', (key) => {
    expect(redactSecrets({ [key]: 'x1y2z3', nested: { [key]: 42 } })).toEqual({ [key]: REDACTED, nested: { [key]: REDACTED } });
  });

  it.each(['code', 'errorCode', 'machineId', 'tokenCount', 'signInMethod', 'passwordless'])('keeps %s', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });

  it('scrubs tokens inside strings wherever they appear', () => {
    const text = `GET https://login.example/token?code=abc123&client_secret=s3cr3t&state=ok Authorization: Bearer ${JWT} rt-12345678-1234-1234-1234-123456789abc`;
    const out = redactString(text);
    expect(out).not.toContain('abc123');
    expect(out).not.toContain('s3cr3t');
    expect(out).not.toContain(JWT);
    expect(out).not.toContain('rt-12345678');
    expect(out).toContain('state=ok');
  });

  it('scrubs JSON-shaped secrets in text', () => {
    expect(redactString('{"refresh_token":"rt-secret-value","name":"Avery"}')).toBe('{"refresh_token":"[redacted]","name":"Avery"}');
  });

  it('flattens errors, keeping their code and scrubbing message and stack', () => {
    const error = Object.assign(new Error(`token rejected: ${JWT}`), { code: 'AUTH_FAILED' });
    const flat = redactSecrets({ error }) as { error: Record<string, unknown> };
    expect(flat.error).toMatchObject({ name: 'Error', code: 'AUTH_FAILED' });
    expect(JSON.stringify(flat)).not.toContain(JWT);
  });

  it('survives cycles, deep nesting, long lists and odd values', () => {
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 20; i++) deep = (deep.next = {});
    const out = redactSecrets({ cyclic, root, list: Array.from({ length: 80 }, (_, i) => i), fn: () => 1, bytes: new Uint8Array(3) });
    expect(JSON.stringify(out)).toContain('[circular]');
    expect(JSON.stringify(out)).toContain('[nested too deep]');
    expect((out as { list: unknown[] }).list).toHaveLength(51);
    expect(out).toMatchObject({ fn: '[function]', bytes: '[3 bytes]' });
  });
});

describe('createLogger', () => {
  it('redacts before the sink sees anything, and filters by level', () => {
    const { sink, records } = createMemorySink();
    const log = createLogger(sink, { level: 'info', now: () => new Date(0) }).child('auth');
    log.debug('dropped');
    log.warn(`sign-in failed with ${JWT}`, { accessToken: JWT, tenant: 't1' });
    expect(records).toEqual([
      {
        level: 'warn',
        scope: 'app:auth',
        message: 'sign-in failed with [redacted token]',
        meta: { accessToken: REDACTED, tenant: 't1' },
        time: '1970-01-01T00:00:00.000Z',
      },
    ]);
  });

  it('never throws when a sink fails', () => {
    const log = createLogger(() => {
      throw new Error('disk full');
    });
    expect(() => log.error('x')).not.toThrow();
  });
});
