import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DeviceCodeInfo } from '../../../src/shared/auth/schemas';
import { type AuthHarness, DEMO, startAuthHarness } from './support';

describe('auth service: device code sign-in against the simulator', () => {
  let h: AuthHarness;

  beforeAll(async () => {
    h = await startAuthHarness({ settings: { deviceCodeIntervalSeconds: 1, deviceCodeLifetimeSeconds: 3 } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('shows the code, polls until the user approves, and signs in', async () => {
    const auth = h.service();
    const shown: DeviceCodeInfo[] = [];
    const started = Date.now();
    const account = await auth.signInWithDeviceCode('AzureCloud', (info) => {
      shown.push(info);
      // The user types the code on another device a moment later.
      setTimeout(() => h.sim.approveDeviceCode(info.userCode, DEMO.avery), 300);
    });
    expect(account).toMatchObject({ id: DEMO.averyId, username: DEMO.avery, cloud: 'AzureCloud' });
    expect(shown).toHaveLength(1);
    expect(shown[0]?.verificationUri).toBe(`${h.sim.pagesUrl}/AzureCloud/devicelogin`);
    expect(shown[0]?.message).toContain(shown[0]?.userCode ?? '?');
    expect(shown[0]?.expiresAt).toBeGreaterThanOrEqual(started + 3000);
    expect(shown[0]?.expiresAt).toBeLessThanOrEqual(Date.now() + 3000);
    await expect(auth.getArmToken(account.id)).resolves.toMatchObject({ tenantId: DEMO.contoso });
  });

  it('fails with AUTH_DEVICE_CODE_EXPIRED when nobody approves in time', async () => {
    const auth = h.service();
    await expect(auth.signInWithDeviceCode('AzureCloud', () => undefined)).rejects.toMatchObject({ code: 'AUTH_DEVICE_CODE_EXPIRED' });
    expect(await auth.listAccounts()).toEqual([]);
    expect((await auth.getStatus()).signInPending).toBeNull();
  });

  it('is cancellable at once, and a later approval adds nothing', async () => {
    const auth = h.service();
    let code = '';
    let cancelledAt = 0;
    const signIn = auth.signInWithDeviceCode('AzureCloud', (info) => {
      code = info.userCode;
      setTimeout(() => {
        cancelledAt = Date.now();
        auth.cancelSignIn();
      }, 100);
    });
    await expect(signIn).rejects.toMatchObject({ code: 'AUTH_CANCELLED' });
    // Not after MSAL's next polling round (1 s here, 5 s in Entra): at once.
    expect(Date.now() - cancelledAt).toBeLessThan(300);
    h.sim.approveDeviceCode(code, DEMO.avery);
    await auth.dispose();
    expect(await auth.listAccounts()).toEqual([]);
  });

  it('reports a declined device code as cancelled', async () => {
    const auth = h.service();
    await expect(
      auth.signInWithDeviceCode('AzureCloud', (info) => {
        setTimeout(() => h.sim.denyDeviceCode(info.userCode), 100);
      }),
    ).rejects.toMatchObject({ code: 'AUTH_CANCELLED' });
  });
});
