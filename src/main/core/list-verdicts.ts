import type { AuthService } from '../auth/auth-service';
import type { SettingsService } from '../settings/settings-service';
import type { Machine } from '../../shared/domain/machine';
import { evaluateReadiness } from '../../shared/readiness/evaluate';
import type { Verdict } from '../../shared/readiness/finding';

/**
 * The list's verdict for each machine: every rule that needs only discovered data (no DNS lookup, no client state,
 * which run when the user opens a machine). Accounts are read once per discovery run.
 */
export function createListJudge(auth: AuthService, settings: SettingsService) {
  return async (): Promise<(machine: Machine) => Verdict> => {
    const accounts = new Map((await auth.listAccounts()).map((account) => [account.id, account]));
    const signInMethod = settings.get().signInMethod;
    return (machine) => {
      const account = accounts.get(machine.accountId);
      return evaluateReadiness({
        machine,
        account: {
          homeTenantId: account?.homeTenantId ?? machine.tenantId,
          // Discovery reads each tenant with a token issued for that tenant.
          tenantIdOfToken: machine.tenantId,
          cloud: account?.cloud ?? machine.cloud,
          upn: account?.username ?? '',
        },
        preferences: { signInMethod },
      });
    };
  };
}
