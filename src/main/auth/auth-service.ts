import {
  type AccountInfo,
  type AuthenticationResult,
  type DeviceCodeRequest,
  type ICachePlugin,
  type INetworkModule,
  LogLevel,
  PublicClientApplication,
} from '@azure/msal-node';

import type { AuthLogger } from './cache-cipher';
import { assertUsableClientId, isLoopbackAuthority } from './client-id';
import type { EncryptedCachePlugin } from './encrypted-cache-plugin';
import { abortLoopback, type LoopbackTarget, readLoopbackTarget } from './loopback-abort';
import { describeMsalError, interactionReasonOf, toSignInError, toSilentError } from './msal-errors';
import { type BrokerChoice, chooseNativeBroker, loadMsalExtensionsBroker, type NativeBrokerLoader } from './native-broker';
import { type FetchLike, listArmTenants } from './tenants';
import { homeTenantOf, isGuestIdentity } from '../../shared/auth/guest';
import type {
  AccountAttention,
  AuthStatus,
  BrokerStatus,
  DeviceCodeInfo,
  TenantSummary,
  TokenCacheStatus,
} from '../../shared/auth/schemas';
import { type CloudName, type CloudResolver, cloudNameSchema } from '../../shared/clouds';
import { AppError } from '../../shared/errors/app-error';
import type { AccountSummary } from '../../shared/ipc/schemas';

/**
 * The Windows broker (WAM) wiring: off unless the setting is on and the app runs on Windows. Hosts pass it only for
 * real clouds (desktop mode): WAM talks to Entra itself and knows nothing of the simulator.
 */
export interface BrokerDependencies {
  /** The `useBroker` setting, read at each sign-in so a change applies without a restart. */
  readonly enabled: () => boolean;
  readonly platform: NodeJS.Platform;
  /** Defaults to a dynamic import of @azure/msal-node-extensions. */
  readonly load?: NativeBrokerLoader;
  /** Parent window for the broker's dialog (Electron: BrowserWindow.getNativeWindowHandle()). */
  readonly windowHandle?: () => Buffer | undefined;
}

/** What the auth service needs from its host (Electron main, the demo server, the CLI, tests). */
export interface AuthDependencies {
  readonly clouds: CloudResolver;
  readonly clientId: () => string;
  readonly networkClient?: INetworkModule;
  /** Opens the sign-in page in the system browser. */
  readonly openBrowser: (url: string) => Promise<void>;
  /** Fetch for ARM calls the service makes itself (GET /tenants); the transport's, so the simulator's CA is trusted. */
  readonly fetch?: FetchLike;
  /** One cache plugin per cloud and client; an EncryptedCachePlugin also reports where tokens are kept. */
  readonly cachePlugin?: (cloud: CloudName) => ICachePlugin | EncryptedCachePlugin | undefined;
  readonly broker?: BrokerDependencies;
  /** How long an interactive sign-in may wait for the browser; default 5 minutes. */
  readonly interactiveTimeoutMs?: number;
  readonly log?: AuthLogger;
  readonly now?: () => number;
}

/** Bearer token for one ARM call; never leaves main. */
export interface ArmToken {
  readonly token: string;
  readonly expiresOn: number;
  readonly tenantId: string;
}

/** The account's identity in one tenant: what the readiness guest rule needs (ReadinessAccount + isGuest). */
export interface TenantIdentityInfo {
  readonly cloud: CloudName;
  readonly homeTenantId: string;
  readonly tenantIdOfToken: string;
  readonly upn: string;
  readonly isGuest: boolean;
}

/** Default wait for the browser in an interactive sign-in. */
export const DEFAULT_INTERACTIVE_TIMEOUT_MS = 5 * 60_000;

const SUCCESS_PAGE = '<h1>Signed in to RDP Broker</h1><p>You can close this tab and return to the app.</p>';
const ERROR_PAGE = '<h1>Sign-in did not complete</h1><p>Return to RDP Broker for details.</p>';

interface CloudClient {
  readonly cloud: CloudName;
  readonly pca: PublicClientApplication;
  readonly plugin: ICachePlugin | undefined;
  readonly usesBroker: boolean;
}

/** One sign-in in progress: cancel and timeout settle it at once, whatever MSAL is doing. */
interface Flight {
  readonly seq: number;
  readonly kind: 'interactive' | 'device-code';
  readonly stopped: Promise<never>;
  stopError: AppError | null;
  stop(error: AppError): void;
  clear(): void;
}

