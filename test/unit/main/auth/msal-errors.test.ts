import { AuthError, ClientAuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';

import {
  describeMsalError,
  interactionReasonOf,
  isInteractionRequired,
  toSignInError,
  toSilentError,
} from '../../../../src/main/auth/msal-errors';
import { AppError } from '../../../../src/shared/errors/app-error';

const revoked = () =>
  new ServerError('invalid_grant', 'corr', 'AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.');

describe('MSAL error mapping', () => {
  it('treats a revoked or expired refresh token as "sign in again" with the reason', () => {
    const error = toSilentError(revoked(), { accountId: 'a.b' });
    expect(error.code).toBe('AUTH_INTERACTION_REQUIRED');
    expect(error.details).toMatchObject({ accountId: 'a.b', interactionReason: 'refresh-token-expired' });
    expect(String(error.details?.reason)).toContain('AADSTS70008');
  });

  it('maps InteractionRequiredAuthError codes to reasons', () => {
    expect(interactionReasonOf(new InteractionRequiredAuthError('no_tokens_found', 'corr'))).toBe('no-tokens');
    expect(interactionReasonOf(new InteractionRequiredAuthError('consent_required', 'corr'))).toBe('consent-required');
    expect(interactionReasonOf(new ServerError('invalid_grant', 'c', 'AADSTS50076: MFA required'))).toBe('mfa-required');
    expect(interactionReasonOf(new ServerError('invalid_grant', 'c', 'AADSTS50173: revoked'))).toBe('refresh-token-revoked');
    expect(isInteractionRequired(new InteractionRequiredAuthError('interaction_required', 'corr'))).toBe(true);
  });

  it('does not ask the user to sign in again when the network failed', () => {
    const network = new AuthError('network_error', 'corr', 'Network request failed: ECONNREFUSED');
    expect(isInteractionRequired(network)).toBe(false);
    expect(toSilentError(network, {}).code).toBe('AUTH_FAILED');
  });

  it('maps device code expiry in both forms, and cancellation', () => {
    expect(toSignInError(new ClientAuthError('device_code_expired', 'corr'), {}).code).toBe('AUTH_DEVICE_CODE_EXPIRED');
    expect(toSignInError(new AuthError('post_request_failed', 'c', 'expired_token'), {}).code).toBe('AUTH_DEVICE_CODE_EXPIRED');
    expect(toSignInError(new ClientAuthError('device_code_polling_cancelled', 'corr'), {}).code).toBe('AUTH_CANCELLED');
    expect(toSignInError(new ServerError('access_denied', 'c', 'user declined'), {}).code).toBe('AUTH_CANCELLED');
    expect(toSignInError(new AuthError('post_request_failed', 'c', 'authorization_declined'), {}).code).toBe('AUTH_CANCELLED');
    expect(toSignInError(new Error('boom'), {}).code).toBe('AUTH_FAILED');
  });

  it('passes AppErrors through unchanged', () => {
    const original = new AppError('AUTH_TIMED_OUT', 'slow');
    expect(toSignInError(original, {})).toBe(original);
    expect(toSilentError(original, {})).toBe(original);
  });

  it('describes errors with the code and a bounded message', () => {
    expect(describeMsalError(revoked())).toMatch(/^invalid_grant: AADSTS70008/);
    expect(describeMsalError('x'.repeat(2000)).length).toBeLessThanOrEqual(500);
  });
});
