import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import type { Machine } from '../../../../src/shared/domain/machine';
import { evaluateReadiness } from '../../../../src/shared/readiness/evaluate';
import type { FindingCode, Verdict } from '../../../../src/shared/readiness/finding';
import type { ReadinessInput } from '../../../../src/shared/readiness/input';
import { allowsAction, allowsDataAction } from '../../../../src/simulator/roles';
import { loadScenario, type ScenarioUser } from '../../../../src/simulator/scenario';
import { type ArcRecord, READ_ACTIONS, type VmRecord, World } from '../../../../src/simulator/world';
import { windowsClient } from '../../../fixtures/readiness/machines';

/**
 * Drives the readiness rules with the demo tenant: every machine carries a `case` tag naming the troubleshooting case
 * it demonstrates, and each case must produce its finding. The mapper below stands in for discovery (ARM → Machine).
 */

const scenarioPath = fileURLToPath(new URL('../../../../src/simulator/scenarios/demo.json', import.meta.url));
const world = new World(loadScenario(JSON.parse(readFileSync(scenarioPath, 'utf8')), 'demo.json'));
afterAll(() => world.dispose());

const loginActions = {
  vm: { user: 'Microsoft.Compute/virtualMachines/login/action', admin: 'Microsoft.Compute/virtualMachines/loginAsAdmin/action', write: 'Microsoft.Compute/virtualMachines/write', start: 'Microsoft.Compute/virtualMachines/start/action' },
  arc: { user: 'Microsoft.HybridCompute/machines/login/action', admin: 'Microsoft.HybridCompute/machines/loginAsAdmin/action', write: 'Microsoft.HybridCompute/machines/write', start: '' },
} as const;

function aadExtensionOf(record: VmRecord | ArcRecord): Machine['aadExtension'] {
  const ext = record.extensions.find(
    (e) => e.spec.publisher.toLowerCase() === 'microsoft.azure.activedirectory' && e.spec.type.toLowerCase() === 'aadloginforwindows',
  )?.spec;
  if (ext === undefined) return null;
  return {
    name: ext.name,
    publisher: ext.publisher,
    type: ext.type,
    typeHandlerVersion: ext.typeHandlerVersion,
    provisioningState: ext.provisioningState,
    statusCode: ext.status?.code,
    statusMessage: ext.status?.message,
  };
}

/** What discovery would produce for `user`, or null when the user can't see the machine. */
function toMachine(record: VmRecord | ArcRecord, user: ScenarioUser): Machine | null {
  const tenant = record.sub.tenant;
  const principal = world.principalOf(user, tenant.id);
  if (!principal || !world.can(principal, record.id, record.kind === 'vm' ? READ_ACTIONS.vm : READ_ACTIONS.arc)) return null;
  const perms = world.permissionsAt(principal, record.id);
  const actions = loginActions[record.kind];
  const right = allowsDataAction(perms, actions.admin) ? 'admin' : allowsDataAction(perms, actions.user) ? 'user' : 'none';
  const access: Machine['access'] = {
    right,
    source: 'simulated permissions API',
    hasControlPlaneOnly: right === 'none' && allowsAction(perms, actions.write),
    canStart: actions.start !== '' && allowsAction(perms, actions.start),
  };
  const common = {
    id: record.id,
    name: record.spec.name,
    resourceGroup: record.resourceGroup,
    subscriptionId: record.sub.spec.id,
    subscriptionName: record.sub.spec.displayName,
    tenantId: tenant.id,
    cloud: tenant.cloud,
    location: record.spec.location,
    tags: record.spec.tags,
    aadExtension: aadExtensionOf(record),
    access,
    accountId: `${user.objectId}.${user.homeTenantId}`,
  };
  if (record.kind === 'vm') {
    const { spec } = record;
    return {
      ...common,
      kind: 'azure-vm',
      computerName: spec.computerName ?? undefined,
      os: {
        type: spec.os.type,
        ...(spec.agentReporting ? { name: spec.os.name, version: spec.os.version } : {}),
        image: spec.os.image,
      },
      powerState: record.power,
      arcStatus: 'unknown',
      identity: { type: spec.identity, systemAssigned: spec.identity.includes('SystemAssigned') },
      network: {
        privateIps: spec.nics.map((n) => n.privateIp),
        publicIps: spec.nics.flatMap((n) => (n.publicIp ? [n.publicIp.ipAddress] : [])),
        fqdns: spec.nics.flatMap((n) => (n.publicIp?.fqdn ? [n.publicIp.fqdn] : [])),
      },
    };
  }
  const { spec } = record;
  return {
    ...common,
    kind: 'arc-server',
    computerName: spec.computerName,
    os: { type: spec.os.type, name: spec.os.sku, version: spec.os.version },
    powerState: 'unknown',
    arcStatus: spec.status,
    arcLastStatusChange: spec.lastStatusChange,
    identity: { type: spec.identity, systemAssigned: spec.identity === 'SystemAssigned' },
    network: { privateIps: spec.privateIps, publicIps: [], fqdns: [spec.dnsFqdn, spec.machineFqdn].filter((f): f is string => !!f) },
  };
}

/** The demo's main user where they are in the machine's tenant; otherwise that tenant's own user. */
function userFor(record: VmRecord | ArcRecord): ScenarioUser {
  const avery = world.userByName('avery@contoso.example')!;
  if (world.principalOf(avery, record.sub.tenant.id)) return avery;
  return world.scenario.users.find((u) => u.homeTenantId === record.sub.tenant.id)!;
}

interface Evaluated {
  readonly name: string;
  readonly caseTag: string;
  readonly machine: Machine | null;
  readonly verdict: Verdict | null;
}

