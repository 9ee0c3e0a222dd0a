/**
 * Turns the counters of a discovery run into the progress line the UI shows ("Reading Contoso: 3,000 of 10,000
 * machines", then "Checking sign-in rights: 8,000 of 12,000 machines"), at most every `intervalMs`.
 */

const format = new Intl.NumberFormat('en-US');

interface TenantCounters {
  name: string;
  listed: number;
  /** Sum of Resource Graph totalRecords over the queries seen so far; null until the first page. */
  expected: Map<string, number>;
  listing: boolean;
}

/** Progress of one run. */
export class ProgressTracker {
  private readonly tenants = new Map<string, TenantCounters>();
  private machines = 0;
  private rightsKnown = 0;
  private lastSent = Number.NEGATIVE_INFINITY;
  private pending: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (message: string, done: number, total: number | null) => void,
    private readonly intervalMs = 100,
    private readonly now: () => number = Date.now,
  ) {}

  /** A tenant starts being read. */
  startTenant(key: string, name: string): void {
    this.tenants.set(key, { name, listed: 0, expected: new Map(), listing: true });
    this.update();
  }

  /** The tenant's display name became known. */
  renameTenant(key: string, name: string): void {
    const tenant = this.tenants.get(key);
    if (tenant) tenant.name = name;
  }

  /** Rows of a query arrived; `expectedForQuery` is that query's totalRecords. */
  listed(key: string, query: string, rows: number, expectedForQuery: number | null): void {
    const tenant = this.tenants.get(key);
    if (!tenant) return;
    tenant.listed += rows;
    if (expectedForQuery !== null) tenant.expected.set(query, expectedForQuery);
    this.update();
  }

  /** A tenant's machines are all listed (or it failed). */
  finishTenant(key: string): void {
    const tenant = this.tenants.get(key);
    if (tenant) tenant.listing = false;
    this.update();
  }

  /** A machine entered the list (counted once per machine). */
  machineAdded(): void {
    this.machines += 1;
  }

  /** A machine's login right is known (or definitively unknown). */
  rightKnown(): void {
    this.rightsKnown += 1;
    this.update();
  }

  /** The current line, without throttling (tests, the final report). */
  describe(): { message: string; done: number; total: number | null } {
    const listing = [...this.tenants.values()].filter((t) => t.listing);
    if (listing.length > 0) {
      const listed = listing.reduce((sum, t) => sum + t.listed, 0);
      const expectedKnown = listing.every((t) => t.expected.size > 0);
      const expected = listing.reduce((sum, t) => sum + [...t.expected.values()].reduce((a, b) => a + b, 0), 0);
      const names = listing.length === 1 ? (listing[0]?.name ?? '') : `${listing[0]?.name ?? ''} and ${listing.length - 1} more`;
      const total = expectedKnown ? Math.max(expected, listed) : null;
      const message =
        total === null
          ? `Reading ${names}: ${format.format(listed)} machines so far`
          : `Reading ${names}: ${format.format(listed)} of ${format.format(total)} machines`;
      return { message, done: listed, total };
    }
    return {
      message: `Checking sign-in rights: ${format.format(this.rightsKnown)} of ${format.format(this.machines)} machines`,
      done: this.rightsKnown,
      total: this.machines,
    };
  }

  /** Sends the current line now and cancels a pending one. */
  flush(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = null;
    this.lastSent = this.now();
    const { message, done, total } = this.describe();
    this.send(message, done, total);
  }

  private update(): void {
    if (this.pending) return;
    const wait = this.lastSent + this.intervalMs - this.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.pending = setTimeout(() => this.flush(), wait);
  }

  /** Stops any pending update (end of run). */
  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = null;
  }
}
