import { AppError } from '../../shared/errors/app-error';
import {
  type Settings,
  type SettingsPatch,
  applySettingsPatch,
  migrateSettings,
  settingsSchema,
} from '../../shared/settings/schema';

/**
 * The narrow store the settings service needs. Desktop: electron-store; CLI, demo and tests: conf or memory.
 * Keeping it this small is what lets every test run without Electron.
 */
export interface JsonStore {
  read(): unknown;
  write(value: unknown): void;
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

  constructor(
    private readonly store: JsonStore,
    private readonly overrides: Partial<Pick<Settings, 'clientId'>> = {},
  ) {
    const { settings, problems } = migrateSettings(store.read());
    this.current = settings;
    this.problems = problems;
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
