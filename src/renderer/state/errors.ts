import { AppError, isAppError } from '../../shared/errors/app-error';

/** Anything caught becomes an AppError so the UI can always show a catalogue entry. */
export function asAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  return new AppError('INTERNAL', error instanceof Error ? error.message : String(error));
}
