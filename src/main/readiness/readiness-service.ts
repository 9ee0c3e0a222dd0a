import type { DnsChecker } from './dns-check';
import type { AccountSummary } from '../../shared/ipc/schemas';
import type { Machine } from '../../shared/domain/machine';
import { CATALOGUE } from '../../shared/readiness/catalogue';
import { chooseDialName } from '../../shared/readiness/dial-name';
import { evaluateReadiness } from '../../shared/readiness/evaluate';
import type { SignInMethod, Verdict } from '../../shared/readiness/finding';
import type { ClientState } from '../../shared/readiness/input';
import { formatReport } from '../../shared/readiness/report';

/** What the full check needs from its host. */
export interface ReadinessServiceDeps {
  readonly dns: DnsChecker;
  /** Read once per app session: dsregcmd and the registry do not change while the app runs. */
  readonly readClientState: () => Promise<ClientState>;
  readonly accounts: () => Promise<readonly AccountSummary[]>;
  /**
   * The machine's full details from ARM (the extension instance view carries the exit codes that Resource Graph
   * does not have). When it fails, the check runs on the listed data.
   */
  readonly details?: (machine: Machine) => Promise<Machine>;
}

/** A full verdict for one machine plus the helpdesk report. */
export interface FullReadiness {
  readonly verdict: Verdict;
  readonly report: string;
}

/**
 * The check run before Connect and when a machine is opened: every rule, with the DNS lookup of the dial name from
 * this computer and this computer's join state — the parts the list's verdict leaves out because they cost time.
 */
export class ReadinessService {
  private clientState: Promise<ClientState> | null = null;

  constructor(private readonly deps: ReadinessServiceDeps) {}

  async check(listed: Machine, signInMethod: SignInMethod): Promise<FullReadiness> {
    const [accounts, client, machine] = await Promise.all([
      this.deps.accounts(),
      this.client(),
      this.deps.details ? this.deps.details(listed).catch(() => listed) : Promise.resolve(listed),
    ]);
    const account = accounts.find((each) => each.id === machine.accountId);
    const dialName = chooseDialName(machine);
    const dns = dialName.name === null ? undefined : await this.deps.dns.check(dialName.name);
    const verdict = evaluateReadiness({
      machine,
      account: {
        homeTenantId: account?.homeTenantId ?? machine.tenantId,
        tenantIdOfToken: machine.tenantId,
        cloud: account?.cloud ?? machine.cloud,
        upn: account?.username ?? '',
      },
      ...(dns ? { dns } : {}),
      client,
      preferences: { signInMethod },
    });
    return { verdict, report: formatReport(machine, verdict, CATALOGUE) };
  }

  private client(): Promise<ClientState> {
    this.clientState ??= this.deps.readClientState().catch(
      (error: unknown): ClientState => ({ kind: 'unknown', reason: String(error).slice(0, 200) }),
    );
    return this.clientState;
  }
}
