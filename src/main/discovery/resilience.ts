import {
  type HttpHeaders,
  isRestError,
  type Pipeline,
  type PipelinePolicy,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';

/**
 * Retries and throttling for every Azure call discovery makes, as one pipeline policy shared by the REST client and the
 * typed SDK clients. It replaces the SDK's default retry policy because that one does not retry a 429 without
 * Retry-After (TOOLCHAIN §3) and has no per-attempt timeout, so a stalled response would hang discovery.
 */

/** Tuning of the retry policy; tests shorten the delays. */
export interface RetryTuning {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** First backoff delay when the server gives no Retry-After; doubles per attempt, with jitter. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A server-requested delay longer than this is not waited for: the call fails as throttled instead. */
  readonly maxRetryAfterMs: number;
  /** One attempt may take this long before it is abandoned and retried (a stalled response). */
  readonly attemptTimeoutMs: number;
}

/** Production defaults: ARM asks for seconds, not minutes; a healthy ARM read answers well within 30 s. */
export const DEFAULT_RETRY_TUNING: RetryTuning = {
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 16_000,
  maxRetryAfterMs: 60_000,
  attemptTimeoutMs: 30_000,
};

/** What the policy tells its observer about each retry (for logs and tests). */
export interface RetryEvent {
  readonly url: string;
  readonly attempt: number;
  readonly status: number | null;
  readonly reason: 'throttled' | 'server-error' | 'timeout' | 'network';
  readonly delayMs: number;
}

/** Hooks and test seams of the policy. */
export interface RetryPolicyOptions {
  readonly tuning?: Partial<RetryTuning>;
  readonly onRetry?: (event: RetryEvent) => void;
  readonly random?: () => number;
  /**
   * Resource Graph's quota gate for this identity: every Resource Graph attempt waits for it first, outside the
   * attempt's timeout (waiting for the quota window is not a stalled response).
   */
  readonly quotaGate?: GraphQuotaGate;
}

const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'REQUEST_SEND_ERROR',
]);

const GRAPH_PATH = /\/providers\/Microsoft\.ResourceGraph\//i;

/** The policy's name (to find or replace it in a pipeline). */
export const RESILIENT_RETRY_POLICY_NAME = 'rdpBrokerResilientRetry';

/**
 * The server's requested delay in ms from `retry-after-ms`, `x-ms-retry-after-ms` or `Retry-After` (seconds or an
 * HTTP date), or null when the response names none.
 */
export function readRetryAfterMs(headers: HttpHeaders, now: number = Date.now()): number | null {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = headers.get(name);
    if (value !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.max(0, Number(value));
  }
  const retryAfter = headers.get('retry-after');
  if (retryAfter === undefined || retryAfter.trim() === '') return null;
  if (/^\s*\d+(\.\d+)?\s*$/.test(retryAfter)) return Math.max(0, Number(retryAfter) * 1000);
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Exponential backoff with full jitter between half and all of the doubled delay. */
export function backoffDelayMs(attempt: number, tuning: RetryTuning, random: () => number = Math.random): number {
  const ceiling = Math.min(tuning.maxDelayMs, tuning.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleepUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  const error = new Error(typeof reason === 'string' ? reason : 'The operation was aborted.');
  error.name = 'AbortError';
  return error;
}

function isNetworkError(error: unknown): boolean {
  if (isRestError(error)) return error.code !== undefined && NETWORK_CODES.has(error.code);
  const code = (error as { code?: unknown; cause?: { code?: unknown } } | null)?.code ?? (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && NETWORK_CODES.has(code);
}

/** Merges the caller's signal with a per-attempt timeout; `timedOut()` tells the two apart afterwards. */
function attemptSignal(outer: AbortSignal | undefined, timeoutMs: number): { signal: AbortSignal; timedOut: () => boolean; dispose: () => void } {
  const controller = new AbortController();
  let timedOut = false;
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`No response within ${timeoutMs} ms`));
  }, timeoutMs);
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}

/**
 * Retries 429 (honouring Retry-After, and with backoff when it is missing), 408/5xx (Retry-After if given, else
 * backoff), network errors and stalled attempts. Never retries after the caller's signal aborted; the last response
 * is returned as is when retries run out, so the caller maps its status to an error.
 */
