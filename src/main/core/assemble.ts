import { AuthService } from '../auth/auth-service';
import type { CacheCipher } from '../auth/cache-cipher';
import { type EncryptedCachePlugin, createEncryptedCachePlugin } from '../auth/encrypted-cache-plugin';
import { ConnectServiceImpl } from '../connect/connect-service';
import { ArmDiscoverySource } from '../discovery/arm-discovery-source';
import { DiscoveryRunner } from '../discovery/discovery-runner';
import { type AppDataHostOptions, createAppDataService } from '../favorites/app-data-service';
import { FavoritesService } from '../favorites/favorites-service';
import { type DispatchLogger, EventHub, type HandlerMap } from '../ipc/dispatch';
import { createHttpTransport } from '../net/http-transport';
import { type DocumentStoreFactory, createConfDocumentStore } from '../settings/document-store';
import { type JsonStore, SettingsService, createMemoryStore } from '../settings/settings-service';
import { openSettingsStoreOrMemory } from '../settings/settings-store';
import { createNodeClientStateDeps, readClientState } from '../readiness/client-state';
import { type LookupAll, createDnsChecker } from '../readiness/dns-check';
import { ReadinessService } from '../readiness/readiness-service';
import { type BrokerServices, createHandlers } from './broker-core';
import { DeepLinkInbox } from './deep-link-inbox';
import { createListJudge } from './list-verdicts';
import type { CloudResolver } from '../../shared/clouds';
import type { AppInfo } from '../../shared/ipc/schemas';
import { join } from 'node:path';

/** Everything a host must decide: where the app runs and how it reaches the outside world. */
export interface AssembleOptions {
  readonly mode: AppInfo['mode'];
  readonly version: string;
  readonly platform: NodeJS.Platform;
  readonly clouds: CloudResolver;
  /** Where settings live; without it settings.json in `dataDir` through `openDocument`, or memory without a dataDir. */
  readonly settingsStore?: JsonStore;
  /** Opens favorites.json and settings.json in `dataDir`: conf unless the host brings another (desktop: electron-store). */
  readonly openDocument?: DocumentStoreFactory;
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
  /** Name resolution for the dial-name check; the demo answers from the simulated tenant's DNS records. */
  readonly dnsLookup?: LookupAll;
  readonly log: DispatchLogger;
  /**
   * Where the token cache is persisted, encrypted with `cipher` (desktop: safeStorage). Without both, tokens stay in
   * memory for this run only.
   */
  readonly tokenCache?: { readonly dir: string; readonly cipher: CacheCipher };
  /** Windows account broker (WAM), desktop only; the setting decides at each sign-in. */
  readonly nativeBroker?: { readonly windowHandle?: () => Buffer | undefined };
  /**
   * Folder for favorites.json and, unless `settingsStore` is given, settings.json (desktop: userData; demo: a temp dir
   * or --data-dir). Without it both live in memory.
   */
  readonly dataDir?: string | undefined;
  /** What Settings › Data shows and can do on this host: settings file, log folder, opening a folder, host caches. */
  readonly appData?: Omit<AppDataHostOptions, 'dataDir' | 'favoritesFile'>;
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
  const openDocument = options.openDocument ?? createConfDocumentStore;
  const settings = new SettingsService(
    options.settingsStore ??
      (options.dataDir ? openSettingsStoreOrMemory(openDocument, options.dataDir, options.log) : createMemoryStore()),
    options.clientIdOverride ? { clientId: options.clientIdOverride } : {},
  );
  const cachePlugins = new Map<string, EncryptedCachePlugin>();
  const tokenCache = options.tokenCache;
  const auth = new AuthService({
    clouds: options.clouds,
    clientId: () => settings.get().clientId,
    networkClient: transport.msalNetworkClient,
    fetch: transport.fetch,
    openBrowser: async (url) => {
      events.emit('auth:browser', { url: options.toBrowserUrl?.(url) ?? url });
      await options.openBrowser(url);
    },
    ...(tokenCache
      ? {
          cachePlugin: (cloud) => {
            let plugin = cachePlugins.get(cloud);
            if (!plugin) {
              plugin = createEncryptedCachePlugin({
                path: join(tokenCache.dir, `msal-cache.${cloud}.bin`),
                cipher: tokenCache.cipher,
                log: options.log,
              });
              cachePlugins.set(cloud, plugin);
            }
            return plugin;
          },
        }
      : {}),
    ...(options.nativeBroker
      ? {
          broker: {
            enabled: () => settings.get().useBroker,
            platform: options.platform,
            ...(options.nativeBroker.windowHandle ? { windowHandle: options.nativeBroker.windowHandle } : {}),
          },
        }
      : {}),
    log: options.log,
  });
  auth.subscribe(() => {
    void auth.getStatus().then((status) => events.emit('auth:status', status));
  });
  const armDiscovery = new ArmDiscoverySource({ auth, clouds: options.clouds, transportPolicy: transport.azurePipelinePolicy });
  const discovery = new DiscoveryRunner(
    () => armDiscovery,
    events.emit,
    createListJudge(auth, settings),
  );
  const connect = new ConnectServiceImpl({ launchClients: options.launchClients, platform: options.platform, settings });
  const favoritesFile = options.dataDir ? join(options.dataDir, 'favorites.json') : null;
  const favorites = new FavoritesService({ file: favoritesFile, openStore: openDocument, log: options.log });
  const appData = createAppDataService(
    { ...options.appData, dataDir: options.dataDir, favoritesFile },
    () => connect.dispose(),
  );
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
    startMachine: (machine, onProgress) => armDiscovery.startMachine(machine, onProgress),
    readiness: new ReadinessService({
      dns: createDnsChecker(options.dnsLookup ? { lookup: options.dnsLookup } : {}),
      readClientState: () => readClientState(createNodeClientStateDeps()),
      accounts: () => auth.listAccounts(),
      details: (machine) => armDiscovery.getMachineDetails(machine),
    }),
    favorites,
    appData,
    cancelSignIn: () => {
      auth.cancelSignIn();
    },
  };
  return {
    handlers: createHandlers(services),
    events,
    services,
    dispose: async () => {
      discovery.cancel();
      await connect.dispose();
      await auth.dispose();
    },
  };
}
