import type { Finding } from '../finding';
import type { ReadinessInput } from '../input';
import { makeFinding, type ReadinessRule } from './rule';

const id = 'cloud';

/** Each cloud has its own Entra endpoints; an account of one can't sign in to a machine of another. */
function run(input: ReadinessInput): Finding[] {
  if (input.account.cloud === input.machine.cloud) return [];
  return [
    makeFinding(id, 'CLOUD_MISMATCH', 'block', { accountCloud: input.account.cloud, machineCloud: input.machine.cloud }, 'cloud'),
  ];
}

/** The account and the machine must be in the same Azure cloud. */
export const cloudRule: ReadinessRule = { id, run };
