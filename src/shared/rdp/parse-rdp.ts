import { AppError } from '../errors/app-error';
import { findForbiddenRdpProperty, MAX_MONITOR_ID, MAX_SELECTED_MONITORS, RDP_SCALE_FACTORS } from './properties';
import type { RdpAudioPlayback, RdpDisplay, RdpRedirections, RdpSettings } from './rdp-settings';
import { classifyUsername, hasForbiddenCharacter, hasLoneSurrogate, parseFullAddress } from './values';

/**
 * Reading .rdp files: decoding, line parsing, and importing a foreign file into settings through the allow-list.
 * An imported file is untrusted input (it may be a phishing attachment), so nothing is copied blindly.
 */

/** Files larger than this are not .rdp files we want to read (mstsc writes ~2–3 KB). */
export const MAX_RDP_FILE_BYTES = 1024 * 1024;

function parseFailed(message: string): AppError {
  return new AppError('RDP_PARSE_FAILED', message);
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  if (bytes.length % 2 !== 0) throw parseFailed('UTF-16 content has an odd number of bytes');
  const units = new Uint16Array(bytes.length / 2);
  for (let i = 0; i < units.length; i++) {
    const a = bytes[i * 2] ?? 0;
    const b = bytes[i * 2 + 1] ?? 0;
    units[i] = littleEndian ? a | (b << 8) : (a << 8) | b;
  }
  let text = '';
  const chunk = 8192;
  for (let i = 0; i < units.length; i += chunk) {
    text += String.fromCharCode(...units.subarray(i, i + chunk));
  }
  // A lone surrogate means the bytes are not UTF-16 text.
  if (hasLoneSurrogate(text)) throw parseFailed('UTF-16 content has an unpaired surrogate');
  return text;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause) {
    throw new AppError('RDP_PARSE_FAILED', 'file is neither UTF-16 with a byte order mark nor valid UTF-8', undefined, {
      cause,
    });
  }
}

/**
 * Decodes file bytes: UTF-16LE with FF FE, UTF-16BE with FE FF, UTF-8 with or without EF BB BF. Anything else, or
 * text with NUL characters (UTF-16 without a BOM), throws RDP_PARSE_FAILED.
 */
export function decodeRdpFile(bytes: Uint8Array): string {
  if (bytes.length > MAX_RDP_FILE_BYTES) throw parseFailed(`file is larger than ${MAX_RDP_FILE_BYTES} bytes`);
  const [b0, b1, b2] = bytes;
  let text: string;
  if (b0 === 0xff && b1 === 0xfe) text = decodeUtf16(bytes.subarray(2), true);
  else if (b0 === 0xfe && b1 === 0xff) text = decodeUtf16(bytes.subarray(2), false);
  else if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) text = decodeUtf8(bytes.subarray(3));
  else text = decodeUtf8(bytes);
  if (text.includes('\u0000')) throw parseFailed('file contains NUL characters (UTF-16 without a byte order mark?)');
  return text;
}

/** One `name:type:value` line. `name` is lower-cased (clients match names case-insensitively). */
export interface RdpParsedProperty {
  readonly name: string;
  readonly type: 's' | 'i' | 'b';
  readonly value: string;
  /** 1-based line number. */
  readonly line: number;
}

/** A non-blank line that is not `name:type:value`. Clients skip such lines silently. */
export interface RdpMalformedLine {
  readonly line: number;
  readonly text: string;
}

/** Result of {@link parseRdpText}. */
export interface RdpParseResult {
  readonly properties: RdpParsedProperty[];
  readonly malformed: RdpMalformedLine[];
}

/**
 * Splits text into properties. A line ends at CR, LF or CRLF (FreeRDP ends lines at any CR or LF, so we must see
 * the same lines it would). Each line splits on its FIRST TWO colons only: values may contain colons
 * (`full address:s:host:3389`). Blank lines are skipped; anything else that does not fit is reported as malformed.
 */
export function parseRdpText(text: string): RdpParseResult {
  const properties: RdpParsedProperty[] = [];
  const malformed: RdpMalformedLine[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const first = raw.indexOf(':');
    const type = raw.charAt(first + 1).toLowerCase();
    if (first <= 0 || raw.charAt(first + 2) !== ':' || (type !== 's' && type !== 'i' && type !== 'b')) {
      malformed.push({ line, text: raw });
      return;
    }
    properties.push({ name: raw.slice(0, first).toLowerCase(), type, value: raw.slice(first + 3), line });
  });
  return { properties, malformed };
}

