import { describe, expect, it } from 'vitest';

import { hostPasswordlessRule } from '../../../../../src/shared/readiness/rules/host-passwordless';
import { machines, makeInput, makeVm } from '../../../../fixtures/readiness/machines';

describe('host-passwordless rule', () => {
  it('is silent for hosts with the 2022-10 update', () => {
    expect(hostPasswordlessRule.run(makeInput(machines.healthyVm))).toEqual([]);
    expect(hostPasswordlessRule.run(makeInput(machines.healthyArc))).toEqual([]);
  });

  it('blocks web account sign-in to Windows Server 2019, which never got the update', () => {
    expect(hostPasswordlessRule.run(makeInput(machines.server2019))).toMatchObject([
      { code: 'HOST_BUILD_TOO_OLD_FOR_PASSWORDLESS', severity: 'block', evidence: { hostBuild: 17763 } },
    ]);
  });

  it('warns when the host only lacks the update', () => {
    expect(hostPasswordlessRule.run(makeInput(machines.server2022Unpatched))).toMatchObject([
      { code: 'HOST_BUILD_TOO_OLD_FOR_PASSWORDLESS', severity: 'warn', evidence: { hostUbr: 1000 } },
    ]);
  });

  it('is silent when the update level is unknown, for the password method, and for unsupported hosts', () => {
    expect(hostPasswordlessRule.run(makeInput(makeVm({ os: { type: 'Windows', version: '10.0.20348.0' } })))).toEqual([]);
    expect(hostPasswordlessRule.run(makeInput(machines.server2019, { preferences: { signInMethod: 'password' } }))).toEqual([]);
    expect(hostPasswordlessRule.run(makeInput(machines.server2016))).toEqual([]);
  });
});
