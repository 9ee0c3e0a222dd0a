import type { Finding } from '../finding';
import { inferHostOs } from '../host-os';
import type { ReadinessInput } from '../input';
import { checkPasswordlessUpdate, describeWindowsBuild } from '../windows-build';
import { makeFinding, type ReadinessRule } from './rule';
import { MIN_ARC_BUILD, MIN_VM_BUILD } from './os-support';

const id = 'host-passwordless';

/**
 * The seed requires the 2022-10 cumulative updates on "the Windows client machine and the session host (VM)" for
 * passwordless sign-in. A host build that never got the update (Windows 10 1809 / Server 2019) can only take the
 * password method: blocked for web account. A host that only needs the update: warning. Unknown level: silent,
 * because the VM agent reports the revision as 0.
 */
function run(input: ReadinessInput): Finding[] {
  if (input.preferences.signInMethod !== 'web-account') return [];
  const os = inferHostOs(input.machine);
  const supportedMin = input.machine.kind === 'azure-vm' ? MIN_VM_BUILD : MIN_ARC_BUILD;
  // Unsupported or non-Windows hosts are reported by os-support; saying more here would repeat it.
  if (os.isWindows === false || os.build === null || os.build < supportedMin) return [];
  const check = checkPasswordlessUpdate(os.build, os.ubr);
  const evidence = {
    hostBuild: os.build,
    hostUbr: os.ubr,
    release: describeWindowsBuild(os.build),
    inferredFrom: os.source,
  };
  if (check.status === 'never') {
    return [makeFinding(id, 'HOST_BUILD_TOO_OLD_FOR_PASSWORDLESS', 'block', { ...evidence, reason: check.reason, requiredUpdate: null }, 'os')];
  }
  if (check.status === 'needs-update') {
    return [
      makeFinding(
        id,
        'HOST_BUILD_TOO_OLD_FOR_PASSWORDLESS',
        'warn',
        { ...evidence, reason: `${check.product} below ${check.minimum}`, requiredUpdate: check.update },
        'os',
      ),
    ];
  }
  return [];
}

/** The machine (session host) must have the Oct-2022 update for web account sign-in. */
export const hostPasswordlessRule: ReadinessRule = { id, run };
