import { describe, expect, it, vi } from 'vitest';

import { classifyDnsError, createDnsChecker, type LookupAll } from '../../../../src/main/readiness/dns-check';
import { dnsRule } from '../../../../src/shared/readiness/rules/name-resolution';
import { machines, makeInput } from '../../../fixtures/readiness/machines';

const answer = (...addresses: string[]): LookupAll => vi.fn<LookupAll>(() => Promise.resolve(addresses.map((address) => ({ address, family: 4 }))));
const failing = (code: string): LookupAll =>
  vi.fn<LookupAll>(() => Promise.reject(Object.assign(new Error(`getaddrinfo ${code} host`), { code })));

describe('createDnsChecker', () => {
  it('resolves a name through the injected lookup, asking for all addresses', async () => {
    const lookup = answer('10.10.0.8', '10.10.0.8', '203.0.113.10');
    const checker = createDnsChecker({ lookup, now: () => Date.parse('2025-06-01T10:00:00Z') });
    expect(await checker.check('CONTOSO-WEB01')).toEqual({
      outcome: 'resolved',
      name: 'CONTOSO-WEB01',
      addresses: ['10.10.0.8', '203.0.113.10'],
      checkedAt: '2025-06-01T10:00:00.000Z',
    });
    expect(lookup).toHaveBeenCalledWith('CONTOSO-WEB01', { all: true });
  });

  it('feeds the readiness rule: known address → silent, another address → resolves elsewhere', async () => {
    const ok = await createDnsChecker({ lookup: answer('10.10.0.8') }).check('CONTOSO-WEB01');
    expect(dnsRule.run(makeInput(machines.healthyVm, { dns: ok }))).toEqual([]);
    const elsewhere = await createDnsChecker({ lookup: answer('192.0.2.99') }).check('CONTOSO-WEB01');
    expect(dnsRule.run(makeInput(machines.healthyVm, { dns: elsewhere }))).toMatchObject([{ code: 'DNS_RESOLVES_ELSEWHERE' }]);
  });

  it('reports NXDOMAIN from ENOTFOUND', async () => {
    const observation = await createDnsChecker({ lookup: failing('ENOTFOUND') }).check('nohost');
    expect(observation).toMatchObject({ outcome: 'failed', error: 'NXDOMAIN', detail: 'ENOTFOUND' });
    expect(dnsRule.run(makeInput(machines.healthyVm, { dns: { ...observation, name: 'CONTOSO-WEB01' } }))).toMatchObject([
      { code: 'DNS_UNRESOLVABLE', severity: 'block' },
    ]);
  });

  it('gives up after the timeout', async () => {
    const lookup = vi.fn<LookupAll>(() => new Promise(() => undefined));
    const observation = await createDnsChecker({ lookup, timeoutMs: 20 }).check('slow-host');
    expect(observation).toMatchObject({ outcome: 'failed', error: 'TIMEOUT', detail: 'no answer within 20 ms' });
  });

  it('serves repeated checks from the cache, ignoring case and a trailing dot', async () => {
    const lookup = answer('10.0.0.1');
    const checker = createDnsChecker({ lookup });
    await checker.check('Host1');
    await checker.check('host1.');
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('looks up again once the TTL has passed, and sooner for failures', async () => {
    let now = 0;
    const lookup = answer('10.0.0.1');
    const checker = createDnsChecker({ lookup, ttlMs: 60_000, now: () => now });
    await checker.check('host1');
    now = 59_999;
    await checker.check('host1');
    expect(lookup).toHaveBeenCalledTimes(1);
    now = 60_001;
    await checker.check('host1');
    expect(lookup).toHaveBeenCalledTimes(2);

    const failingLookup = failing('ENOTFOUND');
    const negative = createDnsChecker({ lookup: failingLookup, ttlMs: 60_000, negativeTtlMs: 5_000, now: () => now });
    await negative.check('h');
    now += 4_000;
    await negative.check('h');
    expect(failingLookup).toHaveBeenCalledTimes(1);
    now += 2_000;
    await negative.check('h');
    expect(failingLookup).toHaveBeenCalledTimes(2);
  });

  it('shares one lookup between concurrent checks, and clear() empties the cache', async () => {
    const lookup = answer('10.0.0.1');
    const checker = createDnsChecker({ lookup });
    await Promise.all([checker.check('h'), checker.check('H'), checker.check('h')]);
    expect(lookup).toHaveBeenCalledTimes(1);
    checker.clear();
    await checker.check('h');
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it('answers IP literals and rejects invalid names without a lookup', async () => {
    const lookup = answer('10.0.0.1');
    const checker = createDnsChecker({ lookup });
    expect(await checker.check('10.1.2.3')).toMatchObject({ outcome: 'resolved', addresses: ['10.1.2.3'] });
    expect(await checker.check('bad name!')).toMatchObject({ outcome: 'failed', error: 'INVALID_NAME' });
    expect(await checker.check('')).toMatchObject({ outcome: 'failed', error: 'INVALID_NAME' });
    expect(lookup).not.toHaveBeenCalled();
  });

  it('resolves localhost with the real system resolver', async () => {
    const observation = await createDnsChecker().check('localhost');
    expect(observation.outcome).toBe('resolved');
    if (observation.outcome === 'resolved') {
      expect(observation.addresses.every((a) => a === '::1' || a.startsWith('127.'))).toBe(true);
    }
  });
});

describe('classifyDnsError', () => {
  it.each([
    ['ENOTFOUND', 'NXDOMAIN'],
    ['ENODATA', 'NODATA'],
    ['ETIMEOUT', 'TIMEOUT'],
    ['EAI_AGAIN', 'TIMEOUT'],
    ['ESERVFAIL', 'SERVFAIL'],
    ['EREFUSED', 'REFUSED'],
    ['EBADNAME', 'INVALID_NAME'],
    ['EWHATEVER', 'OTHER'],
  ])('%s → %s', (code, error) => {
    expect(classifyDnsError(Object.assign(new Error('x'), { code })).error).toBe(error);
  });

  it('keeps the message of an error without a code', () => {
    expect(classifyDnsError(new Error('boom'))).toEqual({ error: 'OTHER', detail: 'boom' });
  });
});
