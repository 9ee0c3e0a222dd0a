import { z } from 'zod';

/**
 * Sign-in facts the renderer may see (never a token), ready to be used in the IPC contract:
 * tenants of an account, the device code to show, why an account needs signing in again, where tokens are kept.
 */

/** One tenant the account can use (ARM `GET /tenants`). */
export const tenantSummarySchema = z.object({
  tenantId: z.string(),
  displayName: z.string(),
  defaultDomain: z.string().nullable(),
  /** ARM tenantCategory: `Home`, `ProjectedBy` (Lighthouse), `ManagedBy`. Not a guest flag: compare with isHome. */
  category: z.string(),
  /** True for the account's home tenant; in any other tenant the account is a guest (B2B) or delegated. */
  isHome: z.boolean(),
});
export type TenantSummary = z.infer<typeof tenantSummarySchema>;

/** What the user must type and where, for device code sign-in; `expiresAt` is epoch milliseconds. */
export const deviceCodeInfoSchema = z.object({
  userCode: z.string(),
  verificationUri: z.string(),
  expiresAt: z.number().int(),
  /** Entra's own localized instruction text. */
  message: z.string(),
});
export type DeviceCodeInfo = z.infer<typeof deviceCodeInfoSchema>;

/** Why a saved sign-in no longer works (see AUTH_INTERACTION_REQUIRED). */
export const interactionReasonSchema = z.enum([
  'refresh-token-expired',
  'refresh-token-revoked',
  'mfa-required',
  'consent-required',
  'conditional-access',
  'no-tokens',
  'other',
]);

/** An account whose tokens can no longer be refreshed silently: the UI offers "sign in again" with the reason. */
export const accountAttentionSchema = z.object({
  accountId: z.string(),
  /** The tenant whose token could not be refreshed (a guest tenant may demand its own MFA). */
  tenantId: z.string(),
  reason: interactionReasonSchema,
  /** MSAL/Entra error text (AADSTS code and message); never a token. */
  detail: z.string(),
  /** Epoch milliseconds. */
  at: z.number().int(),
});
export type AccountAttention = z.infer<typeof accountAttentionSchema>;

/** Where the token cache lives, so the UI can explain "you will have to sign in at each start because …". */
export const tokenCacheStatusSchema = z.object({
  persistence: z.enum(['encrypted', 'memory-only']),
  reason: z.enum(['not-configured', 'encryption-unavailable', 'encrypt-failed', 'write-failed']).nullable(),
  detail: z.string().nullable(),
  /** A saved sign-in that could not be read was set aside; the user must sign in again. */
  recoveredCorruptFile: z.boolean(),
});
export type TokenCacheStatus = z.infer<typeof tokenCacheStatusSchema>;

/** Whether the Windows broker (WAM) signs the user in, and why not when it does not. */
export const brokerStatusSchema = z.object({
  kind: z.enum(['in-use', 'off', 'fallback', 'not-loaded']),
  reason: z.string().nullable(),
});
export type BrokerStatus = z.infer<typeof brokerStatusSchema>;

/** The sign-in state the UI polls or receives with `auth:changed`. */
export const authStatusSchema = z.object({
  cache: tokenCacheStatusSchema,
  broker: brokerStatusSchema,
  attention: z.array(accountAttentionSchema),
  activeAccountId: z.string().nullable(),
  signInPending: z.enum(['interactive', 'device-code']).nullable(),
});
export type AuthStatus = z.infer<typeof authStatusSchema>;
