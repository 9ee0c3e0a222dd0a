import { type Client, getClient } from '@azure-rest/core-client';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';

import { AppError } from '../../shared/errors/app-error';

/** Supplies ARM bearer tokens; implemented by the auth service, per account and tenant. */
export type ArmTokenProvider = () => Promise<{ token: string; expiresOn: number }>;

/** Options for one ARM client: the cloud's endpoint, a token source, and the transport's extra policy if any. */
export interface ArmClientOptions {
  readonly endpoint: string;
  readonly scope: string;
  readonly getToken: ArmTokenProvider;
  readonly transportPolicy?: PipelinePolicy;
  readonly maxRetries?: number;
}

/**
 * An ARM REST client on the Azure SDK's pipeline: bearer auth (https only), 429/Retry-After and 5xx retries,
 * absolute nextLink paging. Used for the calls the typed SDK clients do not cover well (Resource Graph, permissions).
 */
export function createArmClient(options: ArmClientOptions): Client {
  const credential: TokenCredential = {
    async getToken(): Promise<AccessToken> {
      const { token, expiresOn } = await options.getToken();
      return { token, expiresOnTimestamp: expiresOn };
    },
  };
  return getClient(options.endpoint, credential, {
    credentials: { scopes: [options.scope] },
    retryOptions: { maxRetries: options.maxRetries ?? 3 },
    ...(options.transportPolicy ? { additionalPolicies: [{ policy: options.transportPolicy, position: 'perCall' as const }] } : {}),
  });
}

/** A TokenCredential for the typed SDK clients (arm-compute, arm-hybridcompute). */
export function toTokenCredential(getToken: ArmTokenProvider): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      const { token, expiresOn } = await getToken();
      return { token, expiresOnTimestamp: expiresOn };
    },
  };
}

/** Maps an ARM HTTP status and error body to an AppError with a stable code. */
export function armError(status: number, body: unknown, scope: string): AppError {
  const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
  const details = { scope, status, azureCode: error?.code ?? null, azureMessage: error?.message?.slice(0, 500) ?? null };
  if (status === 401 || status === 403) return new AppError('AZURE_FORBIDDEN', `Access denied to ${scope}`, details);
  if (status === 404) return new AppError('AZURE_NOT_FOUND', `Not found: ${scope}`, details);
  if (status === 429) return new AppError('AZURE_THROTTLED', `Throttled reading ${scope}`, details);
  if (status >= 500) return new AppError('AZURE_UNAVAILABLE', `Azure failed reading ${scope}`, details);
  return new AppError('AZURE_REQUEST_FAILED', `Request failed for ${scope}`, details);
}
