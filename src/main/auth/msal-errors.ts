import type { z } from 'zod';

import type { interactionReasonSchema } from '../../shared/auth/schemas';
import { AppError } from '../../shared/errors/app-error';

/** Why a silent token request needs the user back: shown next to the account so the user knows what happened. */
export type InteractionReason = z.infer<typeof interactionReasonSchema>;

/** The parts of an MSAL error worth logging and showing; MSAL errors never carry tokens. */
export interface MsalErrorInfo {
  readonly name: string;
  readonly errorCode: string;
  readonly subError: string;
  /** First AADSTS code in the message, when the server sent one. */
  readonly aadsts: string | null;
  readonly message: string;
}

const INTERACTION_ERROR_CODES = new Set([
  'interaction_required',
  'consent_required',
  'login_required',
  'bad_token',
  'ui_not_allowed',
  'interrupted_user',
  'no_tokens_found',
  'refresh_token_expired',
  'native_account_unavailable',
  'invalid_grant',
]);

// AADSTS codes that mean "the cached sign-in is no longer good", from the Entra error code reference.
const AADSTS_REASONS: Readonly<Record<string, InteractionReason>> = {
  AADSTS700082: 'refresh-token-expired',
  AADSTS70008: 'refresh-token-expired',
  AADSTS70043: 'refresh-token-expired',
  AADSTS50173: 'refresh-token-revoked',
  AADSTS50133: 'refresh-token-revoked',
  AADSTS50076: 'mfa-required',
  AADSTS50079: 'mfa-required',
  AADSTS50078: 'mfa-required',
  AADSTS65001: 'consent-required',
  AADSTS53003: 'conditional-access',
};

/** Reads an unknown thrown value as an MSAL error (AuthError and subclasses), tolerating anything else. */
export function readMsalError(error: unknown): MsalErrorInfo {
  const record = (error ?? {}) as Record<string, unknown>;
  const str = (value: unknown): string => (typeof value === 'string' ? value : '');
  const message = (str(record.errorMessage) || (error instanceof Error ? error.message : String(error))).slice(0, 500);
  return {
    name: error instanceof Error ? error.name : typeof error,
    errorCode: str(record.errorCode),
    subError: str(record.subError),
    aadsts: /AADSTS\d+/.exec(message)?.[0] ?? null,
    message,
  };
}

/** MSAL error code and message without anything secret, for AppError details and logs. */
export function describeMsalError(error: unknown): string {
  const info = readMsalError(error);
  return (info.errorCode ? `${info.errorCode}: ${info.message}` : info.message).slice(0, 500);
}

/** True when a silent request failed because the user must sign in again (not because the network failed). */
export function isInteractionRequired(error: unknown): boolean {
  const info = readMsalError(error);
  return (
    info.name === 'InteractionRequiredAuthError' ||
    INTERACTION_ERROR_CODES.has(info.errorCode) ||
    INTERACTION_ERROR_CODES.has(info.subError) ||
    (info.aadsts !== null && info.aadsts in AADSTS_REASONS)
  );
}

/** The user-facing reason behind an interaction-required failure. */
export function interactionReasonOf(error: unknown): InteractionReason {
  const info = readMsalError(error);
  if (info.aadsts !== null) {
    const known = AADSTS_REASONS[info.aadsts];
    if (known) return known;
  }
  if (info.errorCode === 'no_tokens_found' || info.errorCode === 'native_account_unavailable') return 'no-tokens';
  if (info.errorCode === 'refresh_token_expired') return 'refresh-token-expired';
  if (info.errorCode === 'consent_required' || info.subError === 'consent_required') return 'consent-required';
  if (info.errorCode === 'invalid_grant') return 'refresh-token-revoked';
  return 'other';
}

/** True for MSAL's "device code expired" in either form: the client-side clock or the server's `expired_token`. */
export function isDeviceCodeExpired(error: unknown): boolean {
  const info = readMsalError(error);
  return info.errorCode === 'device_code_expired' || /expired_token/.test(info.message) || info.errorCode === 'expired_token';
}

/** Wraps a failed interactive or device-code sign-in in an AppError with a stable code. */
export function toSignInError(error: unknown, context: Record<string, unknown>): AppError {
  if (error instanceof AppError) return error;
  const info = readMsalError(error);
  const details = { ...context, reason: describeMsalError(error), ...(info.aadsts ? { aadsts: info.aadsts } : {}) };
  if (isDeviceCodeExpired(error)) {
    return new AppError('AUTH_DEVICE_CODE_EXPIRED', 'The device code expired before sign-in was completed.', details, { cause: error });
  }
  if (info.errorCode === 'device_code_polling_cancelled') {
    return new AppError('AUTH_CANCELLED', 'Sign-in was cancelled.', details, { cause: error });
  }
  // Browser "cancel" comes back as a server error; a declined device code as the text of post_request_failed.
  if (/^(access_denied|authorization_declined)$/.test(info.errorCode) || /\b(access_denied|authorization_declined)\b/.test(info.message)) {
    return new AppError('AUTH_CANCELLED', 'Sign-in was declined in the browser.', details, { cause: error });
  }
  return new AppError('AUTH_FAILED', 'Sign-in failed.', details, { cause: error });
}

/** Wraps a failed silent request: AUTH_INTERACTION_REQUIRED with the reason when the user must sign in again. */
export function toSilentError(error: unknown, context: Record<string, unknown>): AppError {
  if (error instanceof AppError) return error;
  const details = { ...context, reason: describeMsalError(error) };
  if (isInteractionRequired(error)) {
    return new AppError(
      'AUTH_INTERACTION_REQUIRED',
      'The saved sign-in has expired or was revoked; sign in again.',
      { ...details, interactionReason: interactionReasonOf(error) },
      { cause: error },
    );
  }
  return new AppError('AUTH_FAILED', 'Could not get a token from Microsoft Entra ID.', details, { cause: error });
}
