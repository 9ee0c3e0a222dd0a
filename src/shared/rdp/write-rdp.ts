import { AppError } from '../errors/app-error';
import { getRdpProperty } from './properties';
import { type RdpSettings, type RdpSettingsInput, validateRdpSettings } from './rdp-settings';
import { classifyUsername, formatFullAddress, hasForbiddenCharacter, hasLoneSurrogate } from './values';

/**
 * The .rdp writer. Values are VALIDATED, never escaped: the format has no escaping, and clients split lines on any
 * CR or LF, so a value that could hold a line break would let its author add properties (rdp-real-client.md §3).
 */

/** File encodings the writer produces. */
export type RdpFileEncoding = 'utf16le-bom' | 'utf8';

/**
 * `utf16le-bom` (FF FE + UTF-16LE) is what mstsc writes and every client reads. `utf8` has NO BOM, because FreeRDP 2
 * does not strip a UTF-8 BOM and would lose the first property.
 */
export const DEFAULT_RDP_ENCODING: RdpFileEncoding = 'utf16le-bom';

/** One line of the file as the writer intends it. */
interface RdpLine {
  readonly name: string;
  readonly type: 's' | 'i';
  readonly value: string;
}

function invalid(field: string, message: string): AppError {
  return new AppError('RDP_INVALID_VALUE', message, { field });
}

/** Validates settings or throws RDP_INVALID_VALUE naming the first offending field. */
function requireValidSettings(input: unknown): RdpSettings {
  const result = validateRdpSettings(input);
  if (result.ok) return result.settings;
  const [first] = result.issues;
  throw invalid(first?.field ?? 'settings', first?.message ?? 'invalid RDP settings');
}

const bit = (on: boolean): string => (on ? '1' : '0');
const noneOrAll = (on: boolean): string => (on ? '*' : '');

/** The user name as written: a plain UPN gets the `AzureAD\` prefix for password sign-in from a registered client. */
function usernameForFile(settings: RdpSettings): string | undefined {
  const { username } = settings;
  if (username === undefined) return undefined;
  const needsPrefix =
    settings.auth === 'password' && settings.entraRegisteredClient && classifyUsername(username) === 'upn';
  return needsPrefix ? `AzureAD\\${username}` : username;
}

const AUDIO_MODE: Record<RdpSettings['redirections']['audioPlayback'], string> = { local: '0', remote: '1', none: '2' };

/** The lines for a settings object, in a fixed order. The input is re-validated: it may come from IPC or disk. */
function buildRdpLines(input: RdpSettingsInput): RdpLine[] {
  const settings = requireValidSettings(input);
  const isWebAccount = settings.auth === 'web-account';
  const { display, redirections } = settings;
  const lines: [string, string | undefined][] = [
    ['full address', formatFullAddress(settings.host, settings.port)],
    ['username', usernameForFile(settings)],
    ['domain', ''],
    ['enablerdsaadauth', bit(isWebAccount)],
    ['enablecredsspsupport', '1'],
    // 2 = warn when the server's identity cannot be verified (what mstsc itself writes); never connect silently.
    ['authentication level', '2'],
    // Web sign-in happens in the Entra dialog, so no local credential prompt; password sign-in always asks
    // instead of reusing saved credentials (what the portal's files do).
    ['prompt for credentials', bit(!isWebAccount)],
    ['screen mode id', display.screenMode === 'fullscreen' ? '2' : '1'],
    ['desktopwidth', display.width?.toString()],
    ['desktopheight', display.height?.toString()],
    ['use multimon', bit(display.multiMonitor)],
    ['selectedmonitors', display.selectedMonitors?.join(',')],
    ['dynamic resolution', bit(display.dynamicResolution)],
    ['smart sizing', bit(display.smartSizing)],
    ['desktopscalefactor', display.scaleFactor?.toString()],
    ['redirectclipboard', bit(redirections.clipboard)],
    ['drivestoredirect', noneOrAll(redirections.drives)],
    ['redirectprinters', bit(redirections.printers)],
    ['redirectcomports', bit(redirections.comPorts)],
    ['redirectsmartcards', bit(redirections.smartCards)],
    ['redirectwebauthn', bit(redirections.webAuthn)],
    ['audiocapturemode', bit(redirections.audioCapture)],
    ['audiomode', AUDIO_MODE[redirections.audioPlayback]],
    ['camerastoredirect', noneOrAll(redirections.camera)],
    ['devicestoredirect', noneOrAll(redirections.devices)],
    ['usbdevicestoredirect', noneOrAll(redirections.devices)],
    // Fixed: Windows key combinations go to the remote machine only in full screen (the documented default), and
    // a dropped connection reconnects.
    ['keyboardhook', '2'],
    ['autoreconnection enabled', '1'],
  ];
  return lines
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => checkedLine(name, value));
}

/**
 * Second line of defence: every line must be on the allow-list with an allowed value, whatever the settings layer
 * let through.
 */
function checkedLine(name: string, value: string): RdpLine {
  const definition = getRdpProperty(name);
  if (definition === undefined || definition.name !== name) {
    throw new AppError('INTERNAL', `property "${name}" is not on the RDP allow-list`);
  }
  if (hasForbiddenCharacter(value) || !definition.isAllowedValue(value)) {
    throw invalid(name, `value not allowed for RDP property "${name}"`);
  }
  return { name, type: definition.type, value };
}

/** Builds the .rdp text for validated settings: CRLF after every line, deterministic order. Throws RDP_INVALID_VALUE. */
export function buildRdpText(settings: RdpSettingsInput): string {
  return buildRdpLines(settings)
    .map((line) => `${line.name}:${line.type}:${line.value}\r\n`)
    .join('');
}

/** Encodes .rdp text for disk: UTF-16LE with an FF FE BOM (default, what mstsc writes) or UTF-8 without a BOM. */
export function encodeRdpFile(text: string, encoding: RdpFileEncoding = DEFAULT_RDP_ENCODING): Uint8Array<ArrayBuffer> {
  if (hasLoneSurrogate(text)) throw invalid('text', 'text contains an unpaired UTF-16 surrogate');
  if (encoding === 'utf8') return new TextEncoder().encode(text);
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 + i * 2] = unit & 0xff;
    bytes[3 + i * 2] = unit >> 8;
  }
  return bytes;
}