/**
 * Entra ID sign-in with MSAL in main: one PublicClientApplication per cloud, system browser with loopback redirect and
 * PKCE (MSAL does both), device code, optional Windows broker, silent acquisition and refresh from MSAL's cache
 * (encrypted on disk through the host's cache plugin). Tokens never leave this service except as ArmToken to main code.
 */
export class AuthService {
  private readonly clients = new Map<CloudName, { key: string; promise: Promise<CloudClient> }>();
  private readonly plugins = new Map<CloudName, ICachePlugin>();
  private readonly attention = new Map<string, AccountAttention>();
  private readonly acceptedSeq = new Map<string, number>();
  private readonly lateWork = new Set<Promise<void>>();
  private readonly listeners = new Set<() => void>();
  private brokerChoice: Promise<BrokerChoice> | null = null;
  private brokerResolved: BrokerChoice | null = null;
  private pending: Flight | null = null;
  private seq = 0;
  private activeAccountId: string | null = null;
  private readonly log: AuthLogger;
  private readonly now: () => number;

  constructor(private readonly deps: AuthDependencies) {
    this.log = deps.log ?? (() => undefined);
    this.now = deps.now ?? Date.now;
  }

  /** Interactive sign-in in the system browser (or the Windows broker when enabled and available). */
  async signInInteractive(cloud: CloudName, loginHint?: string, options: { timeoutMs?: number } = {}): Promise<AccountSummary> {
    const endpoints = this.deps.clouds(cloud);
    assertUsableClientId(this.deps.clientId(), endpoints.authorityHost);
    let loopback: LoopbackTarget | null = null;
    const timeoutMs = options.timeoutMs ?? this.deps.interactiveTimeoutMs ?? DEFAULT_INTERACTIVE_TIMEOUT_MS;
    const flight = this.begin('interactive', timeoutMs, () => (loopback ? abortLoopback(loopback, 'Sign-in was cancelled in RDP Broker.') : undefined));
    return this.fly(flight, cloud, (client) => {
      const windowHandle = client.usesBroker ? this.deps.broker?.windowHandle?.() : undefined;
      return client.pca.acquireTokenInteractive({
        scopes: [endpoints.armScope],
        // Entra refuses select_account together with a hint (MSAL drops the hint); a hint means "this account".
        ...(loginHint ? { loginHint } : { prompt: 'select_account' }),
        openBrowser: async (url) => {
          // Cancelled before MSAL got this far: refusing here makes MSAL close its loopback server itself.
          if (flight.stopError) throw flight.stopError;
          loopback = readLoopbackTarget(url);
          await this.deps.openBrowser(url);
        },
        successTemplate: SUCCESS_PAGE,
        errorTemplate: ERROR_PAGE,
        ...(windowHandle ? { windowHandle } : {}),
      });
    });
  }

  /** Device code sign-in: `onCode` gets the code to show; cancellable with cancelSignIn(); expiry → AUTH_DEVICE_CODE_EXPIRED. */
  async signInWithDeviceCode(cloud: CloudName, onCode: (info: DeviceCodeInfo) => void): Promise<AccountSummary> {
    const endpoints = this.deps.clouds(cloud);
    assertUsableClientId(this.deps.clientId(), endpoints.authorityHost);
    const request: DeviceCodeRequest = {
      scopes: [endpoints.armScope],
      deviceCodeCallback: (response) => {
        if (flight.stopError) return;
        try {
          onCode({
            userCode: response.userCode,
            verificationUri: response.verificationUri,
            expiresAt: this.now() + response.expiresIn * 1000,
            message: response.message,
          });
        } catch (error: unknown) {
          this.log('auth: device code listener failed', { error: String(error) });
        }
      },
    };
    // MSAL polls until `cancel` is set (it reads the same request object on every round).
    const flight = this.begin('device-code', null, () => {
      request.cancel = true;
    });
    return this.fly(flight, cloud, (client) => {
      if (client.usesBroker) {
        // MSAL runs device code outside the broker, but then asks the broker for the account, which never sees it.
        throw new AppError(
          'AUTH_FAILED',
          'Device code sign-in is not available while the Windows sign-in broker is on; turn it off in Settings or sign in with the broker.',
          { cloud, method: 'device-code', reason: 'broker-in-use' },
        );
      }
      return client.pca.acquireTokenByDeviceCode(request);
    });
  }

