import { z } from 'zod';

import { MAX_MONITOR_ID, MAX_SELECTED_MONITORS, RDP_SCALE_FACTORS } from './properties';
import { classifyHost, classifyUsername, hasForbiddenCharacter } from './values';

/**
 * What the user chose for one connection, before it becomes a .rdp file. Plain data, validated by zod; the writer
 * re-validates every value, so nothing that arrives over IPC or from disk reaches a file unchecked.
 */

/** `web-account` = Microsoft Entra web sign-in (`enablerdsaadauth:i:1`); `password` = legacy NLA/PKU2U sign-in. */
export const rdpAuthSchema = z.enum(['web-account', 'password']);
/** How the user signs in to the remote machine. */
export type RdpAuth = z.infer<typeof rdpAuthSchema>;

/** Windowed or full screen (`screen mode id` 1 or 2). */
export const rdpScreenModeSchema = z.enum(['windowed', 'fullscreen']);
/** Windowed or full screen. */
export type RdpScreenMode = z.infer<typeof rdpScreenModeSchema>;

/** Where remote sound plays: on this computer (`local`), on the remote machine (`remote`), or nowhere. */
export const rdpAudioPlaybackSchema = z.enum(['local', 'remote', 'none']);
/** Where remote sound plays. */
export type RdpAudioPlayback = z.infer<typeof rdpAudioPlaybackSchema>;

const LINE_BREAK_MESSAGE = 'must not contain line breaks, control characters or invisible formatting characters';

const hostSchema = z.string().superRefine((value, ctx) => {
  if (hasForbiddenCharacter(value)) {
    ctx.addIssue({ code: 'custom', message: `host ${LINE_BREAK_MESSAGE}` });
  } else if (classifyHost(value) === 'invalid') {
    ctx.addIssue({
      code: 'custom',
      message:
        'host must be a DNS host name (letters, digits, hyphens, dots; no trailing dot; IDN as punycode) or an IP address',
    });
  }
});

const usernameSchema = z.string().superRefine((value, ctx) => {
  if (hasForbiddenCharacter(value)) {
    ctx.addIssue({ code: 'custom', message: `username ${LINE_BREAK_MESSAGE}` });
  } else if (classifyUsername(value) === null) {
    ctx.addIssue({
      code: 'custom',
      message: 'username must be user@domain, AzureAD\\user@domain, or a local account name (password sign-in)',
    });
  }
});

const pixelsSchema = z.number().int().min(200).max(8192);

/** Display options. Defaults follow mstsc: full screen, no multi-monitor, dynamic resolution on. */
export const rdpDisplaySchema = z.object({
  screenMode: rdpScreenModeSchema.default('fullscreen'),
  width: pixelsSchema.optional(),
  height: pixelsSchema.optional(),
  multiMonitor: z.boolean().default(false),
  /** Monitor ids from `mstsc /l`; the first becomes the primary remote monitor. Needs `multiMonitor`. */
  selectedMonitors: z
    .array(z.number().int().min(0).max(MAX_MONITOR_ID))
    .min(1)
    .max(MAX_SELECTED_MONITORS)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'monitor ids must be unique' })
    .optional(),
  dynamicResolution: z.boolean().default(true),
  smartSizing: z.boolean().default(false),
  /** Percent; one of the values Microsoft documents. */
  scaleFactor: z
    .number()
    .refine((n) => (RDP_SCALE_FACTORS as readonly number[]).includes(n), {
      message: `scaleFactor must be one of ${RDP_SCALE_FACTORS.join(', ')}`,
    })
    .optional(),
});
/** Display options with defaults applied. */
export type RdpDisplay = z.infer<typeof rdpDisplaySchema>;

/**
 * Local resources shared with the remote machine. Every one is OFF unless the user turns it on: these are the
 * channels the 2024 malicious-.rdp campaign abused (facts §1.5), and since the April 2026 client update Windows
 * shows them all unticked anyway. Audio playback counts too: "off" means it is not sent to this computer.
 */
