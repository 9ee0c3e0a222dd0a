import { AuthService } from '../../../src/main/auth/auth-service';
import { ArmDiscovery, type ArmDiscoveryOptions } from '../../../src/main/discovery/arm-discovery';
import type { RequestInfo } from '../../../src/main/discovery/arm-rest';
import type { DiscoveryReporter } from '../../../src/main/discovery/discovery-runner';
import { createHttpTransport, type HttpTransport } from '../../../src/main/net/http-transport';
import { type CloudName, type CloudResolver, simulatedClouds } from '../../../src/shared/clouds';
import type { Machine } from '../../../src/shared/domain/machine';
import { type ErrorPayload, toErrorPayload } from '../../../src/shared/errors/app-error';
import type { AccountSummary } from '../../../src/shared/ipc/schemas';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../../../src/simulator/index';
import { createFakeBrowser } from '../../support/fake-browser';

/** Users and ids of the demo scenario (src/simulator/scenarios/demo.json) the discovery tests rely on. */
export const DEMO = {
  avery: 'avery@contoso.example',
  owner: 'owner.only@contoso.example',
  gov: 'gov.user@agency.example',
  cn: 'cn.user@contoso.partner.example',
  contoso: 'b6e3664e-3e80-4754-b516-bd00208b19a7',
  fabrikam: '29f2a965-3b43-4bb4-b4c9-c6968beec7c5',
  production: 'ed67da65-2211-4b4a-9eba-ebcc42f20ce5',
  devTest: 'b8d09ad1-f691-46a2-9e28-52cf02fe78a3',
  hybrid: 'eef8db83-5378-4fae-bc0e-96696c847d42',
  finance: 'd883eb9e-f5ce-4517-aa4a-6eefa1f5d297',
} as const;

/** Retries fast in tests; the policy itself is the production one. */
export const FAST_RETRY = { baseDelayMs: 20, maxDelayMs: 100, attemptTimeoutMs: 5_000, maxRetries: 4 } as const;

/** A simulator, a transport trusting it, and an auth service that signs in through the fake browser. */
export interface DiscoveryHarness {
  readonly sim: RunningSimulator;
  readonly transport: HttpTransport;
  readonly clouds: CloudResolver;
  readonly auth: AuthService;
  /** Signs a demo user in (login hint: the consent page picks that account). */
  signIn(upn: string, cloud?: CloudName): Promise<AccountSummary>;
  /** A discovery over the harness's auth; `requests` counts what it put on the wire. */
  discovery(options?: Partial<ArmDiscoveryOptions>): { discovery: ArmDiscovery; requests: RequestInfo[] };
  close(): Promise<void>;
}

/** Starts the harness (demo scenario by default, fast LROs). */
export async function startDiscoveryHarness(options: Partial<SimulatorOptions> = {}): Promise<DiscoveryHarness> {
  const sim = await startSimulator({ scenario: 'demo', ...options, settings: { vmStartDelayMs: 200, lroRetryAfterSeconds: 0, ...options.settings } });
  const transport = createHttpTransport({ extraCaPem: sim.caCertPem });
  const clouds = simulatedClouds(sim.clouds);
  const browser = createFakeBrowser({ fetch: transport.fetch });
  const auth = new AuthService({
    clouds,
    clientId: () => '5b8f4c2a-7e1d-4f3a-9c6b-2d0e8a1f4b7c',
    networkClient: transport.msalNetworkClient,
    fetch: transport.fetch,
    openBrowser: browser.openBrowser,
  });
  return {
    sim,
    transport,
    clouds,
    auth,
    signIn: (upn, cloud = 'AzureCloud') => auth.signInInteractive(cloud, upn),
    discovery: (overrides = {}) => {
      const requests: RequestInfo[] = [];
      const discovery = new ArmDiscovery({
        auth,
        clouds,
        transportPolicy: transport.azurePipelinePolicy,
        retry: FAST_RETRY,
        onRequest: (info) => requests.push(info),
        lroPollMs: 50,
        ...overrides,
      });
      return { discovery, requests };
    },
    close: async () => {
      await auth.dispose();
      await transport.close();
      await sim.stop();
    },
  };
}

/** What one discovery run reported. */
export interface RunResult {
  /** Latest copy of every machine, by lower-cased id. */
  readonly machines: Map<string, Machine>;
  /** Every batch of rows in order, with its arrival time (ms since start). */
  readonly batches: { readonly at: number; readonly machines: readonly Machine[] }[];
  readonly progress: { readonly message: string; readonly done: number; readonly total: number | null }[];
  readonly problems: { readonly scope: string; readonly error: ErrorPayload }[];
  readonly error: unknown;
  readonly ms: number;
}

/** Runs one discovery to its end with a collecting reporter; `signal` lets a test cancel it. */
export async function runDiscovery(discovery: ArmDiscovery, signal: AbortSignal = new AbortController().signal): Promise<RunResult> {
  const started = performance.now();
  const machines = new Map<string, Machine>();
  const batches: RunResult['batches'] = [];
  const progress: RunResult['progress'] = [];
  const problems: RunResult['problems'] = [];
  const reporter: DiscoveryReporter = {
    signal,
    rows: (list) => {
      batches.push({ at: performance.now() - started, machines: list });
      for (const machine of list) machines.set(machine.id.toLowerCase(), machine);
    },
    progress: (message, done, total) => progress.push({ message, done, total }),
    problem: (scope, error) => problems.push({ scope, error: toErrorPayload(error) }),
  };
  let error: unknown = null;
  try {
    await discovery.createSource().discover(reporter);
  } catch (caught: unknown) {
    error = caught;
  }
  return { machines, batches, progress, problems, error, ms: performance.now() - started };
}

/** The machine called `name` (throws when absent, so a test fails with the list it got). */
export function byName(result: RunResult, name: string): Machine {
  const found = [...result.machines.values()].find((machine) => machine.name === name);
  if (!found) throw new Error(`No machine ${name}; got: ${[...result.machines.values()].map((m) => m.name).join(', ')}`);
  return found;
}

/** Names of the listed machines, sorted. */
export function names(result: RunResult): string[] {
  return [...result.machines.values()].map((machine) => machine.name).sort();
}
