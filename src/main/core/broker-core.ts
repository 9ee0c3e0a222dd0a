import type { AuthService } from '../auth/auth-service';
import type { DeepLinkInbox } from './deep-link-inbox';
import type { DiscoveryRunner } from '../discovery/discovery-runner';
import { EventHub, type HandlerMap } from '../ipc/dispatch';
import type { SettingsService } from '../settings/settings-service';
import { AppError } from '../../shared/errors/app-error';
import type { AppInfo, ConnectResult } from '../../shared/ipc/schemas';
import type { Machine } from '../../shared/domain/machine';

/** Connects to one machine: the readiness gate, the .rdp file and the client launch (or, in the demo, the file only). */
export interface ConnectService {
  connect(machine: Machine, options: { signInMethod: 'web-account' | 'password' }): Promise<ConnectResult>;
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
}

/**
 * The contract's handlers: thin — parse is done by the dispatcher, rules live in the services.
 * Shared by the Electron shell and the demo's HTTP bridge, so the demo exercises the real main-process code.
 */
export function createHandlers(services: BrokerServices): HandlerMap {
  const announceAccounts = async () => {
    services.events.emit('auth:changed', { accounts: await services.auth.listAccounts() });
  };
  return {
    'app:info': () => Promise.resolve(services.info()),
    'app:take-deep-link': () => Promise.resolve(services.deepLinks.take()),
    'auth:sign-in': async ({ cloud, method, loginHint }) => {
      if (method !== 'interactive') {
        throw new AppError('AUTH_FAILED', 'Device-code sign-in is not available in this build.', { method });
      }
      const account = await services.auth.signInInteractive(cloud, loginHint);
      await announceAccounts();
      return account;
    },
    'auth:cancel': () => {
      services.cancelSignIn();
      return Promise.resolve({});
    },
    'auth:accounts': () => services.auth.listAccounts(),
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
    'connect:start': async ({ machineId, signInMethod }) => {
      const machine = services.discovery.find(machineId);
      if (!machine) throw new AppError('MACHINE_NOT_FOUND', 'That machine is not in the current list.', { machineId });
      return services.connect.connect(machine, { signInMethod });
    },
    'settings:get': () => Promise.resolve(services.settings.get()),
    'settings:set': (patch) => Promise.resolve(services.settings.update(patch)),
    'shell:open-external': async ({ url }) => {
      await services.openExternal(url);
      return {};
    },
  };
}

export { EventHub };
