import { describe, expect, it } from 'vitest';

import { machineSchema } from '../../../../src/shared/domain/machine';
import {
  isAadLoginExtension,
  makeNetwork,
  mapArcRow,
  mapVmNetwork,
  mapWindowsVmRow,
  parseArcStatus,
  parseIdentity,
  parsePowerState,
  resourceGroupOf,
  subscriptionOf,
  withAccess,
  withNetwork,
} from '../../../../src/shared/discovery/map-rows';
import { arcMachineRowSchema, vmNetworkRowSchema, windowsVmRowSchema } from '../../../../src/shared/discovery/resource-graph-queries';

const SUB = 'ed67da65-2211-4b4a-9eba-ebcc42f20ce5';
const TENANT = 'b6e3664e-3e80-4754-b516-bd00208b19a7';
const VM_ID = `/subscriptions/${SUB}/resourceGroups/rg-app-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01`;
const ARC_ID = `/subscriptions/${SUB}/resourceGroups/rg-arc/providers/Microsoft.HybridCompute/machines/arc-fs-2025`;
const context = { cloud: 'AzureCloud' as const, accountId: 'oid.tid', tenantId: TENANT, subscriptionName: 'Contoso Production' };

const vmRow = (overrides: Record<string, unknown> = {}) =>
  windowsVmRowSchema.parse({
    id: VM_ID,
    name: 'vm-web-01',
    resourceGroup: 'rg-app-prod',
    subscriptionId: SUB,
    tenantId: TENANT,
    location: 'westeurope',
    tags: { env: 'prod' },
    computerName: 'WEB01',
    instanceComputerName: 'WEB01',
    powerState: 'PowerState/running',
    osType: 'Windows',
    osName: 'Windows Server 2022 Datacenter',
    osVersion: '10.0.20348.2762',
    imageReference: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter', version: 'latest', exactVersion: '20348.2762.241006' },
    identityType: 'SystemAssigned, UserAssigned',
    networkInterfaces: [{ id: `${VM_ID}-nic`, properties: { primary: true } }],
    aadExtensionName: 'EntraLogin',
    aadExtensionState: 'Succeeded',
    aadExtensionVersion: '1.0',
    ...overrides,
  });

const arcRow = (overrides: Record<string, unknown> = {}) =>
  arcMachineRowSchema.parse({
    id: ARC_ID,
    name: 'arc-fs-2025',
    resourceGroup: 'rg-arc',
    subscriptionId: SUB,
    tenantId: TENANT,
    location: 'westeurope',
    tags: null,
    status: 'Connected',
    lastStatusChange: '2025-04-02T08:00:00.0000000Z',
    osName: 'windows',
    osSku: 'Windows Server 2025 Datacenter',
    osVersion: '10.0.26100.2314',
    computerName: 'FS2025',
    dnsFqdn: 'fs2025.corp.contoso.example',
    machineFqdn: 'FS2025.corp.contoso.example',
    agentVersion: '1.48',
    identityType: 'SystemAssigned',
    networkInterfaces: [{ ipAddresses: [{ address: '10.20.0.11', ipAddressVersion: 'IPv4' }] }, { ipAddresses: null }],
    aadExtensionName: 'AADLoginForWindows',
    aadExtensionState: 'Failed',
    aadExtensionVersion: '2.1.0.0',
    aadExtensionStatusCode: '51',
    aadExtensionStatusLevel: 'Error',
    aadExtensionStatusMessage: 'Exit code: 51',
    ...overrides,
  });

describe('mapWindowsVmRow', () => {
  it('maps every field a row carries, with right unknown until it is resolved', () => {
    const network = vmNetworkRowSchema.parse({ id: VM_ID.toLowerCase(), privateIps: ['10.0.0.4'], publicIps: ['198.51.100.7'], fqdns: ['web.westeurope.cloudapp.azure.com'] });
    const machine = mapWindowsVmRow(vmRow(), context, network);
    expect(machineSchema.parse(machine)).toEqual(machine);
    expect(machine).toMatchObject({
      id: VM_ID,
      kind: 'azure-vm',
      computerName: 'WEB01',
      subscriptionName: 'Contoso Production',
      powerState: 'running',
      arcStatus: 'unknown',
      identity: { type: 'SystemAssigned, UserAssigned', systemAssigned: true },
      os: { type: 'Windows', name: 'Windows Server 2022 Datacenter', image: { sku: '2022-datacenter', version: '20348.2762.241006' } },
      aadExtension: { name: 'EntraLogin', publisher: 'Microsoft.Azure.ActiveDirectory', type: 'AADLoginForWindows', provisioningState: 'Succeeded' },
      network: { privateIps: ['10.0.0.4'], publicIps: ['198.51.100.7'], fqdns: ['web.westeurope.cloudapp.azure.com'] },
      access: { right: 'unknown' },
      tags: { env: 'prod' },
    });
  });

  it('falls back to the guest computer name, and leaves unknowns out', () => {
    const machine = mapWindowsVmRow(
      vmRow({ computerName: '', instanceComputerName: 'GUEST01', powerState: '', osName: '', osVersion: '', identityType: '', aadExtensionName: '', imageReference: null }),
      context,
    );
    expect(machine.computerName).toBe('GUEST01');
    expect(machine.powerState).toBe('unknown');
    expect(machine.os).toEqual({ type: 'Windows' });
    expect(machine.identity).toEqual({ type: 'None', systemAssigned: false });
    expect(machine.aadExtension).toBeNull();
    expect(machine.network).toEqual({ privateIps: [], publicIps: [], fqdns: [] });
  });

  it('has no computer name when neither the profile nor the agent gives one', () => {
    expect(mapWindowsVmRow(vmRow({ computerName: '', instanceComputerName: '' }), context).computerName).toBeUndefined();
  });
});

