import { setMaxListeners } from 'node:events';

import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { z } from 'zod';

import { type AccessCaches, createAccessCaches } from './access-io';
import { cancelledError, type RequestInfo } from './arm-rest';
import type { DiscoveryReporter, DiscoverySource } from './discovery-runner';
import { createIdentity, type Identity } from './identity';
import { Limiter } from './limiter';
import { fetchMachineDetails, type StartProgress, startVirtualMachine } from './machine-ops';
import { ProgressTracker } from './progress';
import type { RetryTuning } from './resilience';
import { DEFAULT_DISCOVERY_TUNING, type DiscoveryTuning, type RunScope, TenantRun } from './tenant-run';
import type { CloudName, CloudResolver } from '../../shared/clouds';
import { type Machine, machineKey } from '../../shared/domain/machine';
import { AppError, isAppError } from '../../shared/errors/app-error';
import type { AccountSummary } from '../../shared/ipc/schemas';

/** The little of the auth service discovery needs (AuthService fits; tests pass fakes). */
export interface DiscoveryAuth {
  listAccounts(): Promise<readonly AccountSummary[]>;
  getArmToken(accountId: string, tenantId?: string): Promise<{ readonly token: string; readonly expiresOn: number; readonly tenantId: string }>;
  /** Tenants of the account (ARM GET /tenants); when absent or failing, discovery calls /tenants itself. */
  listTenants?(accountId: string): Promise<readonly unknown[]>;
}

/** What discovery is built from. */
export interface ArmDiscoveryOptions {
  readonly auth: DiscoveryAuth;
  readonly clouds: CloudResolver;
  /** The HTTP transport's policy (trusts the simulator's CA in demo mode). */
  readonly transportPolicy?: PipelinePolicy | undefined;
  readonly tuning?: Partial<DiscoveryTuning> | undefined;
  readonly retry?: Partial<RetryTuning> | undefined;
  /** How long permissions and role assignments are reused across runs. */
  readonly permissionsTtlMs?: number | undefined;
  /** Called for every request put on the wire (benchmarks, diagnostics). */
  readonly onRequest?: ((info: RequestInfo) => void) | undefined;
  /** LRO poll interval for Start when Azure sends no Retry-After. */
  readonly lroPollMs?: number | undefined;
  readonly now?: (() => number) | undefined;
}