  /** Cancels the sign-in in progress, if any: it rejects with AUTH_CANCELLED. Returns whether one was pending. */
  cancelSignIn(): boolean {
    const flight = this.pending;
    if (!flight) return false;
    flight.stop(new AppError('AUTH_CANCELLED', 'Sign-in was cancelled.', { method: flight.kind }));
    return true;
  }

  /** Every signed-in account across clouds (one entry per account, its home-tenant profile). */
  async listAccounts(): Promise<AccountSummary[]> {
    const summaries = new Map<string, AccountSummary>();
    for (const client of await this.knownClients()) {
      for (const account of preferHomeProfiles(await client.pca.getAllAccounts())) {
        summaries.set(account.homeAccountId, toAccountSummary(account, client.cloud));
      }
    }
    return [...summaries.values()];
  }

  /** Signs one account out: its cached tokens (every tenant) are removed; other accounts keep theirs. */
  async signOut(accountId: string): Promise<void> {
    const found = await this.findAccount(accountId);
    if (!found) throw new AppError('AUTH_NO_ACCOUNT', 'No such account is signed in.', { accountId });
    const client = await this.client(found.cloud);
    await client.pca.signOut({ account: found.account });
    for (const key of [...this.attention.keys()]) if (key.startsWith(`${accountId}|`)) this.attention.delete(key);
    this.acceptedSeq.delete(accountId);
    if (this.activeAccountId === accountId) this.activeAccountId = null;
    this.changed();
  }

  /** An ARM token for the account, in its home tenant or in `tenantId`; refreshed silently when expired. */
  async getArmToken(accountId: string, tenantId?: string, options: { forceRefresh?: boolean } = {}): Promise<ArmToken> {
    const { result, tenant } = await this.acquireSilent(accountId, tenantId, options.forceRefresh ?? false);
    return {
      token: result.accessToken,
      expiresOn: result.expiresOn?.getTime() ?? this.now() + 5 * 60_000,
      tenantId: result.tenantId || tenant,
    };
  }

  /** The MSAL account (home-tenant profile) and its cloud for an app account id. */
  async findAccount(accountId: string): Promise<{ account: AccountInfo; cloud: CloudName } | null> {
    for (const client of await this.knownClients()) {
      const matches = (await client.pca.getAllAccounts()).filter((each) => each.homeAccountId === accountId);
      const [account] = preferHomeProfiles(matches);
      if (account) return { account, cloud: client.cloud };
    }
    return null;
  }

  /** Tenants the account can use (ARM GET /tenants), home tenant first. */
  async listTenants(accountId: string): Promise<TenantSummary[]> {
    const found = await this.findAccount(accountId);
    if (!found) throw new AppError('AUTH_NO_ACCOUNT', 'No such account is signed in.', { accountId });
    const token = await this.getArmToken(accountId);
    return listArmTenants({
      fetch: this.deps.fetch ?? ((input, init) => fetch(input, init)),
      armEndpoint: this.deps.clouds(found.cloud).armEndpoint,
      token: token.token,
      homeTenantId: homeTenantOf(accountId) ?? found.account.tenantId,
    });
  }

  /** How the account appears in a tenant, from a token for that tenant: home tenant vs the token's, guest or not. */
  async getTenantIdentity(accountId: string, tenantId: string): Promise<TenantIdentityInfo> {
    const { result, found, tenant } = await this.acquireSilent(accountId, tenantId, false);
    const tenantIdOfToken = result.tenantId || tenant;
    const homeTenantId = homeTenantOf(accountId) ?? found.account.tenantId;
    const profile = result.account?.tenantProfiles?.get(tenantIdOfToken);
    const upn = result.account?.username || found.account.username;
    return {
      cloud: found.cloud,
      homeTenantId,
      tenantIdOfToken,
      upn,
      isGuest: isGuestIdentity({ homeTenantId, tenantIdOfToken, upn, isHomeTenantProfile: profile?.isHomeTenant }),
    };
  }

  /** True when the account is a guest (B2B) in the tenant; guests cannot sign in to machines with Entra ID. */
  async isGuestInTenant(accountId: string, tenantId: string): Promise<boolean> {
    return (await this.getTenantIdentity(accountId, tenantId)).isGuest;
  }

