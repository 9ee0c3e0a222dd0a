import { describe, expect, it } from 'vitest';

import type { ClientState } from '../../../../../src/shared/readiness/input';
import { clientPasswordRule } from '../../../../../src/shared/readiness/rules/client-password';
import { CONTOSO, FABRIKAM, joinedState, machines, makeInput, windowsClient } from '../../../../fixtures/readiness/machines';

const run = (client: ClientState | undefined): ReturnType<typeof clientPasswordRule.run> =>
  clientPasswordRule.run(makeInput(machines.healthyVm, { client, preferences: { signInMethod: 'password' } }));

const registered = (tenants: string[], build = 19045): ClientState =>
  windowsClient({
    build: { major: 10, minor: 0, build, ubr: 5000 },
    join: joinedState('', {
      joinType: 'registered',
      azureAdJoined: false,
      workplaceJoined: true,
      tenantId: null,
      workplaceTenantIds: tenants,
    }),
  });

describe('client-password rule', () => {
  it('accepts a PC Entra joined or hybrid joined to the machine tenant (case-insensitive)', () => {
    expect(run(windowsClient())).toEqual([]);
    expect(run(windowsClient({ join: joinedState(CONTOSO.toUpperCase(), { joinType: 'hybrid-joined', domainJoined: true }) }))).toEqual([]);
  });

  it('blocks a PC joined to another tenant', () => {
    expect(run(windowsClient({}, FABRIKAM))).toMatchObject([
      { code: 'CLIENT_JOINED_OTHER_TENANT', severity: 'block', evidence: { clientTenantId: FABRIKAM, machineTenantId: CONTOSO } },
    ]);
    expect(run(registered([FABRIKAM]))).toMatchObject([{ code: 'CLIENT_JOINED_OTHER_TENANT' }]);
  });

  it('tells a registered PC to use AzureAD\\UPN', () => {
    expect(run(registered([CONTOSO]))).toMatchObject([
      { code: 'CLIENT_REGISTERED_NEEDS_AZUREAD_PREFIX', severity: 'warn', evidence: { username: 'AzureAD\\avery@contoso.example' } },
    ]);
  });

  it('also accepts a PC joined elsewhere but registered to the machine tenant', () => {
    const client = windowsClient({ join: joinedState(FABRIKAM, { workplaceJoined: true, workplaceTenantIds: [CONTOSO] }) });
    expect(run(client).map((f) => f.code)).toEqual(['CLIENT_REGISTERED_NEEDS_AZUREAD_PREFIX']);
  });

  it('blocks a registered PC older than Windows 10 2004 (19041)', () => {
    expect(run(registered([CONTOSO], 18363))).toMatchObject([
      { code: 'CLIENT_REGISTERED_BUILD_TOO_OLD', severity: 'block', evidence: { minimumBuild: 19041 } },
    ]);
  });

  it('blocks a domain-only or unjoined PC', () => {
    const domainOnly = joinedState('', { joinType: 'domain-joined', azureAdJoined: false, domainJoined: true, tenantId: null });
    expect(run(windowsClient({ join: domainOnly }))).toMatchObject([{ code: 'CLIENT_NOT_JOINED_FOR_PASSWORD', severity: 'block' }]);
    const none = joinedState('', { joinType: 'none', azureAdJoined: false, tenantId: null });
    expect(run(windowsClient({ join: none }))).toMatchObject([{ code: 'CLIENT_NOT_JOINED_FOR_PASSWORD', evidence: { joinType: 'none' } }]);
  });

  it('blocks when PKU2U online identities are disabled', () => {
    expect(run(windowsClient({ pku2uAllowOnlineId: false }))).toMatchObject([{ code: 'PKU2U_DISABLED', severity: 'block' }]);
    expect(run(windowsClient({ pku2uAllowOnlineId: true }))).toEqual([]);
  });

  it('blocks non-Windows clients', () => {
    expect(run({ kind: 'not-windows', platform: 'linux' })).toMatchObject([
      { code: 'CLIENT_NOT_WINDOWS_FOR_PASSWORD', severity: 'block', evidence: { platform: 'linux' } },
    ]);
  });

  it('warns (never guesses) when the state is unknown or incomplete', () => {
    for (const client of [
      undefined,
      { kind: 'unknown', reason: 'x' } as const,
      windowsClient({ join: { kind: 'unparseable', reason: 'garbage' } }),
      windowsClient({ join: { kind: 'unavailable', reason: 'dsregcmd failed' } }),
      windowsClient({ join: joinedState('', { tenantId: null }) }),
      windowsClient({ join: joinedState('', { joinType: 'unknown', azureAdJoined: false, workplaceJoined: null, tenantId: null }) }),
    ]) {
      expect(run(client)).toMatchObject([{ code: 'CLIENT_STATE_UNKNOWN', severity: 'warn' }]);
    }
  });

  it('does nothing for web account sign-in', () => {
    expect(clientPasswordRule.run(makeInput(machines.healthyVm, { client: { kind: 'not-windows', platform: 'linux' } }))).toEqual([]);
  });
});
