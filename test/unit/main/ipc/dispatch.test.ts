import { describe, expect, it, vi } from 'vitest';

import { EventHub, type HandlerMap, dispatchInvoke } from '../../../../src/main/ipc/dispatch';
import { AppError } from '../../../../src/shared/errors/app-error';
import { DEFAULT_SETTINGS } from '../../../../src/shared/settings/schema';

function handlers(overrides: Partial<HandlerMap> = {}): HandlerMap {
  const notUsed = () => Promise.reject(new Error('not used in this test'));
  return {
    'app:info': () => Promise.resolve({ version: '1.0.0', mode: 'demo', platform: 'linux' }),
    'app:take-deep-link': () => Promise.resolve(null),
    'auth:sign-in': notUsed,
    'auth:cancel': notUsed,
    'auth:accounts': () => Promise.resolve([]),
    'auth:sign-out': notUsed,
    'auth:status': notUsed,
    'auth:tenants': notUsed,
    'machines:refresh': notUsed,
    'machines:cancel': notUsed,
    'machines:snapshot': notUsed,
    'machines:start': notUsed,
    'readiness:check': notUsed,
    'connect:start': notUsed,
    'settings:get': () => Promise.resolve(DEFAULT_SETTINGS),
    'settings:set': notUsed,
    'shell:open-external': notUsed,
    'rdp:build': notUsed,
    'favorites:list': notUsed,
    'favorites:save': notUsed,
    'favorites:remove': notUsed,
    'favorites:reorder': notUsed,
    'favorites:import': notUsed,
    'favorites:import-rdp': notUsed,
    'favorites:export': notUsed,
    'favorites:dismiss-notice': notUsed,
    'recents:list': notUsed,
    'recents:clear': notUsed,
    'app:data-locations': notUsed,
    'app:open-logs': notUsed,
    'app:clear-cache': notUsed,
    ...overrides,
  };
}

describe('dispatchInvoke', () => {
  it('returns the value in an ok envelope', async () => {
    await expect(dispatchInvoke(handlers(), 'app:info', {})).resolves.toEqual({
      ok: true,
      value: { version: '1.0.0', mode: 'demo', platform: 'linux' },
    });
  });

  it('refuses unknown channels', async () => {
    const envelope = await dispatchInvoke(handlers(), 'fs:read', {});
    expect(envelope).toMatchObject({ ok: false, error: { code: 'IPC_UNKNOWN_CHANNEL' } });
  });

  it('refuses channels that only look like ours', async () => {
    const envelope = await dispatchInvoke(handlers(), '__proto__', {});
    expect(envelope).toMatchObject({ ok: false, error: { code: 'IPC_UNKNOWN_CHANNEL' } });
  });

  it('validates input before the handler runs and names the bad field', async () => {
    const signOut = vi.fn();
    const envelope = await dispatchInvoke(handlers({ 'auth:sign-out': signOut }), 'auth:sign-out', { accountId: 42 });
    expect(signOut).not.toHaveBeenCalled();
    expect(envelope).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(JSON.stringify(envelope)).toContain('accountId');
  });

  it('refuses extra fields (strict inputs)', async () => {
    const envelope = await dispatchInvoke(handlers(), 'app:info', { sneaky: true });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('carries AppError codes across', async () => {
    const failing = handlers({
      'auth:sign-out': () => Promise.reject(new AppError('AUTH_NO_ACCOUNT', 'gone', { accountId: 'a' })),
    });
    await expect(dispatchInvoke(failing, 'auth:sign-out', { accountId: 'a' })).resolves.toEqual({
      ok: false,
      error: { code: 'AUTH_NO_ACCOUNT', message: 'gone', details: { accountId: 'a' } },
    });
  });

  it('turns unexpected throws into INTERNAL and logs them', async () => {
    const log = vi.fn();
    const failing = handlers({ 'auth:accounts': () => Promise.reject(new TypeError('bug')) });
    const envelope = await dispatchInvoke(failing, 'auth:accounts', {}, log);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(log).toHaveBeenCalled();
  });

  it('refuses a handler result outside the contract', async () => {
    const log = vi.fn();
    const wrong = handlers({ 'auth:accounts': () => Promise.resolve([{ id: 1 }] as never) });
    const envelope = await dispatchInvoke(wrong, 'auth:accounts', {}, log);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(log).toHaveBeenCalledWith('handler returned data outside its contract', expect.anything());
  });
});

describe('EventHub', () => {
  it('validates events and fans them out', () => {
    const hub = new EventHub();
    const received: unknown[] = [];
    const stop = hub.subscribe((event, payload) => received.push([event, payload]));
    hub.emit('auth:browser', { url: 'https://x.example/' });
    stop();
    hub.emit('auth:browser', { url: 'https://y.example/' });
    expect(received).toEqual([['auth:browser', { url: 'https://x.example/' }]]);
    expect(() => hub.emit('auth:browser', { url: 3 } as never)).toThrow();
  });
});
