import type { ListedMachine } from '../../../src/shared/ipc/schemas';
import type { Finding, Verdict } from '../../../src/shared/readiness/finding';

/** Deep-partial overrides for a test machine (nested objects are merged one level deep). */
export type MachineOverrides = Partial<Omit<ListedMachine, 'verdict' | 'access' | 'network'>> & {
  readonly verdict?: Partial<Verdict>;
  readonly access?: Partial<ListedMachine['access']>;
  readonly network?: Partial<ListedMachine['network']>;
};

/** A plausible listed machine; every test states only what it cares about. */
export function makeMachine(name: string, overrides: MachineOverrides = {}): ListedMachine {
  const subscriptionId = overrides.subscriptionId ?? '11111111-1111-1111-1111-111111111111';
  const resourceGroup = overrides.resourceGroup ?? 'rg-app';
  const kind = overrides.kind ?? 'azure-vm';
  const provider = kind === 'azure-vm' ? 'Microsoft.Compute/virtualMachines' : 'Microsoft.HybridCompute/machines';
  const { verdict, access, network, ...rest } = overrides;
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${provider}/${name}`,
    kind,
    name,
    computerName: name.toUpperCase(),
    resourceGroup,
    subscriptionId,
    subscriptionName: 'Contoso Production',
    tenantId: 'tenant-a',
    cloud: 'AzureCloud',
    location: 'westeurope',
    tags: {},
    os: { type: 'Windows', name: 'Windows Server 2022 Datacenter', version: '10.0.20348.1' },
    powerState: kind === 'azure-vm' ? 'running' : 'unknown',
    arcStatus: kind === 'azure-vm' ? 'unknown' : 'Connected',
    identity: { type: 'SystemAssigned', systemAssigned: true },
    aadExtension: null,
    accountId: 'account-1',
    ...rest,
    network: { privateIps: ['10.0.0.4'], publicIps: [], fqdns: [], ...network },
    access: { right: 'user', ...access },
    verdict: {
      status: 'ready',
      findings: [],
      dialName: name.toUpperCase(),
      dialNameReason: 'computer name',
      signInMethod: 'web-account',
      ...verdict,
    },
  };
}

/** A finding with no evidence. */
export function finding(code: Finding['code'], severity: Finding['severity'], evidence: Finding['evidence'] = {}): Finding {
  return { code, severity, ruleId: 'test', evidence };
}
