import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { DiscoveryRunner } from '../../../src/main/discovery/discovery-runner';
import type { Verdict } from '../../../src/shared/readiness/finding';
import { byName, DEMO, FAST_RETRY, type DiscoveryHarness, names, runDiscovery, type RunResult, startDiscoveryHarness } from './support';

const NO_FAULTS = { throttle: null, serverError: null, stall: null, truncate: null, forbiddenSubscriptions: [], latencyMs: 0 };

describe('discovery under the simulator fault knobs', () => {
  let h: DiscoveryHarness;
  let reference: RunResult;

  beforeAll(async () => {
    h = await startDiscoveryHarness();
    await h.signIn(DEMO.avery);
    reference = await runDiscovery(h.discovery().discovery);
  });
  afterEach(() => {
    h.sim.setFaults(NO_FAULTS);
    h.sim.clearRequests();
  });
  afterAll(async () => {
    await h.close();
  });

  const expectComplete = (result: RunResult) => {
    expect(result.error).toBeNull();
    expect(result.problems).toEqual([]);
    expect(names(result)).toEqual(names(reference));
    for (const machine of result.machines.values()) {
      expect(machine.access).toEqual(reference.machines.get(machine.id.toLowerCase())?.access);
    }
  };
  const injected = (kind: string) => h.sim.requests.filter((r) => r.faults.includes(kind as never));

  it('honours Retry-After on 429 from Resource Graph and the permissions API', async () => {
    h.sim.setFaults({ throttle: { path: 'ResourceGraph|/permissions$', everyNth: 3, retryAfterSeconds: 0 } });
    expectComplete(await runDiscovery(h.discovery().discovery));
    expect(injected('throttle').length).toBeGreaterThan(3);
  });

  it('retries a 429 that has no Retry-After (the SDK alone would fail it)', async () => {
    // ARM paths: a Resource Graph 429 also carries quota headers, which make the next query wait out the window.
    h.sim.setFaults({ throttle: { path: '^/subscriptions', share: 0.25, retryAfterSeconds: null } });
    expectComplete(await runDiscovery(h.discovery().discovery));
    // With the role-assignment listings served, a run makes about 16 ARM requests: a quarter of them is 4.
    expect(injected('throttle').length).toBeGreaterThan(2);
  });

  it('retries 500 and 503 with backoff', async () => {
    h.sim.setFaults({ serverError: { everyNth: 5, status: 503 } });
    expectComplete(await runDiscovery(h.discovery().discovery));
    h.sim.setFaults({ serverError: { everyNth: 7, status: 500 } });
    expectComplete(await runDiscovery(h.discovery().discovery));
    expect(injected('serverError').length).toBeGreaterThan(3);
  });

  it('abandons a stalled response and asks again', async () => {
    h.sim.setFaults({ stall: { path: 'ResourceGraph|/permissions$', everyNth: 6, ms: 20_000 } });
    const started = performance.now();
    // Generous per-attempt timeout: the machine running the tests may be busy; the stall is far longer anyway.
    const { discovery, requests } = h.discovery({ retry: { ...FAST_RETRY, attemptTimeoutMs: 1_500 } });
    expectComplete(await runDiscovery(discovery));
    expect(performance.now() - started).toBeLessThan(15_000);
    // Stalled attempts are still pending in the simulator (not yet logged), so count what went on the wire.
    expect(requests.length).toBeGreaterThan(h.sim.requests.length);
  });

  it('asks again after a body cut in half', async () => {
    h.sim.setFaults({ truncate: { everyNth: 5 } });
    expectComplete(await runDiscovery(h.discovery().discovery));
    expect(injected('truncate').length).toBeGreaterThan(2);
  });

  it('reports a persistently malformed scope as AZURE_BAD_RESPONSE, never as a complete answer', async () => {
    h.sim.setFaults({ truncate: { path: `/subscriptions/${DEMO.devTest}/providers/Microsoft.Authorization/permissions$`, everyNth: 1 } });
    const result = await runDiscovery(h.discovery().discovery);
    expect(result.error).toBeNull();
    expect(result.problems).toEqual([
      expect.objectContaining({
        scope: `Contoso Dev/Test (/subscriptions/${DEMO.devTest})`,
        error: expect.objectContaining({ code: 'AZURE_BAD_RESPONSE' }) as unknown,
      }),
    ]);
    // Its machines stay listed, marked unknown with the reason; the others are resolved.
    expect(byName(result, 'vm-dev-01').access).toEqual({
      right: 'unknown',
      source: `Could not read permissions at /subscriptions/${DEMO.devTest} (AZURE_BAD_RESPONSE)`,
    });
    expect(byName(result, 'vm-web-01').access.right).toBe('user');
  });

  it('reports Resource Graph queries whose answers stay malformed, without crashing', async () => {
    h.sim.setFaults({ truncate: { path: 'ResourceGraph', everyNth: 1 } });
    const result = await runDiscovery(h.discovery().discovery);
    expect(result.error).toBeNull();
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.every((p) => p.error.code === 'AZURE_BAD_RESPONSE' && p.scope.startsWith('Resource Graph'))).toBe(true);
  });

  it('a forbidden subscription is a problem; every other subscription is still listed and resolved', async () => {
    h.sim.setFaults({ forbiddenSubscriptions: [DEMO.devTest] });
    const result = await runDiscovery(h.discovery().discovery);
    expect(result.problems).toEqual([
      expect.objectContaining({
        scope: `Contoso Dev/Test (/subscriptions/${DEMO.devTest})`,
        error: expect.objectContaining({ code: 'AZURE_FORBIDDEN' }) as unknown,
      }),
    ]);
    expect(names(result)).toEqual(names(reference).filter((name) => !name.startsWith('vm-dev-')));
    expect([...result.machines.values()].every((m) => m.access.right !== 'unknown')).toBe(true);
  });

  it('the runner marks a run with problems partial, not complete', async () => {
    h.sim.setFaults({ forbiddenSubscriptions: [DEMO.devTest] });
    const events: { event: string; payload: unknown }[] = [];
    const { discovery } = h.discovery();
    const judge = () => Promise.resolve(() => ({ status: 'ready', findings: [], dialName: null, dialNameReason: '', signInMethod: 'web-account' }) as unknown as Verdict);
    const runner = new DiscoveryRunner(() => discovery.createSource(), (event, payload) => events.push({ event, payload }), judge);
    runner.start();
    await runner.settled();
    const snapshot = runner.snapshot();
    expect(snapshot.status).toBe('partial');
    expect(snapshot.problems.map((p) => p.error.code)).toEqual(['AZURE_FORBIDDEN']);
    expect(snapshot.machines.length).toBe(reference.machines.size - 3);
    expect(events.some((e) => e.event === 'machines:progress')).toBe(true);
  });

  it('stops promptly when cancelled and sends nothing more', async () => {
    h.sim.setFaults({ latencyMs: 40 });
    const controller = new AbortController();
    const { discovery } = h.discovery();
    let abortedAt = 0;
    const running = runDiscovery(discovery, controller.signal);
    // Cancel as soon as the first rows are in: rights and later pages are still running.
    const poll = setInterval(() => {
      if (h.sim.requests.some((r) => r.path.includes('ResourceGraph')) && abortedAt === 0) {
        abortedAt = Date.now();
        controller.abort();
      }
    }, 5);
    const result = await running;
    clearInterval(poll);
    expect(result.error).toMatchObject({ code: 'DISCOVERY_CANCELLED' });
    expect(Date.now() - abortedAt).toBeLessThan(500);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.sim.requests.filter((r) => r.at > abortedAt + 20)).toEqual([]);
  });
});
