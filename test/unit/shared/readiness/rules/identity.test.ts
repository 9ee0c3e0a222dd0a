import { describe, expect, it } from 'vitest';

import { identityRule } from '../../../../../src/shared/readiness/rules/identity';
import { machines, makeInput } from '../../../../fixtures/readiness/machines';

describe('identity rule', () => {
  it('is silent with a system-assigned identity', () => {
    expect(identityRule.run(makeInput(machines.healthyVm))).toEqual([]);
  });

  it('blocks when the identity is missing and the extension has not succeeded', () => {
    expect(identityRule.run(makeInput(machines.noIdentity1007))).toMatchObject([
      { code: 'IDENTITY_NOT_SYSTEM_ASSIGNED', severity: 'block', evidence: { identityType: 'None', extensionState: 'Failed' } },
    ]);
  });

  it('only warns when the machine already joined (extension succeeded) with a user-assigned identity', () => {
    expect(identityRule.run(makeInput(machines.noIdentityButJoined))).toMatchObject([
      { code: 'IDENTITY_NOT_SYSTEM_ASSIGNED', severity: 'warn', evidence: { identityType: 'UserAssigned' } },
    ]);
  });
});