/** Why an imported property was not carried over. */
export type RdpDropReason =
  /** On the forbidden list (runs programs, redirects the connection, holds a secret or a signature). */
  | 'forbidden'
  /** Not a property this app manages. */
  | 'unknown'
  /** A property we know, with a value we do not accept. */
  | 'invalid-value'
  /** A property the app always sets itself (e.g. NLA on); the file's different value is ignored. */
  | 'not-configurable'
  /** The file asks to share a local resource; only the user may turn that on. */
  | 'needs-consent'
  /** The property appears more than once; clients disagree on which one wins, so none is used. */
  | 'duplicate'
  /** The line is not `name:type:value`. */
  | 'malformed';

/** A property (or line) from an imported file that did not make it into the settings. */
export interface RdpDroppedProperty {
  readonly name: string;
  /** The value as found, shortened; secrets are redacted. */
  readonly value: string;
  readonly reason: RdpDropReason;
  /** One sentence for the import summary. */
  readonly detail: string;
}

/** Settings recovered from a file: only what the file set and we accept. */
export interface RdpImportedSettings {
  host?: string;
  port?: number;
  auth?: RdpSettings['auth'];
  username?: string;
  display?: Partial<RdpDisplay>;
  redirections?: Partial<RdpRedirections>;
}

/** Result of {@link importRdpFile}. */
export interface RdpImportResult {
  readonly settings: RdpImportedSettings;
  readonly dropped: RdpDroppedProperty[];
}

const MAX_SHOWN_VALUE = 200;

function shownValue(name: string, value: string): string {
  if (/password|token/i.test(name)) return value === '' ? '' : '[redacted]';
  return value.length > MAX_SHOWN_VALUE ? `${value.slice(0, MAX_SHOWN_VALUE)}…` : value;
}

function parseDecimal(value: string): number | undefined {
  return /^(?:0|[1-9][0-9]{0,9})$/.test(value) ? Number(value) : undefined;
}

type BooleanRedirection = 'clipboard' | 'printers' | 'comPorts' | 'smartCards' | 'webAuthn' | 'audioCapture';

const BOOLEAN_REDIRECTIONS: Readonly<Record<string, BooleanRedirection>> = {
  redirectclipboard: 'clipboard',
  redirectprinters: 'printers',
  redirectcomports: 'comPorts',
  redirectsmartcards: 'smartCards',
  redirectwebauthn: 'webAuthn',
  audiocapturemode: 'audioCapture',
};

const LIST_REDIRECTIONS: Readonly<Record<string, 'drives' | 'camera' | 'devices'>> = {
  drivestoredirect: 'drives',
  camerastoredirect: 'camera',
  devicestoredirect: 'devices',
  usbdevicestoredirect: 'devices',
};

const DISPLAY_BOOLEANS: Readonly<Record<string, 'multiMonitor' | 'dynamicResolution' | 'smartSizing'>> = {
  'use multimon': 'multiMonitor',
  'dynamic resolution': 'dynamicResolution',
  'smart sizing': 'smartSizing',
};

/** Properties the app always writes with a fixed value: the file's value is accepted only when it matches. */
const FIXED_VALUES: Readonly<Record<string, { readonly accepted: readonly string[]; readonly detail: string }>> = {
  domain: { accepted: [''], detail: 'Entra accounts take no domain; the app always writes an empty domain.' },
  enablecredsspsupport: { accepted: ['1'], detail: 'Network Level Authentication always stays on.' },
  'authentication level': {
    accepted: ['2'],
    detail: 'The app always warns when the server identity cannot be verified (authentication level 2).',
  },
  'prompt for credentials': {
    accepted: ['0', '1'],
    detail: 'The app decides this from the sign-in method.',
  },
  keyboardhook: { accepted: ['2'], detail: 'Windows key combinations go to the remote machine in full screen only.' },
  'autoreconnection enabled': { accepted: ['1'], detail: 'Reconnection after a dropped connection is always on.' },
  targetisaadjoined: {
    accepted: [],
    detail: 'Legacy Azure Virtual Desktop property; the app uses web-account or password sign-in instead.',
  },
};

const KNOWN_TYPES: Readonly<Record<string, 's' | 'i'>> = {
  'full address': 's',
  'server port': 'i',
  username: 's',
  domain: 's',
  enablerdsaadauth: 'i',
  enablecredsspsupport: 'i',
  'authentication level': 'i',
  'prompt for credentials': 'i',
  'screen mode id': 'i',
  desktopwidth: 'i',
  desktopheight: 'i',
  'use multimon': 'i',
  selectedmonitors: 's',
  'dynamic resolution': 'i',
  'smart sizing': 'i',
  desktopscalefactor: 'i',
  redirectclipboard: 'i',
  drivestoredirect: 's',
  redirectprinters: 'i',
  redirectcomports: 'i',
  redirectsmartcards: 'i',
  redirectwebauthn: 'i',
  audiocapturemode: 'i',
  audiomode: 'i',
  camerastoredirect: 's',
  devicestoredirect: 's',
  usbdevicestoredirect: 's',
  keyboardhook: 'i',
  'autoreconnection enabled': 'i',
  targetisaadjoined: 'i',
};

