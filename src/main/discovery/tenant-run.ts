import { z } from 'zod';

import { AccessResolver } from './access-resolver';
import { type AccessCaches, createAccessIo, type TenantAccessIo } from './access-io';
import { listArcWithArm, listVmsWithArm, toAzureError } from './arm-fallback';
import { cancelledError } from './arm-rest';
import { readGraphQuery } from './graph-reader';
import type { Identity } from './identity';
import { Limiter } from './limiter';
import type { ProgressTracker } from './progress';
import { readTokenClaims } from './token-claims';
import { type Machine, machineKey } from '../../shared/domain/machine';
import { mapArcRow, mapVmNetwork, mapWindowsVmRow, type MachineContext, withAccess, withNetwork } from '../../shared/discovery/map-rows';
import type { VmNetworkRow } from '../../shared/discovery/resource-graph-queries';
import { AppError, isAppError } from '../../shared/errors/app-error';

/** Knobs of a discovery run; tests and the benchmark change them. */
export interface DiscoveryTuning {
  /** Subscriptions per Resource Graph request (Azure accepts up to 1,000). */
  readonly graphChunkSize: number;
  /** Rows per Resource Graph page (`$top`, at most 1,000). */
  readonly graphPageSize: number;
  /** Rows on the first page of the queries that list machines: small, so the first rows show at once. */
  readonly graphFirstPageSize: number;
  /** Permission, role-assignment and role-definition calls in flight at once, per run. */
  readonly permissionConcurrency: number;
  /** Per-machine calls in flight on the ARM fallback path, per run. */
  readonly fallbackConcurrency: number;
  /** `auto`: Resource Graph, with the ARM SDK path where it is unavailable; `arm`: the ARM SDK path only. */
  readonly strategy: 'auto' | 'arm';
}

/**
 * Defaults: Azure's own limits, and enough parallelism to check 200 subscriptions in well under a second (each
 * subscription has its own ARM read quota, and a busy client that stalls between answers loses less with more in flight).
 */
export const DEFAULT_DISCOVERY_TUNING: DiscoveryTuning = {
  graphChunkSize: 1000,
  graphPageSize: 1000,
  graphFirstPageSize: 200,
  permissionConcurrency: 32,
  fallbackConcurrency: 8,
  strategy: 'auto',
};

/** What a tenant run shares with the whole run. */
export interface RunScope {
  readonly signal: AbortSignal;
  readonly tuning: DiscoveryTuning;
  readonly permissionLimiter: Limiter;
  readonly fallbackLimiter: Limiter;
  readonly caches: AccessCaches;
  readonly progress: ProgressTracker;
  /** The run's current copy of a machine. */
  current(key: string): Machine | undefined;
  /** Stores and reports new or changed machines. */
  publish(machines: readonly Machine[]): void;
  problem(scope: string, error: unknown): void;
}

const subscriptionSchema = z.object({
  subscriptionId: z.string(),
  displayName: z.string().nullish(),
  state: z.string().nullish(),
});

type Subscription = z.infer<typeof subscriptionSchema>;

// Disabled and deleted subscriptions are read-only shells: ARM refuses reads and they hold no running machines.
const UNUSABLE_STATES = new Set(['disabled', 'deleted']);

/** Codes with which Resource Graph counts as unavailable here, so the ARM SDK path takes over. */
const GRAPH_UNAVAILABLE = new Set(['AZURE_FORBIDDEN', 'AZURE_NOT_FOUND', 'AZURE_REQUEST_FAILED', 'AZURE_UNAVAILABLE']);

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function isCancellation(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (isAppError(error) && error.code === 'DISCOVERY_CANCELLED');
}

/**
 * Discovery for one identity (account + tenant): subscriptions, then the app's Resource Graph queries across all of
 * them (chunks of ≤ 1,000 subscriptions, 1,000 rows a page), rows published as each page arrives, and every machine's
 * login right resolved alongside. Failures of one subscription or query are problems; the rest goes on.
 */
export class TenantRun {
  private readonly resolver: AccessResolver;
  private readonly io: TenantAccessIo;
  private readonly accessTasks: Promise<void>[] = [];
  private readonly subscriptionNames = new Map<string, string>();
  private readonly networkByVm = new Map<string, VmNetworkRow>();
  private readonly progressKey: string;
  private prefetchSubscriptions: () => void = () => undefined;
  private prefetchReleased = false;
  private subscriptionsReady: Promise<void> = Promise.resolve();

  constructor(
    private readonly identity: Identity,
    private readonly run: RunScope,
    userObjectId: string | null,
  ) {
    this.progressKey = `${identity.accountId}|${identity.tenantId}`;
    this.io = createAccessIo(identity, run.caches, run.permissionLimiter);
    this.resolver = new AccessResolver({
      io: this.io,
      userObjectId,
      signal: run.signal,
      onProblem: (scope, error) => run.problem(this.describeScope(scope), error),
    });
  }

