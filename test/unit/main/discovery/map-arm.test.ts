import type { VirtualMachine, VirtualMachineExtension } from '@azure/arm-compute';
import type { Machine as ArcModel, MachineExtension } from '@azure/arm-hybridcompute';
import { describe, expect, it } from 'vitest';

import {
  findArcAadExtension,
  findVmAadExtension,
  isWindowsVm,
  mapArcModel,
  mapComputeVm,
  networkFromNics,
  nicSchema,
  pickExtensionStatus,
  publicIpSchema,
} from '../../../../src/main/discovery/map-arm';
import { machineSchema } from '../../../../src/shared/domain/machine';

const RG = '/subscriptions/s1/resourceGroups/rg-1';
const context = { cloud: 'AzureUSGovernment' as const, accountId: 'acc', tenantId: 't1', subscriptionName: 'Gov' };

const extension = (name: string, publisher: string, type: string, extra: Partial<VirtualMachineExtension> = {}): VirtualMachineExtension => ({
  name,
  location: 'usgovvirginia',
  publisher,
  typePropertiesType: type,
  provisioningState: 'Succeeded',
  ...extra,
});

describe('VM extensions', () => {
  it('finds AADLoginForWindows by publisher + type under any name, with the failure status and message', () => {
    const found = findVmAadExtension([
      extension('AADLoginForWindows', 'Microsoft.Azure.Monitor', 'AzureMonitorWindowsAgent'),
      extension('EntraLogin', 'Microsoft.Azure.ActiveDirectory', 'AADLoginForWindows', {
        typeHandlerVersion: '1.0',
        provisioningState: 'Failed',
        instanceView: {
          statuses: [
            { code: 'ProvisioningState/failed/1007', level: 'Error', message: 'Exit code: -2145648574' },
            { code: 'Other', level: 'Info' },
          ],
        },
      }),
    ]);
    expect(found).toEqual({
      name: 'EntraLogin',
      publisher: 'Microsoft.Azure.ActiveDirectory',
      type: 'AADLoginForWindows',
      typeHandlerVersion: '1.0',
      provisioningState: 'Failed',
      statusCode: 'ProvisioningState/failed/1007',
      statusMessage: 'Exit code: -2145648574',
    });
  });

  it('returns null when only a same-named extension of another type exists', () => {
    expect(findVmAadExtension([extension('AADLoginForWindows', 'Contoso', 'Custom')])).toBeNull();
  });

  it('picks the error status first, then the provisioning status', () => {
    expect(pickExtensionStatus([{ code: 'A' }, { code: 'ProvisioningState/succeeded' }])?.code).toBe('ProvisioningState/succeeded');
    expect(pickExtensionStatus([{ code: 'ProvisioningState/x' }, { code: 'E', level: 'Error' }])?.code).toBe('E');
    expect(pickExtensionStatus(undefined)).toBeUndefined();
  });

  it('finds the Arc extension (single status, level Information)', () => {
    const ext: MachineExtension = {
      location: 'x',
      name: 'AADLogin',
      properties: {
        publisher: 'Microsoft.Azure.ActiveDirectory',
        type: 'AADLoginForWindows',
        provisioningState: 'Succeeded',
        instanceView: { status: { code: 'success', level: 'Information', message: 'enabled' } },
      },
    };
    expect(findArcAadExtension([ext])).toMatchObject({ name: 'AADLogin', statusCode: 'success', statusMessage: 'enabled' });
  });
});

describe('mapping SDK models', () => {
  it('maps a VM with its instance view and joins NICs with public IPs', () => {
    const id = `${RG}/providers/Microsoft.Compute/virtualMachines/gov-app-01`;
    const vm: VirtualMachine = {
      id,
      name: 'gov-app-01',
      location: 'usgovvirginia',
      tags: { case: 'x' },
      identity: { type: 'SystemAssigned' },
      osProfile: { computerName: 'GOVAPP01' },
      storageProfile: { osDisk: { osType: 'Windows', createOption: 'FromImage' }, imageReference: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022' } },
      instanceView: { osName: 'Windows Server 2022', statuses: [{ code: 'ProvisioningState/succeeded' }, { code: 'PowerState/deallocated' }] },
    };
    const nic = nicSchema.parse({
      id: `${RG}/providers/Microsoft.Network/networkInterfaces/nic`,
      properties: { ipConfigurations: [{ properties: { privateIPAddress: '10.1.0.4', publicIPAddress: { id: `${RG}/providers/Microsoft.Network/publicIPAddresses/PIP` } } }] },
    });
    const pip = publicIpSchema.parse({ id: `${RG}/providers/Microsoft.Network/publicIPAddresses/pip`, properties: { ipAddress: '198.51.100.9', dnsSettings: { fqdn: 'gov.usgovvirginia.cloudapp.usgovcloudapi.net' } } });
    const network = networkFromNics([nic], new Map([[pip.id.toLowerCase(), pip]]));
    const machine = mapComputeVm(vm, context, { network, aadExtension: null });
    expect(machineSchema.parse(machine)).toEqual(machine);
    expect(isWindowsVm(vm)).toBe(true);
    expect(machine).toMatchObject({
      cloud: 'AzureUSGovernment',
      computerName: 'GOVAPP01',
      powerState: 'deallocated',
      resourceGroup: 'rg-1',
      subscriptionId: 's1',
      os: { type: 'Windows', name: 'Windows Server 2022', image: { sku: '2022' } },
      network: { privateIps: ['10.1.0.4'], publicIps: ['198.51.100.9'], fqdns: ['gov.usgovvirginia.cloudapp.usgovcloudapi.net'] },
      access: { right: 'unknown' },
    });
  });

  it('maps an Arc machine, keeping addresses given from elsewhere', () => {
    const arc: ArcModel = {
      id: `${RG}/providers/Microsoft.HybridCompute/machines/arc-1`,
      name: 'arc-1',
      location: 'westeurope',
      properties: { status: 'Expired', osName: 'windows', osSku: 'Windows Server 2025', lastStatusChange: new Date('2025-04-02T08:00:00Z'), dnsFqdn: 'arc1.corp' },
    };
    const machine = mapArcModel(arc, context, { aadExtension: null, privateIps: ['10.2.0.1'] });
    expect(machineSchema.parse(machine)).toEqual(machine);
    expect(machine).toMatchObject({ arcStatus: 'Expired', arcLastStatusChange: '2025-04-02T08:00:00.000Z', network: { privateIps: ['10.2.0.1'], fqdns: ['arc1.corp'] } });
  });
});
