import { promises as dnsPromises } from 'node:dns';
import { isIP } from 'node:net';

import type { DnsError, DnsObservation } from '../../shared/readiness/input';

/** The part of `dns.promises.lookup` the checker uses (system resolver: hosts file, DNS suffixes, VPN DNS). */
export type LookupAll = (hostname: string, options: { all: true }) => Promise<ReadonlyArray<{ address: string; family: number }>>;

/** Options of the checker; everything with a side effect or a clock is injectable. */
export interface DnsCheckerOptions {
  readonly lookup?: LookupAll;
  /** Give up on a lookup after this long; getaddrinfo can hang for many seconds on a dead DNS server. */
  readonly timeoutMs?: number;
  /** How long a successful answer is reused. */
  readonly ttlMs?: number;
  /** How long a failure is reused: short, so a hosts entry the user just added is seen on the next check. */
  readonly negativeTtlMs?: number;
  readonly now?: () => number;
}

/** Resolves names with a timeout and a small cache; never throws. */
export interface DnsChecker {
  check(name: string): Promise<DnsObservation>;
  clear(): void;
}

const defaultLookup: LookupAll = (hostname, options) => dnsPromises.lookup(hostname, options);

/** Maps resolver error codes (getaddrinfo and c-ares) to the observation's error kinds. */
export function classifyDnsError(error: unknown): { error: DnsError; detail: string } {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  const detail = code === '' ? message : code;
  switch (code) {
    case 'ENOTFOUND':
      return { error: 'NXDOMAIN', detail };
    case 'ENODATA':
      return { error: 'NODATA', detail };
    case 'ETIMEOUT':
    case 'EAI_AGAIN':
      return { error: 'TIMEOUT', detail };
    case 'ESERVFAIL':
      return { error: 'SERVFAIL', detail };
    case 'EREFUSED':
    case 'ECONNREFUSED':
      return { error: 'REFUSED', detail };
    case 'EBADNAME':
      return { error: 'INVALID_NAME', detail };
    default:
      return { error: 'OTHER', detail };
  }
}

function isValidHostname(name: string): boolean {
  return name.length > 0 && name.length <= 253 && /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(name);
}

interface CacheEntry {
  readonly observation: DnsObservation;
  readonly expiresAt: number;
}

/**
 * Creates a DNS checker over the system resolver. Concurrent checks of one name share a lookup; answers are cached
 * for `ttlMs`, failures for `negativeTtlMs`. A lookup that outlives `timeoutMs` is reported as TIMEOUT (the underlying
 * getaddrinfo can't be cancelled; its late answer is dropped).
 */
export function createDnsChecker(options: DnsCheckerOptions = {}): DnsChecker {
  const lookup = options.lookup ?? defaultLookup;
  const timeoutMs = options.timeoutMs ?? 2000;
  const ttlMs = options.ttlMs ?? 60_000;
  const negativeTtlMs = options.negativeTtlMs ?? 5_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, CacheEntry>();
  const inFlight = new Map<string, Promise<DnsObservation>>();

  const resolve = async (name: string): Promise<DnsObservation> => {
    const checkedAt = new Date(now()).toISOString();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((done) => {
      timer = setTimeout(() => done('timeout'), timeoutMs);
      timer.unref?.();
    });
    try {
      const result = await Promise.race([lookup(name, { all: true }), timeout]);
      if (result === 'timeout') {
        return { outcome: 'failed', name, error: 'TIMEOUT', detail: `no answer within ${timeoutMs} ms`, checkedAt };
      }
      const addresses = [...new Set(result.map((r) => r.address))];
      if (addresses.length === 0) return { outcome: 'failed', name, error: 'NODATA', detail: 'no addresses', checkedAt };
      return { outcome: 'resolved', name, addresses, checkedAt };
    } catch (error: unknown) {
      return { outcome: 'failed', name, ...classifyDnsError(error), checkedAt };
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  };

  return {
    async check(rawName: string): Promise<DnsObservation> {
      const name = rawName.trim().replace(/\.$/, '');
      const checkedAt = (): string => new Date(now()).toISOString();
      if (isIP(name) !== 0) return { outcome: 'resolved', name, addresses: [name], checkedAt: checkedAt() };
      if (!isValidHostname(name)) {
        return { outcome: 'failed', name, error: 'INVALID_NAME', detail: 'not a valid host name', checkedAt: checkedAt() };
      }
      const key = name.toLowerCase();
      const cached = cache.get(key);
      if (cached !== undefined && cached.expiresAt > now()) return cached.observation;
      const pending = inFlight.get(key);
      if (pending !== undefined) return pending;
      const started = resolve(name).then((observation) => {
        inFlight.delete(key);
        const lifetime = observation.outcome === 'resolved' ? ttlMs : negativeTtlMs;
        cache.set(key, { observation, expiresAt: now() + lifetime });
        return observation;
      });
      inFlight.set(key, started);
      return started;
    },
    clear(): void {
      cache.clear();
    },
  };
}
