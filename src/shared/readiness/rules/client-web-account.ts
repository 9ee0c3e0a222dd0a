import type { Finding } from '../finding';
import type { ReadinessInput } from '../input';
import { checkPasswordlessUpdate, describeWindowsBuild, formatWindowsBuild } from '../windows-build';
import { makeFinding, type ReadinessRule } from './rule';

const id = 'client-web-account';

/**
 * Web account sign-in has "no requirement for the local device to be joined to a domain or Microsoft Entra ID"; only
 * the 2022-10 cumulative update matters, and only for Windows clients. The seed states no requirement for other
 * clients, so they get no finding. Unknown state is only informational here: little depends on it.
 */
function run(input: ReadinessInput): Finding[] {
  if (input.preferences.signInMethod !== 'web-account') return [];
  const client = input.client;
  if (client === undefined) return [makeFinding(id, 'CLIENT_STATE_UNKNOWN', 'info', { reason: 'local PC not checked' }, 'client')];
  if (client.kind === 'unknown') return [makeFinding(id, 'CLIENT_STATE_UNKNOWN', 'info', { reason: client.reason }, 'client')];
  if (client.kind === 'not-windows') return [];
  if (client.build === null) {
    return [makeFinding(id, 'CLIENT_STATE_UNKNOWN', 'info', { reason: 'Windows build of this PC unknown' }, 'client')];
  }
  const check = checkPasswordlessUpdate(client.build.build, client.build.ubr);
  const evidence = { clientBuild: formatWindowsBuild(client.build), release: describeWindowsBuild(client.build.build) };
  switch (check.status) {
    case 'meets':
      return [];
    case 'needs-update':
      return [
        makeFinding(
          id,
          'CLIENT_BUILD_TOO_OLD_FOR_PASSWORDLESS',
          'warn',
          { ...evidence, requiredUpdate: check.update, minimum: check.minimum },
          'client',
        ),
      ];
    case 'never':
      return [
        makeFinding(id, 'CLIENT_BUILD_TOO_OLD_FOR_PASSWORDLESS', 'warn', { ...evidence, requiredUpdate: null, minimum: null, reason: check.reason }, 'client'),
      ];
    case 'unknown':
      return [makeFinding(id, 'CLIENT_STATE_UNKNOWN', 'info', { ...evidence, reason: check.reason }, 'client')];
  }
}

/** The local PC's Windows build for web account (passwordless) sign-in. */
export const clientWebAccountRule: ReadinessRule = { id, run };
