import { z } from 'zod';

import { cloudNameSchema } from '../clouds';
import { machineSchema } from '../domain/machine';
import { signInMethodSchema } from './finding';

/** Why a name did not resolve. NXDOMAIN and NODATA both mean "no record"; the rest mean "could not ask". */
export const dnsErrorSchema = z.enum(['NXDOMAIN', 'NODATA', 'TIMEOUT', 'SERVFAIL', 'REFUSED', 'INVALID_NAME', 'OTHER']);
export type DnsError = z.infer<typeof dnsErrorSchema>;

/** What the local resolver (system resolver: hosts file, DNS suffixes, VPN DNS) said about one name. */
export const dnsObservationSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('resolved'),
    name: z.string(),
    addresses: z.array(z.string()).min(1),
    /** ISO time of the lookup (or of the cached lookup it came from). */
    checkedAt: z.string(),
  }),
  z.object({
    outcome: z.literal('failed'),
    name: z.string(),
    error: dnsErrorSchema,
    /** The resolver's own error code or message, for the report. */
    detail: z.string().optional(),
    checkedAt: z.string(),
  }),
]);
export type DnsObservation = z.infer<typeof dnsObservationSchema>;

/** How the local PC is joined, as `dsregcmd /status` describes it (troubleshoot-device-dsregcmd join-state table). */
export const joinTypeSchema = z.enum(['entra-joined', 'hybrid-joined', 'registered', 'domain-joined', 'none', 'unknown']);
export type JoinType = z.infer<typeof joinTypeSchema>;

/** The parsed `dsregcmd /status` fields that matter for RDP. Booleans are null when the line was absent. */
export const clientJoinStateSchema = z.object({
  kind: z.literal('parsed'),
  joinType: joinTypeSchema,
  azureAdJoined: z.boolean().nullable(),
  domainJoined: z.boolean().nullable(),
  enterpriseJoined: z.boolean().nullable(),
  /** User State → WorkplaceJoined: Entra registered for the user who ran dsregcmd. */
  workplaceJoined: z.boolean().nullable(),
  /** Tenant Details → TenantId (Entra joined / hybrid joined devices only). */
  tenantId: z.string().nullable(),
  tenantName: z.string().nullable(),
  azureAdPrt: z.boolean().nullable(),
  deviceName: z.string().nullable(),
  domainName: z.string().nullable(),
  /** Work Account N → WorkplaceTenantId, one per registered work account. */
  workplaceTenantIds: z.array(z.string()),
  workplaceTenantNames: z.array(z.string()),
  deviceAuthStatus: z.string().nullable(),
});
export type ClientJoinState = z.infer<typeof clientJoinStateSchema>;

/** Join state, or why it could not be read (never guessed as "not joined"). */
export const clientJoinResultSchema = z.discriminatedUnion('kind', [
  clientJoinStateSchema,
  z.object({ kind: z.literal('unparseable'), reason: z.string() }),
  z.object({ kind: z.literal('unavailable'), reason: z.string() }),
]);
export type ClientJoinResult = z.infer<typeof clientJoinResultSchema>;

/** A Windows build: `10.0.22631` plus the update build revision (registry UBR) when known. */
export const windowsBuildSchema = z.object({
  major: z.number().int(),
  minor: z.number().int(),
  build: z.number().int(),
  ubr: z.number().int().nullable(),
});
export type WindowsBuild = z.infer<typeof windowsBuildSchema>;

/** Everything the rules need to know about the local PC. */
export const clientStateSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('windows'),
    build: windowsBuildSchema.nullable(),
    /** Registry InstallationType: `Client`, or `Server` (also for Server Core). */
    installationType: z.enum(['client', 'server']).nullable(),
    join: clientJoinResultSchema,
    /** Lsa\pku2u\AllowOnlineID: true = 1, false = 0, null = not set (policy not configured) or not readable. */
    pku2uAllowOnlineId: z.boolean().nullable(),
  }),
  z.object({ kind: z.literal('not-windows'), platform: z.string() }),
  z.object({ kind: z.literal('unknown'), reason: z.string() }),
]);
export type ClientState = z.infer<typeof clientStateSchema>;

/** The signed-in account, as far as the rules need it. */
export const readinessAccountSchema = z.object({
  /** The user's home tenant (second half of MSAL homeAccountId). */
  homeTenantId: z.string(),
  /** `tid` of the token the machine was discovered with. */
  tenantIdOfToken: z.string(),
  cloud: cloudNameSchema,
  upn: z.string(),
});
export type ReadinessAccount = z.infer<typeof readinessAccountSchema>;

/** Everything `evaluateReadiness` looks at. Optional parts are checks that have not run (yet). */
export const readinessInputSchema = z.object({
  machine: machineSchema,
  account: readinessAccountSchema,
  dns: dnsObservationSchema.optional(),
  client: clientStateSchema.optional(),
  /** Rules read `preferences.signInMethod` as the method being evaluated. */
  preferences: z.object({ signInMethod: signInMethodSchema }),
});
export type ReadinessInput = z.infer<typeof readinessInputSchema>;
