import type { ErrorCode } from '../../shared/errors/codes';

/** What the user reads for an error: what happened, and what to do next. */
export interface ErrorMessage {
  readonly title: string;
  readonly explanation: string;
  readonly nextStep: string;
}

/**
 * User copy for every error code. A Record over the closed union, so a new code without copy does not compile.
 * Main never writes user copy; it sends codes.
 */
export const ERROR_MESSAGES: Readonly<Record<ErrorCode, ErrorMessage>> = {
  VALIDATION_FAILED: {
    title: 'That input was not accepted',
    explanation: 'A value did not have the expected form, so nothing was changed.',
    nextStep: 'Check the highlighted field and try again.',
  },
  IPC_UNKNOWN_CHANNEL: {
    title: 'The app asked for something it does not know',
    explanation: 'The window and the app core disagree about an action. This is a bug.',
    nextStep: 'Restart RDP Broker. If it happens again, report it with the log file.',
  },
  IPC_FORBIDDEN_SENDER: {
    title: 'A request came from an untrusted page',
    explanation: 'Only the RDP Broker window may talk to the app core; this request was refused.',
    nextStep: 'Restart RDP Broker.',
  },
  BRIDGE_UNAUTHORIZED: {
    title: 'This demo page is not connected',
    explanation: 'The demo server only answers the page opened from the link it printed (it carries a one-time secret).',
    nextStep: 'Open the exact URL printed by `npm run demo`.',
  },
  AUTH_CANCELLED: {
    title: 'Sign-in was cancelled',
    explanation: 'Nothing was changed.',
    nextStep: 'Sign in again when you are ready.',
  },
  AUTH_TIMED_OUT: {
    title: 'Sign-in took too long',
    explanation: 'The browser did not return to the app in time, so the attempt was stopped.',
    nextStep: 'Start the sign-in again and finish it in the browser tab that opens.',
  },
  AUTH_FAILED: {
    title: 'Sign-in failed',
    explanation: 'Microsoft Entra ID did not sign you in.',
    nextStep: 'Try again. If your organisation blocks this app, ask your administrator to consent to it.',
  },
  AUTH_INTERACTION_REQUIRED: {
    title: 'Please sign in again',
    explanation: 'Your session expired or was revoked (for example after a password change or a policy change).',
    nextStep: 'Sign in again; your favorites and settings are kept.',
  },
  AUTH_NO_ACCOUNT: {
    title: 'That account is not signed in',
    explanation: 'The account was signed out or its cache was cleared.',
    nextStep: 'Sign in with the account again.',
  },
  AUTH_DEVICE_CODE_EXPIRED: {
    title: 'The sign-in code expired',
    explanation: 'The code was not used in time.',
    nextStep: 'Start a new device-code sign-in and enter the new code promptly.',
  },
  AUTH_CLIENT_ID_MISSING: {
    title: 'No app registration is configured',
    explanation: 'Signing in to a real tenant needs the client ID of an app registration in Microsoft Entra ID.',
    nextStep: 'Set the client ID in Settings (see the README section "Point it at a real tenant").',
  },
  AZURE_FORBIDDEN: {
    title: 'Azure refused access',
    explanation: 'Your account lacks permission to read this subscription or resource.',
    nextStep: 'Ask the subscription owner for Reader access, or ignore this subscription.',
  },
  AZURE_NOT_FOUND: {
    title: 'Azure could not find it',
    explanation: 'The resource was deleted or moved.',
    nextStep: 'Refresh the machine list.',
  },
  AZURE_THROTTLED: {
    title: 'Azure is throttling requests',
    explanation: 'Too many requests were made in a short time; Azure asked us to wait.',
    nextStep: 'Wait a minute and refresh.',
  },
  AZURE_UNAVAILABLE: {
    title: 'Azure did not answer',
    explanation: 'The service was unavailable or the network failed, even after retrying.',
    nextStep: 'Check your network connection and try again.',
  },
  AZURE_BAD_RESPONSE: {
    title: 'Azure sent an unreadable answer',
    explanation: 'A response was cut off or malformed, so its data was not used.',
    nextStep: 'Refresh; the list will say which source could not be read.',
  },
  AZURE_REQUEST_FAILED: {
    title: 'An Azure request failed',
    explanation: 'Azure returned an error.',
    nextStep: 'Try again; the details show what Azure said.',
  },
  DISCOVERY_CANCELLED: {
    title: 'Discovery was cancelled',
    explanation: 'The list shows what had been read so far.',
    nextStep: 'Refresh to read everything again.',
  },
  MACHINE_NOT_FOUND: {
    title: 'Machine not found',
    explanation: 'The machine is not in the current list.',
    nextStep: 'Refresh the machine list.',
  },
  MACHINE_START_FORBIDDEN: {
    title: 'You may not start this machine',
    explanation: 'Starting a VM needs the Microsoft.Compute/virtualMachines/start/action permission.',
    nextStep: 'Ask the VM owner to start it, or to grant you Virtual Machine Contributor.',
  },
  CONNECT_NEEDS_CONFIRMATION: {
    title: 'Check the warnings first',
    explanation: 'The readiness check found warnings for this machine; the connection may still work.',
    nextStep: 'Open the machine, read the warnings, and choose Connect anyway if you want to go ahead.',
  },
  CONNECT_BLOCKED: {
    title: 'This connection would fail',
    explanation: 'A readiness check found a problem that makes sign-in impossible.',
    nextStep: 'Open the machine details to see each finding and its fix.',
  },
  RDP_INVALID_VALUE: {
    title: 'A connection setting is not valid',
    explanation: 'A value would not be safe or valid in a .rdp file, so no file was written.',
    nextStep: 'Correct the named field.',
  },
  RDP_PARSE_FAILED: {
    title: 'That .rdp file could not be read',
    explanation: 'The file is not in a format Remote Desktop uses.',
    nextStep: 'Check that you chose a .rdp file saved by Remote Desktop Connection or another client.',
  },
  RDP_CLIENT_NOT_FOUND: {
    title: 'No Remote Desktop client found',
    explanation: 'RDP Broker could not find a Remote Desktop client on this computer.',
    nextStep: 'Install one (Windows: Remote Desktop Connection; macOS: Windows App; Linux: FreeRDP), or set its path in Settings.',
  },
  RDP_CLIENT_FAILED: {
    title: 'The Remote Desktop client stopped',
    explanation: 'The client exited right after it started.',
    nextStep: 'Check the client works on its own, then try again.',
  },
  RDP_PLATFORM_UNSUPPORTED: {
    title: 'This platform is not supported',
    explanation: 'RDP Broker can launch clients on Windows, macOS and Linux only.',
    nextStep: 'Use "Save .rdp as…" and open the file with your client.',
  },
  RDP_WRITE_FAILED: {
    title: 'The .rdp file could not be written',
    explanation: 'Writing to disk failed.',
    nextStep: 'Check free disk space and permissions of your temporary folder.',
  },
  SETTINGS_INVALID: {
    title: 'That setting was not saved',
    explanation: 'The value is not valid; your previous settings are unchanged.',
    nextStep: 'Correct the value and save again.',
  },
  STORE_CORRUPT_RECOVERED: {
    title: 'Saved data was repaired',
    explanation: 'A data file was damaged; the last good copy was restored and the damaged file kept as a backup.',
    nextStep: 'Check your favorites; the backup file is in the data folder.',
  },
  FAVORITE_NOT_FOUND: {
    title: 'That favorite no longer exists',
    explanation: 'It was removed, perhaps in another window.',
    nextStep: 'Look for the machine in the list and star it again.',
  },
  FAVORITES_IMPORT_INVALID: {
    title: 'Those favorites could not be imported',
    explanation: 'The file is not a valid RDP Broker favorites file, so nothing was imported and your favorites are unchanged.',
    nextStep: 'Check the problems listed below, or export again from RDP Broker and import that file.',
  },
  FAVORITES_UNAVAILABLE: {
    title: 'Favorites are not available',
    explanation: 'This copy of RDP Broker was started without a place to keep favorites.',
    nextStep: 'Restart RDP Broker. If it happens again, report it with the log file.',
  },
  FAVORITES_WRITE_FAILED: {
    title: 'Favorites could not be saved',
    explanation: 'Writing the favorites file failed; the change was not saved and the file on disk is unchanged.',
    nextStep: 'Check free disk space and that the data folder (Settings › Data) is writable, then try again.',
  },
  DEEP_LINK_INVALID: {
    title: 'That link could not be opened',
    explanation: 'The rdp-broker:// link is malformed or names no machine.',
    nextStep: 'Ask for a new link, or find the machine in the list.',
  },
  EXTERNAL_URL_BLOCKED: {
    title: 'That link was not opened',
    explanation: 'RDP Broker opens only https links to Microsoft documentation and the Azure portals.',
    nextStep: 'Copy the link if you trust it.',
  },
  INTERNAL: {
    title: 'Something went wrong',
    explanation: 'An unexpected error occurred.',
    nextStep: 'Try again. If it persists, report it with the log file.',
  },
};

/** The message for a code. */
export function messageFor(code: ErrorCode): ErrorMessage {
  return ERROR_MESSAGES[code];
}
