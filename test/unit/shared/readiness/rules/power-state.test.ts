import { describe, expect, it } from 'vitest';

import { powerStateRule } from '../../../../../src/shared/readiness/rules/power-state';
import { machines, makeInput } from '../../../../fixtures/readiness/machines';

describe('power-state rule', () => {
  it.each([
    ['stopped', 'VM_STOPPED', 'block'],
    ['deallocated', 'VM_DEALLOCATED', 'block'],
    ['starting', 'VM_TRANSITIONING', 'warn'],
    ['deallocating', 'VM_TRANSITIONING', 'block'],
    ['powerUnknown', 'POWER_UNKNOWN', 'warn'],
    ['arcDisconnected', 'ARC_DISCONNECTED', 'warn'],
    ['arcExpired', 'ARC_EXPIRED', 'block'],
    ['arcError', 'ARC_ERROR', 'warn'],
    ['arcUnknown', 'POWER_UNKNOWN', 'warn'],
  ] as const)('%s → %s (%s)', (name, code, severity) => {
    expect(powerStateRule.run(makeInput(machines[name]))).toMatchObject([{ code, severity }]);
  });

  it('is silent for a running VM and a connected Arc server (ignoring the other kind\'s field)', () => {
    expect(powerStateRule.run(makeInput(machines.healthyVm))).toEqual([]);
    expect(powerStateRule.run(makeInput(machines.healthyArc))).toEqual([]);
  });

  it('says whether the user may start the VM', () => {
    expect(powerStateRule.run(makeInput(machines.deallocated))[0]?.evidence).toMatchObject({ canStart: true });
  });
});
