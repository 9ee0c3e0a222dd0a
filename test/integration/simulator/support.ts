import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { type AccountInfo, type AuthenticationResult, PublicClientApplication } from '@azure/msal-node';

import { createHttpTransport, type HttpTransport } from '../../../src/main/net/http-transport';
import { CLOUDS, type CloudName } from '../../../src/shared/clouds';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../../../src/simulator/index';
import { createFakeBrowser } from '../../support/fake-browser';

/** Any client id works against the simulator; a fixed one keeps MSAL's cache keys stable. */
export const CLIENT_ID = '5b8f4c2a-7e1d-4f3a-9c6b-2d0e8a1f4b7c';

/** Fixed ids of the demo scenario (src/simulator/scenarios/demo.json). */
export const DEMO = {
  tenants: {
    contoso: 'b6e3664e-3e80-4754-b516-bd00208b19a7',
    fabrikam: '29f2a965-3b43-4bb4-b4c9-c6968beec7c5',
    agency: 'ebcb04dc-f7bc-4138-94f4-625422c301c0',
    contosoChina: '20ae05c8-01da-4528-af2b-319524a959b2',
  },
  subscriptions: {
    prod: 'ed67da65-2211-4b4a-9eba-ebcc42f20ce5',
    dev: 'b8d09ad1-f691-46a2-9e28-52cf02fe78a3',
    hybrid: 'eef8db83-5378-4fae-bc0e-96696c847d42',
    finance: 'd883eb9e-f5ce-4517-aa4a-6eefa1f5d297',
    fabrikam: '61adf56f-3113-4577-a4e7-0800c73da98a',
    gov: '68b745ba-2379-409c-aaa7-f48879677b15',
    china: '95666e27-ea26-45ce-8424-47c87c345b5c',
  },
  users: {
    avery: 'avery@contoso.example',
    averyOid: 'a1ac69be-b4ec-42bd-b1d7-13c41a904bb7',
    averyGuestOid: 'e0bdb909-d72b-455a-acb9-a98f3e419d90',
    owner: 'owner.only@contoso.example',
    guest: 'guest.user@fabrikam.example',
    gov: 'gov.user@agency.example',
    china: 'cn.user@contoso.partner.example',
  },
} as const;

/** A simulator plus a transport that trusts its certificate (and nothing global). */
export interface SimHarness {
  readonly sim: RunningSimulator;
  readonly transport: HttpTransport;
  close(): Promise<void>;
}

/** Starts a simulator and a transport trusting it. */
export async function startHarness(options: Partial<SimulatorOptions> = {}): Promise<SimHarness> {
  const sim = await startSimulator({ scenario: 'demo', ...options });
  const transport = createHttpTransport({ extraCaPem: sim.caCertPem });
  return {
    sim,
    transport,
    close: async () => {
      await transport.close();
      await sim.stop();
    },
  };
}

/** The ARM scope of a cloud (the real one: only endpoints differ from production). */
export function armScope(cloud: CloudName = 'AzureCloud'): string {
  return CLOUDS[cloud].armScope;
}

/** A real MSAL public client pointed at the simulator's cloud listener. */
export function createPca(h: SimHarness, options: { cloud?: CloudName; tenant?: string } = {}): PublicClientApplication {
  const base = h.sim.clouds[options.cloud ?? 'AzureCloud'];
  return new PublicClientApplication({
    auth: {
      clientId: CLIENT_ID,
      authority: `${base}/${options.tenant ?? 'organizations'}`,
      knownAuthorities: [new URL(base).host],
    },
    system: { networkClient: h.transport.msalNetworkClient },
  });
}

/** Interactive sign-in through the fake browser. */
export async function signInInteractive(
  h: SimHarness,
  pca: PublicClientApplication,
  upn: string,
  options: { cloud?: CloudName; loginHint?: boolean } = {},
): Promise<AuthenticationResult> {
  const browser = createFakeBrowser({ fetch: h.transport.fetch, ...(options.loginHint ? {} : { upn }) });
  return pca.acquireTokenInteractive({
    scopes: [armScope(options.cloud)],
    openBrowser: browser.openBrowser,
    ...(options.loginHint ? { loginHint: upn } : {}),
    successTemplate: 'signed in',
    errorTemplate: 'failed: {{error}}',
  });
}

/** An Azure SDK credential backed by MSAL's silent flow (what the app's credential does). */
export class MsalCredential implements TokenCredential {
  constructor(
    private readonly pca: PublicClientApplication,
    private readonly account: AccountInfo,
    private readonly options: { tenant?: string; cloud?: CloudName; baseUrl?: string } = {},
  ) {}

  async getToken(): Promise<AccessToken> {
    const { tenant, baseUrl } = this.options;
    // MSAL 7 looks the cache up by account.tenantId first, so a token for another tenant needs the account to say so.
    const result = await this.pca.acquireTokenSilent({
      account: tenant ? { ...this.account, tenantId: tenant } : this.account,
      scopes: [armScope(this.options.cloud)],
      ...(tenant && baseUrl ? { authority: `${baseUrl}/${tenant}` } : {}),
    });
    return {
      token: result.accessToken,
      expiresOnTimestamp: result.expiresOn?.getTime() ?? Date.now() + 60_000,
      tokenType: 'Bearer',
    };
  }
}

/** Signs a user in and returns a credential for ARM in their home tenant (or `tenant` when given). */
export async function credentialFor(
  h: SimHarness,
  upn: string,
  options: { cloud?: CloudName; tenant?: string } = {},
): Promise<{ credential: MsalCredential; pca: PublicClientApplication; account: AccountInfo; token: string }> {
  const pca = createPca(h, options.cloud ? { cloud: options.cloud } : {});
  const result = await signInInteractive(h, pca, upn, options.cloud ? { cloud: options.cloud } : {});
  if (!result.account) throw new Error('no account');
  const credential = new MsalCredential(pca, result.account, {
    ...(options.tenant ? { tenant: options.tenant, baseUrl: h.sim.clouds[options.cloud ?? 'AzureCloud'] } : {}),
    ...(options.cloud ? { cloud: options.cloud } : {}),
  });
  const token = (await credential.getToken()).token;
  return { credential, pca, account: result.account, token };
}

/** Decodes a JWT's claims (no verification: tests only read what the simulator put there). */
export function claimsOf(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A raw ARM GET/POST through the transport (for shapes the SDKs hide). */
export async function armFetch(
  h: SimHarness,
  token: string | null,
  path: string,
  options: { cloud?: CloudName; method?: string; body?: unknown } = {},
): Promise<{ status: number; headers: Map<string, string>; body: unknown; text: string }> {
  const url = path.startsWith('https://') ? path : `${h.sim.clouds[options.cloud ?? 'AzureCloud']}${path}`;
  const response = await h.transport.fetch(url, {
    method: options.method ?? 'GET',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Malformed on purpose in the truncate fault tests; callers then read `text`.
  }
  const headers = new Map<string, string>();
  response.headers.forEach((v, k) => headers.set(k, v));
  return { status: response.status, headers, body, text };
}
