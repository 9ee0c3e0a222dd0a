import { describe, expect, it } from 'vitest';

import { inferHostOs } from '../../../../../src/shared/readiness/host-os';
import { osSupportRule } from '../../../../../src/shared/readiness/rules/os-support';
import { machines, makeArc, makeInput, makeVm } from '../../../../fixtures/readiness/machines';

const codes = (machine: Parameters<typeof makeInput>[0]): string[] => osSupportRule.run(makeInput(machine)).map((f) => f.code);

describe('os-support rule', () => {
  it('accepts Windows Server 2019/2022/2025, Windows 10 1809+ and Windows 11 on VMs', () => {
    expect(codes(machines.healthyVm)).toEqual([]);
    expect(codes(machines.server2019)).toEqual([]);
    expect(codes(makeVm({ os: { type: 'Windows', name: 'Windows 10 Enterprise', image: { publisher: 'p', offer: 'Windows-10', sku: 'win10-22h2-ent' } } }))).toEqual([]);
    expect(codes(makeVm({ os: { type: 'Windows', name: 'Windows 11 Pro' } }))).toEqual([]);
  });

  it('blocks Windows Server 2016 and Windows 10 1709', () => {
    expect(osSupportRule.run(makeInput(machines.server2016))).toMatchObject([
      { code: 'OS_UNSUPPORTED', severity: 'block', evidence: { inferredBuild: 14393, minimumBuild: 17763, inferredFrom: 'os.version' } },
    ]);
    expect(codes(machines.extensionExit51)).toEqual(['OS_UNSUPPORTED']);
  });

  it('requires Windows Server 2025 / Windows 11 24H2 on Arc servers', () => {
    expect(codes(machines.healthyArc)).toEqual([]);
    expect(osSupportRule.run(makeInput(machines.arcOld2019))).toMatchObject([{ code: 'OS_UNSUPPORTED', evidence: { minimumBuild: 26100 } }]);
    expect(codes(machines.arcWindows11Unknown)).toEqual(['OS_UNKNOWN']);
    expect(codes(makeArc({ os: { type: 'windows', name: 'Windows 11 Enterprise', version: '10.0.26100.1' } }))).toEqual([]);
  });

  it('blocks non-Windows machines', () => {
    expect(osSupportRule.run(makeInput(machines.linux))).toMatchObject([{ code: 'OS_NOT_WINDOWS', severity: 'block' }]);
  });

  it('warns when nothing tells the version, or only "Windows 10"', () => {
    expect(osSupportRule.run(makeInput(machines.osUnknown))).toMatchObject([{ code: 'OS_UNKNOWN', severity: 'warn' }]);
    expect(codes(makeVm({ os: { type: 'Windows', name: 'Windows 10 Enterprise' } }))).toEqual(['OS_UNKNOWN']);
  });

  it('warns about Server Core images (no Desktop Experience) detected from the SKU', () => {
    expect(osSupportRule.run(makeInput(machines.serverCore))).toMatchObject([
      { code: 'OS_SERVER_CORE', severity: 'warn', evidence: { imageSku: '2022-datacenter-core-g2', inferredBuild: 20348 } },
    ]);
  });
});

describe('inferHostOs', () => {
  it('reads the build from the reported version, the name, then the image SKU', () => {
    expect(inferHostOs(machines.healthyVm)).toMatchObject({ build: 20348, ubr: 2762, source: 'os.version', family: 'server' });
    expect(inferHostOs(makeVm({ os: { type: 'Windows', name: 'Windows Server 2019 Datacenter' } }))).toMatchObject({ build: 17763, source: 'os.name' });
    expect(inferHostOs(makeVm({ os: { type: 'Windows', image: { publisher: 'p', offer: 'o', sku: 'rs5-pro' } } }))).toMatchObject({
      build: 17763,
      family: 'client',
      source: 'os.image.sku',
    });
    expect(inferHostOs(makeVm({ os: { type: 'Windows', image: { publisher: 'p', offer: 'o', sku: 'win11-23h2-pro' } } }))).toMatchObject({ build: 22631 });
  });

  it('treats the VM agent revision .0 as unknown', () => {
    expect(inferHostOs(makeVm({ os: { type: 'Windows', version: 'Microsoft Windows NT 10.0.20348.0' } }))).toMatchObject({ build: 20348, ubr: null });
  });
});
