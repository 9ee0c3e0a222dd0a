import { AuthService } from '../auth/auth-service';
import { ConnectServiceImpl } from '../connect/connect-service';
import { ArmDiscoverySource } from '../discovery/arm-discovery-source';
import { DiscoveryRunner } from '../discovery/discovery-runner';
import { type DispatchLogger, EventHub, type HandlerMap } from '../ipc/dispatch';
import { createHttpTransport } from '../net/http-transport';
import { type JsonStore, SettingsService } from '../settings/settings-service';
import { type BrokerServices, createHandlers } from './broker-core';
import { DeepLinkInbox } from './deep-link-inbox';
import { createListJudge } from './list-verdicts';
import type { CloudResolver } from '../../shared/clouds';
import type { AppInfo } from '../../shared/ipc/schemas';

/** Everything a host must decide: where the app runs and how it reaches the outside world. */
export interface AssembleOptions {
  readonly mode: AppInfo['mode'];
  readonly version: string;
  readonly platform: NodeJS.Platform;
  readonly clouds: CloudResolver;
  readonly settingsStore: JsonStore;
  /** RDP_BROKER_CLIENT_ID, when set, wins over the settings file. */
  readonly clientIdOverride?: string | undefined;
  /** Extra CA to trust for this process's Azure and Entra calls: the simulator's, in demo mode. Never global. */
  readonly extraCaPem?: string;
  readonly openBrowser: (url: string) => Promise<void>;
  /** The address a person's browser should use for a sign-in page (demo: the simulator's plain-HTTP mirror). */
  readonly toBrowserUrl?: (url: string) => string;
  readonly openExternal: (url: string) => Promise<void>;
  /** false in the browser demo: Connect writes the .rdp file and shows it instead of starting a client. */
  readonly launchClients: boolean;
  readonly demoUsers?: AppInfo['demoUsers'];
  readonly log: DispatchLogger;
}

/** A ready broker: contract handlers, the event hub, and a dispose for shutdown. */
export interface AssembledBroker {
  readonly handlers: HandlerMap;
  readonly events: EventHub;
  readonly services: BrokerServices;
  dispose(): Promise<void>;
}

/** The composition root shared by the Electron shell, the demo server and the CLI. */
export function assembleBroker(options: AssembleOptions): AssembledBroker {
  const events = new EventHub();
  const transport = createHttpTransport(options.extraCaPem ? { extraCaPem: options.extraCaPem } : {});
  const settings = new SettingsService(
    options.settingsStore,
    options.clientIdOverride ? { clientId: options.clientIdOverride } : {},
  );
  let cancelPending: (() => void) | null = null;
  const auth = new AuthService({
    clouds: options.clouds,
    clientId: () => settings.get().clientId,
    networkClient: transport.msalNetworkClient,
    openBrowser: async (url) => {
      events.emit('auth:browser', { url: options.toBrowserUrl?.(url) ?? url });
      await options.openBrowser(url);
    },
  });
  const discovery = new DiscoveryRunner(
    () => new ArmDiscoverySource({ auth, clouds: options.clouds, transportPolicy: transport.azurePipelinePolicy }),
    events.emit,
    createListJudge(auth, settings),
  );
  const connect = new ConnectServiceImpl({ launchClients: options.launchClients, platform: options.platform, settings });
  const services: BrokerServices = {
    info: () => ({
      version: options.version,
      mode: options.mode,
      platform: options.platform,
      ...(options.demoUsers ? { demoUsers: options.demoUsers } : {}),
    }),
    auth,
    discovery,
    connect,
    settings,
    events,
    openExternal: options.openExternal,
    deepLinks: new DeepLinkInbox(events.emit),
    cancelSignIn: () => {
      cancelPending?.();
      cancelPending = null;
    },
  };
  return {
    handlers: createHandlers(services),
    events,
    services,
    dispose: async () => {
      discovery.cancel();
      await connect.dispose();
    },
  };
}