describe('mapArcRow', () => {
  it('maps status, OS SKU, addresses, names and the extension status', () => {
    const machine = mapArcRow(arcRow(), context);
    expect(machineSchema.parse(machine)).toEqual(machine);
    expect(machine).toMatchObject({
      kind: 'arc-server',
      powerState: 'unknown',
      arcStatus: 'Connected',
      arcLastStatusChange: '2025-04-02T08:00:00.0000000Z',
      os: { type: 'windows', name: 'Windows Server 2025 Datacenter', version: '10.0.26100.2314' },
      network: { privateIps: ['10.20.0.11'], publicIps: [], fqdns: ['fs2025.corp.contoso.example'] },
      aadExtension: { provisioningState: 'Failed', statusCode: '51', statusMessage: 'Exit code: 51' },
      tags: {},
    });
  });

  it.each([
    ['Expired', 'Expired'],
    ['disconnected', 'Disconnected'],
    ['Error', 'Error'],
    ['', 'unknown'],
    ['Suspended', 'unknown'],
  ] as const)('status %s → %s', (status, expected) => {
    expect(mapArcRow(arcRow({ status }), context).arcStatus).toBe(expected);
    expect(parseArcStatus(status)).toBe(expected);
  });
});

describe('helpers', () => {
  it.each([
    ['PowerState/running', 'running'],
    ['PowerState/deallocated', 'deallocated'],
    ['powerstate/STOPPED', 'stopped'],
    ['PowerState/hibernated', 'unknown'],
    ['', 'unknown'],
    [undefined, 'unknown'],
  ] as const)('power state %s → %s', (code, expected) => {
    expect(parsePowerState(code)).toBe(expected);
  });

  it('reads a system-assigned identity in every combination', () => {
    expect(parseIdentity('SystemAssigned').systemAssigned).toBe(true);
    expect(parseIdentity('SystemAssigned, UserAssigned').systemAssigned).toBe(true);
    expect(parseIdentity('UserAssigned').systemAssigned).toBe(false);
    expect(parseIdentity('None').systemAssigned).toBe(false);
  });

  it('finds the extension by publisher and type, case-insensitively, never by name', () => {
    expect(isAadLoginExtension('microsoft.azure.activedirectory', 'aadloginforwindows')).toBe(true);
    expect(isAadLoginExtension('Microsoft.Azure.ActiveDirectory', 'AADSSHLoginForLinux')).toBe(false);
    expect(isAadLoginExtension(undefined, 'AADLoginForWindows')).toBe(false);
  });

  it('reads scopes from ids', () => {
    expect(resourceGroupOf(VM_ID)).toBe('rg-app-prod');
    expect(subscriptionOf(VM_ID.toUpperCase())).toBe(SUB);
    expect(resourceGroupOf('/subscriptions/x')).toBe('');
  });

  it('dedupes addresses and names case-insensitively and drops empties', () => {
    expect(makeNetwork(['10.0.0.4', '', '10.0.0.4'], [' '], ['A.example', 'a.example'])).toEqual({ privateIps: ['10.0.0.4'], publicIps: [], fqdns: ['A.example'] });
  });

  it('updates copies, never the original', () => {
    const machine = mapWindowsVmRow(vmRow(), context);
    const updated = withNetwork(withAccess(machine, { right: 'admin' }), mapVmNetwork(vmNetworkRowSchema.parse({ id: 'x', privateIps: ['10.1.1.1'] })));
    expect(updated.access.right).toBe('admin');
    expect(updated.network.privateIps).toEqual(['10.1.1.1']);
    expect(machine.access.right).toBe('unknown');
  });
});
