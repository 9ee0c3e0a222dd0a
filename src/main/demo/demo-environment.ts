import { type AssembledBroker, assembleBroker } from '../core/assemble';
import { createMemoryStore } from '../settings/settings-service';
import { type RunningSimulator, createSimulatedLookup, startSimulator, toBrowserAuthorizeUrl } from '../../simulator/index';
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
  const simulator = await startSimulator({ scenario: options.scenario ?? 'demo' });
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
    openExternal: () => Promise.resolve(),
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
