import { describe, expect, it } from 'vitest';

import { cloudRule } from '../../../../../src/shared/readiness/rules/cloud';
import { machines, makeInput } from '../../../../fixtures/readiness/machines';

describe('cloud rule', () => {
  it('is silent when account and machine are in the same cloud', () => {
    expect(cloudRule.run(makeInput(machines.healthyVm))).toEqual([]);
  });

  it('blocks when they differ', () => {
    expect(cloudRule.run(makeInput(machines.govVm))).toMatchObject([
      { code: 'CLOUD_MISMATCH', severity: 'block', evidence: { accountCloud: 'AzureCloud', machineCloud: 'AzureUSGovernment' } },
    ]);
  });
});