function evaluate(record: VmRecord | ArcRecord, signInMethod: 'web-account' | 'password' = 'web-account'): Evaluated {
  const user = userFor(record);
  const machine = toMachine(record, user);
  const caseTag = record.spec.tags.case ?? '';
  if (!machine) return { name: record.spec.name, caseTag, machine, verdict: null };
  const address = machine.network.privateIps[0];
  // The user's PC resolves computer names to private addresses (VPN + private DNS zone) and is joined to the tenant.
  const input: ReadinessInput = {
    machine,
    account: { homeTenantId: user.homeTenantId, tenantIdOfToken: machine.tenantId, cloud: machine.cloud, upn: user.upn },
    dns:
      machine.computerName !== undefined && address !== undefined
        ? { outcome: 'resolved', name: machine.computerName, addresses: [address], checkedAt: '2025-06-01T10:00:00Z' }
        : undefined,
    client: windowsClient({}, user.homeTenantId),
    preferences: { signInMethod },
  };
  return { name: record.spec.name, caseTag, machine, verdict: evaluateReadiness(input) };
}

const records = [...world.vms.values(), ...world.arcs.values()];
const evaluated = records.map((r) => evaluate(r));

/** Case tag (as written in demo.json) → the findings it must produce. `ready` = no warnings or blocks. */
const caseRules: ReadonlyArray<{ readonly pattern: RegExp; readonly codes?: readonly FindingCode[]; readonly ready?: true; readonly hidden?: true; readonly absent?: readonly FindingCode[] }> = [
  { pattern: /^healthy|: healthy|Arc server connected/i, ready: true },
  { pattern: /\bstopped\b/i, codes: ['VM_STOPPED'] },
  { pattern: /deallocated/i, codes: ['VM_DEALLOCATED'] },
  { pattern: /extension not installed/i, codes: ['EXTENSION_MISSING'] },
  { pattern: /1007/, codes: ['EXTENSION_FAILED_1007_MSI'] },
  { pattern: /no system-assigned managed identity/i, codes: ['IDENTITY_NOT_SYSTEM_ASSIGNED'] },
  { pattern: /-2145648607/, codes: ['EXTENSION_FAILED_DISCOVERY'] },
  { pattern: /exit code 51/i, codes: ['EXTENSION_FAILED_UNSUPPORTED_OS', 'OS_UNSUPPORTED'] },
  { pattern: /device name already exists/i, codes: ['EXTENSION_FAILED_DUPLICATE_DEVICE'] },
  { pattern: /unsupported Windows version|too old OS/i, codes: ['OS_UNSUPPORTED'] },
  { pattern: /only by IP/i, codes: ['DIAL_NAME_IS_IP'] },
  { pattern: /differs from the resource name/i, codes: ['DIAL_NAME_DIFFERS_FROM_RESOURCE_NAME'] },
  { pattern: /Linux/, codes: ['OS_NOT_WINDOWS'] },
  { pattern: /no login role/i, codes: ['ACCESS_NONE'] },
  { pattern: /Owner only|Contributor only/i, codes: ['ACCESS_NONE_CONTROL_PLANE_ONLY'] },
  { pattern: /B2B guest/i, codes: ['GUEST_ACCOUNT'] },
  { pattern: /disconnected/i, codes: ['ARC_DISCONNECTED'] },
  { pattern: /expired/i, codes: ['ARC_EXPIRED'] },
  { pattern: /user login only|loginAsAdmin removed/i, codes: ['ACCESS_USER'] },
  { pattern: /admin login/i, codes: ['ACCESS_ADMIN'] },
  { pattern: /custom resource name/i, absent: ['EXTENSION_MISSING'] },
  { pattern: /cannot read VMs|forbidden/i, hidden: true },
];

describe('readiness on the demo scenario (src/simulator/scenarios/demo.json)', () => {
  it('has Windows machines for the troubleshooting cases', () => {
    expect(evaluated.length).toBeGreaterThan(20);
  });

  it('knows what every case tag must produce (a new kind of case needs a rule here)', () => {
    const unknown = evaluated.filter((e) => !caseRules.some((r) => r.pattern.test(e.caseTag))).map((e) => `${e.name}: ${e.caseTag}`);
    expect(unknown).toEqual([]);
  });

  it.each(evaluated.map((e) => [e.name, e] as const))('%s produces the findings of its case', (_name, e) => {
    for (const rule of caseRules.filter((r) => r.pattern.test(e.caseTag))) {
      if (rule.hidden) {
        expect(e.machine, e.caseTag).toBeNull();
        continue;
      }
      expect(e.verdict, e.caseTag).not.toBeNull();
      const produced = e.verdict!.findings.map((f) => f.code);
      if (rule.ready) expect({ case: e.caseTag, status: e.verdict!.status, produced }).toMatchObject({ status: 'ready' });
      for (const code of rule.codes ?? []) expect(produced, e.caseTag).toContain(code);
      for (const code of rule.absent ?? []) expect(produced, e.caseTag).not.toContain(code);
    }
  });

  it('blocks web account sign-in to the Windows Server 2019 machines but lets the password method through', () => {
    const server2019 = records.filter(
      (r) => r.kind === 'vm' && r.spec.os.version?.startsWith('10.0.17763') === true && r.power === 'running',
    );
    expect(server2019.length).toBeGreaterThan(0);
    for (const record of server2019) {
      expect(evaluate(record).verdict?.findings.map((f) => f.code)).toContain('HOST_BUILD_TOO_OLD_FOR_PASSWORDLESS');
      expect(evaluate(record, 'password').verdict).toMatchObject({ signInMethod: 'password' });
    }
  });
});
