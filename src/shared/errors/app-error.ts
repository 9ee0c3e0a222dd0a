import { z } from 'zod';

import { type ErrorCode, errorCodeSchema } from './codes';

/** The serialisable shape of an error: what crosses the IPC bridge and the CLI's --json output. */
export const errorPayloadSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorPayload = z.infer<typeof errorPayloadSchema>;

/**
 * An expected failure with a stable code. `message` is for logs and developers; users see the catalogue entry
 * for `code`. `details` must never hold secrets (tokens, passwords): it is shown in reports.
 */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toPayload(): ErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** True for an AppError, including one re-created from a payload. */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Turns anything thrown into a payload; unknown exceptions become INTERNAL without leaking their text's stack. */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof AppError) return error.toPayload();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}

/** Re-creates an AppError from a payload received over the bridge. */
export function fromErrorPayload(payload: ErrorPayload): AppError {
  return new AppError(payload.code, payload.message, payload.details);
}
