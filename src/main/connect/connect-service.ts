import type { ConnectService } from '../core/broker-core';
import type { RdpOverrides } from '../favorites/favorite-handlers';
import { RdpSessions } from '../rdp/rdp-session';
import {
  readLaunchEnvironment,
  resolveAvailableClients,
  toLaunchPlatform,
  validateCustomClientPath,
} from '../rdp/resolve-client';
import type { SettingsService } from '../settings/settings-service';
import type { Machine } from '../../shared/domain/machine';
import { AppError } from '../../shared/errors/app-error';
import type { ConnectResult } from '../../shared/ipc/schemas';
import { planLaunch } from '../../shared/rdp/launch-plan';
import type { RdpSettingsInput } from '../../shared/rdp/rdp-settings';
import { buildRdpText } from '../../shared/rdp/write-rdp';

/** What the connect service needs. */
export interface ConnectServiceOptions {
  /** false in the browser demo: write the file and show it, start nothing. */
  readonly launchClients: boolean;
  readonly platform: NodeJS.Platform;
  readonly settings: SettingsService;
  readonly sessions?: RdpSessions;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The name to dial: the Entra device name (computerName), never the resource name or an IP. */
export function dialNameFor(machine: Machine): string {
  const name = machine.computerName?.trim();
  if (!name) {
    throw new AppError('CONNECT_BLOCKED', 'The machine has no known computer name to dial.', { machineId: machine.id });
  }
  return name;
}

/** Builds the .rdp settings for a machine from the user's defaults, with a favorite's display and redirections on top. */
export function rdpSettingsFor(
  machine: Machine,
  settings: ReturnType<SettingsService['get']>,
  signInMethod: 'web-account' | 'password',
  overrides?: RdpOverrides,
): RdpSettingsInput {
  return {
    host: dialNameFor(machine),
    auth: signInMethod,
    display: overrides?.display ?? {
      screenMode: settings.display.screenMode,
      multiMonitor: settings.display.multiMonitor,
      dynamicResolution: settings.display.dynamicResolution,
    },
    ...(overrides?.redirections ? { redirections: overrides.redirections } : {}),
  };
}

/** Writes the .rdp file and starts the platform's client (or, in the demo, only writes the file). */
export class ConnectServiceImpl implements ConnectService {
  private readonly sessions: RdpSessions;

  constructor(private readonly options: ConnectServiceOptions) {
    this.sessions = options.sessions ?? new RdpSessions();
  }

  async connect(
    machine: Machine,
    {
      signInMethod,
      dialName,
      overrides,
      warnings = [],
    }: {
      signInMethod: 'web-account' | 'password';
      dialName?: string;
      overrides?: RdpOverrides | undefined;
      warnings?: readonly string[];
    },
  ): Promise<ConnectResult> {
    const current = this.options.settings.get();
    const base = rdpSettingsFor(machine, current, signInMethod, overrides);
    const rdpSettings = dialName === undefined ? base : { ...base, host: dialName };
    const rdpText = buildRdpText(rdpSettings);
    if (!this.options.launchClients) {
      const written = await this.sessions.writeRdpForLaunch(rdpSettings);
      return { outcome: 'written', filePath: written.file, rdpText, notes: [], warnings: [...warnings] };
    }
    const deps = { platform: this.options.platform, env: this.options.env ?? process.env, arch: process.arch };
    const available = await resolveAvailableClients(deps);
    const customClientPath = current.rdpClientPath ? await validateCustomClientPath(current.rdpClientPath, deps) : undefined;
    const outcome = await this.sessions.launch(rdpSettings, (rdpFilePath) =>
      planLaunch({
        platform: toLaunchPlatform(this.options.platform),
        rdpFilePath,
        settings: { auth: signInMethod, host: rdpSettings.host },
        env: readLaunchEnvironment(deps),
        available,
        ...(customClientPath ? { customClientPath } : {}),
      }),
    );
    return {
      outcome: 'launched',
      filePath: outcome.file,
      rdpText,
      client: outcome.plan.client,
      notes: outcome.plan.notes,
      warnings: [...warnings],
    };
  }

  /** Removes every launch file still on disk. */
  dispose(): Promise<void> {
    this.sessions.disposeAll();
    return Promise.resolve();
  }
}
