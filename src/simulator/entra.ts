import { createHash, randomBytes, randomInt } from 'node:crypto';

import type { CloudName } from '../shared/clouds';
import { AppError } from '../shared/errors/app-error';
import { AUDIENCES, GRAPH_APP_ID, normalizeResource } from './audiences';
import { type SimContext, tokenLifetimeSeconds } from './context';
import { htmlResponse, jsonResponse, newId, readForm, type SimRequest, type SimResponse } from './http';
import { type ConsentAccount, renderConsentPage, renderDeviceCodePage, renderErrorPage, renderMessagePage } from './pages';
import type { ScenarioUser } from './scenario';
import type { TenantRecord } from './world';

/**
 * Simulated Microsoft Entra ID (v2 endpoints) for one cloud listener: discovery, authorize (form_post consent page),
 * token (authorization_code with PKCE, refresh_token, device_code), devicecode and logout.
 *
 * Any client_id is accepted (there is no app registration to check); redirect URIs must be loopback HTTP, as for a
 * desktop public client.
 */

type Authority = { readonly kind: 'tenant'; readonly tenant: TenantRecord } | { readonly kind: 'multi'; readonly name: string };

interface AuthCode {
  readonly user: ScenarioUser;
  readonly cloud: CloudName;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly nonce: string | undefined;
  readonly expiresAt: number;
  used: boolean;
}

interface RefreshGrant {
  readonly user: ScenarioUser;
  readonly cloud: CloudName;
  readonly clientId: string;
  revoked: boolean;
}

interface DeviceGrant {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly cloud: CloudName;
  readonly authority: Authority;
  readonly clientId: string;
  readonly expiresAt: number;
  state: 'pending' | 'approved' | 'denied' | 'redeemed';
  user: ScenarioUser | undefined;
}

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
const loopbackRedirect = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?(\/[^\s]*)?$/i;
const USER_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function timestamp(date = new Date()): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The Entra error body: `{error, error_description, error_codes, timestamp, trace_id, correlation_id, error_uri}`. */
function entraError(baseUrl: string, status: number, error: string, code: number, description: string): SimResponse {
  const traceId = newId();
  const correlationId = newId();
  const ts = timestamp();
  return jsonResponse(status, {
    error,
    error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${ts}`,
    error_codes: [code],
    timestamp: ts,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${baseUrl}/error?code=${code}`,
  });
}

function pageError(status: number, code: number, message: string, redirectUri?: string, state?: string): SimResponse {
  return htmlResponse(
    status,
    renderErrorPage({
      code,
      message,
      ...(redirectUri === undefined ? {} : { redirectUri }),
      ...(state === undefined ? {} : { state }),
    }),
  );
}

/** The Entra side of the simulator (state shared by the three cloud listeners). */
export class EntraService {
  private readonly codes = new Map<string, AuthCode>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();
  private readonly deviceCodes = new Map<string, DeviceGrant>();
  private readonly userCodes = new Map<string, DeviceGrant>();

  constructor(private readonly ctx: SimContext) {}

  /** Resolves the tenant segment of an authority path in a cloud: a tenant GUID or domain, or organizations/common. */
  resolveAuthority(cloud: CloudName, segment: string): Authority | null {
    const s = segment.toLowerCase();
    if (s === 'organizations' || s === 'common') return { kind: 'multi', name: s };
    const tenant = this.ctx.world.findTenant(cloud, s);
    return tenant ? { kind: 'tenant', tenant } : null;
  }

