import { describe, expect, it } from 'vitest';

import { AppError } from '../../../src/shared/errors/app-error';
import { FaultInjector, isAzureApiPath } from '../../../src/simulator/faults';

const ARM = '/subscriptions/s/providers/Microsoft.Compute/virtualMachines';
const GRAPH = '/providers/Microsoft.ResourceGraph/resources';
const TOKEN = '/organizations/oauth2/v2.0/token';

describe('FaultInjector', () => {
  it('fires everyNth on exactly the Nth, 2Nth… matching request', () => {
    const f = new FaultInjector({ throttle: { everyNth: 3, retryAfterSeconds: 2 } });
    const fired = Array.from({ length: 9 }, () => f.decide(ARM).throttle !== null);
    expect(fired).toEqual([false, false, true, false, false, true, false, false, true]);
    expect(f.decide(ARM).throttle).toBeNull();
  });

  it('spreads a share evenly and deterministically', () => {
    const f = new FaultInjector({ serverError: { share: 0.25, status: 503 } });
    const fired = Array.from({ length: 12 }, () => f.decide(ARM).serverError);
    expect(fired).toEqual([null, null, null, 503, null, null, null, 503, null, null, null, 503]);
  });

  it('applies to ARM and Resource Graph by default, to any path a rule names', () => {
    expect(isAzureApiPath(ARM)).toBe(true);
    expect(isAzureApiPath(GRAPH)).toBe(true);
    expect(isAzureApiPath('/tenants')).toBe(true);
    expect(isAzureApiPath(TOKEN)).toBe(false);
    const f = new FaultInjector({ stall: { everyNth: 1, ms: 50 }, truncate: { everyNth: 1, path: 'resourcegraph' }, latencyMs: 30 });
    expect(f.decide(TOKEN)).toEqual({ latencyMs: 0, stallMs: 0, throttle: null, serverError: null, truncate: false });
    expect(f.decide(ARM)).toMatchObject({ latencyMs: 30, stallMs: 50, truncate: false });
    expect(f.decide(GRAPH)).toMatchObject({ truncate: true });
  });

  it('answers at most one of throttle / server error / truncate per request', () => {
    const f = new FaultInjector({ throttle: { everyNth: 1, retryAfterSeconds: null }, serverError: { everyNth: 1 }, truncate: { everyNth: 1 } });
    const d = f.decide(ARM);
    expect(d.throttle).toEqual({ retryAfterSeconds: null });
    expect(d.serverError).toBeNull();
    expect(d.truncate).toBe(false);
  });

  it('merges updates, restarts a re-given rule, and knows forbidden subscriptions case-insensitively', () => {
    const f = new FaultInjector();
    f.set({ throttle: { everyNth: 2 } });
    expect(f.knobs.throttle?.retryAfterSeconds).toBe(1);
    f.decide(ARM);
    f.set({ throttle: { everyNth: 2 }, forbiddenSubscriptions: ['ABC'] });
    expect(f.decide(ARM).throttle).toBeNull();
    expect(f.decide(ARM).throttle).not.toBeNull();
    expect(f.isForbidden('abc')).toBe(true);
    f.set({ latencyMs: 5 });
    expect(f.knobs.forbiddenSubscriptions).toEqual(['ABC']);
  });

  it('rejects malformed knobs with VALIDATION_FAILED', () => {
    const f = new FaultInjector();
    expect(() => f.set({ latencyMs: -1 })).toThrow(AppError);
    expect(() => f.set({ throttle: { share: 2 } })).toThrow(/share/);
    expect(() => f.set({ truncate: { everyNth: 1, path: '[' } })).toThrow(/regular expression/);
  });
});
