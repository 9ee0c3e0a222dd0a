import { z } from 'zod';

/**
 * Every error code the app can report. Stable: codes are shown to users and helpdesks, so never rename one.
 * User-facing copy for each code lives in `src/renderer/messages/errors.ts`.
 */
export const errorCodes = [
  // Input and contract
  'VALIDATION_FAILED',
  'IPC_UNKNOWN_CHANNEL',
  'IPC_FORBIDDEN_SENDER',
  'BRIDGE_UNAUTHORIZED',
  // Sign-in
  'AUTH_CANCELLED',
  'AUTH_TIMED_OUT',
  'AUTH_FAILED',
  'AUTH_INTERACTION_REQUIRED',
  'AUTH_NO_ACCOUNT',
  'AUTH_DEVICE_CODE_EXPIRED',
  'AUTH_CLIENT_ID_MISSING',
  // Azure
  'AZURE_FORBIDDEN',
  'AZURE_NOT_FOUND',
  'AZURE_THROTTLED',
  'AZURE_UNAVAILABLE',
  'AZURE_BAD_RESPONSE',
  'AZURE_REQUEST_FAILED',
  'DISCOVERY_CANCELLED',
  'MACHINE_NOT_FOUND',
  'MACHINE_START_FORBIDDEN',
  // Connect
  'CONNECT_BLOCKED',
  'CONNECT_NEEDS_CONFIRMATION',
  'RDP_INVALID_VALUE',
  'RDP_PARSE_FAILED',
  'RDP_CLIENT_NOT_FOUND',
  'RDP_CLIENT_FAILED',
  'RDP_PLATFORM_UNSUPPORTED',
  'RDP_WRITE_FAILED',
  // Local data
  'SETTINGS_INVALID',
  'STORE_CORRUPT_RECOVERED',
  'FAVORITE_NOT_FOUND',
  'FAVORITES_IMPORT_INVALID',
  'FAVORITES_UNAVAILABLE',
  'FAVORITES_WRITE_FAILED',
  'DEEP_LINK_INVALID',
  'EXTERNAL_URL_BLOCKED',
  // Catch-all for bugs; the log has the details.
  'INTERNAL',
] as const;

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;
