import {
  type AccountInfo,
  type AuthenticationResult,
  type ICachePlugin,
  type INetworkModule,
  PublicClientApplication,
} from '@azure/msal-node';

import { type CloudName, type CloudResolver, cloudNameSchema } from '../../shared/clouds';
import { AppError } from '../../shared/errors/app-error';
import type { AccountSummary } from '../../shared/ipc/schemas';

/** What the auth service needs from its host (Electron main, the demo server, the CLI, tests). */
export interface AuthDependencies {
  readonly clouds: CloudResolver;
  readonly clientId: () => string;
  readonly networkClient?: INetworkModule;
  /** Opens the sign-in page in the system browser. */
  readonly openBrowser: (url: string) => Promise<void>;
  readonly cachePlugin?: (cloud: CloudName) => ICachePlugin | undefined;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Bearer token for one ARM call; never leaves main. */
export interface ArmToken {
  readonly token: string;
  readonly expiresOn: number;
  readonly tenantId: string;
}

/**
 * Entra ID sign-in with MSAL in main: one PublicClientApplication per cloud, system browser with loopback redirect and
 * PKCE (MSAL does both), silent acquisition from MSAL's own cache. Tokens never leave this service.
 */
export class AuthService {
  private readonly clients = new Map<CloudName, PublicClientApplication>();

  constructor(private readonly deps: AuthDependencies) {}

  private client(cloud: CloudName): PublicClientApplication {
    const existing = this.clients.get(cloud);
    if (existing) return existing;
    const endpoints = this.deps.clouds(cloud);
    const authorityUrl = new URL(endpoints.authorityHost);
    const cachePlugin = this.deps.cachePlugin?.(cloud);
    const client = new PublicClientApplication({
      auth: {
        clientId: this.deps.clientId(),
        authority: `${endpoints.authorityHost}/organizations`,
        // Hosts MSAL does not know (the simulator on loopback) must be declared, or MSAL asks
        // login.microsoftonline.com for instance discovery.
        ...(LOOPBACK_HOSTS.has(authorityUrl.hostname) ? { knownAuthorities: [authorityUrl.host] } : {}),
      },
      ...(cachePlugin ? { cache: { cachePlugin } } : {}),
      ...(this.deps.networkClient ? { system: { networkClient: this.deps.networkClient } } : {}),
    });
    this.clients.set(cloud, client);
    return client;
  }

  /** Interactive sign-in in the system browser. */
  async signInInteractive(cloud: CloudName, loginHint?: string): Promise<AccountSummary> {
    const endpoints = this.deps.clouds(cloud);
    let result: AuthenticationResult;
    try {
      result = await this.client(cloud).acquireTokenInteractive({
        scopes: [endpoints.armScope],
        prompt: 'select_account',
        ...(loginHint ? { loginHint } : {}),
        openBrowser: (url) => this.deps.openBrowser(url),
        successTemplate: '<h1>Signed in to RDP Broker</h1><p>You can close this tab and return to the app.</p>',
        errorTemplate: '<h1>Sign-in failed</h1><p>Return to RDP Broker for details.</p>',
      });
    } catch (error: unknown) {
      throw new AppError('AUTH_FAILED', 'Interactive sign-in failed.', { cloud, reason: describeMsalError(error) }, { cause: error });
    }
    if (!result.account) throw new AppError('AUTH_FAILED', 'Sign-in returned no account.', { cloud });
    return toAccountSummary(result.account, cloud);
  }

  /** Every signed-in account across clouds. */
  async listAccounts(): Promise<AccountSummary[]> {
    const summaries: AccountSummary[] = [];
    for (const cloud of cloudNameSchema.options) {
      if (!this.clients.has(cloud) && !this.deps.cachePlugin?.(cloud)) continue;
      const accounts = await this.client(cloud).getAllAccounts();
      for (const account of accounts) summaries.push(toAccountSummary(account, cloud));
    }
    return dedupe(summaries);
  }

  /** Signs one account out: its cached tokens are removed. */
  async signOut(accountId: string): Promise<void> {
    const found = await this.findAccount(accountId);
    if (!found) throw new AppError('AUTH_NO_ACCOUNT', 'No such account is signed in.', { accountId });
    await this.client(found.cloud).getTokenCache().removeAccount(found.account);
  }

  /** An ARM token for the account, in its home tenant or in `tenantId`. */
  async getArmToken(accountId: string, tenantId?: string): Promise<ArmToken> {
    const found = await this.findAccount(accountId);
    if (!found) throw new AppError('AUTH_NO_ACCOUNT', 'No such account is signed in.', { accountId });
    const endpoints = this.deps.clouds(found.cloud);
    const tenant = tenantId ?? found.account.tenantId;
    try {
      const result = await this.client(found.cloud).acquireTokenSilent({
        account: found.account,
        scopes: [endpoints.armScope],
        authority: `${endpoints.authorityHost}/${tenant}`,
      });
      return {
        token: result.accessToken,
        expiresOn: result.expiresOn?.getTime() ?? Date.now() + 5 * 60_000,
        tenantId: result.tenantId,
      };
    } catch (error: unknown) {
      throw new AppError(
        'AUTH_INTERACTION_REQUIRED',
        'The session has expired or was revoked; sign in again.',
        { accountId, tenant, reason: describeMsalError(error) },
        { cause: error },
      );
    }
  }

  /** The MSAL account and its cloud for an app account id. */
  async findAccount(accountId: string): Promise<{ account: AccountInfo; cloud: CloudName } | null> {
    for (const [cloud, client] of this.clients) {
      const account = await client.getTokenCache().getAccountByHomeId(accountId);
      if (account) return { account, cloud };
    }
    return null;
  }
}

function toAccountSummary(account: AccountInfo, cloud: CloudName): AccountSummary {
  const homeTenantId = account.homeAccountId.split('.')[1] ?? account.tenantId;
  return {
    id: account.homeAccountId,
    username: account.username,
    ...(account.name ? { name: account.name } : {}),
    cloud,
    homeTenantId,
  };
}

function dedupe(accounts: AccountSummary[]): AccountSummary[] {
  const seen = new Map<string, AccountSummary>();
  for (const account of accounts) seen.set(account.id, account);
  return [...seen.values()];
}

/** MSAL error code and message without anything secret (MSAL errors never carry tokens). */
export function describeMsalError(error: unknown): string {
  if (error && typeof error === 'object' && 'errorCode' in error) {
    const code = String((error as { errorCode: unknown }).errorCode);
    const message = error instanceof Error ? error.message : '';
    return `${code}: ${message}`.slice(0, 500);
  }
  return String(error).slice(0, 500);
}
