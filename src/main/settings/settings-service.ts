import { AppError } from '../../shared/errors/app-error';
import {
  type Settings,
  type SettingsPatch,
  applySettingsPatch,
  migrateSettings,
  settingsSchema,
} from '../../shared/settings/schema';

/** What opening a damaged settings file did: where the file was kept and what could not be read. */
export interface SettingsRecovery {
  /** File name (in the data folder) the damaged file was kept under. */
  readonly keptAs: string;
  readonly problems: readonly string[];
}

/**
 * The narrow store the settings service needs. Desktop: electron-store; CLI, demo and tests: conf or memory.
 * Keeping it this small is what lets every test run without Electron.
 */
export interface JsonStore {
  read(): unknown;
  write(value: unknown): void;
  /** Set when the file was found damaged on opening and kept aside; the host tells the user. */
  readonly recovery?: SettingsRecovery | null;
}

/** An in-memory JsonStore, for tests and throwaway runs. */
export function createMemoryStore(initial?: unknown): JsonStore {
  let value = initial;
  return {
    read: () => structuredClone(value),
    write: (next) => {
      value = structuredClone(next);
    },
  };
}

/** Settings with schema, defaults and migrations; `problems` lists fields that were reset when the file was read. */
export class SettingsService {
  private current: Settings;
  readonly problems: readonly string[];
  /** The damaged settings file that was kept aside at start, if any: to be told to the user once. */
  readonly recovery: SettingsRecovery | null;

  constructor(
    private readonly store: JsonStore,
    private readonly overrides: Partial<Pick<Settings, 'clientId'>> = {},
  ) {
    const { settings, problems } = migrateSettings(store.read());
    this.current = settings;
    this.problems = problems;
    this.recovery = store.recovery ?? null;
    if (problems.length > 0) store.write(settings);
  }

  /** Current settings, with environment overrides (e.g. RDP_BROKER_CLIENT_ID) applied on top. */
  get(): Settings {
    return { ...this.current, ...this.overrides };
  }

  /** Validates and persists a patch; nothing is written if any field is invalid. */
  update(patch: SettingsPatch): Settings {
    let next: Settings;
    try {
      next = applySettingsPatch(this.current, patch);
    } catch (error: unknown) {
      throw new AppError('SETTINGS_INVALID', 'The settings change was refused.', { reason: String(error) });
    }
    settingsSchema.parse(next);
    this.store.write(next);
    this.current = next;
    return this.get();
  }
}
