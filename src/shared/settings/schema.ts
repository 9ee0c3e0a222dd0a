import { z } from 'zod';

import { cloudNameSchema } from '../clouds';

/** Version of the settings file layout; bump it and add a migration when the shape changes. */
export const SETTINGS_VERSION = 1;

/**
 * Placeholder client id. A real tenant needs the app registered as a multi-tenant public client
 * (README: "Point it at a real tenant"); the Azure CLI's first-party id must not be shipped.
 */
export const CLIENT_ID_PLACEHOLDER = '00000000-0000-0000-0000-000000000000';

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');

/** The persisted settings. Data read from disk is parsed with this schema like any untrusted input. */
export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  defaultCloud: cloudNameSchema,
  clientId: guid,
  signInMethod: z.enum(['web-account', 'password']),
  useBroker: z.boolean(),
  theme: z.enum(['system', 'light', 'dark']),
  /** Absolute path of a custom RDP client; empty = find the platform's default client. */
  rdpClientPath: z.string().max(1024),
  display: z.object({
    screenMode: z.enum(['windowed', 'fullscreen']),
    multiMonitor: z.boolean(),
    dynamicResolution: z.boolean(),
  }),
});
export type Settings = z.infer<typeof settingsSchema>;

/** A partial update from the renderer; `version` is owned by main. */
export const settingsPatchSchema = settingsSchema
  .omit({ version: true })
  .extend({ display: settingsSchema.shape.display.partial() })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Defaults for a first start. */
export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  defaultCloud: 'AzureCloud',
  clientId: CLIENT_ID_PLACEHOLDER,
  signInMethod: 'web-account',
  useBroker: false,
  theme: 'system',
  rdpClientPath: '',
  display: { screenMode: 'windowed', multiMonitor: false, dynamicResolution: true },
};

/** Applies a patch and re-validates the whole object. */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  return settingsSchema.parse({
    ...current,
    ...patch,
    display: { ...current.display, ...patch.display },
  });
}

/**
 * Reads settings from whatever was on disk. Unknown versions and invalid fields fall back to defaults field by field,
 * so one bad value never throws away the rest; `problems` says what was replaced.
 */
export function migrateSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  if (typeof raw !== 'object' || raw === null) {
    return { settings: DEFAULT_SETTINGS, problems: raw === undefined ? [] : ['settings were not an object'] };
  }
  const source = raw as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(settingsSchema.shape) as (keyof Settings)[]) {
    if (key === 'version' || !(key in source)) continue;
    const field = settingsSchema.shape[key].safeParse(source[key]);
    if (field.success) merged[key] = field.data;
    else problems.push(`${key}: ${field.error.issues[0]?.message ?? 'invalid'}`);
  }
  return { settings: settingsSchema.parse(merged), problems };
}
