import { describe, expect, it } from 'vitest';

import { Limiter, TtlCache } from '../../../../src/main/discovery/limiter';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('Limiter', () => {
  it('never runs more than its concurrency at once, and runs everything', async () => {
    const limiter = new Limiter(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await tick();
          running -= 1;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(limiter.running).toBe(0);
  });

  it('never starts a queued task whose signal aborted', async () => {
    const limiter = new Limiter(1);
    const controller = new AbortController();
    let started = 0;
    const first = limiter.run(async () => {
      started += 1;
      await tick();
    });
    const second = limiter.run(() => {
      started += 1;
      return Promise.resolve();
    }, controller.signal);
    controller.abort(new Error('stop'));
    await first;
    await expect(second).rejects.toThrow('stop');
    expect(started).toBe(1);
  });

  it('frees the slot when a task fails', async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(limiter.run(() => Promise.resolve(1))).resolves.toBe(1);
  });

  it('refuses a concurrency below one', () => {
    expect(() => new Limiter(0)).toThrow(/positive integer/);
  });
});

describe('TtlCache', () => {
  it('reuses a value until it expires', async () => {
    let now = 0;
    let loads = 0;
    const cache = new TtlCache<number>(100, () => now);
    const load = () => Promise.resolve(++loads);
    expect(await cache.get('a', load)).toBe(1);
    now = 99;
    expect(await cache.get('a', load)).toBe(1);
    now = 100;
    expect(await cache.get('a', load)).toBe(2);
    cache.clear();
    expect(cache.has('a')).toBe(false);
  });

  it('evicts a failed load at once so the next caller tries again', async () => {
    const cache = new TtlCache<number>(60_000);
    await expect(cache.get('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('a', () => Promise.resolve(7))).toBe(7);
  });

  it('keeps at most maxEntries', async () => {
    const cache = new TtlCache<number>(60_000, Date.now, 2);
    await cache.get('a', () => Promise.resolve(1));
    await cache.get('b', () => Promise.resolve(2));
    await cache.get('c', () => Promise.resolve(3));
    expect(cache.has('a')).toBe(false);
    expect(cache.has('c')).toBe(true);
  });
});
