import type { AccountInfo, AuthenticationResult, INativeBrokerPlugin } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { AuthService } from '../../../src/main/auth/auth-service';
import { abortLoopback, readLoopbackTarget } from '../../../src/main/auth/loopback-abort';
import { azureClouds } from '../../../src/shared/clouds';
import { CLIENT_ID_PLACEHOLDER } from '../../../src/shared/settings/schema';
import { createFakeBrowser } from '../../support/fake-browser';
import { type AuthHarness, DEMO, delay, startAuthHarness, tokenRequests } from './support';

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('auth service: interactive sign-in against the simulator (real msal-node over HTTPS)', () => {
  let h: AuthHarness;

  beforeAll(async () => {
    h = await startAuthHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('signs in through the consent page and serves the next ARM token from the cache', async () => {
    const auth = h.service({ user: DEMO.avery });
    const account = await auth.signInInteractive('AzureCloud');
    expect(account).toEqual({ id: DEMO.averyId, username: DEMO.avery, name: 'Avery Jansen', cloud: 'AzureCloud', homeTenantId: DEMO.contoso });
    expect(await auth.listAccounts()).toEqual([account]);

    const before = tokenRequests(h.sim);
    const first = await auth.getArmToken(account.id);
    const second = await auth.getArmToken(account.id);
    expect(second.token).toBe(first.token);
    expect(tokenRequests(h.sim)).toBe(before);
    expect(first.tenantId).toBe(DEMO.contoso);
    expect(claimsOf(first.token)).toMatchObject({ aud: 'https://management.core.windows.net/', tid: DEMO.contoso });
    expect((await auth.getStatus()).activeAccountId).toBe(account.id);
  });

  it('passes the login hint (the consent page auto-submits that account)', async () => {
    const auth = h.service();
    expect((await auth.signInInteractive('AzureCloud', DEMO.owner)).username).toBe(DEMO.owner);
  });

  it('refreshes silently once the access token is (about to be) expired', async () => {
    // MSAL renews tokens within 5 minutes of expiry, so a 60 s lifetime is "expired" for it.
    h.sim.setFaults({ tokenLifetimeSeconds: 60 });
    try {
      const auth = h.service({ user: DEMO.avery });
      const account = await auth.signInInteractive('AzureCloud');
      const before = tokenRequests(h.sim);
      const first = await auth.getArmToken(account.id);
      const second = await auth.getArmToken(account.id);
      expect(second.token).not.toBe(first.token);
      expect(tokenRequests(h.sim) - before).toBe(2);
    } finally {
      h.sim.setFaults({ tokenLifetimeSeconds: null });
    }
  });

  it('reports AUTH_INTERACTION_REQUIRED with the reason when the refresh token was revoked, and clears it on sign-in', async () => {
    h.sim.setFaults({ tokenLifetimeSeconds: 60 });
    try {
      const auth = h.service({ user: DEMO.avery });
      const account = await auth.signInInteractive('AzureCloud');
      expect(h.sim.revokeRefreshTokens(DEMO.avery)).toBeGreaterThan(0);
      const error: unknown = await auth.getArmToken(account.id).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'AUTH_INTERACTION_REQUIRED',
        details: { accountId: account.id, interactionReason: 'refresh-token-expired' },
      });
      const status = await auth.getStatus();
      expect(status.attention).toHaveLength(1);
      expect(status.attention[0]).toMatchObject({ accountId: account.id, tenantId: DEMO.contoso, reason: 'refresh-token-expired' });
      expect(status.attention[0]?.detail).toContain('AADSTS70008');
      // The account stays listed so the UI can offer "sign in again" next to it.
      expect((await auth.listAccounts()).map((each) => each.id)).toEqual([account.id]);
      await auth.signInInteractive('AzureCloud');
      expect((await auth.getStatus()).attention).toEqual([]);
      await expect(auth.getArmToken(account.id)).resolves.toMatchObject({ tenantId: DEMO.contoso });
    } finally {
      h.sim.setFaults({ tokenLifetimeSeconds: null });
    }
  });

  it('keeps several accounts in several clouds, and signing one out removes only its tokens', async () => {
    const auth = h.service();
    const avery = await auth.signInInteractive('AzureCloud', DEMO.avery);
    const owner = await auth.signInInteractive('AzureCloud', DEMO.owner);
    const gov = await auth.signInInteractive('AzureUSGovernment', DEMO.gov);
    expect(gov).toMatchObject({ cloud: 'AzureUSGovernment', homeTenantId: DEMO.agency, username: DEMO.gov });
    expect((await auth.listAccounts()).map((each) => [each.username, each.cloud]).sort()).toEqual([
      [DEMO.avery, 'AzureCloud'],
      [DEMO.gov, 'AzureUSGovernment'],
      [DEMO.owner, 'AzureCloud'],
    ]);
    const govToken = await auth.getArmToken(gov.id);
    expect(claimsOf(govToken.token)).toMatchObject({ aud: 'https://management.core.usgovcloudapi.net/', tid: DEMO.agency });
    expect(String(claimsOf(govToken.token).iss)).toContain(h.sim.clouds.AzureUSGovernment);

    await auth.setActiveAccount(owner.id);
    expect((await auth.getActiveAccount())?.id).toBe(owner.id);

    await auth.signOut(avery.id);
    expect((await auth.listAccounts()).map((each) => each.username).sort()).toEqual([DEMO.gov, DEMO.owner]);
    await expect(auth.getArmToken(avery.id)).rejects.toMatchObject({ code: 'AUTH_NO_ACCOUNT' });
    await expect(auth.getArmToken(owner.id)).resolves.toMatchObject({ tenantId: DEMO.contoso });
    await expect(auth.getArmToken(gov.id)).resolves.toMatchObject({ tenantId: DEMO.agency });
    await expect(auth.signOut(avery.id)).rejects.toMatchObject({ code: 'AUTH_NO_ACCOUNT' });
  });

  it('detects that avery is a guest in Fabrikam and a member in Contoso, and lists both tenants', async () => {
    const auth = h.service({ user: DEMO.avery });
    const account = await auth.signInInteractive('AzureCloud');
    await expect(auth.getTenantIdentity(account.id, DEMO.fabrikam)).resolves.toEqual({
      cloud: 'AzureCloud',
      homeTenantId: DEMO.contoso,
      tenantIdOfToken: DEMO.fabrikam,
      upn: DEMO.avery,
      isGuest: true,
    });
    expect(await auth.isGuestInTenant(account.id, DEMO.contoso)).toBe(false);
    const fabrikamToken = await auth.getArmToken(account.id, DEMO.fabrikam);
    expect(claimsOf(fabrikamToken.token)).toMatchObject({ tid: DEMO.fabrikam, acct: 1 });
    // The guest tenant profile must not replace the home one in the account list.
    expect(await auth.listAccounts()).toEqual([expect.objectContaining({ id: account.id, username: DEMO.avery, homeTenantId: DEMO.contoso })]);

    const tenants = await auth.listTenants(account.id);
    expect(tenants.map((t) => [t.tenantId, t.isHome])).toEqual([
      [DEMO.contoso, true],
      [DEMO.fabrikam, false],
    ]);
    expect(tenants[0]).toMatchObject({ displayName: 'Contoso', defaultDomain: 'contoso.example' });
  });

  it('refuses the placeholder client id for real clouds before opening any browser', async () => {
    const openBrowser = vi.fn(() => Promise.resolve());
    const auth = new AuthService({ clouds: azureClouds, clientId: () => CLIENT_ID_PLACEHOLDER, openBrowser });
    for (const cloud of ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'] as const) {
      const error: unknown = await auth.signInInteractive(cloud).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'AUTH_CLIENT_ID_MISSING' });
      expect((error as Error).message).toContain('user_impersonation');
      await expect(auth.signInWithDeviceCode(cloud, () => undefined)).rejects.toMatchObject({ code: 'AUTH_CLIENT_ID_MISSING' });
    }
    expect(openBrowser).not.toHaveBeenCalled();
    // The simulator is not a real cloud: the placeholder is fine there.
    const demo = h.service({ user: DEMO.avery, clientId: () => CLIENT_ID_PLACEHOLDER });
    await expect(demo.signInInteractive('AzureCloud')).resolves.toMatchObject({ username: DEMO.avery });
  });

  it('cancels a pending sign-in at once, closes the loopback server and never adds the account', async () => {
    let opened: (url: string) => void = () => undefined;
    const openedUrl = new Promise<string>((resolve) => {
      opened = resolve;
    });
    const auth = h.service({
      openBrowser: (url) => {
        opened(url);
        return Promise.resolve();
      },
    });
    const signIn = auth.signInInteractive('AzureCloud', DEMO.avery);
    const url = await openedUrl;
    expect((await auth.getStatus()).signInPending).toBe('interactive');
    const started = Date.now();
    expect(auth.cancelSignIn()).toBe(true);
    await expect(signIn).rejects.toMatchObject({ code: 'AUTH_CANCELLED' });
    expect(Date.now() - started).toBeLessThan(1000);
    await auth.dispose();

    // The user finishing in the browser afterwards reaches nothing.
    const target = readLoopbackTarget(url);
    expect(target).not.toBeNull();
    expect(await abortLoopback(target!, 'probe', 500)).toBe(false);
    const lateBrowser = createFakeBrowser({ fetch: h.transport.fetch });
    await expect(lateBrowser.openBrowser(url)).rejects.toThrow();
    expect(await auth.listAccounts()).toEqual([]);
    expect((await auth.getStatus()).signInPending).toBeNull();
    expect(auth.cancelSignIn()).toBe(false);
  });

  it('cancels even before MSAL is ready (e.g. while the broker loads), and never opens the browser', async () => {
    const openBrowser = vi.fn(() => Promise.resolve());
    const slowLoad = () => new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('slow native module')), 300));
    const auth = h.service({ openBrowser, broker: { enabled: () => true, platform: 'win32', load: slowLoad } });
    const signIn = auth.signInInteractive('AzureCloud', DEMO.avery);
    await delay(30);
    expect(auth.cancelSignIn()).toBe(true);
    const started = Date.now();
    await expect(signIn).rejects.toMatchObject({ code: 'AUTH_CANCELLED' });
    expect(Date.now() - started).toBeLessThan(200);
    await delay(400);
    expect(openBrowser).not.toHaveBeenCalled();
    expect((await auth.getStatus()).signInPending).toBeNull();
  });

  it('removes the account of a sign-in that completes after it was cancelled (no ghost account)', async () => {
    h.sim.setFaults({ latencyMs: 700, latencyPath: '/oauth2/v2\\.0/token$' });
    try {
      const browser = createFakeBrowser({ fetch: h.transport.fetch });
      const log = vi.fn();
      const before = tokenRequests(h.sim);
      const auth = h.service({
        log,
        openBrowser: async (url) => {
          await browser.openBrowser(url);
          // The code is on its way to the token endpoint (slow here): cancel now.
          setTimeout(() => auth.cancelSignIn(), 50);
        },
      });
      await expect(auth.signInInteractive('AzureCloud', DEMO.avery)).rejects.toMatchObject({ code: 'AUTH_CANCELLED' });
      await auth.dispose();
      // The code was redeemed after the cancel (MSAL stored the account), then the service removed it.
      expect(tokenRequests(h.sim)).toBe(before + 1);
      expect(log).toHaveBeenCalledWith(expect.stringContaining('completed after it was cancelled'), { cloud: 'AzureCloud' });
      expect(await auth.listAccounts()).toEqual([]);
    } finally {
      h.sim.setFaults({ latencyMs: 0, latencyPath: null });
    }
  });

  it('times out with AUTH_TIMED_OUT and leaves the service ready for the next sign-in', async () => {
    let browse: (url: string) => Promise<void> = () => Promise.resolve();
    const auth = h.service({ interactiveTimeoutMs: 300, openBrowser: (url) => browse(url) });
    await expect(auth.signInInteractive('AzureCloud', DEMO.avery)).rejects.toMatchObject({
      code: 'AUTH_TIMED_OUT',
      details: { timeoutMs: 300 },
    });
    expect((await auth.getStatus()).signInPending).toBeNull();
    browse = createFakeBrowser({ fetch: h.transport.fetch }).openBrowser;
    await expect(auth.signInInteractive('AzureCloud', DEMO.avery)).resolves.toMatchObject({ username: DEMO.avery });
  });

  it('a new sign-in replaces one the user abandoned', async () => {
    let browse: (url: string) => Promise<void> = () => Promise.resolve();
    const auth = h.service({ openBrowser: (url) => browse(url) });
    const abandoned = auth.signInInteractive('AzureCloud', DEMO.avery);
    await delay(100);
    browse = createFakeBrowser({ fetch: h.transport.fetch }).openBrowser;
    const second = auth.signInInteractive('AzureCloud', DEMO.owner);
    await expect(abandoned).rejects.toMatchObject({ code: 'AUTH_CANCELLED' });
    await expect(second).resolves.toMatchObject({ username: DEMO.owner });
  });

  it('falls back to the browser when the Windows broker cannot be loaded, and says so', async () => {
    const log = vi.fn();
    const auth = h.service({
      user: DEMO.avery,
      log,
      broker: { enabled: () => true, platform: 'win32', load: () => Promise.reject(new Error('Cannot find module msal-node-runtime')) },
    });
    await expect(auth.signInInteractive('AzureCloud')).resolves.toMatchObject({ username: DEMO.avery });
    expect((await auth.getStatus()).broker).toEqual({ kind: 'fallback', reason: 'load-failed: Cannot find module msal-node-runtime' });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('system browser'), expect.anything());
  });

  it('uses the Windows broker when it loads: no browser is opened', async () => {
    const wamAccount: AccountInfo = {
      homeAccountId: `${'1'.repeat(8)}-1111-4111-8111-${'1'.repeat(12)}.${DEMO.contoso}`,
      environment: 'login.microsoftonline.com',
      tenantId: DEMO.contoso,
      username: 'wam.user@contoso.example',
      localAccountId: `${'1'.repeat(8)}-1111-4111-8111-${'1'.repeat(12)}`,
      name: 'WAM User',
      nativeAccountId: 'native-1',
    };
    const result = {
      authority: `${h.sim.clouds.AzureCloud}/organizations`,
      uniqueId: wamAccount.localAccountId,
      tenantId: DEMO.contoso,
      scopes: ['https://management.azure.com/.default'],
      account: wamAccount,
      idToken: '',
      idTokenClaims: {},
      accessToken: 'wam-access-token',
      fromCache: false,
      expiresOn: new Date(Date.now() + 3_600_000),
      tokenType: 'Bearer',
      correlationId: 'c',
    } as AuthenticationResult;
    const broker: INativeBrokerPlugin = {
      isBrokerAvailable: true,
      setLogger: () => undefined,
      getAccountById: () => Promise.resolve(wamAccount),
      getAllAccounts: () => Promise.resolve([wamAccount]),
      acquireTokenSilent: () => Promise.resolve(result),
      acquireTokenInteractive: vi.fn(() => Promise.resolve(result)),
      signOut: () => Promise.resolve(),
    };
    const openBrowser = vi.fn(() => Promise.resolve());
    const auth = h.service({ openBrowser, broker: { enabled: () => true, platform: 'win32', load: () => Promise.resolve(broker) } });
    await expect(auth.signInInteractive('AzureCloud')).resolves.toMatchObject({ username: 'wam.user@contoso.example' });
    expect(openBrowser).not.toHaveBeenCalled();
    expect(broker.acquireTokenInteractive).toHaveBeenCalled();
    expect((await auth.getStatus()).broker).toEqual({ kind: 'in-use', reason: null });
    await expect(auth.getArmToken(wamAccount.homeAccountId)).resolves.toMatchObject({ token: 'wam-access-token' });
    // MSAL would run device code beside the broker and then never find the account through it: refused clearly.
    await expect(auth.signInWithDeviceCode('AzureCloud', () => undefined)).rejects.toMatchObject({ code: 'AUTH_FAILED', details: { reason: 'broker-in-use' } });
  });
});
