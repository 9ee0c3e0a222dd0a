import type { PipelinePolicy } from '@azure/core-rest-pipeline';

import { completeDemoConsent } from '../../auth/demo-consent';
import { startDemoEnvironment } from '../../demo/demo-environment';
import { ArmDiscovery, type DiscoveryAuth } from '../../discovery/arm-discovery';
import type { DiscoveryReporter } from '../../discovery/discovery-runner';
import { createHttpTransport } from '../../net/http-transport';
import { type CliCommand, type CliIo, parseCliArgs } from '../command';
import { createDefaultCliAuth } from './auth';
import { azureClouds, type CloudResolver, simulatedClouds } from '../../../shared/clouds';
import type { Machine } from '../../../shared/domain/machine';
import { AppError, type ErrorPayload, toErrorPayload } from '../../../shared/errors/app-error';
import { toBrowserAuthorizeUrl } from '../../../simulator/index';

/** The simulated user `list --demo` signs in as. */
export const DEMO_USER = 'avery@contoso.example';

/** What `list` discovers with: an auth service with accounts, the clouds, the transport; and how to end it. */
export interface ListSession {
  readonly auth: DiscoveryAuth;
  readonly clouds: CloudResolver;
  readonly transportPolicy?: PipelinePolicy | undefined;
  close(): Promise<void>;
}

/** Builds the session; tests inject one on their own simulator. */
export type ListSessionFactory = (options: { readonly demo: boolean; readonly io: CliIo }) => Promise<ListSession>;

/**
 * The default session. `--demo`: the simulator in this process, signed in as the demo user through the simulated
 * consent page (loopback only). Otherwise the accounts `login` saved, against the real Azure clouds.
 */
export const createDefaultListSession: ListSessionFactory = async ({ demo, io }) => {
  if (demo) {
    const environment = await startDemoEnvironment({
      openBrowser: (url, simulator) =>
        completeDemoConsent((target, init) => fetch(target, init), toBrowserAuthorizeUrl(simulator, url), DEMO_USER),
    });
    const transport = createHttpTransport({ extraCaPem: environment.simulator.caCertPem });
    try {
      await environment.broker.services.auth.signInInteractive('AzureCloud', DEMO_USER);
    } catch (error: unknown) {
      await transport.close();
      await environment.stop();
      throw error;
    }
    return {
      auth: environment.broker.services.auth,
      clouds: simulatedClouds(environment.simulator.clouds),
      transportPolicy: transport.azurePipelinePolicy,
      close: async () => {
        await transport.close();
        await environment.stop();
      },
    };
  }
  const session = await createDefaultCliAuth({ demo: false, user: undefined, io });
  const transport = createHttpTransport();
  return {
    auth: session.auth,
    clouds: azureClouds,
    transportPolicy: transport.azurePipelinePolicy,
    close: async () => {
      await transport.close();
      await session.close();
    },
  };
};

/** What a `list` run found. */
export interface ListOutcome {
  readonly status: 'complete' | 'partial' | 'failed';
  readonly machines: Machine[];
  readonly problems: { readonly scope: string; readonly error: ErrorPayload }[];
}

/** Runs discovery once to the end, reporting progress on stderr. */
export async function discoverOnce(session: ListSession, onProgress: (message: string) => void): Promise<ListOutcome> {
  const discovery = new ArmDiscovery({ auth: session.auth, clouds: session.clouds, transportPolicy: session.transportPolicy });
  const machines = new Map<string, Machine>();
  const problems: ListOutcome['problems'] = [];
  const reporter: DiscoveryReporter = {
    signal: new AbortController().signal,
    rows: (list) => {
      for (const machine of list) machines.set(machine.id.toLowerCase(), machine);
    },
    progress: (message) => onProgress(message),
    problem: (scope, error) => problems.push({ scope, error: toErrorPayload(error) }),
  };
  try {
    await discovery.createSource().discover(reporter);
  } catch (error: unknown) {
    problems.push({ scope: 'discovery', error: toErrorPayload(error) });
    return { status: machines.size > 0 ? 'partial' : 'failed', machines: [...machines.values()], problems };
  }
  return { status: problems.length > 0 ? 'partial' : 'complete', machines: [...machines.values()], problems };
}

