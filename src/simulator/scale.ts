import type { PowerState } from '../shared/domain/machine';
import type {
  Scenario,
  ScenarioArcMachine,
  ScenarioExtension,
  ScenarioGroup,
  ScenarioRoleAssignment,
  ScenarioSubscription,
  ScenarioVm,
} from './scenario';
import { scenarioSettingsSchema } from './scenario';

/** Size and seed of a generated scale scenario. */
export interface ScaleOptions {
  /** PRNG seed: the same seed and sizes always give the same world. Default 1. */
  readonly seed?: number;
  /** Azure VMs in total (Windows and Linux). Default 10,000. */
  readonly vms?: number;
  /** Arc-enabled servers in total. Default 2,000. */
  readonly arcServers?: number;
  /** Subscriptions the machines are spread over. Default 200. */
  readonly subscriptions?: number;
}

// The same tenant and users as the demo scenario, so a demo sign-in works against the scale world too.
const CONTOSO = 'b6e3664e-3e80-4754-b516-bd00208b19a7';
const MAIN_USER = 'avery@contoso.example';
const OWNER_USER = 'owner.only@contoso.example';
// Groups at resource-group scope: the main user belongs to the first, not to the second, so a listing cannot decide
// either for them and discovery must ask the permissions API there.
const LOGIN_GROUP = 'rdp-operators';
const OTHER_GROUP = 'helpdesk-admins';
const GROUPS: readonly ScenarioGroup[] = [
  { name: LOGIN_GROUP, tenantId: CONTOSO, objectId: '2f0a8c5e-6b1d-4e7a-9c3f-5d8e1a2b4c6d', members: [MAIN_USER] },
  { name: OTHER_GROUP, tenantId: CONTOSO, objectId: '8d4b2e6f-1a3c-4f5e-8b7d-9c0e2f4a6b8d', members: [OWNER_USER] },
];