const tenantEntrySchema = z
  .object({
    tenantId: z.string().optional(),
    id: z.string().optional(),
    displayName: z.string().nullish(),
    defaultDomain: z.string().nullish(),
  })
  .transform((t) => ({
    tenantId: (t.tenantId ?? t.id?.replace(/^\/tenants\//i, '') ?? '').toLowerCase(),
    displayName: t.displayName ?? t.defaultDomain ?? null,
  }));

interface TenantEntry {
  readonly tenantId: string;
  readonly displayName: string | null;
}

const DEFAULT_PERMISSIONS_TTL_MS = 5 * 60_000;
const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

type TokenResult = Awaited<ReturnType<DiscoveryAuth['getArmToken']>>;

/**
 * One token request at a time per identity, reused until five minutes before it expires: the tenant run reads the
 * user's object id from it, every client's pipeline signs with it, and none of them waits for MSAL twice. The token
 * stays in this process, like MSAL's own cache.
 */
function memoizeToken(load: () => Promise<TokenResult>, now: () => number): () => Promise<TokenResult> {
  let current: Promise<TokenResult> | null = null;
  let expiresOn = Number.POSITIVE_INFINITY;
  return () => {
    if (current && now() < expiresOn - TOKEN_REFRESH_MARGIN_MS) return current;
    expiresOn = Number.POSITIVE_INFINITY;
    const pending = load().then((token) => {
      expiresOn = token.expiresOn;
      return token;
    });
    current = pending;
    pending.catch(() => {
      if (current === pending) current = null;
    });
    return pending;
  };
}
const ROLE_DEFINITION_TTL_MS = 60 * 60_000;

/**
 * Discovery over Azure Resource Manager and Resource Graph for every signed-in account, plus the per-machine
 * operations that need the same identities (details of one machine, Start). Holds what outlives a run: the identities
 * (with their Resource Graph quota gates) and the permission caches.
 */
export class ArmDiscovery {
  private readonly identities = new Map<string, Identity>();
  private readonly caches: AccessCaches;
  private readonly tuning: DiscoveryTuning;

  constructor(private readonly options: ArmDiscoveryOptions) {
    this.tuning = { ...DEFAULT_DISCOVERY_TUNING, ...options.tuning };
    this.caches = createAccessCaches(options.permissionsTtlMs ?? DEFAULT_PERMISSIONS_TTL_MS, ROLE_DEFINITION_TTL_MS, options.now);
  }

  /** A discovery source for one run (the runner creates one per refresh). */
  createSource(): DiscoverySource {
    return { discover: (reporter) => this.discover(reporter) };
  }

  /** Forgets cached permissions (after a sign-out, or when the user insists on fresh answers). */
  clearCache(): void {
    this.caches.permissions.clear();
    this.caches.assignments.clear();
  }

  /** The identity of an account in a tenant, created once. */
  identity(accountId: string, cloud: CloudName, username: string, tenantId: string, tenantName: string): Identity {
    const key = `${accountId}|${tenantId.toLowerCase()}`;
    const existing = this.identities.get(key);
    if (existing) return existing;
    const identity = createIdentity({
      accountId,
      username,
      cloud,
      endpoints: this.options.clouds(cloud),
      tenantId: tenantId.toLowerCase(),
      tenantName,
      getToken: memoizeToken(() => this.options.auth.getArmToken(accountId, tenantId), this.options.now ?? Date.now),
      network: {
        transportPolicy: this.options.transportPolicy,
        retry: { ...(this.options.retry ? { tuning: this.options.retry } : {}) },
        onRequest: this.options.onRequest,
      },
    });
    this.identities.set(key, identity);
    return identity;
  }

  private async identityForMachine(machine: Machine): Promise<Identity> {
    const accounts = await this.options.auth.listAccounts();
    const account = accounts.find((each) => each.id === machine.accountId);
    if (!account) throw new AppError('AUTH_NO_ACCOUNT', 'The account that found this machine is no longer signed in.', { accountId: machine.accountId });
    return this.identity(account.id, account.cloud, account.username, machine.tenantId, machine.tenantId);
  }

  /**
   * The full details of one machine (extension instance view status code and message, NICs and public IPs) through
   * the ARM SDKs; the access already resolved for it is kept.
   */
  async getMachineDetails(machine: Machine, signal: AbortSignal = new AbortController().signal): Promise<Machine> {
    return fetchMachineDetails(await this.identityForMachine(machine), machine, signal);
  }

  /**
   * Starts a stopped or deallocated VM (long-running operation) when the user holds the start action; reports
   * progress and returns the machine as it is afterwards.
   *
   * @throws AppError MACHINE_START_FORBIDDEN when the user may not start it (or it is an Arc server).
   */
  async startMachine(machine: Machine, onProgress: (progress: StartProgress) => void, signal?: AbortSignal): Promise<Machine> {
    if (machine.kind !== 'azure-vm') {
      throw new AppError('MACHINE_START_FORBIDDEN', 'Arc-enabled servers run outside Azure and cannot be started from here.', { machineId: machine.id });
    }
    if (machine.access.canStart !== true) {
      throw new AppError('MACHINE_START_FORBIDDEN', 'You may not start this virtual machine.', {
        machineId: machine.id,
        reason: 'Microsoft.Compute/virtualMachines/start/action is not granted to you on this VM.',
      });
    }
    const identity = await this.identityForMachine(machine);
    return startVirtualMachine(identity, machine, onProgress, {
      signal: signal ?? new AbortController().signal,
      pollMs: this.options.lroPollMs ?? 2000,
    });
  }

  private async tenantsOf(account: AccountSummary, signal: AbortSignal, problem: (scope: string, error: unknown) => void): Promise<TenantEntry[]> {
    const parse = (entries: readonly unknown[]): TenantEntry[] =>
      entries.flatMap((entry) => {
        const parsed = tenantEntrySchema.safeParse(entry);
        return parsed.success && parsed.data.tenantId ? [parsed.data] : [];
      });
    if (this.options.auth.listTenants) {
      try {
        const listed = parse(await this.options.auth.listTenants(account.id));
        if (listed.length > 0) return listed;
      } catch (error: unknown) {
        if (signal.aborted) throw cancelledError(signal);
        if (isAppError(error) && error.code === 'AUTH_INTERACTION_REQUIRED') throw error;
        // The auth service's own call failed (e.g. its fetch does not trust the simulator); ask ARM ourselves.
      }
    }
    const home = this.identity(account.id, account.cloud, account.username, account.homeTenantId, account.homeTenantId);
    try {
      const entries = await home.rest.list('/tenants', z.unknown(), { scope: `tenants of ${account.username}`, signal, apiVersion: '2022-12-01' });
      const listed = parse(entries);
      if (listed.length > 0) return listed;
    } catch (error: unknown) {
      if (signal.aborted) throw cancelledError(signal);
      problem(`Tenants of ${account.username}`, error);
    }
    return [{ tenantId: account.homeTenantId.toLowerCase(), displayName: null }];
  }

  private async discover(reporter: DiscoveryReporter): Promise<void> {
    // Every request in flight listens to the run's signal; a child signal without a listener cap avoids Node's
    // "possible leak" warning at 16+ concurrent requests, and detaches from the runner's signal at the end.
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    const forward = () => controller.abort(reporter.signal.reason);
    if (reporter.signal.aborted) forward();
    else reporter.signal.addEventListener('abort', forward, { once: true });
    try {
      await this.runAll(reporter, controller.signal);
    } finally {
      reporter.signal.removeEventListener('abort', forward);
    }
  }

  private async runAll(reporter: DiscoveryReporter, signal: AbortSignal): Promise<void> {
    const machines = new Map<string, Machine>();
    const progress = new ProgressTracker((message, done, total) => reporter.progress(message, done, total));
    const run: RunScope = {
      signal,
      tuning: this.tuning,
      permissionLimiter: new Limiter(this.tuning.permissionConcurrency),
      fallbackLimiter: new Limiter(this.tuning.fallbackConcurrency),
      caches: this.caches,
      progress,
      current: (key) => machines.get(key),
      publish: (list) => {
        if (signal.aborted || list.length === 0) return;
        for (const machine of list) machines.set(machineKey(machine.id), machine);
        reporter.rows(list);
      },
      problem: (scope, error) => {
        if (!signal.aborted) reporter.problem(scope, error);
      },
    };
    try {
      const accounts = await this.options.auth.listAccounts();
      if (accounts.length === 0) {
        reporter.progress('No account is signed in.', 0, 0);
        return;
      }
      const tenantRuns = accounts.map(async (account) => {
        const started = new Map<string, Promise<void>>();
        const startTenant = (tenantId: string, label: string): Promise<void> => {
          const key = tenantId.toLowerCase();
          const existing = started.get(key);
          if (existing) return existing;
          if (signal.aborted) return Promise.reject(cancelledError(signal));
          const identity = this.identity(account.id, account.cloud, account.username, key, label);
          const task = (async () => {
            let tenantRun: TenantRun;
            try {
              tenantRun = await TenantRun.create(identity, run);
              if (signal.aborted) throw cancelledError(signal);
            } catch (error: unknown) {
              if (signal.aborted) throw cancelledError(signal);
              // A guest tenant may need MFA or consent: that tenant is a problem, the others go on.
              run.problem(`Tenant ${identity.tenantName} (${tenantId}) for ${account.username}`, error);
              return;
            }
            await tenantRun.execute();
          })();
          // Awaited with the others once the tenant list is in; until then a rejection must not count as unhandled.
          task.catch(() => undefined);
          started.set(key, task);
          return task;
        };
        // The home tenant starts at once; the tenant list (guest tenants, display names) is read meanwhile.
        const home = startTenant(account.homeTenantId, account.username.split('@')[1] ?? account.homeTenantId);
        let tenants: TenantEntry[] = [];
        try {
          tenants = await this.tenantsOf(account, signal, (scope, error) => run.problem(scope, error));
        } catch (error: unknown) {
          if (signal.aborted) throw cancelledError(signal);
          run.problem(`Account ${account.username}`, error);
        }
        for (const tenant of tenants) {
          if (!tenant.displayName) continue;
          const identity = this.identity(account.id, account.cloud, account.username, tenant.tenantId, tenant.displayName);
          identity.tenantName = tenant.displayName;
          progress.renameTenant(`${account.id}|${tenant.tenantId}`, tenant.displayName);
        }
        const others = tenants.map((tenant) => startTenant(tenant.tenantId, tenant.displayName ?? tenant.tenantId));
        const outcomes = await Promise.allSettled([home, ...others]);
        for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
      });
      const results = await Promise.allSettled(tenantRuns);
      if (signal.aborted) throw cancelledError(signal);
      for (const result of results) if (result.status === 'rejected') throw result.reason;
      progress.flush();
    } finally {
      progress.dispose();
    }
  }
}