  /** Starts a tenant run once the token (and with it the user's object id in the tenant) is known. */
  static async create(identity: Identity, run: RunScope): Promise<TenantRun> {
    const token = await identity.getToken();
    return new TenantRun(identity, run, readTokenClaims(token.token).oid ?? null);
  }

  private describeScope(scope: string): string {
    const match = /^\/subscriptions\/([^/]+)(.*)$/i.exec(scope);
    const name = match?.[1] ? this.subscriptionNames.get(match[1].toLowerCase()) : undefined;
    return name ? `${name} (${scope})` : scope;
  }

  private context(subscriptionId: string): MachineContext {
    return {
      cloud: this.identity.cloud,
      accountId: this.identity.accountId,
      tenantId: this.identity.tenantId,
      subscriptionName: this.subscriptionNames.get(subscriptionId.toLowerCase()),
    };
  }

  /** Runs the tenant to the end: every machine listed and its right resolved (or a problem reported). */
  async execute(): Promise<void> {
    const { signal } = this.run;
    this.run.progress.startTenant(this.progressKey, this.identity.tenantName);
    const listing = this.listSubscriptions();
    this.subscriptionsReady = listing.then(
      () => undefined,
      () => undefined,
    );
    try {
      if (this.run.tuning.strategy === 'arm') {
        const ids = (await listing).map((s) => s.subscriptionId);
        if (ids.length > 0) await this.readWithArm(ids, { vms: true, arc: true });
      } else {
        await this.readAllWithGraph(listing);
      }
    } catch (error: unknown) {
      if (isCancellation(error, signal)) throw error;
      this.run.problem(`Tenant ${this.identity.tenantName} (${this.identity.tenantId})`, error);
    } finally {
      this.prefetchSubscriptions();
      this.run.progress.finishTenant(this.progressKey);
    }
    await this.settleAccess();
  }

  /**
   * Resource Graph over every subscription of the tenant. The first query is scoped to the whole tenant (every
   * subscription the token may read), so it starts together with the subscription listing instead of after it; past
   * `graphChunkSize` subscriptions (Azure caps a tenant-wide query at 1,000) it is abandoned for explicit chunks.
   */
  private async readAllWithGraph(listing: Promise<Subscription[]>): Promise<void> {
    const chunkSize = Math.min(1000, Math.max(1, this.run.tuning.graphChunkSize));
    const wide = new AbortController();
    const stopWide = () => wide.abort(this.run.signal.reason);
    this.run.signal.addEventListener('abort', stopWide, { once: true });
    try {
      const wideRun = this.readChunk(null, wide.signal);
      // Awaited below on every path but one (cancellation while listing): never leave its rejection unhandled.
      wideRun.catch(() => undefined);
      let subscriptions: Subscription[];
      try {
        subscriptions = await listing;
      } catch (error: unknown) {
        if (isCancellation(error, this.run.signal)) throw error;
        // Without the listing the tenant-wide query still lists the machines; names and the subscription check are lost.
        this.run.problem(`Subscriptions of ${this.identity.tenantName} (${this.identity.tenantId})`, error);
        await wideRun;
        return;
      }
      if (subscriptions.length <= chunkSize) {
        await wideRun;
        return;
      }
      wide.abort(new AppError('DISCOVERY_CANCELLED', 'Replaced by subscription chunks.'));
      await wideRun;
      for (const part of chunk(subscriptions.map((s) => s.subscriptionId), chunkSize)) await this.readChunk(part, this.run.signal);
    } finally {
      this.run.signal.removeEventListener('abort', stopWide);
    }
  }

  private async settleAccess(): Promise<void> {
    // Access tasks never reject; new ones may be added while waiting, so wait until none is left.
    for (let done = 0; done < this.accessTasks.length; ) {
      const batch = this.accessTasks.slice(done);
      done = this.accessTasks.length;
      await Promise.all(batch);
    }
    if (this.run.signal.aborted) throw cancelledError(this.run.signal);
  }

