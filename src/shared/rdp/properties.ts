import { classifyUsername, hasForbiddenCharacter, parseFullAddress } from './values';

/**
 * The allow-list of .rdp properties this app ever writes, with the values it may write.
 *
 * Sources: shared/reference/azure-rdp-facts.md §1.3 (Microsoft's "Supported RDP properties" pages) and the seed.
 * Deliberately absent:
 * - `targetisaadjoined`: documented as Azure Virtual Desktop only and superseded by `enablerdsaadauth`; the seed's
 *   legacy path (password from an Entra joined/registered client) works without it.
 * - `server port`: the port goes into `full address` (`host:port`); FreeRDP lets `server port` override it, so
 *   writing both could only disagree.
 * - everything in {@link FORBIDDEN_RDP_PROPERTIES}.
 */

/** `s` = string, `i` = 32-bit integer. We never write `b` (binary) properties. */
export type RdpPropertyType = 's' | 'i';

/** One property the writer may emit. */
export interface RdpPropertyDefinition {
  /** Canonical lower-case name, exactly as written. */
  readonly name: string;
  readonly type: RdpPropertyType;
  /** Whether `value` (the text after the second colon) is a value we allow ourselves to write. */
  readonly isAllowedValue: (value: string) => boolean;
  /** What the property does, for reviewers. */
  readonly meaning: string;
}

const DECIMAL = /^(?:0|[1-9][0-9]{0,9})$/;

function oneOf(...allowed: number[]): (value: string) => boolean {
  return (value) => DECIMAL.test(value) && allowed.includes(Number(value));
}

function range(min: number, max: number): (value: string) => boolean {
  return (value) => DECIMAL.test(value) && Number(value) >= min && Number(value) <= max;
}

function exactly(...allowed: string[]): (value: string) => boolean {
  return (value) => allowed.includes(value);
}

const bool = oneOf(0, 1);
/** Only "nothing" or "everything": we never write a device or drive list (it is attacker-shaped data). */
const noneOrAll = exactly('', '*');

/** `desktopscalefactor` values documented by Microsoft. */
export const RDP_SCALE_FACTORS = [100, 125, 150, 175, 200, 250, 300, 400, 500] as const;

/** Monitor ids as `mstsc /l` prints them: small non-negative integers. */
export const MAX_MONITOR_ID = 63;
/** More monitors than this in one session is not a real configuration. */
export const MAX_SELECTED_MONITORS = 16;

function isMonitorList(value: string): boolean {
  const ids = value.split(',');
  if (ids.length === 0 || ids.length > MAX_SELECTED_MONITORS) return false;
  if (!ids.every((id) => /^(?:0|[1-9][0-9]?)$/.test(id) && Number(id) <= MAX_MONITOR_ID)) return false;
  return new Set(ids).size === ids.length;
}

const definitions: readonly RdpPropertyDefinition[] = [
  {
    name: 'full address',
    type: 's',
    isAllowedValue: (v) => !hasForbiddenCharacter(v) && parseFullAddress(v) !== null,
    meaning: 'Target host[:port]. Web-account sign-in needs the Entra device name, not an IP.',
  },
  {
    name: 'username',
    type: 's',
    isAllowedValue: (v) => !hasForbiddenCharacter(v) && classifyUsername(v) !== null,
    meaning: 'User name hint (UPN, AzureAD\\UPN or a local account); never a password.',
  },
  {
    name: 'domain',
    type: 's',
    isAllowedValue: exactly(''),
    meaning: 'Always empty: Entra accounts have no domain, and an empty value stops clients adding one.',
  },
  { name: 'enablerdsaadauth', type: 'i', isAllowedValue: bool, meaning: '1 = Microsoft Entra web-account sign-in.' },
  {
    name: 'enablecredsspsupport',
    type: 'i',
    isAllowedValue: oneOf(1),
    meaning: 'Always 1: Network Level Authentication stays on (0 is a security downgrade).',
  },
  {
    name: 'authentication level',
    type: 'i',
    isAllowedValue: oneOf(1, 2),
    meaning: 'Server authentication failure: 1 = do not connect, 2 = warn. Never 0/3 (silent).',
  },
  {
    name: 'prompt for credentials',
    type: 'i',
    isAllowedValue: bool,
    meaning: '1 = always ask for credentials (password sign-in); 0 for web-account sign-in.',
  },
  { name: 'screen mode id', type: 'i', isAllowedValue: oneOf(1, 2), meaning: '1 = windowed, 2 = full screen.' },
  { name: 'desktopwidth', type: 'i', isAllowedValue: range(200, 8192), meaning: 'Session width in pixels.' },
  { name: 'desktopheight', type: 'i', isAllowedValue: range(200, 8192), meaning: 'Session height in pixels.' },
  { name: 'use multimon', type: 'i', isAllowedValue: bool, meaning: '1 = use several local monitors.' },
  {
    name: 'selectedmonitors',
    type: 's',
    isAllowedValue: isMonitorList,
    meaning: 'Comma-separated monitor ids (mstsc /l); requires use multimon:i:1.',
  },
  { name: 'dynamic resolution', type: 'i', isAllowedValue: bool, meaning: '1 = resize with the window.' },
  { name: 'smart sizing', type: 'i', isAllowedValue: bool, meaning: '1 = scale the image to the window.' },
  {
    name: 'desktopscalefactor',
    type: 'i',
    isAllowedValue: oneOf(...RDP_SCALE_FACTORS),
    meaning: 'Remote scale factor in percent.',
  },
  { name: 'redirectclipboard', type: 'i', isAllowedValue: bool, meaning: 'Clipboard redirection.' },
  { name: 'drivestoredirect', type: 's', isAllowedValue: noneOrAll, meaning: 'Drive redirection: "" or "*".' },
  { name: 'redirectprinters', type: 'i', isAllowedValue: bool, meaning: 'Printer redirection.' },
  { name: 'redirectcomports', type: 'i', isAllowedValue: bool, meaning: 'Serial/COM port redirection.' },
  { name: 'redirectsmartcards', type: 'i', isAllowedValue: bool, meaning: 'Smart card redirection.' },
  { name: 'redirectwebauthn', type: 'i', isAllowedValue: bool, meaning: 'WebAuthn (passkey/Hello) redirection.' },
  { name: 'audiocapturemode', type: 'i', isAllowedValue: bool, meaning: '1 = redirect the microphone.' },
  {
    name: 'audiomode',
    type: 'i',
    isAllowedValue: oneOf(0, 1, 2),
    meaning: 'Sound: 0 = play locally, 1 = play on the remote machine, 2 = do not play.',
  },
  { name: 'camerastoredirect', type: 's', isAllowedValue: noneOrAll, meaning: 'Camera redirection: "" or "*".' },
  { name: 'devicestoredirect', type: 's', isAllowedValue: noneOrAll, meaning: 'Plug and Play devices: "" or "*".' },
  { name: 'usbdevicestoredirect', type: 's', isAllowedValue: noneOrAll, meaning: 'USB devices: "" or "*".' },
  {
    name: 'keyboardhook',
    type: 'i',
    isAllowedValue: oneOf(0, 1, 2),
    meaning: 'Windows key combinations: 0 local, 1 remote, 2 remote in full screen only.',
  },
  { name: 'autoreconnection enabled', type: 'i', isAllowedValue: bool, meaning: '1 = reconnect after a drop.' },
];

