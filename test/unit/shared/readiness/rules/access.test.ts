import { describe, expect, it } from 'vitest';

import { accessRule } from '../../../../../src/shared/readiness/rules/access';
import { machines, makeInput } from '../../../../fixtures/readiness/machines';

describe('access rule', () => {
  it.each([
    ['healthyVm', 'ACCESS_USER', 'info'],
    ['adminLogin', 'ACCESS_ADMIN', 'info'],
    ['roleNotAssigned', 'ACCESS_NONE', 'block'],
    ['ownerOnly', 'ACCESS_NONE_CONTROL_PLANE_ONLY', 'block'],
    ['accessUnknown', 'ACCESS_UNKNOWN', 'warn'],
  ] as const)('%s → %s (%s)', (name, code, severity) => {
    expect(accessRule.run(makeInput(machines[name]))).toMatchObject([{ code, severity }]);
  });

  it('keeps where the answer came from as evidence', () => {
    expect(accessRule.run(makeInput(machines.accessUnknown))[0]?.evidence).toMatchObject({ source: 'permissions check failed: 429' });
  });
});
