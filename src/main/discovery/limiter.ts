import { AppError } from '../../shared/errors/app-error';

/** Runs async tasks with at most `concurrency` in flight, in the order they were queued. */
export class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new AppError('VALIDATION_FAILED', `Concurrency must be a positive integer, got ${concurrency}`);
    }
  }

  /** Tasks running now (tests, progress). */
  get running(): number {
    return this.active;
  }

  /** Tasks waiting for a slot. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Runs `task` when a slot is free. A task whose signal aborted while it waited never starts: it rejects with the
   * signal's reason, so cancellation stops new requests at once.
   */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.active >= this.concurrency) {
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active += 1;
    }
    try {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      return await task();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}

/** A cache of promises that expire after `ttlMs`; a rejected promise is evicted at once so the next caller retries. */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 50_000,
  ) {}

  /** The cached promise for `key`, or the one `load` starts (and caches). */
  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    const now = this.now();
    if (hit && hit.expiresAt > now) return hit.value;
    if (hit) this.entries.delete(key);
    const value = load();
    this.entries.set(key, { value, expiresAt: now + this.ttlMs });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }

  /** Whether a live entry exists (tests). */
  has(key: string): boolean {
    const hit = this.entries.get(key);
    return !!hit && hit.expiresAt > this.now();
  }

  /** Forgets everything (sign-out, explicit refresh). */
  clear(): void {
    this.entries.clear();
  }
}
