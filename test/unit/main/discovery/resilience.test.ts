import {
  createHttpHeaders,
  createPipelineRequest,
  type PipelineRequest,
  type PipelineResponse,
  RestError,
} from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';

import {
  backoffDelayMs,
  createRetryPolicy,
  DEFAULT_RETRY_TUNING,
  GraphQuotaGate,
  parseQuotaResetMs,
  readRetryAfterMs,
  type RetryEvent,
} from '../../../../src/main/discovery/resilience';

const TUNING = { baseDelayMs: 5, maxDelayMs: 20, maxRetries: 3, attemptTimeoutMs: 200, maxRetryAfterMs: 2_000 };

const response = (request: PipelineRequest, status: number, headers: Record<string, string> = {}): PipelineResponse => ({
  request,
  status,
  headers: createHttpHeaders(headers),
});

/** A scripted server: each attempt takes the next step (a status with headers, a stall, or a thrown error). */
function script(steps: readonly (number | [number, Record<string, string>] | 'stall' | Error)[]) {
  let attempt = 0;
  const seen: number[] = [];
  const next = (request: PipelineRequest): Promise<PipelineResponse> => {
    const step = steps[Math.min(attempt, steps.length - 1)];
    attempt += 1;
    seen.push(performance.now());
    if (step === 'stall') {
      return new Promise((_, reject) =>
        request.abortSignal?.addEventListener('abort', () => reject(new RestError('The operation was aborted.', { code: 'ABORT_ERR' }))),
      );
    }
    if (step instanceof Error) return Promise.reject(step);
    const [status, headers]: [number, Record<string, string>] = typeof step === 'number' ? [step, {}] : (step ?? [200, {}]);
    return Promise.resolve(response(request, status, headers));
  };
  return { next, attempts: () => attempt, seen };
}

function send(steps: Parameters<typeof script>[0], signal?: AbortSignal) {
  const server = script(steps);
  const events: RetryEvent[] = [];
  const policy = createRetryPolicy({ tuning: TUNING, onRetry: (e) => events.push(e), random: () => 0.5 });
  const request = createPipelineRequest({ url: 'https://127.0.0.1/x', ...(signal ? { abortSignal: signal } : {}) });
  return { result: policy.sendRequest(request, server.next), server, events };
}

describe('retry policy', () => {
  it('retries a 429 without Retry-After (the SDK would not) with backoff', async () => {
    const { result, server, events } = send([429, 429, 200]);
    expect((await result).status).toBe(200);
    expect(server.attempts()).toBe(3);
    expect(events.map((e) => [e.reason, e.status])).toEqual([
      ['throttled', 429],
      ['throttled', 429],
    ]);
    expect(events[1]?.delayMs).toBeGreaterThan(events[0]?.delayMs ?? Infinity);
  });

  it('waits what Retry-After asks on a 429', async () => {
    const { result, server, events } = send([[429, { 'retry-after': '0.15' }], 200]);
    expect((await result).status).toBe(200);
    expect(events[0]?.delayMs).toBe(150);
    const [first, second] = server.seen;
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(140);
  });

  it('retries 500 and 503 and gives up with the last response', async () => {
    const ok = send([500, [503, { 'retry-after-ms': '10' }], 200]);
    expect((await ok.result).status).toBe(200);
    const exhausted = send([500]);
    expect((await exhausted.result).status).toBe(500);
    expect(exhausted.server.attempts()).toBe(TUNING.maxRetries + 1);
  });

  it.each([400, 401, 403, 404, 409])('does not retry %i', async (status) => {
    const { result, server } = send([status, 200]);
    expect((await result).status).toBe(status);
    expect(server.attempts()).toBe(1);
  });

  it('does not wait for an unreasonable Retry-After: the throttled response is returned', async () => {
    const { result, server } = send([[429, { 'retry-after': '3600' }], 200]);
    expect((await result).status).toBe(429);
    expect(server.attempts()).toBe(1);
  });

  it('abandons a stalled attempt and retries it', async () => {
    const { result, server, events } = send(['stall', 200]);
    expect((await result).status).toBe(200);
    expect(server.attempts()).toBe(2);
    expect(events[0]?.reason).toBe('timeout');
  });

  it('retries network errors but not other exceptions', async () => {
    const network = send([new RestError('socket hang up', { code: 'ECONNRESET' }), 200]);
    expect((await network.result).status).toBe(200);
    const other = send([new TypeError('bug'), 200]);
    await expect(other.result).rejects.toThrow('bug');
    expect(other.server.attempts()).toBe(1);
  });

  it('stops at once, without another request, when the caller cancels during a backoff', async () => {
    const controller = new AbortController();
    const { result, server } = send([[429, { 'retry-after': '1' }], 200], controller.signal);
    setTimeout(() => controller.abort(new Error('cancelled by test')), 20);
    const started = performance.now();
    await expect(result).rejects.toThrow('cancelled by test');
    expect(performance.now() - started).toBeLessThan(500);
    expect(server.attempts()).toBe(1);
  });
});

