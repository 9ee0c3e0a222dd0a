import { completeDemoConsent } from '../../auth/demo-consent';
import { createOsKeyringCipher, resolveCliDataDir } from '../../auth/os-keyring-cipher';
import { type AssembledBroker, assembleBroker } from '../../core/assemble';
import { startDemoEnvironment } from '../../demo/demo-environment';
import { createMemoryStore } from '../../settings/settings-service';
import { type CliCommand, type CliIo, parseCliArgs } from '../command';
import { DEMO_USER } from './list';
import { azureClouds } from '../../../shared/clouds';
import { AppError } from '../../../shared/errors/app-error';
import type { ListedMachine } from '../../../shared/ipc/schemas';
import { CATALOGUE, fillTemplate } from '../../../shared/readiness/catalogue';
import { toBrowserAuthorizeUrl } from '../../../simulator/index';

/** A broker for one CLI command: the demo tenant signed in as the demo user, or the accounts `login` saved. */
interface BrokerSession {
  readonly broker: AssembledBroker;
  close(): Promise<void>;
}

async function openBrokerSession(demo: boolean, io: CliIo): Promise<BrokerSession> {
  if (demo) {
    const environment = await startDemoEnvironment({
      openBrowser: (url, simulator) =>
        completeDemoConsent((target, init) => fetch(target, init), toBrowserAuthorizeUrl(simulator, url), DEMO_USER),
    });
    try {
      await environment.broker.services.auth.signInInteractive('AzureCloud', DEMO_USER);
    } catch (error: unknown) {
      await environment.stop();
      throw error;
    }
    return { broker: environment.broker, close: () => environment.stop() };
  }
  const dataDir = resolveCliDataDir(process.env, process.platform);
  const broker = assembleBroker({
    mode: 'desktop',
    version: '0.1.0',
    platform: process.platform,
    clouds: azureClouds,
    settingsStore: createMemoryStore(),
    clientIdOverride: process.env.RDP_BROKER_CLIENT_ID,
    openBrowser: () => Promise.reject(new AppError('AUTH_INTERACTION_REQUIRED', 'Sign in first: npm run cli -- login')),
    openExternal: () => Promise.resolve(),
    launchClients: true,
    tokenCache: { dir: `${dataDir}/auth`, cipher: await createOsKeyringCipher({ platform: process.platform, dataDir }) },
    log: (message) => io.err(`warning: ${message}`),
  });
  if ((await broker.services.auth.listAccounts()).length === 0) {
    await broker.dispose();
    throw new AppError('AUTH_NO_ACCOUNT', 'No account is signed in. Run: npm run cli -- login');
  }
  return { broker, close: () => broker.dispose() };
}

/** Discovers once and finds the machine the user named: resource id, resource name or computer name. */
async function findMachine(broker: AssembledBroker, query: string, io: CliIo): Promise<ListedMachine> {
  io.err('Discovering machines…');
  broker.services.discovery.start();
  await broker.services.discovery.settled();
  const { machines } = broker.services.discovery.snapshot();
  const wanted = query.toLowerCase();
  const exact = machines.filter(
    (machine) =>
      machine.id.toLowerCase() === wanted || machine.name.toLowerCase() === wanted || machine.computerName?.toLowerCase() === wanted,
  );
  if (exact.length === 1 && exact[0]) return exact[0];
  if (exact.length > 1) {
    throw new AppError('VALIDATION_FAILED', `"${query}" names ${exact.length} machines; give the resource id:\n${exact.map((m) => `  ${m.id}`).join('\n')}`);
  }
  throw new AppError('MACHINE_NOT_FOUND', `No machine named "${query}" among the ${machines.length} discovered.`, { query });
}

async function withMachine(
  argv: readonly string[],
  io: CliIo,
  action: (session: BrokerSession, machine: ListedMachine, json: boolean, method: 'web-account' | 'password') => Promise<number>,
): Promise<number> {
  const { values, positionals } = parseCliArgs(argv, {
    demo: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    password: { type: 'boolean', default: false },
  });
  const [query, ...extra] = positionals;
  if (!query || extra.length > 0) throw new AppError('VALIDATION_FAILED', 'Name exactly one machine (resource id, name or computer name).');
  const session = await openBrokerSession(values.demo, io);
  try {
    const machine = await findMachine(session.broker, query, io);
    return await action(session, machine, values.json, values.password ? 'password' : 'web-account');
  } finally {
    await session.close();
  }
}

/** `doctor <machine>`: every readiness check for one machine, with evidence and the fix. Exit 0 ready, 1 otherwise. */
export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'Check why a sign-in to one machine would fail, and what to do.',
  usage: 'doctor <machine> [--demo] [--json] [--password]',
  run(argv, io) {
    return withMachine(argv, io, async ({ broker }, machine, json, method) => {
      const result = await broker.handlers['readiness:check']({ machineId: machine.id, signInMethod: method });
      if (json) {
        io.out(
          JSON.stringify(
            {
              machine: { id: machine.id, name: machine.name, computerName: machine.computerName ?? null },
              status: result.verdict.status,
              dialName: result.verdict.dialName,
              signInMethod: result.verdict.signInMethod,
              findings: result.verdict.findings.map((finding) => ({
                ...finding,
                title: CATALOGUE[finding.code].title,
                summary: fillTemplate(CATALOGUE[finding.code].summary, finding.evidence),
              })),
            },
            null,
            2,
          ),
        );
      } else io.out(result.report);
      return result.verdict.status === 'ready' ? 0 : 1;
    });
  },
};

/**
 * `connect <machine>`: the same gate and file as the app's Connect. Blocked machines are refused with the findings;
 * warnings are printed and the connection goes ahead (running the command is the user's confirmation).
 */
export const connectCommand: CliCommand = {
  name: 'connect',
  summary: 'Check one machine and start Remote Desktop with web-account sign-in (--demo: write the file only).',
  usage: 'connect <machine> [--demo] [--json] [--password]',
  run(argv, io) {
    return withMachine(argv, io, async ({ broker }, machine, json, method) => {
      let result;
      try {
        result = await broker.handlers['connect:start']({ machineId: machine.id, signInMethod: method, acknowledgeWarnings: true });
      } catch (error: unknown) {
        if (!(error instanceof AppError) || error.code !== 'CONNECT_BLOCKED') throw error;
        const { verdict } = await broker.handlers['readiness:check']({ machineId: machine.id, signInMethod: method });
        if (json) io.out(JSON.stringify({ outcome: 'blocked', status: verdict.status, findings: verdict.findings }, null, 2));
        io.err(`Not connecting to ${machine.name}: a sign-in would fail.`);
        for (const finding of verdict.findings.filter((each) => each.severity === 'block')) {
          io.err(`  - ${CATALOGUE[finding.code].title}: ${fillTemplate(CATALOGUE[finding.code].summary, finding.evidence)}`);
        }
        return 1;
      }
      if (json) io.out(JSON.stringify(result, null, 2));
      else {
        for (const code of result.warnings) io.err(`warning: ${CATALOGUE[code as keyof typeof CATALOGUE]?.title ?? code}`);
        for (const note of result.notes) io.err(`note: ${note}`);
        io.out(result.outcome === 'launched' ? `Started ${result.client ?? 'the client'} with ${result.filePath}` : `Wrote ${result.filePath}\n\n${result.rdpText}`);
      }
      return 0;
    });
  },
};
