import type { Finding } from '../finding';
import type { ReadinessInput } from '../input';
import { makeFinding, type ReadinessRule } from './rule';

const id = 'guest';

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The seed: "Microsoft Entra Guest accounts can't connect to Azure VMs, Azure Bastion enabled VMs, or Arc-enabled
 * Windows Servers via Microsoft Entra authentication." A user is a guest in any tenant other than their home tenant.
 */
function run(input: ReadinessInput): Finding[] {
  const { account, machine } = input;
  const tokenIsForeign = !same(account.tenantIdOfToken, account.homeTenantId);
  const machineIsForeign = !same(machine.tenantId, account.homeTenantId);
  const upnIsExternal = /#ext#/i.test(account.upn);
  if (!tokenIsForeign && !machineIsForeign && !upnIsExternal) return [];
  return [
    makeFinding(
      id,
      'GUEST_ACCOUNT',
      'block',
      {
        homeTenantId: account.homeTenantId,
        tenantIdOfToken: account.tenantIdOfToken,
        machineTenantId: machine.tenantId,
        upnIsExternal,
      },
      'account',
    ),
  ];
}

/** Guests (B2B) in the machine's tenant can't sign in with Entra ID. */
export const guestRule: ReadinessRule = { id, run };
