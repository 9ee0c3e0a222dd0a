import { z } from 'zod';

import { authStatusSchema, deviceCodeInfoSchema, tenantSummarySchema } from '../auth/schemas';
import { cloudNameSchema } from '../clouds';
import {
  accountSummarySchema,
  appInfoSchema,
  connectResultSchema,
  dataLocationsSchema,
  deepLinkEventSchema,
  discoveryProblemSchema,
  discoveryStatusSchema,
  listedMachineSchema,
  machineSnapshotSchema,
  readinessResultSchema,
  signInMethodSchema,
} from './schemas';
import { settingsPatchSchema, settingsSchema } from '../settings/schema';
import {
  MAX_FAVORITES,
  MAX_FAVORITES_IMPORT_CHARS,
  MAX_RDP_IMPORT_BYTES,
  favoriteIdSchema,
  favoriteInputSchema,
  favoritesImportReportSchema,
  favoritesStateSchema,
  rdpImportOutcomeSchema,
  recentConnectionSchema,
} from '../favorites/schema';

const none = z.object({}).strict();

/** A request/response channel: renderer → main. */
export interface InvokeSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

/**
 * THE contract: every channel the renderer may invoke, named `area:verb`, with zod schemas for input and output.
 * Main registers handlers only through the wrapper built from this table; the preload exposes only these names.
 */
export const invokeContract = {
  'app:info': { input: none, output: appInfoSchema },
  /** The deep link that started or focused the app and has not been shown yet (null when none). */
  'app:take-deep-link': { input: none, output: deepLinkEventSchema.nullable() },
  'auth:sign-in': {
    input: z
      .object({
        cloud: cloudNameSchema,
        method: z.enum(['interactive', 'device-code']),
        loginHint: z.string().max(256).optional(),
      })
      .strict(),
    output: accountSummarySchema,
  },
  'auth:cancel': { input: none, output: none },
  'auth:accounts': { input: none, output: z.array(accountSummarySchema) },
  'auth:status': { input: none, output: authStatusSchema },
  'auth:tenants': { input: z.object({ accountId: z.string().min(1).max(512) }).strict(), output: z.array(tenantSummarySchema) },
  'auth:sign-out': { input: z.object({ accountId: z.string().min(1).max(512) }).strict(), output: none },
  'machines:refresh': { input: none, output: z.object({ runId: z.string() }) },
  'machines:cancel': { input: none, output: none },
  'machines:snapshot': { input: none, output: machineSnapshotSchema },
  /** Starts a stopped or deallocated VM (long-running; progress arrives as machines:start-progress). */
  'machines:start': { input: z.object({ machineId: z.string().min(1).max(2048) }).strict(), output: listedMachineSchema },
  'readiness:check': {
    input: z.object({ machineId: z.string().min(1).max(2048), signInMethod: signInMethodSchema.optional() }).strict(),
    output: readinessResultSchema,
  },
  'connect:start': {
    input: z
      .object({
        machineId: z.string().min(1).max(2048),
        signInMethod: signInMethodSchema.default('web-account'),
        /** Connect through this favorite: its display and redirection settings apply. */
        favoriteId: favoriteIdSchema.optional(),
        /** The user saw the readiness warnings and chose to go ahead; without it, warnings stop the connection. */
        acknowledgeWarnings: z.boolean().default(false),
      })
      .strict(),
    output: connectResultSchema,
  },
  /** The .rdp text Connect would write, for "Save .rdp as…" (the renderer saves it where the user chooses). */
  'rdp:build': {
    input: z
      .object({
        machineId: z.string().min(1).max(2048),
        signInMethod: signInMethodSchema.default('web-account'),
        favoriteId: favoriteIdSchema.optional(),
      })
      .strict(),
    output: z.object({ fileName: z.string(), rdpText: z.string() }),
  },
  'favorites:list': { input: none, output: favoritesStateSchema },
  'favorites:save': { input: z.object({ favorite: favoriteInputSchema }).strict(), output: favoritesStateSchema },
  'favorites:remove': { input: z.object({ id: favoriteIdSchema }).strict(), output: favoritesStateSchema },
  'favorites:reorder': {
    input: z.object({ ids: z.array(favoriteIdSchema).max(MAX_FAVORITES) }).strict(),
    output: favoritesStateSchema,
  },
  /** A favorites export (JSON text read by the renderer from a file the user picked); all or nothing. */
  'favorites:import': {
    input: z.object({ text: z.string().max(MAX_FAVORITES_IMPORT_CHARS) }).strict(),
    output: z.object({ state: favoritesStateSchema, report: favoritesImportReportSchema }),
  },
  /** One .rdp file the user picked, as base64 bytes (files are usually UTF-16); parsed in main through the allow-list. */
  'favorites:import-rdp': {
    input: z
      .object({
        fileName: z.string().min(1).max(260),
        contentBase64: z
          .string()
          .max(Math.ceil(MAX_RDP_IMPORT_BYTES / 3) * 4)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
      })
      .strict(),
    output: z.object({ state: favoritesStateSchema, outcome: rdpImportOutcomeSchema }),
  },
  'favorites:export': { input: none, output: z.object({ fileName: z.string(), text: z.string() }) },
  /** The user has read the "favorites were repaired" notice. */
  'favorites:dismiss-notice': { input: none, output: favoritesStateSchema },
  'recents:list': { input: none, output: z.array(recentConnectionSchema) },
  'recents:clear': { input: none, output: favoritesStateSchema },
  'settings:get': { input: none, output: settingsSchema },
  'settings:set': { input: settingsPatchSchema, output: settingsSchema },
  'shell:open-external': { input: z.object({ url: z.string().max(2048) }).strict(), output: none },
  /** Where the app keeps its files, for Settings › Data (null where this host keeps nothing on disk). */
  'app:data-locations': { input: none, output: dataLocationsSchema },
  /** Opens the log folder in the file manager; `opened` is false where that is not possible (the browser demo). */
  'app:open-logs': { input: none, output: z.object({ path: z.string().nullable(), opened: z.boolean() }) },
  /** Removes data that is read again on demand (machine list, leftover .rdp files); never favorites or settings. */
  'app:clear-cache': { input: none, output: z.object({ removed: z.array(z.string()) }) },
} as const satisfies Record<string, InvokeSpec>;

