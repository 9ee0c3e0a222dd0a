import type { Finding } from '../finding';
import { inferHostOs } from '../host-os';
import type { ReadinessInput } from '../input';
import { describeWindowsBuild } from '../windows-build';
import { makeFinding, type ReadinessRule } from './rule';

const id = 'os-support';

/** Minimum Azure VM build from the seed's supported distributions: Windows 10 1809 / Windows Server 2019. */
export const MIN_VM_BUILD = 17763;
/** Minimum Arc-enabled server build: Windows 11 24H2 / Windows Server 2025. */
export const MIN_ARC_BUILD = 26100;

function run(input: ReadinessInput): Finding[] {
  const { machine } = input;
  const os = inferHostOs(machine);
  const isVm = machine.kind === 'azure-vm';
  const minBuild = isVm ? MIN_VM_BUILD : MIN_ARC_BUILD;
  const evidence = {
    osType: machine.os.type,
    osName: machine.os.name ?? null,
    osVersion: machine.os.version ?? null,
    imageSku: machine.os.image?.sku ?? null,
    inferredBuild: os.build,
    inferredFrom: os.source,
    release: os.build === null ? null : describeWindowsBuild(os.build),
    requirement: isVm
      ? 'Windows 10 1809 or later, Windows 11, or Windows Server 2019 or later with Desktop Experience'
      : 'Windows 11 24H2 or later, or Windows Server 2025 or later with Desktop Experience',
    minimumBuild: minBuild,
  };
  if (os.isWindows === false) return [makeFinding(id, 'OS_NOT_WINDOWS', 'block', evidence, 'os')];

  const findings: Finding[] = [];
  if (os.build !== null && os.build < minBuild) {
    findings.push(makeFinding(id, 'OS_UNSUPPORTED', 'block', evidence, 'os'));
  } else if (os.build === null && (os.minBuild === null || os.minBuild < minBuild)) {
    findings.push(makeFinding(id, 'OS_UNKNOWN', 'warn', evidence, 'os'));
  }
  // Server Core lacks the Desktop Experience the seed requires; the extension may still install, so warn.
  if (os.serverCore) findings.push(makeFinding(id, 'OS_SERVER_CORE', 'warn', evidence, 'os'));
  return findings;
}

/** The machine's Windows version must be one the seed lists for Entra sign-in. */
export const osSupportRule: ReadinessRule = { id, run };
