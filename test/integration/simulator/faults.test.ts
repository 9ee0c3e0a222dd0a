import { getClient } from '@azure-rest/core-client';
import { ComputeManagementClient } from '@azure/arm-compute';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { WINDOWS_VMS_QUERY } from '../../../src/shared/discovery/resource-graph-queries';
import { NO_FAULTS } from '../../../src/simulator/faults';
import { armFetch, armScope, credentialFor, DEMO, type MsalCredential, type SimHarness, startHarness } from './support';

const PROD = DEMO.subscriptions.prod;
const LIST = `/subscriptions/${PROD}/providers/Microsoft.Compute/virtualMachines?api-version=2024-07-01`;
const GRAPH = '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01';

describe('fault knobs', () => {
  let h: SimHarness;
  let avery: { credential: MsalCredential; token: string };
  const compute = () =>
    new ComputeManagementClient(avery.credential, PROD, {
      endpoint: h.sim.clouds.AzureCloud,
      credentials: { scopes: [armScope()] },
      additionalPolicies: [{ policy: h.transport.azurePipelinePolicy, position: 'perCall' }],
    });
  const statuses = () => h.sim.requests.filter((r) => r.path.startsWith('/subscriptions/')).map((r) => r.status);

  beforeAll(async () => {
    h = await startHarness({ settings: { armPageSize: 5 } });
    avery = await credentialFor(h, DEMO.users.avery);
  });
  afterEach(() => {
    h.sim.setFaults(NO_FAULTS);
    h.sim.clearRequests();
  });
  afterAll(async () => {
    await h.close();
  });

  it('can be set at start and read back', async () => {
    const other = await startHarness({ faults: { latencyMs: 5, forbiddenSubscriptions: [PROD] } });
    try {
      expect(other.sim.faults).toMatchObject({ latencyMs: 5, forbiddenSubscriptions: [PROD] });
    } finally {
      await other.close();
    }
    expect(() => h.sim.setFaults({ throttle: { everyNth: 0, retryAfterSeconds: 1 } })).toThrow(/Invalid fault knobs/);
    expect(() => h.sim.setFaults({ stall: { everyNth: 1, ms: 10, path: '(' } })).toThrow(/regular expression/);
  });

  it('latencyMs delays ARM answers but not Entra', async () => {
    h.sim.setFaults({ latencyMs: 120 });
    const r = await armFetch(h, avery.token, LIST);
    expect(r.status).toBe(200);
    const entry = h.sim.requests.find((x) => x.path.startsWith('/subscriptions/'));
    expect(entry?.ms).toBeGreaterThanOrEqual(115);
    await h.transport.fetch(`${h.sim.clouds.AzureCloud}/organizations/v2.0/.well-known/openid-configuration`);
    expect(h.sim.requests.find((x) => x.path.includes('openid-configuration'))!.ms).toBeLessThan(100);
  });

  it('throttle with Retry-After: 429s on every Nth request, which the SDK retries to success', async () => {
    h.sim.setFaults({ throttle: { everyNth: 2, retryAfterSeconds: 0 } });
    const names: string[] = [];
    for await (const vm of compute().virtualMachines.listAll()) names.push(vm.name!);
    expect(names).toHaveLength(20);
    expect(statuses()).toEqual([200, 429, 200, 429, 200, 429, 200]);
    expect(h.sim.requests.filter((r) => r.status === 429).every((r) => r.faults.includes('throttle'))).toBe(true);
    h.sim.setFaults({ throttle: { everyNth: 1, retryAfterSeconds: 7 } });
    const raw = await armFetch(h, avery.token, LIST);
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('7');
    expect(raw.body).toMatchObject({ error: { code: 'SubscriptionRequestsThrottled' } });
  });

  it('throttle without Retry-After: the SDK gives up after one request', async () => {
    h.sim.setFaults({ throttle: { everyNth: 1, retryAfterSeconds: null } });
    const error = await compute().virtualMachines.get('rg-app-prod', 'vm-web-01').catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 429 });
    expect(statuses()).toEqual([429]);
    const raw = await armFetch(h, avery.token, LIST);
    expect(raw.headers.has('retry-after')).toBe(false);
  });

  it('throttle by share is spread evenly and deterministic', async () => {
    h.sim.setFaults({ throttle: { share: 0.5, retryAfterSeconds: 1 } });
    for (let i = 0; i < 6; i += 1) await armFetch(h, avery.token, LIST);
    expect(statuses()).toEqual([200, 429, 200, 429, 200, 429]);
  });

  it('serverError answers 500 or 503 on every Nth request; the SDK retries 503', async () => {
    h.sim.setFaults({ serverError: { everyNth: 1, status: 500 } });
    const r500 = await armFetch(h, avery.token, LIST);
    expect(r500.status).toBe(500);
    expect(r500.body).toMatchObject({ error: { code: 'InternalServerError' } });
    h.sim.setFaults({ serverError: { everyNth: 1, status: 503 } });
    expect((await armFetch(h, avery.token, LIST)).body).toMatchObject({ error: { code: 'ServiceUnavailable' } });
    h.sim.setFaults({ serverError: { everyNth: 2, status: 503 } });
    h.sim.clearRequests();
    const vm = await compute().virtualMachines.get('rg-app-prod', 'vm-web-01');
    expect(vm.name).toBe('vm-web-01');
    const vm2 = await compute().virtualMachines.get('rg-app-prod', 'vm-web-01');
    expect(vm2.name).toBe('vm-web-01');
    expect(statuses()).toEqual([200, 503, 200]);
  });

  it('stall holds every Nth request for the given time', async () => {
    h.sim.setFaults({ stall: { everyNth: 2, ms: 400 } });
    const t0 = Date.now();
    await armFetch(h, avery.token, LIST);
    const fast = Date.now() - t0;
    await armFetch(h, avery.token, LIST);
    const slow = Date.now() - t0 - fast;
    expect(fast).toBeLessThan(300);
    expect(slow).toBeGreaterThanOrEqual(390);
    expect(h.sim.requests.map((r) => r.faults)).toEqual([[], ['stall']]);
  });

  it('truncate cuts the body in half with a matching Content-Length, so clients see malformed JSON', async () => {
    h.sim.setFaults({ truncate: { everyNth: 1 } });
    const raw = await armFetch(h, avery.token, LIST);
    expect(raw.status).toBe(200);
    expect(raw.body).toBeUndefined();
    expect(Number(raw.headers.get('content-length'))).toBe(Buffer.byteLength(raw.text));
    expect(() => JSON.parse(raw.text) as unknown).toThrow();
    const error = await compute().virtualMachines.get('rg-app-prod', 'vm-web-01').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
  });

  it('forbiddenSubscriptions answers 403 for that subscription and drops it from Resource Graph', async () => {
    h.sim.setFaults({ forbiddenSubscriptions: [DEMO.subscriptions.dev.toUpperCase()] });
    const dev = await armFetch(h, avery.token, `/subscriptions/${DEMO.subscriptions.dev}/providers/Microsoft.Compute/virtualMachines?api-version=2024-07-01`);
    expect(dev.status).toBe(403);
    expect(dev.body).toMatchObject({ error: { code: 'AuthorizationFailed' } });
    expect(h.sim.requests[0]?.faults).toEqual(['forbidden']);
    const graph = await armFetch(h, avery.token, GRAPH, { method: 'POST', body: { query: WINDOWS_VMS_QUERY } });
    expect((graph.body as { data: { subscriptionId: string }[] }).data.some((r) => r.subscriptionId === DEMO.subscriptions.dev)).toBe(false);
    expect((await armFetch(h, avery.token, LIST)).status).toBe(200);
  });

  it('a path filter aims a fault at Resource Graph only (or at Entra, which is otherwise spared)', async () => {
    h.sim.setFaults({ throttle: { everyNth: 1, retryAfterSeconds: 3, path: 'Microsoft\\.ResourceGraph' } });
    const graph = await armFetch(h, avery.token, GRAPH, { method: 'POST', body: { query: WINDOWS_VMS_QUERY } });
    expect(graph.status).toBe(429);
    expect(graph.body).toMatchObject({ error: { code: 'RateLimiting' } });
    expect(graph.headers.get('x-ms-user-quota-remaining')).toBe('0');
    expect((await armFetch(h, avery.token, LIST)).status).toBe(200);

    h.sim.setFaults({ throttle: { everyNth: 1, retryAfterSeconds: 1 } });
    const discovery = await h.transport.fetch(`${h.sim.clouds.AzureCloud}/organizations/v2.0/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    h.sim.setFaults({ serverError: { everyNth: 1, status: 503, path: '/oauth2/v2.0/token$' }, throttle: null });
    const token = await h.transport.fetch(`${h.sim.clouds.AzureCloud}/organizations/oauth2/v2.0/token`, { method: 'POST', body: 'grant_type=refresh_token' });
    expect(token.status).toBe(503);
  });

  it('a rule given again restarts its count; Resource Graph pages survive throttling through the SDK retry', async () => {
    h.sim.setFaults({ throttle: { everyNth: 3, retryAfterSeconds: 0 } });
    await armFetch(h, avery.token, LIST);
    await armFetch(h, avery.token, LIST);
    h.sim.setFaults({ throttle: { everyNth: 3, retryAfterSeconds: 0 } });
    await armFetch(h, avery.token, LIST);
    await armFetch(h, avery.token, LIST);
    expect(statuses()).toEqual([200, 200, 200, 200]);

    h.sim.setFaults({ throttle: { everyNth: 2, retryAfterSeconds: 0, path: 'ResourceGraph' } });
    const client = getClient(h.sim.clouds.AzureCloud, avery.credential, {
      credentials: { scopes: [armScope()] },
      additionalPolicies: [{ policy: h.transport.azurePipelinePolicy, position: 'perCall' }],
    });
    let rows = 0;
    let skipToken: string | undefined;
    do {
      const res = await client.pathUnchecked('/providers/Microsoft.ResourceGraph/resources').post({
        queryParameters: { 'api-version': '2024-04-01' },
        body: { query: WINDOWS_VMS_QUERY, options: { $top: 10, ...(skipToken ? { $skipToken: skipToken } : {}) } },
      });
      expect(res.status).toBe('200');
      const body = res.body as { data: unknown[]; $skipToken?: string };
      rows += body.data.length;
      skipToken = body.$skipToken;
    } while (skipToken);
    expect(rows).toBe(22);
    expect(h.sim.requests.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(2);
  });
});