export type InvokeChannel = keyof typeof invokeContract;
export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['input']>;
export type InvokeParsedInput<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['input']>;
export type InvokeOutput<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['output']>;

/** Push events: main → renderer. */
export const eventContract = {
  'auth:changed': z.object({ accounts: z.array(accountSummarySchema) }),
  /** An rdp-broker:// link arrived: show that machine (never connect by itself), or say why the link is bad. */
  'app:deep-link': deepLinkEventSchema,
  /** The system browser was asked to open this sign-in page (the demo's renderer opens it itself). */
  'auth:browser': z.object({ url: z.string() }),
  /** Device-code sign-in: show this code and where to enter it. */
  'auth:device-code': deviceCodeInfoSchema,
  /** Token cache, broker and per-account attention (e.g. "sign in again: refresh token expired"). */
  'auth:status': authStatusSchema,
  'machines:progress': z.object({
    runId: z.string(),
    status: discoveryStatusSchema,
    message: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().nullable(),
  }),
  'machines:start-progress': z.object({
    machineId: z.string(),
    phase: z.enum(['requested', 'starting', 'running']),
    message: z.string(),
  }),
  'machines:rows': z.object({ runId: z.string(), machines: z.array(listedMachineSchema) }),
  'machines:finished': z.object({
    runId: z.string(),
    status: discoveryStatusSchema,
    problems: z.array(discoveryProblemSchema),
  }),
} as const satisfies Record<string, z.ZodType>;

export type EventChannel = keyof typeof eventContract;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventContract)[E]>;

/** Channel names, for allow-lists. */
export const invokeChannels = Object.keys(invokeContract) as InvokeChannel[];
export const eventChannels = Object.keys(eventContract) as EventChannel[];

/** True when `name` is a channel of the contract (the preload and main refuse anything else). */
export function isInvokeChannel(name: string): name is InvokeChannel {
  return Object.hasOwn(invokeContract, name);
}

/** True when `name` is an event of the contract. */
export function isEventChannel(name: string): name is EventChannel {
  return Object.hasOwn(eventContract, name);
}

/** The API the preload exposes as `window.broker` (and the demo's HTTP bridge client implements). */
export interface BrokerBridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
