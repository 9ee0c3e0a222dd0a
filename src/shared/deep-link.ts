import { AppError } from './errors/app-error';

/** The app's URL scheme, registered by the installer (electron-builder `protocols`). */
export const DEEP_LINK_SCHEME = 'rdp-broker';

/** What a deep link asks for. It only ever selects a machine: it never starts a connection by itself. */
export interface DeepLinkRequest {
  readonly action: 'connect';
  readonly machineId: string;
}

const SEGMENT = String.raw`[A-Za-z0-9][A-Za-z0-9._()-]{0,89}`;
const MACHINE_ID = new RegExp(
  String.raw`^/subscriptions/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/resourceGroups/${SEGMENT}/providers/` +
    String.raw`(Microsoft\.Compute/virtualMachines|Microsoft\.HybridCompute/machines)/[A-Za-z0-9][A-Za-z0-9._-]{0,79}$`,
  'i',
);

function invalid(message: string, url: string): AppError {
  return new AppError('DEEP_LINK_INVALID', message, { url: url.slice(0, 300) });
}

/**
 * Parses `rdp-broker://connect?id=<ARM resource id of a VM or Arc machine>`. Anything else — another scheme or
 * action, extra parameters, a malformed or non-machine resource id — is refused with DEEP_LINK_INVALID.
 */
export function parseDeepLink(url: string): DeepLinkRequest {
  if (url.length > 2048) throw invalid('The link is too long.', url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid('The link is not a valid URL.', url);
  }
  if (parsed.protocol !== `${DEEP_LINK_SCHEME}:`) throw invalid(`Only ${DEEP_LINK_SCHEME}:// links are handled.`, url);
  // rdp-broker://connect?… puts the action in the host; rdp-broker:connect?… in the path. Accept both spellings.
  const action = (parsed.host || parsed.pathname.replace(/^\/+/, '')).toLowerCase().replace(/\/+$/, '');
  if (action !== 'connect') throw invalid(`Unknown action "${action.slice(0, 40)}"; expected "connect".`, url);
  const keys = [...parsed.searchParams.keys()];
  if (keys.length !== 1 || keys[0] !== 'id') throw invalid('The link must carry exactly one parameter, id.', url);
  const machineId = parsed.searchParams.get('id') ?? '';
  if (!MACHINE_ID.test(machineId)) {
    throw invalid('The id is not the resource id of an Azure VM or Arc-enabled server.', url);
  }
  return { action: 'connect', machineId };
}

/** Finds a deep link among command-line arguments (Windows and Linux pass it as an argument). */
export function findDeepLinkArgument(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`));
}