describe('Retry-After and quota headers', () => {
  it('reads seconds, milliseconds and HTTP dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(readRetryAfterMs(createHttpHeaders({ 'retry-after': '2' }), now)).toBe(2000);
    expect(readRetryAfterMs(createHttpHeaders({ 'x-ms-retry-after-ms': '250' }), now)).toBe(250);
    expect(readRetryAfterMs(createHttpHeaders({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }), now)).toBe(3000);
    expect(readRetryAfterMs(createHttpHeaders({}), now)).toBeNull();
    expect(readRetryAfterMs(createHttpHeaders({ 'retry-after': 'soon' }), now)).toBeNull();
  });

  it('keeps backoff within its bounds', () => {
    for (let attempt = 1; attempt < 10; attempt += 1) {
      for (const r of [0, 0.5, 0.999]) {
        const delay = backoffDelayMs(attempt, DEFAULT_RETRY_TUNING, () => r);
        expect(delay).toBeGreaterThanOrEqual(DEFAULT_RETRY_TUNING.baseDelayMs / 2);
        expect(delay).toBeLessThanOrEqual(DEFAULT_RETRY_TUNING.maxDelayMs);
      }
    }
  });

  it.each([
    ['00:00:05', 5000],
    ['00:01:00', 60_000],
    ['0:00:00.5', 500],
    ['garbage', null],
  ] as const)('quota reset %s → %s ms', (value, expected) => {
    expect(parseQuotaResetMs(value)).toBe(expected);
  });

  it('holds Resource Graph queries while the user quota is exhausted', () => {
    let now = 1_000;
    const gate = new GraphQuotaGate(() => now);
    expect(gate.waitMs()).toBe(0);
    gate.update(createHttpHeaders({ 'x-ms-user-quota-remaining': '3', 'x-ms-user-quota-resets-after': '00:00:05' }));
    expect(gate.waitMs()).toBe(0);
    gate.update(createHttpHeaders({ 'x-ms-user-quota-remaining': '0', 'x-ms-user-quota-resets-after': '00:00:02' }));
    expect(gate.waitMs()).toBe(2000);
    now += 1500;
    expect(gate.waitMs()).toBe(500);
    now += 500;
    expect(gate.waitMs()).toBe(0);
  });

  it('counts queries in flight against what remains', async () => {
    const gate = new GraphQuotaGate();
    gate.update(createHttpHeaders({ 'x-ms-user-quota-remaining': '2', 'x-ms-user-quota-resets-after': '00:00:05' }));
    const first = await gate.acquire(undefined);
    await gate.acquire(undefined);
    expect(gate.waitMs()).toBeGreaterThan(4000);
    first();
    expect(gate.waitMs()).toBe(0);
  });

  it('applies the gate to Resource Graph paths only', async () => {
    const gate = new GraphQuotaGate();
    gate.update(createHttpHeaders({ 'x-ms-user-quota-remaining': '0', 'x-ms-user-quota-resets-after': '00:00:00.2' }));
    const policy = createRetryPolicy({ tuning: TUNING, quotaGate: gate });
    const next = (request: PipelineRequest) => Promise.resolve(response(request, 200));
    let started = performance.now();
    await policy.sendRequest(createPipelineRequest({ url: 'https://127.0.0.1/subscriptions?api-version=1' }), next);
    expect(performance.now() - started).toBeLessThan(100);
    started = performance.now();
    await policy.sendRequest(createPipelineRequest({ url: 'https://127.0.0.1/providers/Microsoft.ResourceGraph/resources' }), next);
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('does not count waiting for the quota window against the attempt timeout', async () => {
    const gate = new GraphQuotaGate();
    gate.update(createHttpHeaders({ 'x-ms-user-quota-remaining': '0', 'x-ms-user-quota-resets-after': '00:00:00.4' }));
    let attempts = 0;
    const policy = createRetryPolicy({ tuning: { ...TUNING, attemptTimeoutMs: 100 }, quotaGate: gate });
    const result = await policy.sendRequest(createPipelineRequest({ url: 'https://127.0.0.1/providers/Microsoft.ResourceGraph/resources' }), (request) => {
      attempts += 1;
      return Promise.resolve(response(request, 200, { 'x-ms-user-quota-remaining': '14', 'x-ms-user-quota-resets-after': '00:00:05' }));
    });
    expect(result.status).toBe(200);
    expect(attempts).toBe(1);
    expect(gate.waitMs()).toBe(0);
  });
});