  /** Makes an account the one the UI works with; it must be signed in. */
  async setActiveAccount(accountId: string): Promise<AccountSummary> {
    const found = await this.findAccount(accountId);
    if (!found) throw new AppError('AUTH_NO_ACCOUNT', 'No such account is signed in.', { accountId });
    this.activeAccountId = accountId;
    this.changed();
    return toAccountSummary(found.account, found.cloud);
  }

  /** The active account: the one chosen or signed in last, else the first one signed in, else null. */
  async getActiveAccount(): Promise<AccountSummary | null> {
    const accounts = await this.listAccounts();
    return accounts.find((each) => each.id === this.activeAccountId) ?? accounts[0] ?? null;
  }

  /** Cache, broker, accounts needing attention, pending sign-in: what the UI shows about sign-in itself. */
  async getStatus(): Promise<AuthStatus> {
    await this.knownClients();
    return {
      cache: this.cacheStatus(),
      broker: this.brokerStatus(),
      attention: [...this.attention.values()],
      activeAccountId: this.activeAccountId,
      signInPending: this.pending?.kind ?? null,
    };
  }

  /** Called whenever attention, the active account or the pending sign-in changes; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Cancels any sign-in and waits for late MSAL completions to be cleaned up (shutdown, tests). */
  async dispose(): Promise<void> {
    this.cancelSignIn();
    while (this.lateWork.size > 0) await Promise.all([...this.lateWork]);
  }

  private async acquireSilent(
    accountId: string,
    tenantId: string | undefined,
    forceRefresh: boolean,
  ): Promise<{ result: AuthenticationResult; found: { account: AccountInfo; cloud: CloudName }; tenant: string }> {
    const found = await this.findAccount(accountId);
    if (!found) throw new AppError('AUTH_NO_ACCOUNT', 'No such account is signed in.', { accountId });
    const endpoints = this.deps.clouds(found.cloud);
    const client = await this.client(found.cloud);
    const tenant = tenantId ?? homeTenantOf(accountId) ?? found.account.tenantId;
    const key = `${accountId}|${tenant}`;
    try {
      const result = await client.pca.acquireTokenSilent({
        account: await this.profileFor(client, found.account, tenant),
        scopes: [endpoints.armScope],
        authority: `${endpoints.authorityHost}/${tenant}`,
        ...(forceRefresh ? { forceRefresh } : {}),
      });
      if (this.attention.delete(key)) this.changed();
      return { result, found, tenant };
    } catch (error: unknown) {
      const appError = toSilentError(error, { accountId, tenantId: tenant, cloud: found.cloud });
      if (appError.code === 'AUTH_INTERACTION_REQUIRED') {
        this.attention.set(key, {
          accountId,
          tenantId: tenant,
          reason: interactionReasonOf(error),
          detail: describeMsalError(error),
          at: this.now(),
        });
        this.changed();
      }
      throw appError;
    }
  }

  /**
   * The account as MSAL must see it for a tenant: MSAL looks tokens up by `account.tenantId`, not by the authority, so
   * the home profile would return the home tenant's token for any tenant. A tenant never used yet gets a profile
   * stub; MSAL then redeems the refresh token at that tenant's authority and records the real profile.
   */
  private async profileFor(client: CloudClient, home: AccountInfo, tenant: string): Promise<AccountInfo> {
    if (home.tenantId.toLowerCase() === tenant.toLowerCase()) return home;
    const existing = (await client.pca.getAllAccounts()).find(
      (each) => each.homeAccountId === home.homeAccountId && each.tenantId.toLowerCase() === tenant.toLowerCase(),
    );
    if (existing) return existing;
    const { idToken: _idToken, idTokenClaims: _claims, tenantProfiles: _profiles, ...base } = home;
    return { ...base, tenantId: tenant };
  }