const REDIRECTION_LABELS: Readonly<Record<string, string>> = {
  clipboard: 'the clipboard',
  printers: 'printers',
  comPorts: 'serial ports',
  smartCards: 'smart cards',
  webAuthn: 'WebAuthn (passkeys, Windows Hello)',
  audioCapture: 'the microphone',
  drives: 'drives',
  camera: 'cameras',
  devices: 'USB and Plug and Play devices',
};

/**
 * Imports a foreign .rdp file: known safe properties become settings; everything else is listed in `dropped` with
 * a reason. Redirections the file turns ON are never imported as on: the user has to choose them (needs-consent).
 * Throws RDP_PARSE_FAILED when the bytes cannot be decoded.
 */
export function importRdpFile(bytes: Uint8Array): RdpImportResult {
  const { properties, malformed } = parseRdpText(decodeRdpFile(bytes));
  const dropped: RdpDroppedProperty[] = [];
  const drop = (name: string, value: string, reason: RdpDropReason, detail: string): void => {
    dropped.push({ name, value: shownValue(name, value), reason, detail });
  };

  for (const line of malformed) {
    drop('', line.text, 'malformed', `Line ${line.line} is not name:type:value and was ignored.`);
  }

  const counts = new Map<string, number>();
  for (const property of properties) counts.set(property.name, (counts.get(property.name) ?? 0) + 1);

  const single = new Map<string, RdpParsedProperty>();
  for (const property of properties) {
    const { name, value } = property;
    const forbidden = findForbiddenRdpProperty(name);
    if (forbidden) {
      drop(name, value, 'forbidden', `Never used by this app: ${forbidden.reason}.`);
    } else if ((counts.get(name) ?? 0) > 1) {
      drop(name, value, 'duplicate', `"${name}" appears more than once; clients disagree on which one wins.`);
    } else if (!(name in KNOWN_TYPES)) {
      drop(name, value, 'unknown', 'Not a setting this app manages.');
    } else if (hasForbiddenCharacter(value)) {
      drop(name, value, 'invalid-value', 'The value contains control or invisible characters.');
    } else if (KNOWN_TYPES[name] !== property.type) {
      drop(name, value, 'invalid-value', `"${name}" must have type ${KNOWN_TYPES[name]}.`);
    } else {
      single.set(name, property);
    }
  }

  const settings: RdpImportedSettings = {};
  const display: Partial<RdpDisplay> = {};
  const redirections: Partial<RdpRedirections> = {};
  const invalidValue = (property: RdpParsedProperty, detail: string): void =>
    drop(property.name, property.value, 'invalid-value', detail);
  const needsConsent = (property: RdpParsedProperty, what: string): void =>
    drop(
      property.name,
      property.value,
      'needs-consent',
      `The file asks to share ${REDIRECTION_LABELS[what] ?? what}; turn it on yourself if you trust this connection.`,
    );

  for (const [name, property] of single) {
    const { value } = property;
    const number = parseDecimal(value);
    const fixed = FIXED_VALUES[name];
    if (fixed) {
      if (!fixed.accepted.includes(value)) drop(name, value, 'not-configurable', fixed.detail);
      continue;
    }
    const booleanRedirection = BOOLEAN_REDIRECTIONS[name];
    const listRedirection = LIST_REDIRECTIONS[name];
    const displayBoolean = DISPLAY_BOOLEANS[name];
    if (booleanRedirection) {
      if (number === 0) redirections[booleanRedirection] = false;
      else if (number === 1) needsConsent(property, booleanRedirection);
      else invalidValue(property, 'Expected 0 or 1.');
    } else if (listRedirection) {
      // Any non-empty value ("*", a drive list, DynamicDrives...) shares something: the user decides.
      if (value !== '') needsConsent(property, listRedirection);
      else if (listRedirection !== 'devices' || !isSharingDevices(single)) redirections[listRedirection] = false;
    } else if (displayBoolean) {
      if (number === 0 || number === 1) display[displayBoolean] = number === 1;
      else invalidValue(property, 'Expected 0 or 1.');
    } else {
      importOther(property, number, { settings, display, redirections, single, invalidValue, needsConsent });
    }
  }

  if (display.selectedMonitors !== undefined && display.multiMonitor !== true) {
    const property = single.get('selectedmonitors');
    if (property) invalidValue(property, 'Selected monitors need "use multimon:i:1".');
    delete display.selectedMonitors;
  }
  if ((display.width === undefined) !== (display.height === undefined)) {
    const property = single.get(display.width === undefined ? 'desktopheight' : 'desktopwidth');
    if (property) invalidValue(property, 'Width and height must both be set.');
    delete display.width;
    delete display.height;
  }
  if (Object.keys(display).length > 0) settings.display = display;
  if (Object.keys(redirections).length > 0) settings.redirections = redirections;
  return { settings, dropped };
}

