import { accessRule } from './access';
import { clientPasswordRule } from './client-password';
import { clientServerOsRule } from './client-server-os';
import { clientWebAccountRule } from './client-web-account';
import { cloudRule } from './cloud';
import { dialNameRule } from './dial-name';
import { dnsRule } from './name-resolution';
import { extensionRule } from './extension';
import { guestRule } from './guest';
import { hostPasswordlessRule } from './host-passwordless';
import { identityRule } from './identity';
import { osSupportRule } from './os-support';
import { powerStateRule } from './power-state';
import type { ReadinessRule } from './rule';

export type { ReadinessRule } from './rule';

/**
 * Every readiness rule, in the order findings of equal severity are shown: account first (nothing else matters for a
 * guest), then the machine, then the name to dial, then this PC.
 */
export const READINESS_RULES: readonly ReadinessRule[] = [
  guestRule,
  cloudRule,
  powerStateRule,
  accessRule,
  extensionRule,
  identityRule,
  osSupportRule,
  hostPasswordlessRule,
  dialNameRule,
  dnsRule,
  clientWebAccountRule,
  clientPasswordRule,
  clientServerOsRule,
];

export {
  accessRule,
  clientPasswordRule,
  clientServerOsRule,
  clientWebAccountRule,
  cloudRule,
  dialNameRule,
  dnsRule,
  extensionRule,
  guestRule,
  hostPasswordlessRule,
  identityRule,
  osSupportRule,
  powerStateRule,
};