  private begin(kind: Flight['kind'], timeoutMs: number | null, onStop: () => unknown): Flight {
    // One sign-in at a time: a new one replaces a forgotten one (e.g. a browser tab the user closed).
    this.pending?.stop(new AppError('AUTH_CANCELLED', 'A new sign-in replaced this one.', { method: this.pending.kind }));
    let reject: (error: AppError) => void = () => undefined;
    const stopped = new Promise<never>((_resolve, rejectStopped) => {
      reject = rejectStopped;
    });
    stopped.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const flight: Flight = {
      seq: (this.seq += 1),
      kind,
      stopped,
      stopError: null,
      stop: (error) => {
        if (flight.stopError) return;
        flight.stopError = error;
        flight.clear();
        reject(error);
        Promise.resolve()
          .then(onStop)
          .catch((cause: unknown) => this.log('auth: stopping the sign-in failed', { error: String(cause) }));
      },
      clear: () => {
        if (timer) clearTimeout(timer);
        timer = undefined;
      },
    };
    if (timeoutMs !== null) {
      timer = setTimeout(() => {
        flight.stop(new AppError('AUTH_TIMED_OUT', 'Sign-in took too long and was stopped.', { method: kind, timeoutMs }));
      }, timeoutMs);
    }
    this.pending = flight;
    this.changed();
    return flight;
  }

  /**
   * Runs one sign-in under its flight: cancel and timeout win at any point, even while the MSAL client is still being
   * created; the flight ends (pending cleared) whatever happens.
   */
  private async fly(
    flight: Flight,
    cloud: CloudName,
    start: (client: CloudClient) => Promise<AuthenticationResult | null>,
  ): Promise<AccountSummary> {
    const context = { cloud, method: flight.kind };
    let client: CloudClient | null = null;
    let before: ReadonlySet<string> = new Set();
    let attempt: Promise<AuthenticationResult | null> | null = null;
    try {
      client = await Promise.race([this.client(cloud), flight.stopped]);
      before = await Promise.race([this.accountIds(client), flight.stopped]);
      attempt = start(client);
      const result = await Promise.race([attempt, flight.stopped]);
      return this.accept(flight, result, cloud);
    } catch (error: unknown) {
      if (flight.stopError) {
        if (attempt && client) this.cleanUpLate(flight, attempt, before, client);
        throw flight.stopError;
      }
      throw toSignInError(error, context);
    } finally {
      flight.clear();
      if (this.pending === flight) {
        this.pending = null;
        this.changed();
      }
    }
  }

  /**
   * MSAL cannot be aborted: a sign-in that completes after cancel or timeout would leave an account nobody asked for.
   * Remove it, unless it was already there or a later sign-in produced it on purpose.
   */
  private cleanUpLate(flight: Flight, attempt: Promise<AuthenticationResult | null>, before: ReadonlySet<string>, client: CloudClient): void {
    const work = attempt
      .then(async (result) => {
        const account = result?.account;
        if (!account || before.has(account.homeAccountId)) return;
        if ((this.acceptedSeq.get(account.homeAccountId) ?? 0) > flight.seq) return;
        await client.pca.signOut({ account });
        this.log('auth: removed an account from a sign-in that completed after it was cancelled', { cloud: client.cloud });
      })
      .catch(() => undefined);
    this.lateWork.add(work);
    void work.finally(() => this.lateWork.delete(work));
  }

  private accept(flight: Flight, result: AuthenticationResult | null, cloud: CloudName): AccountSummary {
    if (!result?.account) throw new AppError('AUTH_FAILED', 'Sign-in returned no account.', { cloud });
    const id = result.account.homeAccountId;
    this.acceptedSeq.set(id, flight.seq);
    for (const key of [...this.attention.keys()]) if (key.startsWith(`${id}|`)) this.attention.delete(key);
    this.activeAccountId = id;
    this.changed();
    return toAccountSummary(result.account, cloud);
  }

  private async accountIds(client: CloudClient): Promise<Set<string>> {
    return new Set((await client.pca.getAllAccounts()).map((each) => each.homeAccountId));
  }

  /** Clients whose accounts can exist: those already used, plus every cloud when tokens persist across restarts. */
  private async knownClients(): Promise<CloudClient[]> {
    const clouds = this.deps.cachePlugin ? cloudNameSchema.options : cloudNameSchema.options.filter((cloud) => this.clients.has(cloud));
    return Promise.all(clouds.map((cloud) => this.client(cloud)));
  }

  private client(cloud: CloudName): Promise<CloudClient> {
    const clientId = this.deps.clientId().trim();
    const wantsBroker = this.deps.broker?.enabled() ?? false;
    // A changed client id or broker setting needs a new MSAL instance; MSAL's cache keys carry the client id anyway.
    const key = `${clientId}|${wantsBroker}`;
    const existing = this.clients.get(cloud);
    if (existing?.key === key) return existing.promise;
    const promise = this.createClient(cloud, clientId, wantsBroker);
    this.clients.set(cloud, { key, promise });
    promise.catch(() => {
      if (this.clients.get(cloud)?.promise === promise) this.clients.delete(cloud);
    });
    return promise;
  }

