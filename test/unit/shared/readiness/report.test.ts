import { describe, expect, it } from 'vitest';

import { CATALOGUE } from '../../../../src/shared/readiness/catalogue';
import { evaluateReadiness } from '../../../../src/shared/readiness/evaluate';
import { formatReport } from '../../../../src/shared/readiness/report';
import { machines, makeInput, makeVm } from '../../../fixtures/readiness/machines';

describe('formatReport', () => {
  it('describes the machine, the verdict and each finding with evidence and steps', () => {
    const machine = machines.extension1007;
    const report = formatReport(machine, evaluateReadiness(makeInput(machine)), CATALOGUE, { generatedAt: '2025-06-01T10:00:00Z' });
    expect(report).toContain('RDP Broker readiness report');
    expect(report).toContain('Generated: 2025-06-01T10:00:00Z');
    expect(report).toContain(`Resource ID:    ${machine.id}`);
    expect(report).toContain('Verdict:        BLOCKED (1 blocking, 0 warnings, 1 notes)');
    expect(report).toContain('[BLOCK] EXTENSION_FAILED_1007_MSI: Sign-in extension failed: tenant information unavailable');
    expect(report).toContain('exitCodeDecimal=-2145648574');
    expect(report).toContain('curl -H Metadata:true "http://169.254.169.254/metadata/identity/info?api-version=2018-02-01"');
    expect(report).toContain('Docs: https://learn.microsoft.com/entra/identity/devices/howto-vm-sign-in-azure-ad-windows#terminal-error-code-1007-and-exit-code--2145648574');
    expect(report).not.toMatch(/\{[A-Za-z]+\}/);
  });

  it('puts the hosts-entry fix with the real name and address', () => {
    const input = makeInput(machines.healthyVm, { dns: { outcome: 'failed', name: 'CONTOSO-WEB01', error: 'NXDOMAIN', checkedAt: 't' } });
    expect(formatReport(input.machine, evaluateReadiness(input), CATALOGUE)).toContain('203.0.113.10 CONTOSO-WEB01');
  });

  it('never carries tokens or secrets, even when a status message does', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVl';
    const machine = makeVm({
      aadExtension: {
        ...machines.extensionUnknown.aadExtension!,
        statusMessage: `failed: token ${jwt} url https://x/?sig=abcdef123&access_token=zzz Authorization: Bearer abcdefghijklmnop`,
      },
    });
    const report = formatReport(machine, evaluateReadiness(makeInput(machine)), CATALOGUE);
    expect(report).not.toContain(jwt);
    expect(report).not.toContain('abcdef123');
    expect(report).not.toContain('zzz');
    expect(report).not.toContain('abcdefghijklmnop');
    expect(report).toContain('[redacted token]');
  });

  it('says so when there is nothing to report', () => {
    const verdict = { status: 'ready', findings: [], dialName: 'X', dialNameReason: 'r', signInMethod: 'password' } as const;
    expect(formatReport(machines.healthyArc, { ...verdict, findings: [] }, CATALOGUE)).toMatch(/Arc-enabled server[\s\S]*password \(legacy\)[\s\S]*No findings\./);
  });
});
