import type { Evidence, Finding } from '../finding';
import type { ReadinessInput } from '../input';
import { makeFinding, type ReadinessRule } from './rule';

const id = 'access';

/** Only Virtual Machine User Login / Administrator Login grant sign-in; Owner and Contributor don't. */
function run(input: ReadinessInput): Finding[] {
  const { access } = input.machine;
  const evidence: Evidence = {
    right: access.right,
    source: access.source ?? null,
    hasControlPlaneOnly: access.hasControlPlaneOnly ?? null,
    canStart: access.canStart ?? null,
  };
  switch (access.right) {
    case 'admin':
      return [makeFinding(id, 'ACCESS_ADMIN', 'info', evidence, 'access')];
    case 'user':
      return [makeFinding(id, 'ACCESS_USER', 'info', evidence, 'access')];
    case 'none':
      return [
        makeFinding(id, access.hasControlPlaneOnly === true ? 'ACCESS_NONE_CONTROL_PLANE_ONLY' : 'ACCESS_NONE', 'block', evidence, 'access'),
      ];
    case 'unknown':
      // Never allowed silently: the sign-in would fail with "Your account is configured to prevent you…".
      return [makeFinding(id, 'ACCESS_UNKNOWN', 'warn', evidence, 'access')];
  }
}

/** The user's effective login role on the machine. */
export const accessRule: ReadinessRule = { id, run };