  private async createClient(cloud: CloudName, clientId: string, wantsBroker: boolean): Promise<CloudClient> {
    const endpoints = this.deps.clouds(cloud);
    const authority = new URL(endpoints.authorityHost);
    const broker = wantsBroker ? await this.chooseBroker() : null;
    const plugin = this.deps.cachePlugin?.(cloud);
    if (plugin) this.plugins.set(cloud, plugin);
    const pca = new PublicClientApplication({
      auth: {
        clientId,
        authority: `${endpoints.authorityHost}/organizations`,
        // Hosts MSAL does not know (the simulator on loopback) must be declared, or MSAL asks
        // login.microsoftonline.com for instance discovery.
        ...(isLoopbackAuthority(endpoints.authorityHost) ? { knownAuthorities: [authority.host] } : {}),
      },
      ...(plugin ? { cache: { cachePlugin: plugin } } : {}),
      ...(broker?.plugin ? { broker: { nativeBrokerPlugin: broker.plugin } } : {}),
      system: {
        ...(this.deps.networkClient ? { networkClient: this.deps.networkClient } : {}),
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          loggerCallback: (level, message, containsPii) => {
            if (!containsPii && level <= LogLevel.Warning) this.log('msal', { cloud, level, message: message.slice(0, 500) });
          },
        },
      },
    });
    return { cloud, pca, plugin, usesBroker: Boolean(broker?.plugin) };
  }

  private chooseBroker(): Promise<BrokerChoice> {
    const broker = this.deps.broker;
    this.brokerChoice ??= chooseNativeBroker({
      enabled: broker?.enabled() ?? false,
      platform: broker?.platform ?? process.platform,
      load: broker?.load ?? loadMsalExtensionsBroker,
      log: this.log,
    }).then((choice) => {
      this.brokerResolved = choice;
      return choice;
    });
    return this.brokerChoice;
  }

  private cacheStatus(): TokenCacheStatus {
    if (!this.deps.cachePlugin) {
      return { persistence: 'memory-only', reason: 'not-configured', detail: null, recoveredCorruptFile: false };
    }
    const statuses = [...this.plugins.values()].flatMap((plugin) => ('status' in plugin ? [(plugin as EncryptedCachePlugin).status()] : []));
    const weak = statuses.find((each) => each.persistence === 'memory-only');
    return {
      persistence: weak ? 'memory-only' : 'encrypted',
      reason: weak?.reason ?? null,
      detail: weak?.detail ?? null,
      recoveredCorruptFile: statuses.some((each) => each.recoveredCorruptFile !== null),
    };
  }

  private brokerStatus(): BrokerStatus {
    const broker = this.deps.broker;
    if (!broker?.enabled()) return { kind: 'off', reason: 'disabled' };
    if (broker.platform !== 'win32') return { kind: 'off', reason: 'not-windows' };
    const state = this.brokerResolved?.state;
    if (!state) return { kind: 'not-loaded', reason: null };
    if (state.kind === 'in-use') return { kind: 'in-use', reason: null };
    return { kind: state.kind, reason: state.kind === 'fallback' ? `${state.reason}: ${state.detail}` : state.reason };
  }

  private changed(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error: unknown) {
        this.log('auth: status listener failed', { error: String(error) });
      }
    }
  }
}

/** Keeps one AccountInfo per account: the home-tenant profile when MSAL returned several tenant profiles. */
function preferHomeProfiles(accounts: readonly AccountInfo[]): AccountInfo[] {
  const byId = new Map<string, AccountInfo>();
  for (const account of accounts) {
    const current = byId.get(account.homeAccountId);
    if (!current || isHomeProfile(account)) byId.set(account.homeAccountId, account);
  }
  return [...byId.values()];
}

function isHomeProfile(account: AccountInfo): boolean {
  const home = homeTenantOf(account.homeAccountId);
  return home !== null && home.toLowerCase() === account.tenantId.toLowerCase();
}

function toAccountSummary(account: AccountInfo, cloud: CloudName): AccountSummary {
  return {
    id: account.homeAccountId,
    username: account.username,
    ...(account.name ? { name: account.name } : {}),
    cloud,
    homeTenantId: homeTenantOf(account.homeAccountId) ?? account.tenantId,
  };
}
