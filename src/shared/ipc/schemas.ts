import { z } from 'zod';

import { cloudNameSchema } from '../clouds';
import { machineSchema } from '../domain/machine';
import { errorPayloadSchema } from '../errors/app-error';
import { signInMethodSchema as readinessSignInMethodSchema, verdictSchema } from '../readiness/finding';

/** What the renderer may know about a signed-in account: never a token. */
export const accountSummarySchema = z.object({
  /** MSAL homeAccountId (`<oid>.<homeTenantId>`): stable id of the account in the app. */
  id: z.string(),
  username: z.string(),
  name: z.string().optional(),
  cloud: cloudNameSchema,
  homeTenantId: z.string(),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

export const appInfoSchema = z.object({
  version: z.string(),
  mode: z.enum(['desktop', 'demo']),
  platform: z.string(),
  /** Demo mode only: the simulated users one can sign in as. */
  demoUsers: z.array(z.object({ upn: z.string(), description: z.string(), cloud: cloudNameSchema })).optional(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** A source that could not be read during discovery; shown to the user, never silently dropped. */
export const discoveryProblemSchema = z.object({
  scope: z.string(),
  error: errorPayloadSchema,
});
export type DiscoveryProblem = z.infer<typeof discoveryProblemSchema>;

export const discoveryStatusSchema = z.enum(['idle', 'running', 'complete', 'partial', 'cancelled', 'failed']);
export type DiscoveryStatus = z.infer<typeof discoveryStatusSchema>;

/**
 * A machine as the list shows it: the discovered facts plus main's readiness verdict. The list verdict is computed
 * without DNS and client checks (those run when a machine is opened); the renderer never decides readiness itself.
 */
export const listedMachineSchema = machineSchema.extend({ verdict: verdictSchema });
export type ListedMachine = z.infer<typeof listedMachineSchema>;

export const machineSnapshotSchema = z.object({
  runId: z.string().nullable(),
  status: discoveryStatusSchema,
  machines: z.array(listedMachineSchema),
  problems: z.array(discoveryProblemSchema),
});
export type MachineSnapshot = z.infer<typeof machineSnapshotSchema>;

export const signInMethodSchema = z.enum(['web-account', 'password']);

export const connectResultSchema = z.object({
  /** `launched`: the RDP client was started; `written`: demo mode, the file was only written. */
  outcome: z.enum(['launched', 'written']),
  filePath: z.string(),
  rdpText: z.string(),
  client: z.string().optional(),
  /** Limitations of the chosen client worth telling the user (e.g. FreeRDP 2 has no web-account sign-in). */
  notes: z.array(z.string()).default([]),
  /** Warnings the user acknowledged; they are shown again with the result. */
  warnings: z.array(z.string()).default([]),
});
export type ConnectResult = z.infer<typeof connectResultSchema>;

/** A deep link as the renderer sees it: the machine to show, or the reason the link was refused. */
export const deepLinkEventSchema = z.union([
  z.object({ machineId: z.string(), error: z.null() }),
  z.object({ machineId: z.null(), error: errorPayloadSchema }),
]);
export type DeepLinkEvent = z.infer<typeof deepLinkEventSchema>;

/** Where the app keeps its files; null for what this host keeps in memory only. */
export const dataLocationsSchema = z.object({
  dataDir: z.string().nullable(),
  favoritesFile: z.string().nullable(),
  settingsFile: z.string().nullable(),
  logsDir: z.string().nullable(),
});
export type DataLocations = z.infer<typeof dataLocationsSchema>;

/** The full readiness check of one machine (with DNS and this computer's state) and its helpdesk report. */
export const readinessResultSchema = z.object({
  verdict: verdictSchema,
  report: z.string(),
  signInMethod: readinessSignInMethodSchema,
});
export type ReadinessResult = z.infer<typeof readinessResultSchema>;
