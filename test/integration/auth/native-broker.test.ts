import { describe, expect, it } from 'vitest';

import { chooseNativeBroker, loadMsalExtensionsBroker } from '../../../src/main/auth/native-broker';

describe('the real Windows broker plugin (@azure/msal-node-extensions)', () => {
  it('loads from the installed package without keytar, with the interface MSAL calls', async () => {
    const plugin = await loadMsalExtensionsBroker();
    expect(typeof plugin.isBrokerAvailable).toBe('boolean');
    for (const method of ['acquireTokenSilent', 'acquireTokenInteractive', 'signOut', 'getAccountById', 'getAllAccounts', 'setLogger']) {
      expect(typeof (plugin as unknown as Record<string, unknown>)[method], method).toBe('function');
    }
    // The runtime offers a broker only on Windows (WAM) and on Linux desktops with Microsoft's identity broker installed.
    if (process.platform !== 'win32') expect(plugin.isBrokerAvailable).toBe(false);
  });

  it('falls back to the system browser, with the reason, where the real plugin reports no broker', async () => {
    if (process.platform === 'win32') return;
    const logged: string[] = [];
    const choice = await chooseNativeBroker({
      enabled: true,
      platform: 'win32',
      load: loadMsalExtensionsBroker,
      log: (message) => logged.push(message),
    });
    expect(choice.plugin).toBeNull();
    expect(choice.state).toMatchObject({ kind: 'fallback', reason: 'unavailable' });
    expect(logged.join('\n')).toContain('system browser');
  });
});
