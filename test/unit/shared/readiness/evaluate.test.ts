import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { Machine } from '../../../../src/shared/domain/machine';
import { CATALOGUE } from '../../../../src/shared/readiness/catalogue';
import { evaluateReadiness } from '../../../../src/shared/readiness/evaluate';
import { type Finding, findingCodes, verdictSchema } from '../../../../src/shared/readiness/finding';
import type { ReadinessInput } from '../../../../src/shared/readiness/input';
import { READINESS_RULES } from '../../../../src/shared/readiness/rules/index';
import { FABRIKAM, joinedState, machines, makeInput, member, windowsClient } from '../../../fixtures/readiness/machines';

const codes = (input: ReadinessInput): string[] => evaluateReadiness(input).findings.map((f) => f.code);
const password = { preferences: { signInMethod: 'password' } } as const;

describe('evaluateReadiness', () => {
  it('is ready for a healthy VM, dialling the computer name with a web account', () => {
    expect(evaluateReadiness(makeInput(machines.healthyVm))).toEqual({
      status: 'ready',
      findings: [expect.objectContaining({ code: 'ACCESS_USER', severity: 'info' }) as unknown],
      dialName: 'CONTOSO-WEB01',
      dialNameReason: 'computer name CONTOSO-WEB01 from the VM (the Entra device name)',
      signInMethod: 'web-account',
    });
    expect(evaluateReadiness(makeInput(machines.healthyArc)).status).toBe('ready');
  });

  it('reports every problem at once, sorted block → warn → info', () => {
    const machine: Machine = { ...machines.noIdentity1007, powerState: 'stopped', access: { right: 'unknown' }, name: 'other-name' };
    const verdict = evaluateReadiness(makeInput(machine));
    expect(verdict.status).toBe('blocked');
    expect(verdict.findings.map((f) => f.code)).toEqual([
      'VM_STOPPED',
      'EXTENSION_FAILED_1007_MSI',
      'IDENTITY_NOT_SYSTEM_ASSIGNED',
      'ACCESS_UNKNOWN',
      'DIAL_NAME_DIFFERS_FROM_RESOURCE_NAME',
    ]);
  });

  it('is "warnings" when only warnings remain', () => {
    expect(evaluateReadiness(makeInput(machines.accessUnknown)).status).toBe('warnings');
  });

  it('uses the password method when chosen and possible', () => {
    const verdict = evaluateReadiness(makeInput(machines.healthyVm, password));
    expect(verdict).toMatchObject({ signInMethod: 'password', status: 'ready', dialName: 'CONTOSO-WEB01' });
  });

  it('falls back to web account sign-in, saying why, when the password method is impossible', () => {
    const verdict = evaluateReadiness(makeInput(machines.healthyVm, { ...password, client: windowsClient({}, FABRIKAM) }));
    expect(verdict.signInMethod).toBe('web-account');
    expect(verdict.status).toBe('warnings');
    expect(verdict.findings).toMatchObject([
      { code: 'SIGN_IN_METHOD_FALLBACK', severity: 'warn', evidence: { reasons: 'CLIENT_JOINED_OTHER_TENANT' } },
      { code: 'CLIENT_JOINED_OTHER_TENANT', severity: 'info' },
      { code: 'ACCESS_USER', severity: 'info' },
    ]);
  });

  it('suggests the password method when only web-account requirements block (Windows Server 2019 host)', () => {
    const verdict = evaluateReadiness(makeInput(machines.server2019));
    expect(verdict.status).toBe('blocked');
    expect(verdict.findings.map((f) => f.code)).toEqual(['HOST_BUILD_TOO_OLD_FOR_PASSWORDLESS', 'SIGN_IN_METHOD_ALTERNATIVE', 'ACCESS_USER']);
    expect(evaluateReadiness(makeInput(machines.server2019, password))).toMatchObject({ status: 'ready', signInMethod: 'password' });
  });

  it('does not suggest the password method when it would be blocked too', () => {
    expect(codes(makeInput(machines.server2019, { client: { kind: 'not-windows', platform: 'darwin' } }))).not.toContain('SIGN_IN_METHOD_ALTERNATIVE');
    expect(codes(makeInput(machines.roleNotAssigned))).not.toContain('SIGN_IN_METHOD_ALTERNATIVE');
  });

  it('dials the IP only for the password method', () => {
    expect(evaluateReadiness(makeInput(machines.ipOnly))).toMatchObject({ status: 'blocked', dialName: null });
    expect(evaluateReadiness(makeInput(machines.ipOnly, password))).toMatchObject({ dialName: '10.10.0.18', signInMethod: 'password' });
  });

  it('blocks a guest whatever else is fine', () => {
    const verdict = evaluateReadiness(makeInput(machines.healthyVm, { account: { ...member, tenantIdOfToken: FABRIKAM } }));
    expect(verdict.findings[0]).toMatchObject({ code: 'GUEST_ACCOUNT', severity: 'block' });
  });

  it('produces verdicts that validate against the schema, for arbitrary machine data, without throwing', () => {
    const text = fc.string({ maxLength: 40 });
    fc.assert(
      fc.property(
        fc.record({
          computerName: fc.option(text, { nil: undefined }),
          osType: text,
          osVersion: fc.option(text, { nil: undefined }),
          state: text,
          statusMessage: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
          method: fc.constantFrom('web-account' as const, 'password' as const),
        }),
        ({ computerName, osType, osVersion, state, statusMessage, method }) => {
          const machine: Machine = {
            ...machines.healthyVm,
            computerName,
            os: { type: osType, version: osVersion },
            aadExtension: { ...machines.healthyVm.aadExtension!, provisioningState: state, statusMessage },
          };
          const verdict = evaluateReadiness(makeInput(machine, { preferences: { signInMethod: method } }));
          expect(verdictSchema.safeParse(verdict).success).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** Every input the fixtures describe, in both sign-in methods. */
function corpus(): ReadinessInput[] {
  const inputs: ReadinessInput[] = [];
  for (const machine of Object.values(machines)) {
    inputs.push(makeInput(machine), makeInput(machine, password));
  }
  const vm = machines.healthyVm;
  const registeredHere = joinedState('', {
    joinType: 'registered',
    tenantId: null,
    azureAdJoined: false,
    workplaceJoined: true,
    workplaceTenantIds: [vm.tenantId],
  });
  const clients: ReadinessInput['client'][] = [
    undefined,
    { kind: 'unknown', reason: 'x' },
    { kind: 'not-windows', platform: 'linux' },
    windowsClient({}, FABRIKAM),
    windowsClient({ pku2uAllowOnlineId: false }),
    windowsClient({ installationType: 'server' }),
    windowsClient({ build: { major: 10, minor: 0, build: 19045, ubr: 1 } }),
    windowsClient({ build: { major: 10, minor: 0, build: 18363, ubr: 1 }, join: registeredHere }),
    windowsClient({ join: registeredHere }),
    windowsClient({ join: joinedState('', { joinType: 'none', tenantId: null, azureAdJoined: false }) }),
  ];
  for (const client of clients) inputs.push(makeInput(vm, { client }), makeInput(vm, { ...password, client }));
  inputs.push(
    makeInput(vm, { dns: { outcome: 'failed', name: 'CONTOSO-WEB01', error: 'NXDOMAIN', checkedAt: 'now' } }),
    makeInput(vm, { dns: { outcome: 'resolved', name: 'CONTOSO-WEB01', addresses: ['192.0.2.1'], checkedAt: 'now' } }),
    makeInput(vm, { dns: undefined }),
    makeInput(vm, { account: { ...member, tenantIdOfToken: FABRIKAM } }),
  );
  return inputs;
}

describe('finding codes and the catalogue fit together', () => {
  const findings: Finding[] = corpus().flatMap((input) => evaluateReadiness(input).findings);

  it('every FindingCode is produced by some rule for some fixture', () => {
    const produced = new Set(findings.map((f) => f.code));
    expect(findingCodes.filter((c) => !produced.has(c))).toEqual([]);
  });

  it('every placeholder of a finding\'s catalogue text is in that finding\'s evidence', () => {
    const missing = new Set<string>();
    for (const f of findings) {
      const entry = CATALOGUE[f.code];
      for (const text of [entry.summary, ...entry.userSteps, ...entry.adminSteps]) {
        for (const [, key] of text.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)) {
          if (key !== undefined && !(key in f.evidence)) missing.add(`${f.code} (${f.ruleId}): {${key}}`);
        }
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('every rule id is unique and every finding names its rule', () => {
    const ruleIds = READINESS_RULES.map((r) => r.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    for (const f of findings) expect([...ruleIds, 'sign-in-method']).toContain(f.ruleId);
  });
});
