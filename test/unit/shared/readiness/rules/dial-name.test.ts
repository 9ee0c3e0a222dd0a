import { describe, expect, it } from 'vitest';

import { chooseDialName, decideDialName, isIpLiteral } from '../../../../../src/shared/readiness/dial-name';
import { dialNameRule } from '../../../../../src/shared/readiness/rules/dial-name';
import { machines, makeArc, makeInput, makeVm } from '../../../../fixtures/readiness/machines';

const codesOf = (input: Parameters<typeof dialNameRule.run>[0]): string[] => dialNameRule.run(input).map((f) => f.code);

describe('chooseDialName', () => {
  it('uses the VM computer name, not the resource name or the public DNS label', () => {
    const choice = chooseDialName(machines.resourceNameDiffers);
    expect(choice).toMatchObject({ name: 'SQLPROD01', source: 'computerName' });
    expect(chooseDialName(makeVm()).name).toBe('CONTOSO-WEB01');
  });

  it('never falls back to a VM public FQDN or to an IP', () => {
    expect(chooseDialName(machines.ipOnly).name).toBeNull();
    expect(chooseDialName(makeVm({ computerName: undefined })).name).toBeNull();
    expect(chooseDialName(machines.ipAsComputerName).name).toBeNull();
  });

  it('uses the Arc computer name, else the first label of the agent FQDN', () => {
    expect(chooseDialName(makeArc()).name).toBe('FS2025');
    const fromFqdn = chooseDialName(machines.arcNoComputerName);
    expect(fromFqdn).toMatchObject({ name: 'FS2025', source: 'fqdn-label' });
    expect(fromFqdn.reason).toContain('FS2025.corp.contoso.example');
  });

  it('prefers the Arc FQDN whose label equals the resource name', () => {
    const arc = makeArc({
      name: 'app7',
      computerName: undefined,
      network: { privateIps: [], publicIps: [], fqdns: ['other.corp.example', 'APP7.corp.example'] },
    });
    expect(chooseDialName(arc).name).toBe('APP7');
  });

  it('has no name for an Arc server without computer name or FQDN', () => {
    expect(chooseDialName(makeArc({ computerName: undefined, network: { privateIps: ['10.0.0.1'], publicIps: [], fqdns: [] } })).name).toBeNull();
  });

  it('recognises IPv4 and IPv6 literals', () => {
    expect(isIpLiteral('10.0.0.4')).toBe(true);
    expect(isIpLiteral('fe80::1%eth0')).toBe(true);
    expect(isIpLiteral('[2001:db8::1]')).toBe(true);
    expect(isIpLiteral('CONTOSO-WEB01')).toBe(false);
    expect(isIpLiteral('999.1.1.1')).toBe(false);
  });
});

describe('dial-name rule', () => {
  it('reports nothing for a VM whose computer name equals the resource name', () => {
    expect(codesOf(makeInput(machines.healthyVm))).toEqual([]);
  });

  it('warns when the computer name differs from the resource name and does not resolve to the machine', () => {
    const dns = { outcome: 'failed', name: 'SQLPROD01', error: 'NXDOMAIN', checkedAt: 't' } as const;
    const [finding] = dialNameRule.run(makeInput(machines.resourceNameDiffers, { dns }));
    expect(finding).toMatchObject({
      code: 'DIAL_NAME_DIFFERS_FROM_RESOURCE_NAME',
      severity: 'warn',
      evidence: { resourceName: 'vm-sql-prod-01', computerName: 'SQLPROD01', resolvesToMachine: false },
    });
  });

  it('only notes the difference while the name has not been looked up (the list, before the full check)', () => {
    const [finding] = dialNameRule.run(makeInput(machines.resourceNameDiffers, { dns: undefined }));
    expect(finding).toMatchObject({ code: 'DIAL_NAME_DIFFERS_FROM_RESOURCE_NAME', severity: 'info', evidence: { resolvesToMachine: false } });
  });

  it('only notes the difference once the computer name resolves to the machine', () => {
    expect(dialNameRule.run(makeInput(machines.resourceNameDiffers))).toMatchObject([
      { code: 'DIAL_NAME_DIFFERS_FROM_RESOURCE_NAME', severity: 'info', evidence: { resolvesToMachine: true } },
    ]);
  });

  it('ignores a difference in case only', () => {
    expect(codesOf(makeInput(makeVm({ name: 'contoso-web01' })))).toEqual([]);
  });

  it('blocks web account sign-in when only an IP is known, naming the IP for the hosts-entry fix', () => {
    const [finding] = dialNameRule.run(makeInput(machines.ipOnly));
    expect(finding).toMatchObject({ code: 'DIAL_NAME_IS_IP', severity: 'block', evidence: { ip: '10.10.0.18' } });
    expect(machines.ipAsComputerName.computerName).toBe('10.1.2.3');
    expect(codesOf(makeInput(machines.ipAsComputerName))).toContain('DIAL_NAME_IS_IP');
  });

  it('falls back to the IP for the password method', () => {
    const input = makeInput(machines.ipOnly, { preferences: { signInMethod: 'password' } });
    expect(dialNameRule.run(input)).toMatchObject([{ code: 'DIAL_NAME_IP_FALLBACK', severity: 'info', evidence: { ip: '10.10.0.18' } }]);
    expect(decideDialName(input)).toMatchObject({ dialName: '10.10.0.18', isIpFallback: true });
  });

  it('falls back to the IP for the password method when the name does not resolve', () => {
    const input = makeInput(machines.healthyVm, {
      preferences: { signInMethod: 'password' },
      dns: { outcome: 'failed', name: 'CONTOSO-WEB01', error: 'NXDOMAIN', checkedAt: '2025-06-01T10:00:00Z' },
    });
    expect(decideDialName(input)).toMatchObject({ dialName: '203.0.113.10', isIpFallback: true });
    expect(codesOf(input)).toEqual(['DIAL_NAME_IP_FALLBACK']);
  });

  it('reports a missing name when nothing at all is known', () => {
    for (const method of ['web-account', 'password'] as const) {
      const findings = dialNameRule.run(makeInput(machines.nothingKnown, { preferences: { signInMethod: method } }));
      expect(findings).toMatchObject([{ code: 'DIAL_NAME_MISSING', severity: 'block' }]);
    }
  });
});
