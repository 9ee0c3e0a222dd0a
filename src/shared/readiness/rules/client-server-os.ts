import type { Finding } from '../finding';
import type { ReadinessInput } from '../input';
import { formatWindowsBuild } from '../windows-build';
import { makeFinding, type ReadinessRule } from './rule';

const id = 'client-server-os';

/**
 * The seed: "Windows Server device compliance configuration in Conditional Access policy isn't supported." We can't
 * see the tenant's policies, so connecting from Windows Server is worth knowing, not a warning.
 */
function run(input: ReadinessInput): Finding[] {
  const client = input.client;
  if (client?.kind !== 'windows' || client.installationType !== 'server') return [];
  return [
    makeFinding(
      id,
      'CLIENT_SERVER_OS_CA_COMPLIANCE',
      'info',
      { installationType: 'Server', clientBuild: client.build === null ? null : formatWindowsBuild(client.build) },
      'client',
    ),
  ];
}

/** Conditional Access device compliance can't be met from a Windows Server client. */
export const clientServerOsRule: ReadinessRule = { id, run };
