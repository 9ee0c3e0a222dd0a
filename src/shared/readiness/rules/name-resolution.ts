import type { Finding } from '../finding';
import { chooseDialName, knownAddresses, observationFor, resolvesToMachine } from '../dial-name';
import type { ReadinessInput } from '../input';
import { listEvidence, makeFinding, type ReadinessRule } from './rule';

const id = 'dns';

/** The seed: the name must be "network addressable, resolving to the IP address of the remote device". */
function run(input: ReadinessInput): Finding[] {
  const { machine } = input;
  const name = chooseDialName(machine).name;
  if (name === null) return [];
  const known = knownAddresses(machine);
  const observation = observationFor(input.dns, name);
  if (observation === undefined) {
    return [makeFinding(id, 'DNS_NOT_CHECKED', 'info', { name, staleObservationFor: input.dns?.name ?? null }, 'dns')];
  }
  if (observation.outcome === 'failed') {
    const ipFallback = input.preferences.signInMethod === 'password' && known.length > 0;
    return [
      makeFinding(
        id,
        'DNS_UNRESOLVABLE',
        ipFallback ? 'warn' : 'block',
        {
          name,
          error: observation.error,
          detail: observation.detail ?? null,
          checkedAt: observation.checkedAt,
          ip: known[0] ?? null,
          privateIps: listEvidence(machine.network.privateIps),
          publicIps: listEvidence(machine.network.publicIps),
        },
        'dns',
      ),
    ];
  }
  if (known.length === 0 || resolvesToMachine(machine, observation)) return [];
  return [
    makeFinding(
      id,
      'DNS_RESOLVES_ELSEWHERE',
      'warn',
      {
        name,
        resolvedTo: listEvidence(observation.addresses),
        knownAddresses: listEvidence(known),
        checkedAt: observation.checkedAt,
      },
      'dns',
    ),
  ];
}

/** Whether the dial name resolves to one of the machine's known addresses. */
export const dnsRule: ReadinessRule = { id, run };