  private async listSubscriptions(): Promise<Subscription[]> {
    const all = await this.identity.rest.list('/subscriptions', subscriptionSchema, {
      scope: `subscriptions of ${this.identity.tenantName}`,
      signal: this.run.signal,
      apiVersion: '2022-12-01',
    });
    const usable = all.filter((s) => !UNUSABLE_STATES.has((s.state ?? '').toLowerCase()));
    for (const s of usable) this.subscriptionNames.set(s.subscriptionId.toLowerCase(), s.displayName ?? s.subscriptionId);
    // Every subscription's permissions (and role-assignment listing) are read: they are needed for its machines anyway,
    // and a subscription Resource Graph silently skips (forbidden, broken) shows up as a problem here. The listing (one
    // query) starts at once; on the Resource Graph path the permissions start once the first machine rows are out,
    // as dozens of new connections at once would hold up the first page; the ARM path starts them at once.
    if (this.run.tuning.strategy !== 'arm') {
      setImmediate(() => this.io.startGraphListing(usable.map((s) => s.subscriptionId), this.run.signal));
    }
    this.prefetchSubscriptions = () => {
      this.prefetchSubscriptions = () => undefined;
      for (const subscription of usable) {
        this.accessTasks.push(this.resolver.prefetch(`/subscriptions/${subscription.subscriptionId}`).catch(() => undefined));
      }
    };
    if (this.run.tuning.strategy === 'arm' || this.prefetchReleased) setImmediate(() => this.prefetchSubscriptions());
    return usable;
  }

  private graphScope(query: string, subscriptions: readonly string[] | null): string {
    if (subscriptions === null) return `Resource Graph (${query}) in ${this.identity.tenantName}`;
    const count = subscriptions.length;
    return `Resource Graph (${query}) in ${this.identity.tenantName}, ${count} subscription${count === 1 ? '' : 's'}`;
  }

  /** One chunk (null: the whole tenant) through Resource Graph: VMs and Arc at once, network details after the VMs. */
  private async readChunk(subscriptions: string[] | null, signal: AbortSignal): Promise<void> {
    // The network query runs after the VM query: its rows only enrich rows already listed, and Resource Graph allows
    // about 15 queries per 5 s per user, so the pages that list machines go first.
    const vms = this.readGraph('windows-vms', subscriptions, signal).then(async (outcome) => {
      if (outcome === 'graph') await this.readGraph('vm-network', subscriptions, signal);
      return outcome;
    });
    const [vmOutcome, arcOutcome] = await Promise.all([vms, this.readGraph('arc-windows-machines', subscriptions, signal)]);
    const fallback = { vms: vmOutcome === 'arm', arc: arcOutcome === 'arm' };
    if (!fallback.vms && !fallback.arc) return;
    await this.subscriptionsReady;
    await this.readWithArm(subscriptions ?? [...this.subscriptionNames.keys()], fallback);
  }

  /**
   * Reads one query; returns 'arm' when Resource Graph is unavailable for it (its first page failed with forbidden,
   * not found, a 4xx or a persistent 5xx), 'graph' otherwise. Failures after the first page are problems.
   */
  private async readGraph(
    query: 'windows-vms' | 'arc-windows-machines' | 'vm-network',
    subscriptions: string[] | null,
    signal: AbortSignal,
  ): Promise<'graph' | 'arm'> {
    const scope = this.graphScope(query, subscriptions);
    let pages = 0;
    // Pages are handled in order but off the page loop: the next page is on its way while this one is mapped and its
    // machines' rights are started, so the client's work overlaps Resource Graph's instead of adding to it.
    let handled: Promise<void> = Promise.resolve();
    try {
      const { invalidRows } = await readGraphQuery(
        query,
        {
          rest: this.identity.rest,
          subscriptions,
          signal,
          scope,
          pageSize: this.run.tuning.graphPageSize,
          // Only the VM query starts small: Resource Graph allows about 15 queries per 5 s, so pages are not free.
          ...(query === 'windows-vms' ? { firstPageSize: this.run.tuning.graphFirstPageSize } : {}),
        },
        (page) => {
          pages += 1;
          handled = handled.then(() => this.handlePage(query, page.rows, page.totalRecords));
        },
      );
      await handled;
      this.releasePrefetch();
      if (invalidRows > 0) {
        this.run.problem(scope, new AppError('AZURE_BAD_RESPONSE', `${invalidRows} rows of ${scope} were malformed and skipped`, { scope, invalidRows }));
      }
      return 'graph';
    } catch (error: unknown) {
      // The pages that arrived before a failure still count (a failure of the handling itself is the error here).
      await handled.catch(() => undefined);
      this.releasePrefetch();
      // Abandoned on purpose (the tenant has more subscriptions than one query covers): the chunks take over.
      if (signal.aborted && !this.run.signal.aborted) return 'graph';
      if (isCancellation(error, this.run.signal)) throw error;
      if (pages === 0 && query !== 'vm-network' && isAppError(error) && GRAPH_UNAVAILABLE.has(error.code)) return 'arm';
      this.run.problem(scope, error);
      return 'graph';
    }
  }

  private async handlePage(query: 'windows-vms' | 'arc-windows-machines' | 'vm-network', rows: readonly unknown[], totalRecords: number | null): Promise<void> {
    // Rows wait for the subscription listing (usually done by then) so they carry subscription names, and for the next
    // turn of the event loop, by which time the request for the next page is on the wire.
    await this.subscriptionsReady;
    await new Promise((resolve) => setImmediate(resolve));
    if (query === 'vm-network') {
      this.onNetworkRows(rows as VmNetworkRow[]);
    } else {
      this.onMachineRows(query, rows, totalRecords);
      this.releasePrefetch();
    }
  }

