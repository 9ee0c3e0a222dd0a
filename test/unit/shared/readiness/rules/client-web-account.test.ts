import { describe, expect, it } from 'vitest';

import { clientWebAccountRule } from '../../../../../src/shared/readiness/rules/client-web-account';
import { machines, makeInput, windowsClient } from '../../../../fixtures/readiness/machines';

const run = (client: Parameters<typeof makeInput>[1]): ReturnType<typeof clientWebAccountRule.run> =>
  clientWebAccountRule.run(makeInput(machines.healthyVm, client));

describe('client-web-account rule', () => {
  it('ignores the join state: an unjoined, up-to-date PC is fine', () => {
    expect(run({ client: windowsClient({ join: { kind: 'unparseable', reason: 'x' } }) })).toEqual([]);
  });

  it('warns for a Windows 10 22H2 PC below 19045.2130', () => {
    expect(run({ client: windowsClient({ build: { major: 10, minor: 0, build: 19045, ubr: 2006 } }) })).toMatchObject([
      {
        code: 'CLIENT_BUILD_TOO_OLD_FOR_PASSWORDLESS',
        severity: 'warn',
        evidence: { clientBuild: '10.0.19045.2006', minimum: '10.0.19045.2130', requiredUpdate: expect.stringContaining('KB5018410') as unknown },
      },
    ]);
  });

  it('warns for a release that never got the update (Windows 10 1809)', () => {
    expect(run({ client: windowsClient({ build: { major: 10, minor: 0, build: 17763, ubr: 6414 } }) })).toMatchObject([
      { code: 'CLIENT_BUILD_TOO_OLD_FOR_PASSWORDLESS', severity: 'warn' },
    ]);
  });

  it('says "unknown" (info only) when the build or its update level is unknown', () => {
    expect(run({ client: windowsClient({ build: { major: 10, minor: 0, build: 22000, ubr: null } }) })).toMatchObject([
      { code: 'CLIENT_STATE_UNKNOWN', severity: 'info' },
    ]);
    expect(run({ client: windowsClient({ build: null }) })).toMatchObject([{ code: 'CLIENT_STATE_UNKNOWN', severity: 'info' }]);
    expect(run({ client: { kind: 'unknown', reason: 'dsregcmd timed out' } })).toMatchObject([
      { code: 'CLIENT_STATE_UNKNOWN', evidence: { reason: 'dsregcmd timed out' } },
    ]);
    expect(run({ client: undefined })).toMatchObject([{ code: 'CLIENT_STATE_UNKNOWN', severity: 'info' }]);
  });

  it('says nothing about non-Windows clients, and nothing for the password method', () => {
    expect(run({ client: { kind: 'not-windows', platform: 'darwin' } })).toEqual([]);
    expect(run({ client: { kind: 'unknown', reason: 'x' }, preferences: { signInMethod: 'password' } })).toEqual([]);
  });
});
