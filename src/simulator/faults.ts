import { z } from 'zod';

import { AppError } from '../shared/errors/app-error';

/**
 * Fault injection, deterministic by design: every rule counts the requests it applies to and fires on the Nth one
 * (`everyNth`) or on an exact share of them (`share`, spread evenly), never by chance. Unless a rule has its own
 * `path` regex, it applies to ARM and Resource Graph requests only (not to Entra sign-in, not to the browser pages).
 */

const regexString = z.string().refine((s) => {
  try {
    new RegExp(s, 'i');
    return true;
  } catch {
    return false;
  }
}, 'must be a valid regular expression');

const ruleShape = {
  /** Fire on requests number N, 2N, 3N, … that match the rule. */
  everyNth: z.number().int().positive().optional(),
  /** Fire on this share of matching requests (0..1), spread evenly: 0.25 hits requests 4, 8, 12, … */
  share: z.number().min(0).max(1).optional(),
  /** Case-insensitive regex tested against the URL path (no query); e.g. `ResourceGraph` or `/permissions$`. */
  path: regexString.optional(),
};

const throttleSchema = z.object({
  ...ruleShape,
  /** Retry-After seconds on the 429; null sends a 429 WITHOUT Retry-After (the Azure SDK does not retry those). */
  retryAfterSeconds: z.number().int().nonnegative().nullable().default(1),
});
const serverErrorSchema = z.object({ ...ruleShape, status: z.union([z.literal(500), z.literal(503)]).default(500) });
const stallSchema = z.object({ ...ruleShape, ms: z.number().int().nonnegative() });
const truncateSchema = z.object(ruleShape);

/** Every knob, all optional: what `setFaults` and `SimulatorOptions.faults` accept. */
export const faultKnobsSchema = z.object({
  /** Delay added before answering each matching request. */
  latencyMs: z.number().int().nonnegative(),
  /** Regex limiting latencyMs to some paths (null: ARM and Resource Graph). */
  latencyPath: regexString.nullable(),
  throttle: throttleSchema.nullable(),
  serverError: serverErrorSchema.nullable(),
  stall: stallSchema.nullable(),
  truncate: truncateSchema.nullable(),
  /** Subscription ids whose every ARM request answers 403 AuthorizationFailed (and which Resource Graph skips). */
  forbiddenSubscriptions: z.array(z.string()),
  /** Overrides the scenario's access-token lifetime (e.g. 1 to force expiry in tests); null keeps the scenario's. */
  tokenLifetimeSeconds: z.number().int().positive().nullable(),
});

/** The complete fault configuration. */
export type FaultKnobs = z.output<typeof faultKnobsSchema>;
/** One counted fault rule. */
export type FaultRule = z.input<typeof truncateSchema>;
/** The input form of the knobs (defaults optional). */
export type FaultKnobsInput = z.input<typeof faultKnobsSchema>;

/** No faults at all. */
export const NO_FAULTS: FaultKnobs = {
  latencyMs: 0,
  latencyPath: null,
  throttle: null,
  serverError: null,
  stall: null,
  truncate: null,
  forbiddenSubscriptions: [],
  tokenLifetimeSeconds: null,
};

/** What to do to one request. */
export interface FaultDecision {
  readonly latencyMs: number;
  readonly stallMs: number;
  /** Set when the request must be answered 429. */
  readonly throttle: { readonly retryAfterSeconds: number | null } | null;
  /** Set when the request must be answered 500/503. */
  readonly serverError: 500 | 503 | null;
  readonly truncate: boolean;
}

type CountedKey = 'throttle' | 'serverError' | 'stall' | 'truncate';

const azureApiPath = /^\/(subscriptions|tenants|providers)(\/|$)/i;

/** True for ARM and Resource Graph paths (the default target of every fault). */
export function isAzureApiPath(pathname: string): boolean {
  return azureApiPath.test(pathname);
}

function fires(rule: FaultRule, n: number): boolean {
  if (rule.everyNth !== undefined && n % rule.everyNth === 0) return true;
  if (rule.share !== undefined && rule.share > 0 && Math.floor(n * rule.share) > Math.floor((n - 1) * rule.share)) return true;
  return false;
}

/** Holds the knobs and the per-rule counters. */
export class FaultInjector {
  private current: FaultKnobs = NO_FAULTS;
  private readonly counters: Record<CountedKey, number> = { throttle: 0, serverError: 0, stall: 0, truncate: 0 };
  private readonly regexCache = new Map<string, RegExp>();
  private forbidden = new Set<string>();

  constructor(initial?: Partial<FaultKnobsInput>) {
    if (initial) this.set(initial);
  }

  /** The knobs in force. */
  get knobs(): FaultKnobs {
    return this.current;
  }

  /**
   * Merges knobs into the current ones; a rule that is given again restarts its counter.
   *
   * @throws AppError VALIDATION_FAILED for malformed knobs.
   */
  set(partial: Partial<FaultKnobsInput>): void {
    const parsed = faultKnobsSchema.partial().safeParse(partial);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      throw new AppError('VALIDATION_FAILED', `Invalid fault knobs: ${lines.join('; ')}`, { issues: lines });
    }
    const next = { ...this.current };
    for (const [key, value] of Object.entries(parsed.data) as [keyof FaultKnobs, unknown][]) {
      if (value === undefined) continue;
      (next as Record<string, unknown>)[key] = value;
      if (key === 'throttle' || key === 'serverError' || key === 'stall' || key === 'truncate') this.counters[key] = 0;
    }
    this.current = next;
    this.forbidden = new Set(next.forbiddenSubscriptions.map((s) => s.toLowerCase()));
  }

  /** True when the subscription is on the forbidden list. */
  isForbidden(subscriptionId: string): boolean {
    return this.forbidden.has(subscriptionId.toLowerCase());
  }

  private matches(pattern: string | null | undefined, pathname: string): boolean {
    if (pattern === null || pattern === undefined) return isAzureApiPath(pathname);
    let re = this.regexCache.get(pattern);
    if (!re) {
      re = new RegExp(pattern, 'i');
      this.regexCache.set(pattern, re);
    }
    return re.test(pathname);
  }

  private count(key: CountedKey, rule: FaultRule | null, pathname: string): boolean {
    if (!rule || !this.matches(rule.path, pathname)) return false;
    this.counters[key] += 1;
    return fires(rule, this.counters[key]);
  }

  /** Decides, and counts, the faults for one request. */
  decide(pathname: string): FaultDecision {
    const k = this.current;
    const stall = this.count('stall', k.stall, pathname);
    const throttle = this.count('throttle', k.throttle, pathname);
    const serverError = !throttle && this.count('serverError', k.serverError, pathname);
    const truncate = !throttle && !serverError && this.count('truncate', k.truncate, pathname);
    return {
      latencyMs: k.latencyMs > 0 && this.matches(k.latencyPath, pathname) ? k.latencyMs : 0,
      stallMs: stall && k.stall ? k.stall.ms : 0,
      throttle: throttle && k.throttle ? { retryAfterSeconds: k.throttle.retryAfterSeconds } : null,
      serverError: serverError && k.serverError ? k.serverError.status : null,
      truncate,
    };
  }
}
