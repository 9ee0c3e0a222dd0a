import { describe, expect, it } from 'vitest';

import { clientServerOsRule } from '../../../../../src/shared/readiness/rules/client-server-os';
import { machines, makeInput, windowsClient } from '../../../../fixtures/readiness/machines';

describe('client-server-os rule', () => {
  it('notes the Conditional Access compliance limit when the PC runs Windows Server', () => {
    const client = windowsClient({ installationType: 'server', build: { major: 10, minor: 0, build: 20348, ubr: 2762 } });
    for (const signInMethod of ['web-account', 'password'] as const) {
      expect(clientServerOsRule.run(makeInput(machines.healthyVm, { client, preferences: { signInMethod } }))).toMatchObject([
        { code: 'CLIENT_SERVER_OS_CA_COMPLIANCE', severity: 'info', evidence: { clientBuild: '10.0.20348.2762' } },
      ]);
    }
  });

  it('is silent for client Windows and unknown clients', () => {
    expect(clientServerOsRule.run(makeInput(machines.healthyVm))).toEqual([]);
    expect(clientServerOsRule.run(makeInput(machines.healthyVm, { client: { kind: 'unknown', reason: 'x' } }))).toEqual([]);
  });
});