/** The allow-list, keyed by canonical name, in the order the writer emits lines. */
export const RDP_PROPERTIES: ReadonlyMap<string, RdpPropertyDefinition> = new Map(
  definitions.map((definition) => [definition.name, definition]),
);

/** Names of all properties the writer may emit, in write order. */
export const RDP_PROPERTY_NAMES: readonly string[] = definitions.map((definition) => definition.name);

/** Looks a property up by name (case-insensitive, as clients match names). */
export function getRdpProperty(name: string): RdpPropertyDefinition | undefined {
  return RDP_PROPERTIES.get(name.toLowerCase());
}

/** Why a property may never be written, and is dropped when a file is imported. */
export interface ForbiddenRdpProperty {
  /** Lower-case name, or a name prefix when `prefix` is true. */
  readonly name: string;
  readonly prefix: boolean;
  readonly reason: string;
}

/**
 * Properties the app NEVER writes and strips on import: they run programs, redirect the connection, carry secrets,
 * or claim a signature we did not make (facts §1.3, §1.5, §1.6).
 */
export const FORBIDDEN_RDP_PROPERTIES: readonly ForbiddenRdpProperty[] = [
  { name: 'alternate shell', prefix: false, reason: 'starts a program instead of the desktop' },
  { name: 'shell working directory', prefix: false, reason: 'belongs to alternate shell' },
  { name: 'remoteapplication', prefix: true, reason: 'RemoteApp: opens a program window instead of the desktop' },
  { name: 'disableremoteappcapscheck', prefix: false, reason: 'RemoteApp setting' },
  { name: 'alternate full address', prefix: false, reason: 'connects somewhere other than the full address' },
  { name: 'gateway', prefix: true, reason: 'routes the connection through an RD Gateway' },
  { name: 'kdcproxyname', prefix: false, reason: 'sends Kerberos traffic to a proxy' },
  { name: 'rdgiskdcproxy', prefix: false, reason: 'RD Gateway / KDC proxy setting' },
  { name: 'loadbalanceinfo', prefix: false, reason: 'connection broker routing data' },
  { name: 'pcb', prefix: false, reason: 'pre-connection blob' },
  { name: 'use redirection server name', prefix: false, reason: 'connection broker redirection' },
  { name: 'password', prefix: true, reason: 'a password must never be stored in a file' },
  { name: 'clear password', prefix: false, reason: 'a password must never be stored in a file' },
  { name: 'signscope', prefix: false, reason: 'signature data we cannot reproduce' },
  { name: 'signature', prefix: false, reason: 'signature data we cannot reproduce' },
];

/** The forbidden-list entry for a property name, if any (case-insensitive). */
export function findForbiddenRdpProperty(name: string): ForbiddenRdpProperty | undefined {
  const lower = name.toLowerCase();
  const listed = FORBIDDEN_RDP_PROPERTIES.find((entry) =>
    entry.prefix ? lower.startsWith(entry.name) : lower === entry.name,
  );
  if (listed) return listed;
  if (lower.includes('password') || lower.includes('token')) {
    return { name: lower, prefix: false, reason: 'looks like a secret (password or token)' };
  }
  return undefined;
}
