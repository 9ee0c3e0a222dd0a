import type { AuthService } from '../auth/auth-service';
import type { DeepLinkInbox } from './deep-link-inbox';
import type { ReadinessService } from '../readiness/readiness-service';
import type { DiscoveryRunner } from '../discovery/discovery-runner';
import { EventHub, type HandlerMap } from '../ipc/dispatch';
import { type AppDataService, type RdpOverrides, createFavoritesHandlers, overridesOf, rdpFileNameFor, requireFavorites } from '../favorites/favorite-handlers';
import type { FavoritesService } from '../favorites/favorites-service';
import { rdpSettingsFor } from '../connect/connect-service';
import { buildRdpText } from '../../shared/rdp/write-rdp';
import type { SettingsService } from '../settings/settings-service';
import { AppError } from '../../shared/errors/app-error';
import type { AppInfo, ConnectResult } from '../../shared/ipc/schemas';
import type { Machine } from '../../shared/domain/machine';

/** Connects to one machine: the readiness gate, the .rdp file and the client launch (or, in the demo, the file only). */
export interface ConnectService {
  connect(
    machine: Machine,
    options: {
      signInMethod: 'web-account' | 'password';
      /** The verdict's dial name: the Entra device name (never an IP for web-account sign-in). */
      dialName?: string;
      overrides?: RdpOverrides | undefined;
      warnings?: readonly string[];
    },
  ): Promise<ConnectResult>;
}

/** The services the handlers call; the host (Electron main, demo server, CLI, tests) builds them. */
export interface BrokerServices {
  readonly info: () => AppInfo;
  readonly auth: AuthService;
  readonly discovery: DiscoveryRunner;
  readonly connect: ConnectService;
  readonly settings: SettingsService;
  readonly events: EventHub;
  /** The one way to open a link outside the app (allow-listed). */
  readonly openExternal: (url: string) => Promise<void>;
  readonly cancelSignIn: () => void;
  readonly deepLinks: DeepLinkInbox;
  readonly readiness: ReadinessService;
  /** Starts a VM (ARM long-running operation); absent where the host cannot. */
  readonly startMachine?: (
    machine: Machine,
    onProgress: (progress: { phase: 'requested' | 'starting' | 'running'; message: string }) => void,
  ) => Promise<Machine>;
  /** Favorites and recent connections; absent where a host keeps none (their channels then say so). */
  readonly favorites?: FavoritesService;
  /** Data folder facts, log folder, cache clearing (Settings › Data). */
  readonly appData?: AppDataService;
}

/**
 * The contract's handlers: thin — parse is done by the dispatcher, rules live in the services.
 * Shared by the Electron shell and the demo's HTTP bridge, so the demo exercises the real main-process code.
 */
