import { AuthError } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { toBrowserAuthorizeUrl } from '../../../src/simulator/index';
import { createFakeBrowser, parseEntraPage } from '../../support/fake-browser';
import {
  armFetch,
  armScope,
  claimsOf,
  createPca,
  DEMO,
  type SimHarness,
  signInInteractive,
  startHarness,
} from './support';

describe('simulated Entra ID with the real @azure/msal-node', () => {
  let h: SimHarness;

  beforeAll(async () => {
    h = await startHarness({ settings: { deviceCodeIntervalSeconds: 1 } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('signs in interactively through the form_post consent page, then serves silent calls from the cache', async () => {
    const pca = createPca(h);
    const result = await signInInteractive(h, pca, DEMO.users.avery);
    expect(result.account?.username).toBe(DEMO.users.avery);
    expect(result.account?.homeAccountId).toBe(`${DEMO.users.averyOid}.${DEMO.tenants.contoso}`);
    expect(result.account?.tenantId).toBe(DEMO.tenants.contoso);
    const access = claimsOf(result.accessToken);
    expect(access).toMatchObject({ aud: 'https://management.core.windows.net/', tid: DEMO.tenants.contoso, oid: DEMO.users.averyOid, upn: DEMO.users.avery, acct: 0 });
    expect(access.iss).toBe(`${h.sim.clouds.AzureCloud}/${DEMO.tenants.contoso}/`);

    const silent = await pca.acquireTokenSilent({ account: result.account!, scopes: [armScope()] });
    expect(silent.fromCache).toBe(true);
    expect(silent.accessToken).toBe(result.accessToken);
  });

  it('auto-submits the login_hint account and rejects a hinted user who is not in the tenant (AADSTS50020)', async () => {
    const pca = createPca(h);
    const hinted = await signInInteractive(h, pca, DEMO.users.owner, { loginHint: true });
    expect(hinted.account?.username).toBe(DEMO.users.owner);

    const contosoOnly = createPca(h, { tenant: DEMO.tenants.fabrikam });
    await expect(signInInteractive(h, contosoOnly, DEMO.users.owner, { loginHint: true })).rejects.toThrow(/AADSTS50020/);
  });

  it('refreshes with the refresh token once the access token has expired, and answers invalid_grant once revoked', async () => {
    h.sim.setFaults({ tokenLifetimeSeconds: 1 });
    try {
      const pca = createPca(h);
      const first = await signInInteractive(h, pca, DEMO.users.avery);
      expect(first.expiresOn!.getTime() - Date.now()).toBeLessThan(2000);
      await new Promise((r) => setTimeout(r, 1100));
      const expired = await armFetch(h, first.accessToken, '/subscriptions?api-version=2022-12-01');
      expect(expired.status).toBe(401);
      expect(expired.body).toMatchObject({ error: { code: 'ExpiredAuthenticationToken' } });

      h.sim.clearRequests();
      const refreshed = await pca.acquireTokenSilent({ account: first.account!, scopes: [armScope()] });
      expect(refreshed.fromCache).toBe(false);
      expect(refreshed.accessToken).not.toBe(first.accessToken);
      expect(h.sim.requests.some((r) => r.method === 'POST' && r.path.includes('/oauth2/v2.0/token'))).toBe(true);

      expect(h.sim.revokeRefreshTokens(DEMO.users.avery)).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 1100));
      const error = await pca.acquireTokenSilent({ account: first.account!, scopes: [armScope()], forceRefresh: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthError);
      expect((error as AuthError).errorCode).toBe('invalid_grant');
      expect((error as AuthError).errorMessage).toMatch(/AADSTS70008/);
    } finally {
      h.sim.setFaults({ tokenLifetimeSeconds: null });
    }
  });

  it('issues a guest token for Fabrikam: tid is Fabrikam while client_info keeps the home tenant', async () => {
    const pca = createPca(h);
    const home = await signInInteractive(h, pca, DEMO.users.avery);
    // MSAL 7 looks the cache up by account.tenantId before the authority's tenant, so the account must name the
    // target tenant; the home refresh token then buys the guest token.
    const guest = await pca.acquireTokenSilent({
      account: { ...home.account!, tenantId: DEMO.tenants.fabrikam },
      scopes: [armScope()],
      authority: `${h.sim.clouds.AzureCloud}/${DEMO.tenants.fabrikam}`,
    });
    expect(guest.fromCache).toBe(false);
    const claims = claimsOf(guest.accessToken);
    expect(claims.tid).toBe(DEMO.tenants.fabrikam);
    expect(claims.oid).toBe(DEMO.users.averyGuestOid);
    expect(claims.acct).toBe(1);
    expect(claims.idp).toBe(`${h.sim.clouds.AzureCloud}/${DEMO.tenants.contoso}/`);
    expect(guest.account?.tenantId).toBe(DEMO.tenants.fabrikam);
    expect(guest.account?.homeAccountId.split('.')[1]).toBe(DEMO.tenants.contoso);
    expect(claimsOf(guest.idToken).tid).toBe(DEMO.tenants.fabrikam);
    expect(guest.account?.tenantProfiles?.get(DEMO.tenants.fabrikam)?.isHomeTenant).toBe(false);

    const tenants = await armFetch(h, home.accessToken, '/tenants?api-version=2022-12-01');
    expect((tenants.body as { value: { tenantId: string }[] }).value.map((t) => t.tenantId)).toEqual([DEMO.tenants.contoso, DEMO.tenants.fabrikam]);
  });

  it('refuses a refresh for a tenant the user is not in (AADSTS50020 invalid_grant)', async () => {
    const pca = createPca(h);
    const home = await signInInteractive(h, pca, DEMO.users.owner);
    const error = await pca
      .acquireTokenSilent({
        account: { ...home.account!, tenantId: DEMO.tenants.fabrikam },
        scopes: [armScope()],
        authority: `${h.sim.clouds.AzureCloud}/${DEMO.tenants.fabrikam}`,
      })
      .catch((e: unknown) => e);
    expect((error as AuthError).errorCode).toBe('invalid_grant');
    expect((error as AuthError).errorMessage).toMatch(/AADSTS50020/);
  });

  it('runs the device code flow: pending until approved', async () => {
    const pca = createPca(h);
    let userCode = '';
    let verificationUri = '';
    const pending = pca.acquireTokenByDeviceCode({
      scopes: [armScope()],
      deviceCodeCallback: (r) => {
        userCode = r.userCode;
        verificationUri = r.verificationUri;
      },
    });
    await new Promise((r) => setTimeout(r, 1500));
    const polls = h.sim.requests.filter((r) => r.path.includes('/oauth2/v2.0/token') && r.status === 400);
    expect(polls.length).toBeGreaterThan(0);
    expect(verificationUri).toBe(`${h.sim.pagesUrl}/AzureCloud/devicelogin`);
    h.sim.approveDeviceCode(userCode, DEMO.users.avery);
    const result = await pending;
    expect(result?.account?.username).toBe(DEMO.users.avery);
    expect(() => h.sim.approveDeviceCode(userCode, DEMO.users.avery)).toThrow(/already used/);
  });

  it('approves a device code through the plain-HTTP entry page, as a person would', async () => {
    const pca = createPca(h, { tenant: DEMO.tenants.contoso });
    let userCode = '';
    const pending = pca.acquireTokenByDeviceCode({ scopes: [armScope()], deviceCodeCallback: (r) => { userCode = r.userCode; } });
    while (!userCode) await new Promise((r) => setTimeout(r, 20));
    const page = await fetch(`${h.sim.pagesUrl}/AzureCloud/devicelogin`);
    expect(await page.text()).toContain(DEMO.users.owner);
    const posted = await fetch(`${h.sim.pagesUrl}/AzureCloud/devicelogin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user_code: userCode.toLowerCase(), upn: DEMO.users.owner, decision: 'approve' }).toString(),
    });
    expect(posted.status).toBe(200);
    expect((await pending)?.account?.username).toBe(DEMO.users.owner);
  });

  it('fails the device code flow when the code expires or the user cancels', async () => {
    const short = await startHarness({ settings: { deviceCodeIntervalSeconds: 1, deviceCodeLifetimeSeconds: 2 } });
    try {
      const pca = createPca(short);
      const expired = await pca.acquireTokenByDeviceCode({ scopes: [armScope()], deviceCodeCallback: () => undefined }).catch((e: unknown) => e);
      expect(expired).toBeInstanceOf(AuthError);
      expect(`${(expired as AuthError).errorCode} ${(expired as AuthError).errorMessage}`).toMatch(/expired/);

      let userCode = '';
      const denied = pca.acquireTokenByDeviceCode({ scopes: [armScope()], deviceCodeCallback: (r) => { userCode = r.userCode; } });
      while (!userCode) await new Promise((r) => setTimeout(r, 20));
      short.sim.denyDeviceCode(userCode);
      const error = await denied.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthError);
      expect(String((error as AuthError).errorMessage)).toMatch(/access_denied/);
    } finally {
      await short.close();
    }
  });

  it('serves the consent page on the plain-HTTP pages listener too (toBrowserAuthorizeUrl)', async () => {
    const pca = createPca(h);
    const browser = createFakeBrowser({
      fetch: (url, init) => fetch(url, init),
      upn: DEMO.users.avery,
      mapUrl: (url) => toBrowserAuthorizeUrl(h.sim, url),
    });
    const result = await pca.acquireTokenInteractive({ scopes: [armScope()], openBrowser: browser.openBrowser, successTemplate: 'ok', errorTemplate: 'no' });
    expect(result.account?.username).toBe(DEMO.users.avery);
    expect(browser.visited[0]).toMatch(new RegExp(`^${h.sim.pagesUrl}/AzureCloud/organizations/oauth2/v2.0/authorize\\?`));
    expect(() => toBrowserAuthorizeUrl(h.sim, 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize')).toThrow();
  });

  it('keeps clouds apart: each listener offers only its own users and tenants', async () => {
    const gov = createPca(h, { cloud: 'AzureUSGovernment' });
    const result = await signInInteractive(h, gov, DEMO.users.gov, { cloud: 'AzureUSGovernment' });
    expect(claimsOf(result.accessToken)).toMatchObject({ aud: 'https://management.core.usgovcloudapi.net/', tid: DEMO.tenants.agency });
    // A Gov token means nothing to the global cloud's ARM.
    const wrongCloud = await armFetch(h, result.accessToken, '/subscriptions?api-version=2022-12-01');
    expect(wrongCloud.status).toBe(401);
    expect(wrongCloud.body).toMatchObject({ error: { code: 'InvalidAuthenticationTokenAudience' } });

    const page = await h.transport.fetch(
      `${h.sim.clouds.AzureChinaCloud}/organizations/oauth2/v2.0/authorize?client_id=x&redirect_uri=http://localhost:1&response_type=code&response_mode=form_post&code_challenge=abc&code_challenge_method=S256`,
    );
    const parsed = parseEntraPage(await page.text());
    expect(parsed.forms.map((f) => f.upn)).toEqual([DEMO.users.china]);
    const unknownTenant = await h.transport.fetch(`${h.sim.clouds.AzureChinaCloud}/${DEMO.tenants.contoso}/v2.0/.well-known/openid-configuration`);
    expect(unknownTenant.status).toBe(400);
    expect(await unknownTenant.json()).toMatchObject({ error: 'invalid_tenant', error_codes: [90002] });
  });

  it('serves discovery for common, organizations, tenant ids and verified domains', async () => {
    const base = h.sim.clouds.AzureCloud;
    const issuer = async (segment: string) =>
      ((await (await h.transport.fetch(`${base}/${segment}/v2.0/.well-known/openid-configuration`)).json()) as { issuer: string; token_endpoint: string }).issuer;
    expect(await issuer('common')).toBe(`${base}/{tenantid}/v2.0`);
    expect(await issuer('organizations')).toBe(`${base}/{tenantid}/v2.0`);
    expect(await issuer(DEMO.tenants.fabrikam)).toBe(`${base}/${DEMO.tenants.fabrikam}/v2.0`);
    expect(await issuer('contoso.example')).toBe(`${base}/${DEMO.tenants.contoso}/v2.0`);
    const pca = createPca(h, { tenant: 'common' });
    expect((await signInInteractive(h, pca, DEMO.users.guest)).account?.tenantId).toBe(DEMO.tenants.fabrikam);
  });

  it('validates authorize requests: loopback redirect, form_post, PKCE; escapes what it echoes', async () => {
    const base = `${h.sim.clouds.AzureCloud}/organizations/oauth2/v2.0/authorize`;
    const good = new URLSearchParams({
      client_id: 'any',
      redirect_uri: 'http://localhost:1234',
      response_type: 'code',
      response_mode: 'form_post',
      code_challenge: 'c',
      code_challenge_method: 'S256',
      state: '"><script>alert(1)</script>',
    });
    const ok = await (await h.transport.fetch(`${base}?${good.toString()}`)).text();
    expect(ok).not.toContain('<script>alert(1)</script>');
    expect(parseEntraPage(ok).forms[0]?.fields.state).toBe('"><script>alert(1)</script>');
    for (const [key, value, code] of [
      ['redirect_uri', 'https://evil.example/cb', 'AADSTS50011'],
      ['response_mode', 'query', 'AADSTS900144'],
      ['code_challenge_method', 'plain', 'AADSTS9002325'],
    ] as const) {
      const bad = new URLSearchParams(good);
      bad.set(key, value);
      const response = await h.transport.fetch(`${base}?${bad.toString()}`);
      expect(response.status).toBe(400);
      expect(parseEntraPage(await response.text()).error?.code).toBe(code);
    }
  });

  it('rejects a code redeemed with the wrong PKCE verifier or twice', async () => {
    const base = h.sim.clouds.AzureCloud;
    const verifier = 'v'.repeat(43);
    const { createHash } = await import('node:crypto');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const q = new URLSearchParams({ client_id: 'c1', redirect_uri: 'http://localhost:9', response_type: 'code', response_mode: 'form_post', code_challenge: challenge, code_challenge_method: 'S256', login_hint: DEMO.users.avery });
    const page = parseEntraPage(await (await h.transport.fetch(`${base}/organizations/oauth2/v2.0/authorize?${q.toString()}`)).text());
    const form = page.forms.find((f) => f.autoSubmit)!;
    const redeem = (v: string) =>
      h.transport.fetch(`${base}/organizations/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'c1', code: form.fields.code!, redirect_uri: 'http://localhost:9', code_verifier: v, scope: `${armScope()} openid offline_access` }).toString(),
      });
    const wrong = await redeem('w'.repeat(43));
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
    const right = await redeem(verifier);
    expect(right.status).toBe(200);
    const body = (await right.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['access_token', 'id_token', 'refresh_token', 'client_info', 'expires_in', 'ext_expires_in', 'scope', 'token_type']));
    const again = await redeem(verifier);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant', error_codes: [54005] });
  });
});
