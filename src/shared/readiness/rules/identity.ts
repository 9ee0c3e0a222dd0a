import type { Finding } from '../finding';
import type { ReadinessInput } from '../input';
import { makeFinding, type ReadinessRule } from './rule';

const id = 'identity';

/**
 * The seed: enable a system-assigned managed identity before installing the extension. Once the extension has
 * succeeded the device is joined, so a missing identity only bites on the next (re)install: a warning then.
 */
function run(input: ReadinessInput): Finding[] {
  const { machine } = input;
  if (machine.identity.systemAssigned) return [];
  const extensionSucceeded = machine.aadExtension?.provisioningState.toLowerCase() === 'succeeded';
  return [
    makeFinding(
      id,
      'IDENTITY_NOT_SYSTEM_ASSIGNED',
      extensionSucceeded ? 'warn' : 'block',
      {
        identityType: machine.identity.type,
        systemAssigned: false,
        extensionState: machine.aadExtension?.provisioningState ?? null,
      },
      'identity',
    ),
  ];
}

/** The machine needs a system-assigned managed identity for the Entra join. */
export const identityRule: ReadinessRule = { id, run };
