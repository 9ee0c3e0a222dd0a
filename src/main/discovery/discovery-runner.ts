import { randomUUID } from 'node:crypto';

import type { EventSink } from '../ipc/dispatch';
import type { Machine } from '../../shared/domain/machine';
import { AppError, toErrorPayload } from '../../shared/errors/app-error';
import type { DiscoveryProblem, DiscoveryStatus, ListedMachine, MachineSnapshot } from '../../shared/ipc/schemas';
import type { Verdict } from '../../shared/readiness/finding';

/** Judges one machine for the list (no DNS, no client checks); prepared once per run (it needs the accounts). */
export type PrepareJudge = () => Promise<(machine: Machine) => Verdict>;

/** What a discovery source reports while it runs. */
export interface DiscoveryReporter {
  readonly signal: AbortSignal;
  /** New or updated machines (a later batch may update a machine, e.g. once its login right is known). */
  rows(machines: readonly Machine[]): void;
  progress(message: string, done: number, total: number | null): void;
  /** A scope (tenant, subscription, query) that could not be read; discovery goes on with the others. */
  problem(scope: string, error: unknown): void;
}

/** Finds machines; the runner owns run ids, cancellation, the snapshot and the events. */
export interface DiscoverySource {
  discover(reporter: DiscoveryReporter): Promise<void>;
}

/**
 * Runs discovery one run at a time, keeps the latest snapshot for late subscribers (a reloaded page), and turns the
 * source's reports into `machines:*` events. Rows are batched per tick so 12,000 machines are not 12,000 events.
 */
export class DiscoveryRunner {
  private runId: string | null = null;
  private status: DiscoveryStatus = 'idle';
  private readonly machines = new Map<string, ListedMachine>();
  private problems: DiscoveryProblem[] = [];
  private controller: AbortController | null = null;
  private lastJudge: ((machine: Machine) => Verdict) | null = null;
  private current: Promise<void> | null = null;

  constructor(
    private readonly source: () => DiscoverySource,
    private readonly emit: EventSink,
    private readonly prepareJudge: PrepareJudge,
  ) {}

  /** Starts a fresh run, cancelling one in progress. */
  start(): string {
    this.controller?.abort();
    const runId = randomUUID();
    const controller = new AbortController();
    this.controller = controller;
    this.runId = runId;
    this.status = 'running';
    this.machines.clear();
    this.problems = [];
    let pending: ListedMachine[] = [];
    let judge: ((machine: Machine) => Verdict) | null = null;
    let flushScheduled = false;
    const flush = () => {
      flushScheduled = false;
      if (pending.length === 0 || this.runId !== runId) return;
      const batch = pending;
      pending = [];
      this.emit('machines:rows', { runId, machines: batch });
    };
    const reporter: DiscoveryReporter = {
      signal: controller.signal,
      rows: (machines) => {
        if (this.runId !== runId || judge === null) return;
        const judged = judge;
        const listed = machines.map((machine) => ({ ...machine, verdict: judged(machine) }));
        for (const machine of listed) this.machines.set(machine.id.toLowerCase(), machine);
        pending.push(...listed);
        if (!flushScheduled) {
          flushScheduled = true;
          setImmediate(flush);
        }
      },
      progress: (message, done, total) => {
        if (this.runId === runId) this.emit('machines:progress', { runId, status: 'running', message, done, total });
      },
      problem: (scope, error) => {
        if (this.runId === runId) this.problems.push({ scope, error: toErrorPayload(error) });
      },
    };
    this.current = this.prepareJudge()
      .then((prepared) => {
        judge = prepared;
        this.lastJudge = prepared;
        return this.source().discover(reporter);
      })
      .then(
        () => (controller.signal.aborted ? 'cancelled' : this.problems.length > 0 ? 'partial' : 'complete'),
        (error: unknown): DiscoveryStatus => {
          if (controller.signal.aborted) return 'cancelled';
          this.problems.push({ scope: 'discovery', error: toErrorPayload(error) });
          return this.machines.size > 0 ? 'partial' : 'failed';
        },
      )
      .then((status) => {
        if (this.runId !== runId) return;
        flush();
        this.status = status;
        this.emit('machines:finished', { runId, status, problems: this.problems });
      });
    return runId;
  }

  /** Cancels the run in progress, if any. */
  cancel(): void {
    this.controller?.abort(new AppError('DISCOVERY_CANCELLED', 'Discovery was cancelled by the user.'));
  }

  /** Waits for the current run (tests, CLI). */
  async settled(): Promise<void> {
    await this.current;
  }

  /** The latest list and its status. */
  snapshot(): MachineSnapshot {
    return { runId: this.runId, status: this.status, machines: [...this.machines.values()], problems: this.problems };
  }

  /** Replaces one machine after a change (e.g. it was started), re-judged, and tells the renderer. */
  replace(machine: Machine): ListedMachine | undefined {
    const key = machine.id.toLowerCase();
    if (!this.machines.has(key) || this.lastJudge === null || this.runId === null) return undefined;
    const listed = { ...machine, verdict: this.lastJudge(machine) };
    this.machines.set(key, listed);
    this.emit('machines:rows', { runId: this.runId, machines: [listed] });
    return listed;
  }

  /** A machine of the latest run, by resource id (case-insensitive). */
  find(id: string): ListedMachine | undefined {
    return this.machines.get(id.toLowerCase());
  }
}