function isSharingDevices(single: ReadonlyMap<string, RdpParsedProperty>): boolean {
  return ['devicestoredirect', 'usbdevicestoredirect'].some((name) => {
    const value = single.get(name)?.value;
    return value !== undefined && value !== '';
  });
}

interface ImportContext {
  readonly settings: RdpImportedSettings;
  readonly display: Partial<RdpDisplay>;
  readonly redirections: Partial<RdpRedirections>;
  readonly single: ReadonlyMap<string, RdpParsedProperty>;
  readonly invalidValue: (property: RdpParsedProperty, detail: string) => void;
  readonly needsConsent: (property: RdpParsedProperty, what: string) => void;
}

const AUDIO_PLAYBACK_BY_MODE: Readonly<Record<number, RdpAudioPlayback>> = { 1: 'remote', 2: 'none' };

function importOther(property: RdpParsedProperty, number: number | undefined, context: ImportContext): void {
  const { settings, display, redirections, single, invalidValue } = context;
  const { value } = property;
  switch (property.name) {
    case 'full address': {
      const address = parseFullAddress(value);
      if (address === null) {
        invalidValue(property, 'Not a host name or IP address with an optional port 1-65535.');
        return;
      }
      settings.host = address.host;
      if (address.port !== undefined) settings.port = address.port;
      return;
    }
    case 'server port': {
      const fromAddress = parseFullAddress(single.get('full address')?.value ?? '')?.port;
      if (number === undefined || number < 1 || number > 65535) invalidValue(property, 'Expected a port 1-65535.');
      else if (fromAddress !== undefined && fromAddress !== number) {
        invalidValue(property, 'Conflicts with the port in "full address"; the address is used.');
      } else if (fromAddress === undefined) settings.port = number;
      return;
    }
    case 'username':
      if (classifyUsername(value) === null) {
        invalidValue(property, 'Expected user@domain, AzureAD\\user@domain or a local account name.');
      } else {
        settings.username = value;
      }
      return;
    case 'enablerdsaadauth':
      if (number === 0 || number === 1) settings.auth = number === 1 ? 'web-account' : 'password';
      else invalidValue(property, 'Expected 0 or 1.');
      return;
    case 'screen mode id':
      if (number === 1 || number === 2) display.screenMode = number === 2 ? 'fullscreen' : 'windowed';
      else invalidValue(property, 'Expected 1 (windowed) or 2 (full screen).');
      return;
    case 'desktopwidth':
    case 'desktopheight':
      if (number === undefined || number < 200 || number > 8192) invalidValue(property, 'Expected 200-8192 pixels.');
      else display[property.name === 'desktopwidth' ? 'width' : 'height'] = number;
      return;
    case 'selectedmonitors': {
      const parts = value.split(',');
      const ids = parts.map(parseDecimal).filter((id): id is number => id !== undefined && id <= MAX_MONITOR_ID);
      const valid = ids.length === parts.length && ids.length <= MAX_SELECTED_MONITORS && new Set(ids).size === ids.length;
      if (valid) display.selectedMonitors = ids;
      else invalidValue(property, 'Expected a comma-separated list of distinct monitor ids.');
      return;
    }
    case 'desktopscalefactor':
      if (number !== undefined && (RDP_SCALE_FACTORS as readonly number[]).includes(number)) {
        display.scaleFactor = number;
      } else {
        invalidValue(property, `Expected one of ${RDP_SCALE_FACTORS.join(', ')}.`);
      }
      return;
    case 'audiomode': {
      const playback = number === undefined ? undefined : AUDIO_PLAYBACK_BY_MODE[number];
      if (number === 0) context.needsConsent(property, 'audio playback on this computer');
      else if (playback !== undefined) redirections.audioPlayback = playback;
      else invalidValue(property, 'Expected 0, 1 or 2.');
      return;
    }
    default:
      invalidValue(property, 'Not imported.');
  }
}