  private tenantNotFound(baseUrl: string, segment: string): SimResponse {
    return entraError(
      baseUrl,
      400,
      'invalid_tenant',
      90002,
      `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    );
  }

  /** Handles an Entra request on a cloud listener; null when the path is not an Entra endpoint. */
  handle(req: SimRequest): SimResponse | null {
    const cloud = req.listener;
    if (cloud === 'pages') return null;
    const parts = req.url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const lower = parts.map((p) => p.toLowerCase());
    const [segment] = parts;
    if (!segment) return null;
    const rest = lower.slice(1).join('/');

    if (lower[0] === 'common' && rest === 'discovery/instance' && req.method === 'GET') return this.instanceDiscovery(req);
    if (rest === 'v2.0/.well-known/openid-configuration' && req.method === 'GET') {
      const authority = this.resolveAuthority(cloud, segment);
      return authority ? this.openIdConfiguration(req.baseUrl, segment, authority) : this.tenantNotFound(req.baseUrl, segment);
    }
    if (rest === 'discovery/v2.0/keys' && req.method === 'GET') {
      // Tokens are HS256 with a secret that never leaves the process, so there is no public key to publish.
      return jsonResponse(200, { keys: [] });
    }
    if (rest === 'oauth2/v2.0/authorize' && req.method === 'GET') {
      return this.authorizePage(cloud, segment, req.url.searchParams);
    }
    if (rest === 'oauth2/v2.0/token' && req.method === 'POST') return this.token(req, cloud, segment);
    if (rest === 'oauth2/v2.0/devicecode' && req.method === 'POST') return this.deviceCode(req, cloud, segment);
    if (rest === 'oauth2/v2.0/logout' && req.method === 'GET') return this.logout(req);
    return null;
  }

  private instanceDiscovery(req: SimRequest): SimResponse {
    const host = req.url.host;
    return jsonResponse(200, {
      tenant_discovery_endpoint: `${req.baseUrl}/{tenant}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  }

  private openIdConfiguration(baseUrl: string, segment: string, authority: Authority): SimResponse {
    const at = `${baseUrl}/${encodeURIComponent(segment)}`;
    const issuerTenant = authority.kind === 'tenant' ? authority.tenant.id : '{tenantid}';
    return jsonResponse(200, {
      token_endpoint: `${at}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${at}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['HS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${baseUrl}/${issuerTenant}/v2.0`,
      request_uri_parameter_supported: false,
      authorization_endpoint: `${at}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${at}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${at}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
      tenant_region_scope: authority.kind === 'tenant' ? authority.tenant.spec.countryCode : null,
      cloud_instance_name: new URL(baseUrl).host,
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    });
  }

  private sweep(): void {
    const now = Date.now();
    if (this.codes.size > 2000) for (const [k, c] of this.codes) if (c.expiresAt < now || c.used) this.codes.delete(k);
    if (this.deviceCodes.size > 2000) {
      for (const [k, d] of this.deviceCodes) {
        if (d.expiresAt < now || d.state === 'redeemed') {
          this.deviceCodes.delete(k);
          this.userCodes.delete(d.userCode);
        }
      }
    }
  }

  private membershipNote(user: ScenarioUser): string {
    const home = this.ctx.world.homeTenantOf(user).spec.displayName;
    const guest = user.guestOf.map((g) => this.ctx.world.tenants.get(g.tenantId)?.spec.displayName ?? g.tenantId);
    return guest.length > 0 ? `${home} (guest in ${guest.join(', ')})` : home;
  }

  /**
   * The authorize endpoint: validates the request and answers the consent page with one form_post form per account
   * of the tenant (members and guests) or, for organizations/common, of the cloud. Used by the HTTPS listener and the
   * plain-HTTP pages listener alike.
   */
  authorizePage(cloud: CloudName, segment: string, q: URLSearchParams): SimResponse {
    const authority = this.resolveAuthority(cloud, segment);
    if (!authority) {
      return pageError(400, 90002, `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
    }
    const clientId = q.get('client_id');
    if (!clientId) return pageError(400, 900144, "The request body must contain the following parameter: 'client_id'.");
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!loopbackRedirect.test(redirectUri)) {
      return pageError(
        400,
        50011,
        `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. The simulator accepts http://localhost:* and http://127.0.0.1:* (desktop public client).`,
      );
    }
    const state = q.get('state') ?? undefined;
    if (q.get('response_type') !== 'code') {
      return pageError(400, 900144, "The simulator supports response_type=code only (authorization code flow with PKCE).", redirectUri, state);
    }
    if (q.get('response_mode') !== 'form_post') {
      return pageError(400, 900144, 'The simulator answers with response_mode=form_post only (what MSAL Node 7 uses).', redirectUri, state);
    }
    const challenge = q.get('code_challenge');
    if (!challenge || q.get('code_challenge_method') !== 'S256') {
      return pageError(400, 9002325, 'Proof Key for Code Exchange (S256 code_challenge) is required for a public client.', redirectUri, state);
    }
    const world = this.ctx.world;
    const users = authority.kind === 'tenant' ? world.usersOfTenant(authority.tenant.id) : world.usersOfCloud(cloud);
    const hint = q.get('login_hint');
    const hinted = hint ? world.userByName(hint) : undefined;
    if (hinted && !users.includes(hinted)) {
      const tenantName = authority.kind === 'tenant' ? authority.tenant.spec.displayName : cloud;
      return pageError(
        400,
        50020,
        `User account '${hint ?? ''}' from identity provider '${world.homeTenantOf(hinted).spec.defaultDomain}' does not exist in tenant '${tenantName}' and cannot access the application '${clientId}' in that tenant. The account needs to be added as an external user in the tenant first.`,
        redirectUri,
        state,
      );
    }
    this.sweep();
    const nonce = q.get('nonce') ?? undefined;
    const expiresAt = Date.now() + this.ctx.settings.authCodeLifetimeSeconds * 1000;
    const accounts: ConsentAccount[] = users.map((user) => {
      const code = `sim-code.${randomBytes(24).toString('base64url')}`;
      this.codes.set(code, { user, cloud, clientId, redirectUri, challenge, nonce, expiresAt, used: false });
      const fields: Record<string, string> = {
        code,
        client_info: base64url({ uid: user.objectId, utid: user.homeTenantId }),
      };
      if (state !== undefined) fields.state = state;
      return {
        upn: user.upn,
        displayName: user.displayName,
        note: this.membershipNote(user),
        fields,
        autoSubmit: hinted === user,
      };
    });
    return htmlResponse(
      200,
      renderConsentPage({
        cloud,
        authority: authority.kind === 'tenant' ? `${authority.tenant.spec.displayName} (${authority.tenant.id})` : authority.name,
        clientId,
        redirectUri,
        accounts,
        ...(hint && !hinted ? { notice: `No simulated account is called '${hint}'; pick one.` } : {}),
      }),
    );
  }

  /** The tenant a token is issued for: the authority's tenant, or the user's home tenant for organizations/common. */
  private targetTenant(authority: Authority, user: ScenarioUser): TenantRecord | null {
    if (authority.kind === 'multi') return this.ctx.world.homeTenantOf(user);
    return this.ctx.world.principalOf(user, authority.tenant.id) ? authority.tenant : null;
  }

  private userNotInTenant(baseUrl: string, user: ScenarioUser, authority: Authority, clientId: string): SimResponse {
    const tenantName = authority.kind === 'tenant' ? authority.tenant.spec.displayName : authority.name;
    return entraError(
      baseUrl,
      400,
      'invalid_grant',
      50020,
      `User account '${user.upn}' from identity provider '${this.ctx.world.homeTenantOf(user).spec.defaultDomain}' does not exist in tenant '${tenantName}' and cannot access the application '${clientId}' in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Microsoft Entra user account.`,
    );
  }

  private token(req: SimRequest, cloud: CloudName, segment: string): SimResponse {
    const authority = this.resolveAuthority(cloud, segment);
    if (!authority) return this.tenantNotFound(req.baseUrl, segment);
    const form = readForm(req);
    const grantType = form.get('grant_type');
    const clientId = form.get('client_id');
    if (!clientId) return entraError(req.baseUrl, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
    switch (grantType ?? '') {
      case 'authorization_code':
        return this.redeemCode(req, cloud, authority, clientId, form);
      case 'refresh_token':
        return this.redeemRefreshToken(req, cloud, authority, clientId, form);
      case 'urn:ietf:params:oauth:grant-type:device_code':
      case 'device_code':
        return this.redeemDeviceCode(req, clientId, form);
      default:
        return entraError(req.baseUrl, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType ?? ''}'.`);
    }
  }

  private redeemCode(req: SimRequest, cloud: CloudName, authority: Authority, clientId: string, form: URLSearchParams): SimResponse {
    const code = form.get('code') ?? '';
    const grant = this.codes.get(code);
    if (!grant || grant.cloud !== cloud) {
      return entraError(req.baseUrl, 400, 'invalid_grant', 70000, "The provided value for the 'code' parameter is not valid.");
    }
    if (grant.used) {
      return entraError(req.baseUrl, 400, 'invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.');
    }
    if (grant.expiresAt < Date.now()) {
      return entraError(req.baseUrl, 400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.');
    }
    if (grant.clientId !== clientId) {
      return entraError(req.baseUrl, 400, 'invalid_grant', 700005, 'Provided Authorization Code is intended to use against other client.');
    }
    if ((form.get('redirect_uri') ?? '') !== grant.redirectUri) {
      return entraError(req.baseUrl, 400, 'invalid_grant', 50148, "The redirect_uri does not match the one in the authorization request.");
    }
    const verifier = form.get('code_verifier') ?? '';
    const computed = createHash('sha256').update(verifier).digest('base64url');
    if (computed !== grant.challenge) {
      return entraError(req.baseUrl, 400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');
    }
    grant.used = true;
    const tenant = this.targetTenant(authority, grant.user);
    if (!tenant) return this.userNotInTenant(req.baseUrl, grant.user, authority, clientId);
    return this.issueTokens(req, cloud, grant.user, tenant, clientId, form.get('scope') ?? '', grant.nonce);
  }

  private redeemRefreshToken(req: SimRequest, cloud: CloudName, authority: Authority, clientId: string, form: URLSearchParams): SimResponse {
    const token = form.get('refresh_token') ?? '';
    const grant = this.refreshTokens.get(token);
    if (!grant || grant.revoked || grant.cloud !== cloud || grant.clientId !== clientId) {
      return entraError(
        req.baseUrl,
        400,
        'invalid_grant',
        70008,
        'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
      );
    }
    const tenant = this.targetTenant(authority, grant.user);
    if (!tenant) return this.userNotInTenant(req.baseUrl, grant.user, authority, clientId);
    // Rotation issues a new refresh token; like Entra, the old one stays usable until revoked, so concurrent silent
    // refreshes for several tenants do not invalidate each other.
    return this.issueTokens(req, cloud, grant.user, tenant, clientId, form.get('scope') ?? '', undefined);
  }

  private redeemDeviceCode(req: SimRequest, clientId: string, form: URLSearchParams): SimResponse {
    const grant = this.deviceCodes.get(form.get('device_code') ?? '');
    if (!grant || grant.clientId !== clientId) {
      return entraError(req.baseUrl, 400, 'invalid_grant', 70000, "The provided value for the 'device_code' parameter is not valid.");
    }
    if (grant.state === 'denied') {
      return entraError(req.baseUrl, 400, 'access_denied', 70000, 'The user declined the device code sign-in request.');
    }
    if (grant.state === 'redeemed') {
      return entraError(req.baseUrl, 400, 'invalid_grant', 54005, 'The device code was already redeemed.');
    }
    if (grant.expiresAt < Date.now()) {
      return entraError(req.baseUrl, 400, 'expired_token', 70020, 'The provided value for the input parameter \'device_code\' is not valid. This device code has expired.');
    }
    if (grant.state === 'pending' || !grant.user) {
      return entraError(req.baseUrl, 400, 'authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.');
    }
    const tenant = this.targetTenant(grant.authority, grant.user);
    if (!tenant) return this.userNotInTenant(req.baseUrl, grant.user, grant.authority, clientId);
    grant.state = 'redeemed';
    return this.issueTokens(req, grant.cloud, grant.user, tenant, clientId, form.get('scope') ?? '', undefined);
  }

  private deviceCode(req: SimRequest, cloud: CloudName, segment: string): SimResponse {
    const authority = this.resolveAuthority(cloud, segment);
    if (!authority) return this.tenantNotFound(req.baseUrl, segment);
    const form = readForm(req);
    const clientId = form.get('client_id');
    if (!clientId) return entraError(req.baseUrl, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
    this.sweep();
    let userCode: string;
    do {
      userCode = Array.from({ length: 9 }, () => USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)]).join('');
    } while (this.userCodes.has(userCode));
    const lifetime = this.ctx.settings.deviceCodeLifetimeSeconds;
    const grant: DeviceGrant = {
      deviceCode: `sim-device.${randomBytes(32).toString('base64url')}`,
      userCode,
      cloud,
      authority,
      clientId,
      expiresAt: Date.now() + lifetime * 1000,
      state: 'pending',
      user: undefined,
    };
    this.deviceCodes.set(grant.deviceCode, grant);
    this.userCodes.set(userCode, grant);
    const verificationUri = `${this.ctx.pagesUrl}/${cloud}/devicelogin`;
    return jsonResponse(200, {
      user_code: userCode,
      device_code: grant.deviceCode,
      verification_uri: verificationUri,
      expires_in: lifetime,
      interval: this.ctx.settings.deviceCodeIntervalSeconds,
      message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
    });
  }

  private logout(req: SimRequest): SimResponse {
    const target = req.url.searchParams.get('post_logout_redirect_uri');
    if (target && loopbackRedirect.test(target)) return { status: 302, headers: { location: target }, body: '' };
    return htmlResponse(200, renderMessagePage('You signed out of your account', 'You can close this window.'));
  }

  private resolveScopes(cloud: CloudName, scopeParam: string): { aud: string; scopes: string[]; resourceScope: string | null } | string {
    const requested = scopeParam.split(/\s+/).filter(Boolean);
    const resourceScopes = requested.filter((s) => !OIDC_SCOPES.has(s.toLowerCase()));
    const audiences = AUDIENCES[cloud];
    const resources = new Set<string>();
    let aud = GRAPH_APP_ID;
    for (const scope of resourceScopes) {
      const slash = scope.lastIndexOf('/');
      if (slash < 0) {
        resources.add(audiences.graph);
        continue;
      }
      const resource = normalizeResource(scope.slice(0, slash));
      if (audiences.armResources.includes(resource)) {
        resources.add('arm');
        aud = audiences.arm;
      } else if (resource === audiences.graph) {
        resources.add(audiences.graph);
      } else {
        return `The resource principal named ${scope.slice(0, slash)} was not found in the tenant. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`;
      }
    }
    if (resources.size > 1) return 'multiple';
    const armScope = resourceScopes.find((s) => AUDIENCES[cloud].armResources.includes(normalizeResource(s.slice(0, s.lastIndexOf('/')))));
    const scopes = [...resourceScopes];
    if (armScope) {
      const impersonation = `${armScope.slice(0, armScope.lastIndexOf('/'))}/user_impersonation`;
      if (!scopes.includes(impersonation)) scopes.push(impersonation);
    }
    return { aud, scopes, resourceScope: armScope ?? null };
  }

  private issueTokens(
    req: SimRequest,
    cloud: CloudName,
    user: ScenarioUser,
    tenant: TenantRecord,
    clientId: string,
    scopeParam: string,
    nonce: string | undefined,
  ): SimResponse {
    const resolved = this.resolveScopes(cloud, scopeParam);
    if (resolved === 'multiple') {
      return entraError(req.baseUrl, 400, 'invalid_scope', 28000, 'Provided value for the input parameter scope is not valid because it contains more than one resource. Scope is not valid.');
    }
    if (typeof resolved === 'string') return entraError(req.baseUrl, 400, 'invalid_resource', 500011, resolved);
    const principal = this.ctx.world.principalOf(user, tenant.id);
    if (!principal) return entraError(req.baseUrl, 400, 'invalid_grant', 50020, `User account '${user.upn}' does not exist in tenant '${tenant.spec.displayName}'.`);
    const now = Math.floor(Date.now() / 1000);
    const lifetime = tokenLifetimeSeconds(this.ctx);
    const requested = new Set(scopeParam.split(/\s+/).map((s) => s.toLowerCase()));
    const guestClaims = principal.isGuest
      ? { idp: `${req.baseUrl}/${user.homeTenantId}/`, acct: 1 }
      : { acct: 0 };
    const sub = createHash('sha256').update(`${principal.objectId}|${clientId}`).digest('base64url').slice(0, 43);
    const accessToken = this.ctx.signer.sign({
      aud: resolved.aud,
      iss: `${req.baseUrl}/${tenant.id}/`,
      iat: now,
      nbf: now,
      exp: now + lifetime,
      acr: '1',
      amr: ['pwd', 'mfa'],
      appid: clientId,
      appidacr: '0',
      idtyp: 'user',
      name: user.displayName,
      oid: principal.objectId,
      scp: 'user_impersonation',
      sub,
      tid: tenant.id,
      unique_name: principal.upn,
      ...(principal.isGuest ? {} : { upn: user.upn }),
      ...guestClaims,
      uti: randomBytes(16).toString('base64url'),
      ver: '1.0',
    });
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      scope: resolved.scopes.join(' '),
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: accessToken,
      client_info: base64url({ uid: user.objectId, utid: user.homeTenantId }),
    };
    if (requested.has('openid')) {
      body.id_token = this.ctx.signer.sign({
        aud: clientId,
        iss: `${req.baseUrl}/${tenant.id}/v2.0`,
        iat: now,
        nbf: now,
        exp: now + lifetime,
        name: user.displayName,
        ...(nonce === undefined ? {} : { nonce }),
        oid: principal.objectId,
        preferred_username: user.upn,
        sub,
        tid: tenant.id,
        ...guestClaims,
        uti: randomBytes(16).toString('base64url'),
        ver: '2.0',
      });
    }
    if (requested.has('offline_access')) {
      const refreshToken = `sim-rt.${randomBytes(32).toString('base64url')}`;
      this.refreshTokens.set(refreshToken, { user, cloud, clientId, revoked: false });
      body.refresh_token = refreshToken;
    }
    return jsonResponse(200, body, { 'cache-control': 'no-store', pragma: 'no-cache' });
  }

  /** "The user typed the code and picked an account." @throws AppError when the code or user is not valid. */
  approveDeviceCode(userCode: string, upn: string): void {
    const grant = this.pendingDeviceGrant(userCode);
    const user = this.ctx.world.userByName(upn);
    if (!user) throw new AppError('VALIDATION_FAILED', `No simulated user '${upn}'`, { upn });
    if (this.ctx.world.homeTenantOf(user).cloud !== grant.cloud) {
      throw new AppError('AUTH_FAILED', `${upn} belongs to another cloud than the device code (${grant.cloud})`, { upn });
    }
    if (grant.authority.kind === 'tenant' && !this.ctx.world.principalOf(user, grant.authority.tenant.id)) {
      throw new AppError('AUTH_FAILED', `AADSTS50020: ${upn} does not exist in tenant ${grant.authority.tenant.spec.displayName}`, { upn });
    }
    grant.user = user;
    grant.state = 'approved';
  }

  /** "The user cancelled the device code sign-in." */
  denyDeviceCode(userCode: string): void {
    this.pendingDeviceGrant(userCode).state = 'denied';
  }

  private pendingDeviceGrant(userCode: string): DeviceGrant {
    const grant = this.userCodes.get(userCode.trim().toUpperCase());
    if (!grant) throw new AppError('VALIDATION_FAILED', `Unknown device code '${userCode}'`, { userCode });
    if (grant.expiresAt < Date.now()) throw new AppError('AUTH_DEVICE_CODE_EXPIRED', `Device code '${userCode}' has expired`, { userCode });
    if (grant.state !== 'pending') throw new AppError('VALIDATION_FAILED', `Device code '${userCode}' was already used`, { userCode });
    return grant;
  }

  /** Revokes every refresh token of a user (e.g. to test the invalid_grant path). */
  revokeRefreshTokens(upn: string): number {
    const user = this.ctx.world.userByName(upn);
    let count = 0;
    for (const grant of this.refreshTokens.values()) {
      if (grant.user === user && !grant.revoked) {
        grant.revoked = true;
        count += 1;
      }
    }
    return count;
  }

  /** The device-code entry page (pages listener): GET shows the form, POST approves or denies. */
  deviceLoginPage(req: SimRequest, cloud: CloudName): SimResponse {
    const users = this.ctx.world.usersOfCloud(cloud).map((u) => ({ upn: u.upn, displayName: u.displayName }));
    const action = `/${cloud}/devicelogin`;
    if (req.method === 'GET') {
      const prefill = req.url.searchParams.get('code') ?? undefined;
      return htmlResponse(200, renderDeviceCodePage({ cloud, action, users, ...(prefill ? { prefill } : {}) }));
    }
    const form = readForm(req);
    const userCode = form.get('user_code') ?? '';
    try {
      if (form.get('decision') === 'deny') {
        this.denyDeviceCode(userCode);
        return htmlResponse(200, renderDeviceCodePage({ cloud, action, users, message: { kind: 'ok', text: 'Sign-in cancelled. You can close this window.' } }));
      }
      this.approveDeviceCode(userCode, form.get('upn') ?? '');
      return htmlResponse(
        200,
        renderDeviceCodePage({ cloud, action, users, message: { kind: 'ok', text: 'You have signed in to the application on your device. You can close this window.' } }),
      );
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      return htmlResponse(400, renderDeviceCodePage({ cloud, action, users, prefill: userCode, message: { kind: 'error', text } }));
    }
  }
}
