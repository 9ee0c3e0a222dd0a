import { z } from 'zod';

import { type ErrorPayload, errorPayloadSchema } from '../errors/app-error';

/**
 * What every invoke returns across the bridge. Electron carries only `message` through a rejected `invoke`
 * (see Electron's ipcMain.handle docs), so errors travel as data, with their stable code.
 */
export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorPayload };

/** Schema for an envelope whose value is not yet checked (the caller parses it with the channel's output schema). */
export const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: errorPayloadSchema }),
]);

/** Wraps a value. */
export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

/** Wraps an error payload. */
export function err(error: ErrorPayload): Envelope<never> {
  return { ok: false, error };
}
