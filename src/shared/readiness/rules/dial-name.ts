import type { Finding } from '../finding';
import { chooseDialName, decideDialName, knownAddresses, observationFor, resolvesToMachine } from '../dial-name';
import type { ReadinessInput } from '../input';
import { listEvidence, makeFinding, type ReadinessRule } from './rule';

const id = 'dial-name';

/** Web account sign-in needs the Entra device hostname; an IP address can't be used (seed, passwordless section). */
function run(input: ReadinessInput): Finding[] {
  const { machine } = input;
  const method = input.preferences.signInMethod;
  const choice = chooseDialName(machine);
  const decision = decideDialName(input);
  const ips = knownAddresses(machine);
  const addresses = {
    privateIps: listEvidence(machine.network.privateIps),
    publicIps: listEvidence(machine.network.publicIps),
  };
  const findings: Finding[] = [];

  if (decision.isIpFallback) {
    findings.push(
      makeFinding(id, 'DIAL_NAME_IP_FALLBACK', 'info', { ip: decision.dialName, computerName: choice.name, reason: decision.reason }, 'network'),
    );
  } else if (choice.name === null) {
    if (method === 'web-account' && ips.length > 0) {
      findings.push(
        makeFinding(
          id,
          'DIAL_NAME_IS_IP',
          'block',
          { resourceName: machine.name, computerName: null, ip: ips[0] ?? null, ...addresses, reason: choice.reason },
          'computerName',
        ),
      );
    } else {
      findings.push(
        makeFinding(id, 'DIAL_NAME_MISSING', 'block', { resourceName: machine.name, reason: choice.reason, ...addresses }, 'computerName'),
      );
    }
  }

  if (choice.name !== null && choice.name.toLowerCase() !== machine.name.toLowerCase()) {
    // Once the computer name is known to resolve to this machine, the difference can no longer hurt this app. Not
    // looked up yet (the list, before a machine is opened) is a note too: this app always dials the computer name,
    // and the full check before Connect looks it up; only a failed or foreign answer makes it a warning.
    const observation = observationFor(input.dns, choice.name);
    const confirmed = resolvesToMachine(machine, observation);
    findings.push(
      makeFinding(
        id,
        'DIAL_NAME_DIFFERS_FROM_RESOURCE_NAME',
        confirmed || observation === undefined ? 'info' : 'warn',
        { resourceName: machine.name, computerName: choice.name, source: choice.source, resolvesToMachine: confirmed },
        'computerName',
      ),
    );
  }
  return findings;
}

/** Which name to dial, and whether it can work for the chosen sign-in method. */
export const dialNameRule: ReadinessRule = { id, run };