/** True for machines the user may sign in to (the default view); the rest is the "no access" view (`--all`). */
export function mayLogOn(machine: Machine): boolean {
  return machine.access.right === 'user' || machine.access.right === 'admin';
}

function stateOf(machine: Machine): string {
  return machine.kind === 'azure-vm' ? machine.powerState : `arc ${machine.arcStatus.toLowerCase()}`;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}

/** The text form of the list: one line per machine, sorted by subscription, group and name. */
export function formatMachines(machines: readonly Machine[]): string {
  const sorted = [...machines].sort(
    (a, b) =>
      (a.subscriptionName ?? a.subscriptionId).localeCompare(b.subscriptionName ?? b.subscriptionId) ||
      a.resourceGroup.localeCompare(b.resourceGroup) ||
      a.name.localeCompare(b.name),
  );
  const header = ['NAME', 'KIND', 'RIGHT', 'STATE', 'COMPUTER NAME', 'SUBSCRIPTION', 'RESOURCE GROUP', 'LOCATION', 'CLOUD'];
  return table([
    header,
    ...sorted.map((m) => [
      m.name,
      m.kind === 'azure-vm' ? 'vm' : 'arc',
      m.access.right,
      stateOf(m),
      m.computerName ?? '-',
      m.subscriptionName ?? m.subscriptionId,
      m.resourceGroup,
      m.location,
      m.cloud,
    ]),
  ]);
}

/** `list` on a given session factory. */
export function createListCommand(factory: ListSessionFactory = createDefaultListSession): CliCommand {
  return {
    name: 'list',
    summary: 'List the Azure VMs and Arc servers you may sign in to, across tenants and clouds.',
    usage: 'list [--demo] [--json] [--all]',
    async run(argv, io) {
      const { values, positionals } = parseCliArgs(argv, {
        demo: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
      });
      if (positionals.length > 0) {
        throw new AppError('VALIDATION_FAILED', `Unexpected argument "${positionals[0] ?? ''}".`, { field: 'argument' });
      }
      const session = await factory({ demo: values.demo, io });
      let outcome: ListOutcome;
      try {
        if ((await session.auth.listAccounts()).length === 0) {
          io.err('No account is signed in. Run "npm run cli -- login" first (or use --demo).');
          return 1;
        }
        let last = '';
        outcome = await discoverOnce(session, (message) => {
          if (!values.json && message !== last) io.err(message);
          last = message;
        });
      } finally {
        await session.close();
      }
      const shown = values.all ? outcome.machines : outcome.machines.filter(mayLogOn);
      const hidden = outcome.machines.length - outcome.machines.filter(mayLogOn).length;
      if (values.json) {
        io.out(JSON.stringify({ status: outcome.status, machines: shown, problems: outcome.problems }, null, 2));
      } else {
        if (shown.length > 0) io.out(formatMachines(shown));
        const summary = values.all
          ? `${outcome.machines.length} machines, ${outcome.machines.length - hidden} you may sign in to.`
          : `${shown.length} machines you may sign in to${hidden > 0 ? `; ${hidden} more without the right (--all shows them)` : ''}.`;
        io.out(summary);
        for (const problem of outcome.problems) io.err(`Could not read ${problem.scope}: ${problem.error.code} ${problem.error.message}`);
        if (outcome.status !== 'complete') io.err(`The list is ${outcome.status}: some scopes could not be read (see above).`);
      }
      return outcome.status === 'complete' ? 0 : 1;
    },
  };
}

/** `npm run cli -- list [--demo] [--json] [--all]`. */
export const listCommand: CliCommand = createListCommand();
