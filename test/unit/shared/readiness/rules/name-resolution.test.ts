import { describe, expect, it } from 'vitest';

import type { DnsObservation } from '../../../../../src/shared/readiness/input';
import { dnsRule } from '../../../../../src/shared/readiness/rules/name-resolution';
import { machines, makeInput, makeVm } from '../../../../fixtures/readiness/machines';

const at = '2025-06-01T10:00:00.000Z';
const resolved = (name: string, ...addresses: string[]): DnsObservation => ({ outcome: 'resolved', name, addresses, checkedAt: at });

describe('dns rule', () => {
  it('is silent when the name resolves to a known private or public address', () => {
    expect(dnsRule.run(makeInput(machines.healthyVm, { dns: resolved('contoso-web01', '10.10.0.8') }))).toEqual([]);
    expect(dnsRule.run(makeInput(machines.healthyVm, { dns: resolved('CONTOSO-WEB01.', '203.0.113.10') }))).toEqual([]);
    expect(dnsRule.run(makeInput(machines.healthyVm, { dns: resolved('CONTOSO-WEB01', '::ffff:10.10.0.8') }))).toEqual([]);
  });

  it('warns when the name resolves elsewhere', () => {
    const [finding] = dnsRule.run(makeInput(machines.healthyVm, { dns: resolved('CONTOSO-WEB01', '10.99.0.1') }));
    expect(finding).toMatchObject({
      code: 'DNS_RESOLVES_ELSEWHERE',
      severity: 'warn',
      evidence: { resolvedTo: '10.99.0.1', knownAddresses: '203.0.113.10, 10.10.0.8' },
    });
  });

  it('blocks web account sign-in on NXDOMAIN and on a timeout, and only warns for the password method', () => {
    for (const error of ['NXDOMAIN', 'TIMEOUT'] as const) {
      const dns: DnsObservation = { outcome: 'failed', name: 'CONTOSO-WEB01', error, checkedAt: at };
      expect(dnsRule.run(makeInput(machines.healthyVm, { dns }))).toMatchObject([
        { code: 'DNS_UNRESOLVABLE', severity: 'block', evidence: { error, ip: '203.0.113.10', name: 'CONTOSO-WEB01' } },
      ]);
      expect(dnsRule.run(makeInput(machines.healthyVm, { dns, preferences: { signInMethod: 'password' } }))).toMatchObject([
        { code: 'DNS_UNRESOLVABLE', severity: 'warn' },
      ]);
    }
  });

  it('says "not checked" when there is no observation, or one for another name', () => {
    expect(dnsRule.run(makeInput(machines.healthyVm, { dns: undefined }))).toMatchObject([{ code: 'DNS_NOT_CHECKED', severity: 'info' }]);
    expect(dnsRule.run(makeInput(machines.healthyVm, { dns: resolved('other-host', '10.10.0.8') }))).toMatchObject([
      { code: 'DNS_NOT_CHECKED', evidence: { staleObservationFor: 'other-host' } },
    ]);
  });

  it('has nothing to say without a dial name, or without known addresses to compare', () => {
    expect(dnsRule.run(makeInput(machines.ipOnly))).toEqual([]);
    const noIps = makeVm({ network: { privateIps: [], publicIps: [], fqdns: [] } });
    expect(dnsRule.run(makeInput(noIps, { dns: resolved('CONTOSO-WEB01', '10.1.1.1') }))).toEqual([]);
  });
});