  /** Lets the subscription prefetch start (once it knows the subscriptions): the first machine rows are out. */
  private releasePrefetch(): void {
    if (this.prefetchReleased) return;
    this.prefetchReleased = true;
    setImmediate(() => this.prefetchSubscriptions());
  }

  private onMachineRows(query: 'windows-vms' | 'arc-windows-machines', rows: readonly unknown[], totalRecords: number | null): void {
    const machines: Machine[] = [];
    for (const row of rows) {
      let machine: Machine;
      if (query === 'windows-vms') {
        const vm = row as Parameters<typeof mapWindowsVmRow>[0];
        machine = mapWindowsVmRow(vm, this.context(vm.subscriptionId), this.networkByVm.get(machineKey(vm.id)));
      } else {
        const arc = row as Parameters<typeof mapArcRow>[0];
        machine = mapArcRow(arc, this.context(arc.subscriptionId));
      }
      machines.push(this.admit(machine));
    }
    this.run.progress.listed(this.progressKey, query, rows.length, totalRecords);
    this.run.publish(machines);
  }

  private onNetworkRows(rows: readonly VmNetworkRow[]): void {
    const updated: Machine[] = [];
    for (const row of rows) {
      const key = machineKey(row.id);
      this.networkByVm.set(key, row);
      const current = this.run.current(key);
      if (current && current.kind === 'azure-vm') updated.push(withNetwork(current, mapVmNetwork(row)));
    }
    if (updated.length > 0) this.run.publish(updated);
  }

  /**
   * Enters a machine into the run: keeps a right already resolved for it (a later row may update other fields), and
   * starts resolving its right otherwise.
   */
  private admit(machine: Machine): Machine {
    const key = machineKey(machine.id);
    const existing = this.run.current(key);
    if (existing && existing.accountId === machine.accountId) return withAccess(machine, existing.access);
    if (!existing) this.run.progress.machineAdded();
    this.accessTasks.push(this.resolveAccess(machine));
    return machine;
  }

  /** Never rejects: cancellation ends the run elsewhere, and resolve() turns every other failure into `unknown`. */
  private async resolveAccess(machine: Machine): Promise<void> {
    let access: Machine['access'];
    try {
      access = await this.resolver.resolve(machine);
    } catch {
      return;
    }
    const key = machineKey(machine.id);
    const current = this.run.current(key) ?? machine;
    this.run.publish([withAccess(current, access)]);
    this.run.progress.rightKnown();
  }

  /** The ARM SDK path for subscriptions where Resource Graph is unavailable. */
  private async readWithArm(subscriptions: readonly string[], kinds: { readonly vms: boolean; readonly arc: boolean }): Promise<void> {
    const sink = {
      signal: this.run.signal,
      machine: (machine: Machine) => {
        const admitted = this.admit(machine);
        this.run.progress.listed(this.progressKey, 'arm', 1, null);
        this.run.publish([admitted]);
      },
      problem: (scope: string, error: AppError) => this.run.problem(this.describeScope(scope), error),
    };
    const tasks: Promise<void>[] = [];
    // Listing calls per subscription are bounded separately from the per-machine calls they spawn (no deadlock).
    const listings = new Limiter(4);
    for (const subscriptionId of subscriptions) {
      const context = this.context(subscriptionId);
      const guard = (label: string, work: () => Promise<unknown>) =>
        listings.run(work, this.run.signal).then(
          () => undefined,
          (error: unknown) => {
            if (isCancellation(error, this.run.signal)) throw error;
            const appError = toAzureError(error, label);
            // A subscription-wide list answers 403 when the user may read no machine of that type at subscription
            // scope, which usually just means "none for you here" (Resource Graph shows nothing either). A subscription
            // that is forbidden outright is reported by its permissions read, which every subscription gets.
            if (appError.code === 'AZURE_FORBIDDEN') return;
            this.run.problem(this.describeScope(`/subscriptions/${subscriptionId}`) + ` (${label})`, appError);
          },
        );
      if (kinds.vms) {
        tasks.push(guard('virtual machines', () => listVmsWithArm(this.identity, subscriptionId, context, this.run.fallbackLimiter, sink)));
      }
      if (kinds.arc) {
        tasks.push(guard('Arc-enabled servers', () => listArcWithArm(this.identity, subscriptionId, context, this.run.fallbackLimiter, sink)));
      }
    }
    const results = await Promise.allSettled(tasks);
    for (const result of results) if (result.status === 'rejected') throw result.reason;
  }
}