export function createRetryPolicy(options: RetryPolicyOptions = {}): PipelinePolicy {
  const tuning: RetryTuning = { ...DEFAULT_RETRY_TUNING, ...options.tuning };
  const random = options.random ?? Math.random;
  return {
    name: RESILIENT_RETRY_POLICY_NAME,
    async sendRequest(request: PipelineRequest, next): Promise<PipelineResponse> {
      const outer = request.abortSignal as AbortSignal | undefined;
      const gate = options.quotaGate && GRAPH_PATH.test(new URL(request.url).pathname) ? options.quotaGate : null;
      for (let attempt = 1; ; attempt += 1) {
        const release = gate ? await gate.acquire(outer) : null;
        const guard = attemptSignal(outer, tuning.attemptTimeoutMs);
        request.abortSignal = guard.signal;
        let response: PipelineResponse | null = null;
        let failure: unknown = null;
        try {
          response = await next(request);
          gate?.update(response.headers);
        } catch (error: unknown) {
          failure = error;
        } finally {
          guard.dispose();
          release?.();
          request.abortSignal = outer;
        }
        if (outer?.aborted) throw abortReason(outer);
        const lastAttempt = attempt > tuning.maxRetries;
        if (response) {
          if (!RETRY_STATUS.has(response.status) || lastAttempt) return response;
          const asked = readRetryAfterMs(response.headers);
          if (asked !== null && asked > tuning.maxRetryAfterMs) return response;
          const delayMs = asked ?? backoffDelayMs(attempt, tuning, random);
          options.onRetry?.({
            url: request.url,
            attempt,
            status: response.status,
            reason: response.status === 429 ? 'throttled' : 'server-error',
            delayMs,
          });
          await sleepUnlessAborted(delayMs, outer);
          continue;
        }
        const timedOut = guard.timedOut();
        if (lastAttempt || !(timedOut || isNetworkError(failure))) throw failure;
        const delayMs = backoffDelayMs(attempt, tuning, random);
        options.onRetry?.({ url: request.url, attempt, status: null, reason: timedOut ? 'timeout' : 'network', delayMs });
        await sleepUnlessAborted(delayMs, outer);
      }
    },
  };
}

/**
 * Replaces the SDK's default retry policy in a pipeline with ours. Works on @azure-rest clients and on the typed
 * ServiceClient-based clients alike.
 */
export function installRetryPolicy(pipeline: Pipeline, options: RetryPolicyOptions = {}): void {
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.removePolicy({ name: RESILIENT_RETRY_POLICY_NAME });
  pipeline.addPolicy(createRetryPolicy(options), { phase: 'Retry' });
}

/** Parses Resource Graph's `x-ms-user-quota-resets-after` (`hh:mm:ss`, fractions allowed) to ms. */
export function parseQuotaResetMs(value: string | undefined): number | null {
  const match = /^\s*(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)\s*$/.exec(value ?? '');
  if (!match) return null;
  return Math.round((Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3])) * 1000);
}

/**
 * Resource Graph's per-user quota (azure-rdp-facts §3.7: about 15 queries per 5 s window). Each response says how many
 * queries remain and when the window frees up; queries already in flight count against what remains, so parallel
 * pagers never overshoot. One gate per signed-in identity, kept across runs.
 */
export class GraphQuotaGate {
  private remaining: number | null = null;
  private resetAt = 0;
  private inFlight = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Records the quota headers of a Resource Graph response. */
  update(headers: HttpHeaders): void {
    const raw = headers.get('x-ms-user-quota-remaining');
    const remaining = Number(raw);
    if (raw === undefined || !Number.isFinite(remaining)) return;
    this.remaining = remaining;
    this.resetAt = this.now() + (parseQuotaResetMs(headers.get('x-ms-user-quota-resets-after')) ?? 1000);
  }

  /** How long a query must wait now. */
  waitMs(): number {
    if (this.remaining === null) return 0;
    const wait = this.resetAt - this.now();
    if (wait <= 0) {
      // The window moved on: one query is free again for sure; its response tells the rest. Should no response carry
      // quota headers (an error page), one more query is let through per second.
      this.remaining = this.inFlight + 1;
      this.resetAt = this.now() + 1000;
      return 0;
    }
    return this.remaining - this.inFlight > 0 ? 0 : wait;
  }

  /** Waits until a query may be sent (or the signal aborts) and counts it in flight; call `done` when it returns. */
  async acquire(signal: AbortSignal | undefined): Promise<() => void> {
    for (let wait = this.waitMs(); wait > 0; wait = this.waitMs()) await sleepUnlessAborted(wait, signal);
    this.inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
    };
  }
}