/** mulberry32: tiny, fast, good enough for test data; deterministic per seed. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Weighted<T> = ReadonlyArray<readonly [T, number]>;

function pick<T>(random: () => number, table: Weighted<T>): T {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, weight] of table) {
    r -= weight;
    if (r < 0) return value;
  }
  const last = table[table.length - 1];
  if (!last) throw new Error('empty table');
  return last[0];
}

function hex(random: () => number, length: number): string {
  let s = '';
  while (s.length < length) s += Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
  return s.slice(0, length);
}

function guidFrom(random: () => number): string {
  const h = hex(random, 32);
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface OsChoice {
  readonly key: string;
  readonly os: ScenarioVm['os'];
}

const windowsImage = (sku: string): NonNullable<ScenarioVm['os']['image']> => ({
  publisher: 'MicrosoftWindowsServer',
  offer: 'WindowsServer',
  sku,
  version: 'latest',
});

const VM_OS: Weighted<OsChoice> = [
  [{ key: 'ws2022', os: { type: 'Windows', name: 'Windows Server 2022 Datacenter Azure Edition', version: '10.0.20348.2762', image: windowsImage('2022-datacenter-azure-edition') } }, 36],
  [{ key: 'ws2019', os: { type: 'Windows', name: 'Windows Server 2019 Datacenter', version: '10.0.17763.6414', image: windowsImage('2019-datacenter-gensecond') } }, 17],
  [{ key: 'ws2025', os: { type: 'Windows', name: 'Windows Server 2025 Datacenter Azure Edition', version: '10.0.26100.2314', image: windowsImage('2025-datacenter-azure-edition') } }, 13],
  [{ key: 'win11', os: { type: 'Windows', name: 'Windows 11 Enterprise', version: '10.0.26100.2314', image: { publisher: 'MicrosoftWindowsDesktop', offer: 'windows-11', sku: 'win11-24h2-ent', version: 'latest' } } }, 9],
  [{ key: 'win10', os: { type: 'Windows', name: 'Windows 10 Enterprise', version: '10.0.19045.5131', image: { publisher: 'MicrosoftWindowsDesktop', offer: 'Windows-10', sku: 'win10-22h2-ent-g2', version: 'latest' } } }, 5],
  [{ key: 'ws2016', os: { type: 'Windows', name: 'Windows Server 2016 Datacenter', version: '10.0.14393.7428', image: windowsImage('2016-datacenter-gensecond') } }, 7],
  [{ key: 'ubuntu', os: { type: 'Linux', name: 'ubuntu', version: '22.04', image: { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2', version: 'latest' } } }, 9],
  [{ key: 'rhel', os: { type: 'Linux', name: 'redhat', version: '9.4', image: { publisher: 'RedHat', offer: 'RHEL', sku: '9-lvm-gen2', version: 'latest' } } }, 4],
];

const POWER: Weighted<PowerState> = [
  ['running', 72],
  ['stopped', 9],
  ['deallocated', 16],
  ['starting', 1],
  ['deallocating', 1],
  ['unknown', 1],
];

const AAD = { publisher: 'Microsoft.Azure.ActiveDirectory', type: 'AADLoginForWindows', typeHandlerVersion: '1.0' } as const;
const FAILURE_PREFIX =
  "VM has reported a failure when processing extension 'AADLoginForWindows' (publisher 'Microsoft.Azure.ActiveDirectory' and type 'AADLoginForWindows'). Error message: ";

type ExtensionCase = 'ok' | 'missing' | 'creating' | '1007' | 'discovery' | 'exit51' | 'duplicate';

// Windows Server 2016 images either lack the extension or fail it with exit code 51 (unsupported OS).
const LEGACY_EXTENSION_CASES: Weighted<ExtensionCase> = [
  ['exit51', 5],
  ['missing', 5],
];

const EXTENSION_CASES: Weighted<ExtensionCase> = [
  ['ok', 70],
  ['missing', 12],
  ['creating', 2],
  ['1007', 6],
  ['discovery', 4],
  ['exit51', 3],
  ['duplicate', 3],
];

function vmAadExtension(c: ExtensionCase, computerName: string): ScenarioExtension | null {
  const failed = (code: string, detail: string): ScenarioExtension => ({
    name: 'AADLoginForWindows',
    ...AAD,
    provisioningState: 'Failed',
    status: { code, level: 'Error', displayStatus: 'Provisioning failed', message: `${FAILURE_PREFIX}'${detail}'.` },
  });
  switch (c) {
    case 'missing':
      return null;
    case 'ok':
      return {
        name: 'AADLoginForWindows',
        ...AAD,
        provisioningState: 'Succeeded',
        status: { code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', message: 'Plugin enabled' },
      };
    case 'creating':
      return {
        name: 'AADLoginForWindows',
        ...AAD,
        provisioningState: 'Creating',
        status: { code: 'ProvisioningState/creating', level: 'Info', displayStatus: 'Provisioning in progress' },
      };
    case '1007':
      return failed(
        'ProvisioningState/failed/1007',
        "AADLoginForWindows failed with terminal error code '1007'. Exit code: -2145648574. The extension could not query the Microsoft Entra tenant information (DSREG_E_MSI_TENANTID_UNAVAILABLE).",
      );
    case 'discovery':
      return failed(
        'ProvisioningState/failed/-2145648607',
        'AADLoginForWindows failed. Exit code: -2145648607. The device could not reach https://enterpriseregistration.windows.net (DSREG_AUTOJOIN_DISC_FAILED).',
      );
    case 'exit51':
      return failed('ProvisioningState/failed/51', 'AADLoginForWindows failed. Exit code: 51. This extension is not supported on this operating system.');
    case 'duplicate':
      return failed(
        'ProvisioningState/failed',
        `AADLoginForWindows failed to join the device to Microsoft Entra ID: a device object with the same display name '${computerName}' already exists in the tenant (hostname duplication).`,
      );
    default:
      return null;
  }
}

const ARC_OS: Weighted<ScenarioArcMachine['os']> = [
  [{ type: 'windows', sku: 'Windows Server 2025 Datacenter', version: '10.0.26100.2314', edition: 'serverdatacenter' }, 45],
  [{ type: 'windows', sku: 'Windows Server 2022 Datacenter', version: '10.0.20348.2762', edition: 'serverdatacenter' }, 25],
  [{ type: 'windows', sku: 'Windows Server 2019 Standard', version: '10.0.17763.6414', edition: 'serverstandard' }, 15],
  [{ type: 'windows', sku: 'Windows 11 Enterprise', version: '10.0.26100.2314', edition: 'enterprise' }, 5],
  [{ type: 'linux', sku: 'Ubuntu 22.04.4 LTS', version: '5.15.0-107-generic' }, 10],
];

const ARC_STATUS: Weighted<ScenarioArcMachine['status']> = [
  ['Connected', 80],
  ['Disconnected', 12],
  ['Expired', 5],
  ['Error', 3],
];

const LOCATIONS = ['westeurope', 'northeurope', 'uksouth', 'eastus2', 'westus3', 'swedencentral'] as const;
const TEAMS = ['apps', 'data', 'web', 'ops', 'hr', 'finance', 'sales', 'build', 'edge', 'lab'] as const;

function privateIpFor(index: number): string {
  // 10.0.0.0/8 holds far more than any scale we generate; skip .0-.3 and .255 like Azure subnets do.
  const host = (index % 250) + 4;
  const block = Math.floor(index / 250);
  return `10.${Math.floor(block / 256) % 256}.${block % 256}.${host}`;
}

/**
 * Generates a large, realistic world deterministically from a seed: a mix of power states, OS versions, extension
 * states (including the documented failures), Linux VMs the queries must skip, Arc servers, and login role
 * assignments for the main user mostly at subscription or resource-group scope, about a tenth on single machines,
 * some machines with no login right and some resource groups where the user is Owner only; a few resource groups
 * also carry group assignments (one group with the main user in it, one without).
 */
