import { describe, expect, it } from 'vitest';

import { classifyExtensionFailure, extensionRule, isAadLoginExtension } from '../../../../../src/shared/readiness/rules/extension';
import { machines, makeInput, makeVm } from '../../../../fixtures/readiness/machines';

const run = (machine: Parameters<typeof makeInput>[0]): ReturnType<typeof extensionRule.run> => extensionRule.run(makeInput(machine));

describe('extension rule', () => {
  it('is silent for a succeeded extension (VM and Arc)', () => {
    expect(run(machines.healthyVm)).toEqual([]);
    expect(run(machines.healthyArc)).toEqual([]);
  });

  it('finds the extension by publisher + type, whatever its resource name', () => {
    expect(run(makeVm({ aadExtension: { ...machines.healthyVm.aadExtension!, name: 'EntraLogin' } }))).toEqual([]);
    expect(isAadLoginExtension({ publisher: 'microsoft.azure.activedirectory', type: 'aadloginforwindows' })).toBe(true);
    expect(run(machines.wrongExtension)).toMatchObject([{ code: 'EXTENSION_MISSING', evidence: { foundType: 'AADSSHLoginForLinux' } }]);
  });

  it('blocks when the extension is missing or being deleted', () => {
    expect(run(machines.extensionMissing)).toMatchObject([{ code: 'EXTENSION_MISSING', severity: 'block' }]);
    expect(run(machines.extensionDeleting)).toMatchObject([{ code: 'EXTENSION_MISSING', evidence: { provisioningState: 'Deleting' } }]);
  });

  it('warns while the extension is being installed', () => {
    expect(run(machines.extensionCreating)).toMatchObject([{ code: 'EXTENSION_PROVISIONING', severity: 'warn' }]);
  });

  it('recognises terminal error 1007 / -2145648574 and gives the per-cloud troubleshooting endpoints', () => {
    const [finding] = run(machines.extension1007);
    expect(finding).toMatchObject({
      code: 'EXTENSION_FAILED_1007_MSI',
      severity: 'block',
      evidence: {
        exitCodeDecimal: -2145648574,
        imdsEndpoint: 'http://169.254.169.254',
        registrationEndpoint: 'https://enterpriseregistration.windows.net',
        pasEndpoint: 'https://pas.windows.net',
      },
    });
    expect(finding?.evidence.exitCodes).toContain('0x801C0042');
    expect(run(machines.noIdentity1007)).toMatchObject([{ code: 'EXTENSION_FAILED_1007_MSI' }]);
  });

  it('uses the Azure Government endpoints for a Government machine', () => {
    const gov = makeVm({ cloud: 'AzureUSGovernment', aadExtension: machines.extension1007.aadExtension });
    expect(run(gov)[0]?.evidence).toMatchObject({
      registrationEndpoint: 'https://enterpriseregistration.microsoftonline.us',
      pasEndpoint: 'https://pasff.usgovcloudapi.net',
      loginEndpoint: 'https://login.microsoftonline.us',
    });
  });

  it('recognises -2145648607 in decimal and in hex', () => {
    expect(run(machines.extensionDiscovery)).toMatchObject([{ code: 'EXTENSION_FAILED_DISCOVERY', evidence: { exitCodeDecimal: -2145648607 } }]);
    expect(run(machines.extensionDiscoveryHex)).toMatchObject([{ code: 'EXTENSION_FAILED_DISCOVERY' }]);
  });

  it('recognises exit code 51 (VM status code and Arc bare code)', () => {
    expect(run(machines.extensionExit51)).toMatchObject([{ code: 'EXTENSION_FAILED_UNSUPPORTED_OS' }]);
    expect(run(machines.arcOld2019)).toMatchObject([{ code: 'EXTENSION_FAILED_UNSUPPORTED_OS', evidence: { imdsEndpoint: 'http://localhost:40342' } }]);
  });

  it('recognises a duplicate device name', () => {
    expect(run(machines.extensionDuplicate)).toMatchObject([{ code: 'EXTENSION_FAILED_DUPLICATE_DEVICE' }]);
  });

  it('shows unknown codes raw', () => {
    const [finding] = run(machines.extensionUnknown);
    expect(finding).toMatchObject({ code: 'EXTENSION_FAILED_UNKNOWN', evidence: { exitCodes: '0x80070005', exitCodeDecimal: -2147024891 } });
    expect(finding?.evidence.statusMessage).toContain('-2147024891');
  });

  it('does not read a time or a count in the message as exit code 51', () => {
    expect(classifyExtensionFailure({ statusCode: 'ProvisioningState/failed', statusMessage: 'Failed at 10:51 after 51 attempts' }).code).toBe(
      'EXTENSION_FAILED_UNKNOWN',
    );
  });

  it('treats an instance-view failure as a failure even when provisioningState says Succeeded', () => {
    const machine = makeVm({
      aadExtension: { ...machines.extensionDiscovery.aadExtension!, provisioningState: 'Succeeded' },
    });
    expect(run(machine)).toMatchObject([{ code: 'EXTENSION_FAILED_DISCOVERY' }]);
  });

  it('treats an unexpected provisioning state as an unknown failure', () => {
    expect(run(makeVm({ aadExtension: { ...machines.healthyVm.aadExtension!, provisioningState: 'Weird' } }))).toMatchObject([
      { code: 'EXTENSION_FAILED_UNKNOWN', evidence: { provisioningState: 'Weird' } },
    ]);
  });
});
