import { describe, expect, it, vi } from 'vitest';

import { EventHub, dispatchInvoke } from '../../../../src/main/ipc/dispatch';
import { AppError } from '../../../../src/shared/errors/app-error';
import { stubHandlers } from '../../../support/stub-handlers';

const handlers = stubHandlers;

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