export const rdpRedirectionsSchema = z.object({
  clipboard: z.boolean().default(false),
  drives: z.boolean().default(false),
  printers: z.boolean().default(false),
  /** Plug and Play and USB devices (`devicestoredirect` + `usbdevicestoredirect`). */
  devices: z.boolean().default(false),
  smartCards: z.boolean().default(false),
  /** Microphone. */
  audioCapture: z.boolean().default(false),
  audioPlayback: rdpAudioPlaybackSchema.default('none'),
  webAuthn: z.boolean().default(false),
  comPorts: z.boolean().default(false),
  camera: z.boolean().default(false),
});
/** Redirections with defaults applied (all off). */
export type RdpRedirections = z.infer<typeof rdpRedirectionsSchema>;

/** Settings for one .rdp file. Parse input with this schema; the output type is {@link RdpSettings}. */
export const rdpSettingsSchema = z
  .object({
    /** Target: the machine's Entra device name (web-account), or a name/IP (password). */
    host: hostSchema,
    port: z.number().int().min(1).max(65535).optional(),
    auth: rdpAuthSchema.default('web-account'),
    /** Pre-filled user name. For web-account sign-in only a hint, in `user@domain` form (seed). */
    username: usernameSchema.optional(),
    /**
     * Password sign-in only: this computer is Entra *registered* (not joined), so the seed requires the user name
     * as `AzureAD\user@domain`; a plain UPN is prefixed when written.
     */
    entraRegisteredClient: z.boolean().default(false),
    display: rdpDisplaySchema.prefault({}),
    redirections: rdpRedirectionsSchema.prefault({}),
  })
  .superRefine((settings, ctx) => {
    const hostKind = classifyHost(settings.host);
    if (settings.auth === 'web-account' && (hostKind === 'ipv4' || hostKind === 'ipv6')) {
      ctx.addIssue({
        code: 'custom',
        path: ['host'],
        message: "web-account sign-in needs the machine's host name (its Entra device name), not an IP address",
      });
    }
    if (settings.username !== undefined && settings.auth === 'web-account') {
      const kind = classifyUsername(settings.username);
      if (kind === 'azuread-upn' || kind === 'local') {
        ctx.addIssue({
          code: 'custom',
          path: ['username'],
          message: 'web-account sign-in takes the user name as user@domain',
        });
      }
    }
    const { display } = settings;
    if (display.selectedMonitors !== undefined && !display.multiMonitor) {
      ctx.addIssue({
        code: 'custom',
        path: ['display', 'selectedMonitors'],
        message: 'selected monitors need multiMonitor turned on',
      });
    }
    if ((display.width === undefined) !== (display.height === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['display', display.width === undefined ? 'width' : 'height'],
        message: 'set both width and height, or neither',
      });
    }
  });

/** Validated settings for one .rdp file (defaults applied). */
export type RdpSettings = z.output<typeof rdpSettingsSchema>;
/** What callers may pass: everything with a default may be left out. */
export type RdpSettingsInput = z.input<typeof rdpSettingsSchema>;

/** Display defaults (also what `display: {}` parses to). */
export const DEFAULT_RDP_DISPLAY: Readonly<RdpDisplay> = Object.freeze(rdpDisplaySchema.parse({}));
/** Redirection defaults: everything off. */
export const DEFAULT_RDP_REDIRECTIONS: Readonly<RdpRedirections> = Object.freeze(rdpRedirectionsSchema.parse({}));

/** One problem found in settings: `field` is a dotted path such as `display.selectedMonitors`. */
export interface RdpSettingsIssue {
  readonly field: string;
  readonly message: string;
}

/** Result of {@link validateRdpSettings}. */
export type RdpSettingsValidation = { ok: true; settings: RdpSettings } | { ok: false; issues: RdpSettingsIssue[] };

/** Dotted field path for an issue; array indexes are left out so `display.selectedMonitors.2` names the list. */
function toField(path: readonly PropertyKey[]): string {
  const parts = path.filter((part) => typeof part === 'string');
  return parts.length === 0 ? 'settings' : parts.join('.');
}

/**
 * Checks settings and reports every problem at once (for forms and the CLI). Returns the parsed settings, with
 * defaults applied, when there is none.
 */
export function validateRdpSettings(input: unknown): RdpSettingsValidation {
  const result = rdpSettingsSchema.safeParse(input);
  if (result.success) return { ok: true, settings: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({ field: toField(issue.path), message: issue.message })),
  };
}