export function createHandlers(services: BrokerServices): HandlerMap {
  const findFavorite = async (id: string | undefined) => {
    if (id === undefined) return undefined;
    const favorite = await requireFavorites(services.favorites).get(id);
    if (!favorite) throw new AppError('FAVORITE_NOT_FOUND', 'That favorite no longer exists.', { id });
    return favorite;
  };
  const announceAccounts = async () => {
    services.events.emit('auth:changed', { accounts: await services.auth.listAccounts() });
  };
  return {
    'app:info': () => Promise.resolve(services.info()),
    'app:take-deep-link': () => Promise.resolve(services.deepLinks.take()),
    'auth:sign-in': async ({ cloud, method, loginHint }) => {
      const account =
        method === 'device-code'
          ? await services.auth.signInWithDeviceCode(cloud, (info) => services.events.emit('auth:device-code', info))
          : await services.auth.signInInteractive(cloud, loginHint);
      await announceAccounts();
      return account;
    },
    'auth:cancel': () => {
      services.cancelSignIn();
      return Promise.resolve({});
    },
    'auth:accounts': () => services.auth.listAccounts(),
    'auth:status': () => services.auth.getStatus(),
    'auth:tenants': ({ accountId }) => services.auth.listTenants(accountId),
    'auth:sign-out': async ({ accountId }) => {
      await services.auth.signOut(accountId);
      await announceAccounts();
      return {};
    },
    'machines:refresh': () => Promise.resolve({ runId: services.discovery.start() }),
    'machines:cancel': () => {
      services.discovery.cancel();
      return Promise.resolve({});
    },
    'machines:snapshot': () => Promise.resolve(services.discovery.snapshot()),
    'machines:start': async ({ machineId }) => {
      const machine = services.discovery.find(machineId);
      if (!machine) throw new AppError('MACHINE_NOT_FOUND', 'That machine is not in the current list.', { machineId });
      if (!services.startMachine) throw new AppError('MACHINE_START_FORBIDDEN', 'Starting machines is not available here.', { machineId });
      const started = await services.startMachine(machine, (progress) =>
        services.events.emit('machines:start-progress', { machineId: machine.id, ...progress }),
      );
      return services.discovery.replace(started) ?? { ...started, verdict: machine.verdict };
    },
    'readiness:check': async ({ machineId, signInMethod }) => {
      const machine = services.discovery.find(machineId);
      if (!machine) throw new AppError('MACHINE_NOT_FOUND', 'That machine is not in the current list.', { machineId });
      const method = signInMethod ?? services.settings.get().signInMethod;
      const { verdict, report } = await services.readiness.check(machine, method);
      return { verdict, report, signInMethod: method };
    },
    'connect:start': async ({ machineId, signInMethod, favoriteId, acknowledgeWarnings }) => {
      const machine = services.discovery.find(machineId);
      if (!machine) throw new AppError('MACHINE_NOT_FOUND', 'That machine is not in the current list.', { machineId });
      const favorite = await findFavorite(favoriteId);
      // The gate: every readiness rule, with DNS and this computer's state, right before the file is written.
      const { verdict } = await services.readiness.check(machine, signInMethod);
      const codes = (severity: 'block' | 'warn') => verdict.findings.filter((f) => f.severity === severity).map((f) => f.code);
      if (verdict.status === 'blocked' || verdict.dialName === null) {
        throw new AppError('CONNECT_BLOCKED', `A sign-in to ${machine.name} would fail.`, { machineId, findings: codes('block') });
      }
      if (verdict.status === 'warnings' && !acknowledgeWarnings) {
        throw new AppError('CONNECT_NEEDS_CONFIRMATION', `${machine.name} has readiness warnings.`, { machineId, findings: codes('warn') });
      }
      const result = await services.connect.connect(machine, {
        signInMethod: verdict.signInMethod,
        dialName: verdict.dialName,
        overrides: overridesOf(favorite),
        warnings: codes('warn'),
      });
      // A recents write that fails must not turn a started connection into an error; the store logs it.
      await services.favorites
        ?.recordRecent({ machineId: machine.id, machineName: machine.name, favoriteId: favorite?.id ?? null, signInMethod, outcome: result.outcome })
        .catch(() => undefined);
      return result;
    },
    'rdp:build': async ({ machineId, signInMethod, favoriteId }) => {
      const machine = services.discovery.find(machineId);
      if (!machine) throw new AppError('MACHINE_NOT_FOUND', 'That machine is not in the current list.', { machineId });
      const settings = rdpSettingsFor(machine, services.settings.get(), signInMethod, overridesOf(await findFavorite(favoriteId)));
      return { fileName: rdpFileNameFor(settings.host), rdpText: buildRdpText(settings) };
    },
    ...createFavoritesHandlers({
      favorites: services.favorites,
      appData: services.appData,
      machines: () => services.discovery.snapshot().machines,
    }),
    'settings:get': () => Promise.resolve(services.settings.get()),
    'settings:set': (patch) => Promise.resolve(services.settings.update(patch)),
    'shell:open-external': async ({ url }) => {
      await services.openExternal(url);
      return {};
    },
  };
}

export { EventHub };
