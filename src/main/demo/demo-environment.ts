import { type AssembledBroker, assembleBroker } from '../core/assemble';
import { createMemoryStore } from '../settings/settings-service';
import { type FaultKnobsInput, type RunningSimulator, type ScaleOptions, createSimulatedLookup, startSimulator, toBrowserAuthorizeUrl } from '../../simulator/index';
import { isAllowedExternalUrl } from '../security/policy';
import { AppError } from '../../shared/errors/app-error';
import { type CloudName, simulatedClouds } from '../../shared/clouds';

/** The simulated tenant plus the real main-process services pointed at it: the demo, the CLI's --demo, e2e. */
export interface DemoEnvironment {
  readonly simulator: RunningSimulator;
  readonly broker: AssembledBroker;
  stop(): Promise<void>;
}

/** Options of a demo environment. */
export interface DemoEnvironmentOptions {
  readonly scenario?: 'demo' | 'scale';
  /** Sizes of the generated world for `scenario: 'scale'` (default 10,000 VMs + 2,000 Arc servers). */
  readonly scale?: ScaleOptions;
  /** Folder for favorites.json; without it favorites live in memory for this run. */
  readonly dataDir?: string;
  /** Simulator faults from the start (e.g. a forbidden subscription, to show a partial list). */
  readonly faults?: Partial<FaultKnobsInput>;
  readonly version?: string;
  /**
   * What "open the system browser" does. The browser demo leaves it to the page (it receives `auth:browser` and opens
   * the consent page itself); the CLI completes the consent form for a chosen user.
   */
  readonly openBrowser?: (url: string, simulator: RunningSimulator) => Promise<void>;
  readonly log?: (message: string, meta: Record<string, unknown>) => void;
}

/**
 * Starts the simulator and assembles the broker against it. The simulator's certificate is trusted only by this
 * process's own HTTP transport, never through NODE_EXTRA_CA_CERTS or any global.
 */
export async function startDemoEnvironment(options: DemoEnvironmentOptions = {}): Promise<DemoEnvironment> {
  const simulator = await startSimulator({
    scenario: options.scenario ?? 'demo',
    ...(options.scale ? { scale: options.scale } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
  });
  const tenantCloud = new Map<string, CloudName>(simulator.scenario.tenants.map((tenant) => [tenant.id, tenant.cloud]));
  const broker = assembleBroker({
    mode: 'demo',
    version: options.version ?? '0.0.0-demo',
    platform: process.platform,
    clouds: simulatedClouds(simulator.clouds),
    settingsStore: createMemoryStore(),
    extraCaPem: simulator.caCertPem,
    openBrowser: (url) => options.openBrowser?.(url, simulator) ?? Promise.resolve(),
    toBrowserUrl: (url) => toBrowserAuthorizeUrl(simulator, url),
    // The demo has no system browser to hand links to (the page opens them), but the allow-list still applies.
    openExternal: (url) =>
      isAllowedExternalUrl(url)
        ? Promise.resolve()
        : Promise.reject(new AppError('EXTERNAL_URL_BLOCKED', 'That link is not on the allow-list.', { url: url.slice(0, 200) })),
    dataDir: options.dataDir,
    launchClients: false,
    dnsLookup: createSimulatedLookup(simulator.scenario),
    demoUsers: simulator.scenario.users.map((user) => ({
      upn: user.upn,
      description: user.displayName,
      cloud: tenantCloud.get(user.homeTenantId) ?? 'AzureCloud',
    })),
    log: options.log ?? (() => undefined),
  });
  return {
    simulator,
    broker,
    stop: async () => {
      await broker.dispose();
      await simulator.stop();
    },
  };
}
