import { z } from 'zod';

/**
 * Every readiness finding code. Stable: codes appear in helpdesk reports and tests, so never rename one.
 * Each code has a catalogue entry (catalogue.ts) and is produced by exactly one rule (rules/index.ts).
 */
export const findingCodes = [
  // Which name to dial (web-account sign-in needs the Entra device hostname, never an IP)
  'DIAL_NAME_MISSING',
  'DIAL_NAME_IS_IP',
  'DIAL_NAME_IP_FALLBACK',
  'DIAL_NAME_DIFFERS_FROM_RESOURCE_NAME',
  // Does that name resolve to the machine?
  'DNS_UNRESOLVABLE',
  'DNS_RESOLVES_ELSEWHERE',
  'DNS_NOT_CHECKED',
  // AADLoginForWindows extension and managed identity
  'EXTENSION_MISSING',
  'EXTENSION_PROVISIONING',
  'EXTENSION_FAILED_1007_MSI',
  'EXTENSION_FAILED_DISCOVERY',
  'EXTENSION_FAILED_UNSUPPORTED_OS',
  'EXTENSION_FAILED_DUPLICATE_DEVICE',
  'EXTENSION_FAILED_UNKNOWN',
  'IDENTITY_NOT_SYSTEM_ASSIGNED',
  // Azure role (login data actions)
  'ACCESS_ADMIN',
  'ACCESS_USER',
  'ACCESS_NONE',
  'ACCESS_NONE_CONTROL_PLANE_ONLY',
  'ACCESS_UNKNOWN',
  // The signed-in account
  'GUEST_ACCOUNT',
  'CLOUD_MISMATCH',
  // Power / Arc agent state
  'VM_STOPPED',
  'VM_DEALLOCATED',
  'VM_TRANSITIONING',
  'POWER_UNKNOWN',
  'ARC_DISCONNECTED',
  'ARC_EXPIRED',
  'ARC_ERROR',
  // The machine's operating system
  'OS_NOT_WINDOWS',
  'OS_UNSUPPORTED',
  'OS_UNKNOWN',
  'OS_SERVER_CORE',
  'HOST_BUILD_TOO_OLD_FOR_PASSWORDLESS',
  // The local (client) PC
  'CLIENT_BUILD_TOO_OLD_FOR_PASSWORDLESS',
  'CLIENT_NOT_JOINED_FOR_PASSWORD',
  'CLIENT_JOINED_OTHER_TENANT',
  'CLIENT_REGISTERED_NEEDS_AZUREAD_PREFIX',
  'CLIENT_REGISTERED_BUILD_TOO_OLD',
  'CLIENT_NOT_WINDOWS_FOR_PASSWORD',
  'PKU2U_DISABLED',
  'CLIENT_STATE_UNKNOWN',
  'CLIENT_SERVER_OS_CA_COMPLIANCE',
  // Which sign-in method the verdict is for
  'SIGN_IN_METHOD_FALLBACK',
  'SIGN_IN_METHOD_ALTERNATIVE',
] as const;

/** Validates a finding code (closed union). */
export const findingCodeSchema = z.enum(findingCodes);
export type FindingCode = z.infer<typeof findingCodeSchema>;

/** `block`: the connection will fail; `warn`: it may fail or needs the user to act; `info`: worth knowing. */
export const severitySchema = z.enum(['block', 'warn', 'info']);
export type Severity = z.infer<typeof severitySchema>;

/** Web account = RDS AAD auth (`enablerdsaadauth:i:1`); password = the legacy NLA/PKU2U path. */
export const signInMethodSchema = z.enum(['web-account', 'password']);
export type SignInMethod = z.infer<typeof signInMethodSchema>;

/** One observed value behind a finding; flat so it renders in a report and survives IPC unchanged. */
export const evidenceValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type EvidenceValue = z.infer<typeof evidenceValueSchema>;

/** What a rule observed, as flat key → value pairs. */
export const evidenceSchema = z.record(z.string(), evidenceValueSchema);
export type Evidence = z.infer<typeof evidenceSchema>;

/** One thing a rule noticed about a machine, with what it saw. User copy lives in the catalogue, keyed by `code`. */
export const findingSchema = z.object({
  code: findingCodeSchema,
  severity: severitySchema,
  /** The rule that produced it (rules/index.ts). */
  ruleId: z.string(),
  evidence: evidenceSchema,
  /** The Machine / input field the finding is about, for highlighting in the UI. */
  field: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

/** `blocked` if any finding blocks, `warnings` if any warns, else `ready`. */
export const verdictStatusSchema = z.enum(['ready', 'warnings', 'blocked']);
export type VerdictStatus = z.infer<typeof verdictStatusSchema>;

/** The outcome of all readiness rules for one machine, for the sign-in method it was evaluated for. */
export const verdictSchema = z.object({
  status: verdictStatusSchema,
  /** Sorted block, warn, info; rule order within a severity. */
  findings: z.array(findingSchema),
  /** The name (or, for the password method only, the IP) to put in `full address`; null when there is none. */
  dialName: z.string().nullable(),
  dialNameReason: z.string(),
  signInMethod: signInMethodSchema,
});
export type Verdict = z.infer<typeof verdictSchema>;

const severityRank: Readonly<Record<Severity, number>> = { block: 0, warn: 1, info: 2 };

/** Orders findings block, warn, info; stable, so rule order is kept within a severity. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
}

/** The verdict status implied by a set of findings. */
export function statusOf(findings: readonly Finding[]): VerdictStatus {
  if (findings.some((f) => f.severity === 'block')) return 'blocked';
  if (findings.some((f) => f.severity === 'warn')) return 'warnings';
  return 'ready';
}