export function generateScaleScenario(options: ScaleOptions = {}): Scenario {
  const seed = options.seed ?? 1;
  const vmCount = options.vms ?? 10_000;
  const arcCount = options.arcServers ?? 2_000;
  const subCount = Math.max(1, options.subscriptions ?? 200);
  const random = createRandom(seed);

  const subscriptions: ScenarioSubscription[] = [];
  const groupsBySub: string[][] = [];
  const locationBySub: string[] = [];
  for (let s = 0; s < subCount; s += 1) {
    const team = TEAMS[s % TEAMS.length] ?? 'apps';
    subscriptions.push({
      id: guidFrom(random),
      tenantId: CONTOSO,
      displayName: `Contoso ${team} ${String(s + 1).padStart(3, '0')}`,
      state: 'Enabled',
    });
    const groupCount = 3 + Math.floor(random() * 5);
    groupsBySub.push(Array.from({ length: groupCount }, (_, g) => `rg-${team}-${String(s + 1).padStart(3, '0')}-${g + 1}`));
    locationBySub.push(LOCATIONS[Math.floor(random() * LOCATIONS.length)] ?? 'westeurope');
  }

  const roleAssignments: ScenarioRoleAssignment[] = [];
  const subScope = (s: ScenarioSubscription): string => `/subscriptions/${s.id}`;
  const groupScope = (s: ScenarioSubscription, g: string): string => `/subscriptions/${s.id}/resourceGroups/${g}`;
  // Groups whose machines the main user reaches through subscription or group scope; the rest get per-machine grants.
  const coveredGroups = new Set<string>();
  subscriptions.forEach((s, i) => {
    roleAssignments.push({ principal: MAIN_USER, role: 'Reader', scope: subScope(s) });
    roleAssignments.push({ principal: OWNER_USER, role: 'Owner', scope: subScope(s) });
    const groups = groupsBySub[i] ?? [];
    const mode = random();
    if (mode < 0.4) {
      roleAssignments.push({ principal: MAIN_USER, role: 'Virtual Machine User Login', scope: subScope(s) });
      for (const g of groups) coveredGroups.add(groupScope(s, g));
    } else {
      for (const g of groups) {
        const r = random();
        if (r < 0.5) {
          roleAssignments.push({ principal: MAIN_USER, role: 'Virtual Machine User Login', scope: groupScope(s, g) });
          coveredGroups.add(groupScope(s, g));
        } else if (r < 0.62) {
          roleAssignments.push({ principal: MAIN_USER, role: 'Virtual Machine Administrator Login', scope: groupScope(s, g) });
          coveredGroups.add(groupScope(s, g));
        } else if (r < 0.7) {
          roleAssignments.push({ principal: MAIN_USER, role: 'Owner', scope: groupScope(s, g) });
        }
      }
    }
    if (random() < 0.1) roleAssignments.push({ principal: MAIN_USER, role: 'Virtual Machine Contributor', scope: subScope(s) });
  });
  // Group assignments draw from their own stream, so the rest of the world is the same as without them.
  const groupRandom = createRandom(seed ^ 0x5bd1e995);
  subscriptions.forEach((s, i) => {
    for (const g of groupsBySub[i] ?? []) {
      const r = groupRandom();
      if (r < 0.03) roleAssignments.push({ principal: LOGIN_GROUP, role: 'Virtual Machine User Login', scope: groupScope(s, g) });
      else if (r < 0.05) roleAssignments.push({ principal: OTHER_GROUP, role: 'Virtual Machine Administrator Login', scope: groupScope(s, g) });
    }
  });

  const virtualMachines: ScenarioVm[] = [];
  for (let i = 0; i < vmCount; i += 1) {
    const s = i % subCount;
    const sub = subscriptions[s];
    const groups = groupsBySub[s];
    if (!sub || !groups) continue;
    const rg = groups[Math.floor(random() * groups.length)] ?? groups[0] ?? 'rg-default';
    const { key, os } = pick(random, VM_OS);
    const windows = os.type === 'Windows';
    const name = `vm-${key}-${String(i + 1).padStart(5, '0')}`;
    const computerName = `${windows ? 'CTS' : 'lnx'}-${key.toUpperCase()}-${(i + 1).toString(36).toUpperCase()}`.slice(0, 15);
    const power = pick(random, POWER);
    const extCase = windows ? pick(random, key === 'ws2016' ? LEGACY_EXTENSION_CASES : EXTENSION_CASES) : 'missing';
    const aad = windows ? vmAadExtension(extCase, computerName) : null;
    const hasPublicIp = random() < 0.4;
    const label = `cts-${name.slice(3)}`;
    const location = locationBySub[s] ?? 'westeurope';
    virtualMachines.push({
      name,
      subscriptionId: sub.id,
      resourceGroup: rg,
      location,
      vmId: guidFrom(random),
      size: windows ? 'Standard_D2s_v5' : 'Standard_B2s',
      computerName,
      os,
      agentReporting: random() < 0.97,
      identity: random() < 0.92 ? 'SystemAssigned' : 'None',
      powerState: power,
      tags: { env: random() < 0.6 ? 'prod' : 'dev', costCenter: `CC-${1000 + (s % 50)}` },
      timeCreated: '2024-03-11T09:15:42.1234567+00:00',
      nics: [
        {
          name: `${name}-nic`,
          privateIp: privateIpFor(i),
          ...(hasPublicIp
            ? {
                publicIp: {
                  name: `${name}-pip`,
                  ipAddress: `198.51.100.${(i % 250) + 1}`,
                  domainNameLabel: label,
                  fqdn: `${label}.${location}.cloudapp.azure.com`,
                },
              }
            : {}),
        },
      ],
      extensions: aad ? [aad] : [],
    });
    const groupKey = groupScope(sub, rg);
    if (!coveredGroups.has(groupKey) && random() < 0.45) {
      roleAssignments.push({
        principal: MAIN_USER,
        role: random() < 0.8 ? 'Virtual Machine User Login' : 'Virtual Machine Administrator Login',
        scope: `${groupKey}/providers/Microsoft.Compute/virtualMachines/${name}`,
      });
    }
  }

  const arcMachines: ScenarioArcMachine[] = [];
  for (let i = 0; i < arcCount; i += 1) {
    const s = (i * 7) % subCount;
    const sub = subscriptions[s];
    const groups = groupsBySub[s];
    if (!sub || !groups) continue;
    const rg = groups[Math.floor(random() * groups.length)] ?? 'rg-default';
    const os = pick(random, ARC_OS);
    const windows = os.type === 'windows';
    const name = `arc-srv-${String(i + 1).padStart(5, '0')}`;
    const computerName = `ARC${(i + 1).toString(36).toUpperCase().padStart(5, '0')}`;
    const tooOld = os.sku.includes('2019') || os.sku.includes('2022');
    const extRoll = random();
    const extensions: ScenarioExtension[] = [];
    if (windows && extRoll < 0.8) {
      const failed = tooOld && extRoll < 0.5;
      extensions.push({
        name: 'AADLoginForWindows',
        publisher: 'Microsoft.Azure.ActiveDirectory',
        type: 'AADLoginForWindows',
        typeHandlerVersion: '2.1.0.0',
        provisioningState: failed ? 'Failed' : 'Succeeded',
        settings: { mdmId: '' },
        status: failed
          ? {
              code: '51',
              level: 'Error',
              displayStatus: 'Provisioning failed',
              message: 'Extension Message: Enable failed. Exit code: 51. This extension is not supported on this operating system.',
            }
          : { code: 'success', level: 'Information', displayStatus: 'Provisioning succeeded', message: 'Extension Message: AADLoginForWindows is enabled.' },
      });
    }
    const fqdn = `${computerName.toLowerCase()}.corp.contoso.example`;
    const day = 1 + Math.floor(random() * 28);
    arcMachines.push({
      name,
      subscriptionId: sub.id,
      resourceGroup: rg,
      location: locationBySub[s] ?? 'westeurope',
      vmId: guidFrom(random),
      computerName,
      status: pick(random, ARC_STATUS),
      lastStatusChange: `2025-04-${String(day).padStart(2, '0')}T08:00:00.0000000Z`,
      agentVersion: '1.48.02933.2009',
      os,
      domainName: 'corp.contoso.example',
      dnsFqdn: fqdn,
      machineFqdn: fqdn,
      identity: 'SystemAssigned',
      privateIps: [privateIpFor(vmCount + i)],
      tags: { site: TEAMS[i % TEAMS.length] ?? 'lab' },
      extensions,
    });
    const groupKey = groupScope(sub, rg);
    if (!coveredGroups.has(groupKey) && random() < 0.45) {
      roleAssignments.push({
        principal: MAIN_USER,
        role: 'Virtual Machine User Login',
        scope: `${groupKey}/providers/Microsoft.HybridCompute/machines/${name}`,
      });
    }
  }

  return {
    name: `scale-${seed}-${vmCount}-${arcCount}-${subCount}`,
    description: `Generated: ${vmCount} VMs and ${arcCount} Arc servers in ${subCount} subscriptions (seed ${seed}).`,
    settings: scenarioSettingsSchema.parse({}),
    dnsRecords: [],
    tenants: [
      {
        id: CONTOSO,
        cloud: 'AzureCloud',
        displayName: 'Contoso',
        defaultDomain: 'contoso.example',
        domains: ['contoso.example', 'contoso.onmicrosoft.com'],
        countryCode: 'NL',
      },
    ],
    users: [
      { upn: MAIN_USER, displayName: 'Avery Jansen', objectId: 'a1ac69be-b4ec-42bd-b1d7-13c41a904bb7', homeTenantId: CONTOSO, guestOf: [] },
      { upn: OWNER_USER, displayName: 'Riley Owner', objectId: '6484b4a4-999c-48da-ad5b-57a588160c14', homeTenantId: CONTOSO, guestOf: [] },
    ],
    subscriptions,
    customRoles: [],
    groups: [...GROUPS],
    roleAssignments,
    virtualMachines,
    arcMachines,
  };
}
