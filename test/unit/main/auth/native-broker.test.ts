import type { INativeBrokerPlugin } from '@azure/msal-node';
import { describe, expect, it, vi } from 'vitest';

import { chooseNativeBroker } from '../../../../src/main/auth/native-broker';

const plugin = (available: boolean) => ({ isBrokerAvailable: available }) as unknown as INativeBrokerPlugin;

describe('native broker choice', () => {
  it('never loads anything when the setting is off or the platform is not Windows', async () => {
    const load = vi.fn(() => Promise.resolve(plugin(true)));
    expect((await chooseNativeBroker({ enabled: false, platform: 'win32', load, log: () => undefined })).state).toEqual({ kind: 'off', reason: 'disabled' });
    expect((await chooseNativeBroker({ enabled: true, platform: 'linux', load, log: () => undefined })).state).toEqual({ kind: 'off', reason: 'not-windows' });
    expect(load).not.toHaveBeenCalled();
  });

  it('falls back with a logged reason when the native module does not load', async () => {
    const log = vi.fn();
    const choice = await chooseNativeBroker({ enabled: true, platform: 'win32', load: () => Promise.reject(new Error('keytar.node missing')), log });
    expect(choice.plugin).toBeNull();
    expect(choice.state).toEqual({ kind: 'fallback', reason: 'load-failed', detail: 'keytar.node missing' });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('system browser'), { detail: 'keytar.node missing' });
  });

  it('falls back when the broker says it is unavailable, and uses it when it is', async () => {
    const unavailable = await chooseNativeBroker({ enabled: true, platform: 'win32', load: () => Promise.resolve(plugin(false)), log: () => undefined });
    expect(unavailable.state).toMatchObject({ kind: 'fallback', reason: 'unavailable' });
    const ok = plugin(true);
    const used = await chooseNativeBroker({ enabled: true, platform: 'win32', load: () => Promise.resolve(ok), log: () => undefined });
    expect(used).toEqual({ plugin: ok, state: { kind: 'in-use' } });
  });

});
