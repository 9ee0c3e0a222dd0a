import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { AppError } from '../../../../src/shared/errors/app-error';
import { parseRdpText } from '../../../../src/shared/rdp/parse-rdp';
import { RDP_PROPERTY_NAMES } from '../../../../src/shared/rdp/properties';
import { type RdpSettingsInput, validateRdpSettings } from '../../../../src/shared/rdp/rdp-settings';
import { buildRdpText, encodeRdpFile, type RdpFileEncoding } from '../../../../src/shared/rdp/write-rdp';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/rdp', name)));

const written = (settings: RdpSettingsInput, encoding?: RdpFileEncoding): Uint8Array =>
  encodeRdpFile(buildRdpText(settings), encoding);

function invalidField(settings: unknown): string {
  try {
    buildRdpText(settings as RdpSettingsInput);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('RDP_INVALID_VALUE');
    return String((error as AppError).details?.field);
  }
  throw new Error('expected buildRdpText to throw');
}

describe('golden files (exact bytes)', () => {
  it('web-account default, UTF-16LE with BOM', () => {
    expect(written({ host: 'vm01.contoso.com' })).toEqual(fixture('web-account-default.rdp'));
  });

  it('web-account default, UTF-8 without BOM', () => {
    expect(written({ host: 'vm01.contoso.com' }, 'utf8')).toEqual(fixture('web-account-default.utf8.rdp'));
  });

  it('web-account with port, username, display and some redirections on', () => {
    const settings: RdpSettingsInput = {
      host: 'vm01.contoso.com',
      port: 3390,
      auth: 'web-account',
      username: 'alice@contoso.com',
      display: {
        screenMode: 'windowed',
        width: 1920,
        height: 1080,
        multiMonitor: true,
        selectedMonitors: [0, 1],
        dynamicResolution: false,
        smartSizing: true,
        scaleFactor: 125,
      },
      redirections: { clipboard: true, drives: true, audioPlayback: 'local', webAuthn: true },
    };
    expect(written(settings)).toEqual(fixture('web-account-custom.rdp'));
  });

  it('password (legacy) sign-in to an IP address', () => {
    expect(written({ host: '10.0.0.4', auth: 'password', username: 'alice@contoso.com' })).toEqual(
      fixture('password-legacy.rdp'),
    );
  });

  it('password sign-in from an Entra-registered client writes AzureAD\\UPN', () => {
    const settings: RdpSettingsInput = {
      host: 'vm02.contoso.com',
      auth: 'password',
      username: 'alice@contoso.com',
      entraRegisteredClient: true,
    };
    expect(written(settings)).toEqual(fixture('password-azuread-upn.rdp'));
  });
});

describe('buildRdpText', () => {
  it('ends every line with CRLF and writes only allow-listed properties, each once', () => {
    const text = buildRdpText({ host: 'vm01', username: 'alice@contoso.com', display: { width: 1280, height: 800 } });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const names = parseRdpText(text).properties.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(RDP_PROPERTY_NAMES).toContain(name);
  });

  it('turns every redirection off with an explicit line by default', () => {
    const lines = buildRdpText({ host: 'vm01' }).split('\r\n');
    for (const line of [
      'redirectclipboard:i:0',
      'drivestoredirect:s:',
      'redirectprinters:i:0',
      'redirectcomports:i:0',
      'redirectsmartcards:i:0',
      'redirectwebauthn:i:0',
      'audiocapturemode:i:0',
      'audiomode:i:2',
      'camerastoredirect:s:',
      'devicestoredirect:s:',
      'usbdevicestoredirect:s:',
    ]) {
      expect(lines).toContain(line);
    }
  });

  it('does not prefix a UPN for web-account sign-in even when the client is only registered', () => {
    const text = buildRdpText({ host: 'vm01', username: 'alice@contoso.com', entraRegisteredClient: true });
    expect(text).toContain('username:s:alice@contoso.com\r\n');
  });

  it('writes a local account as given for password sign-in', () => {
    expect(buildRdpText({ host: 'localhost', auth: 'password', username: 'rdptest' })).toContain('username:s:rdptest\r\n');
  });

  it('brackets IPv6 literals in full address', () => {
    expect(buildRdpText({ host: '2001:db8::1', port: 3389, auth: 'password' })).toContain(
      'full address:s:[2001:db8::1]:3389\r\n',
    );
  });

  it.each([
    ['host with CRLF injection', { host: 'vm01\r\nalternate shell:s:cmd.exe' }, 'host'],
    ['host with bare LF', { host: 'vm01\n/v:evil.example' }, 'host'],
    ['host with bare CR', { host: 'vm01\rusername:s:x' }, 'host'],
    ['host with U+2028', { host: 'vm01\u2028x' }, 'host'],
    ['host with NEL', { host: 'vm01\u0085x' }, 'host'],
    ['host with NUL', { host: 'vm01\u0000' }, 'host'],
    ['host with a port inside', { host: 'vm01:3389' }, 'host'],
    ['username with CRLF injection', { host: 'vm01', username: 'a@contoso.com\r\nusername:s:mallory' }, 'username'],
    ['username with RLO', { host: 'vm01', username: 'a\u202e@contoso.com' }, 'username'],
    ['IP for web-account sign-in', { host: '10.0.0.4' }, 'host'],
    ['IPv6 for web-account sign-in', { host: '::1', auth: 'web-account' }, 'host'],
    ['AzureAD\\UPN for web-account sign-in', { host: 'vm01', username: 'AzureAD\\a@contoso.com' }, 'username'],
    ['local account for web-account sign-in', { host: 'vm01', username: 'rdptest' }, 'username'],
    ['port 0', { host: 'vm01', port: 0 }, 'port'],
    ['port 65536', { host: 'vm01', port: 65536 }, 'port'],
    ['port as a string', { host: 'vm01', port: '3389' }, 'port'],
    ['port 1e300', { host: 'vm01', port: 1e300 }, 'port'],
    ['port NaN', { host: 'vm01', port: Number.NaN }, 'port'],
    ['width below 200', { host: 'vm01', display: { width: 199, height: 800 } }, 'display.width'],
    ['height above 8192', { host: 'vm01', display: { width: 800, height: 8193 } }, 'display.height'],
    ['width without height', { host: 'vm01', display: { width: 800 } }, 'display.height'],
    ['fractional width', { host: 'vm01', display: { width: 800.5, height: 600 } }, 'display.width'],
    ['monitors without multimon', { host: 'vm01', display: { selectedMonitors: [0, 1] } }, 'display.selectedMonitors'],
    [
      'duplicate monitors',
      { host: 'vm01', display: { multiMonitor: true, selectedMonitors: [1, 1] } },
      'display.selectedMonitors',
    ],
    [
      'negative monitor id',
      { host: 'vm01', display: { multiMonitor: true, selectedMonitors: [-1] } },
      'display.selectedMonitors',
    ],
    ['empty monitor list', { host: 'vm01', display: { multiMonitor: true, selectedMonitors: [] } }, 'display.selectedMonitors'],
    ['scale factor 110', { host: 'vm01', display: { scaleFactor: 110 } }, 'display.scaleFactor'],
    ['unknown screen mode', { host: 'vm01', display: { screenMode: 'kiosk' } }, 'display.screenMode'],
    ['unknown auth', { host: 'vm01', auth: 'kerberos' }, 'auth'],
    ['redirection as a string', { host: 'vm01', redirections: { drives: 'C:\\' } }, 'redirections.drives'],
    ['missing host', {}, 'host'],
    ['not an object', 'full address:s:vm01', 'settings'],
    ['null', null, 'settings'],
  ])('refuses %s and names the field', (_label, settings, field) => {
    expect(invalidField(settings)).toBe(field);
  });
});

describe('validateRdpSettings', () => {
  it('reports every issue at once', () => {
    const result = validateRdpSettings({
      host: 'vm01\r\nx',
      port: 70000,
      username: 'bad user',
      display: { width: 10, height: 10, scaleFactor: 3 },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.field).sort()).toEqual(
      ['display.height', 'display.scaleFactor', 'display.width', 'host', 'port', 'username'].sort(),
    );
  });

  it('applies defaults: everything shared is off', () => {
    const result = validateRdpSettings({ host: 'vm01' });
    expect(result).toMatchObject({
      ok: true,
      settings: {
        auth: 'web-account',
        entraRegisteredClient: false,
        redirections: {
          clipboard: false,
          drives: false,
          printers: false,
          devices: false,
          smartCards: false,
          audioCapture: false,
          audioPlayback: 'none',
          webAuthn: false,
          comPorts: false,
          camera: false,
        },
      },
    });
  });
});

describe('encodeRdpFile', () => {
  it('writes FF FE then UTF-16LE code units, including non-BMP characters', () => {
    expect(Array.from(encodeRdpFile('a\r\n'))).toEqual([0xff, 0xfe, 0x61, 0, 0x0d, 0, 0x0a, 0]);
    expect(Array.from(encodeRdpFile('😀'))).toEqual([0xff, 0xfe, 0x3d, 0xd8, 0x00, 0xde]);
  });

  it('writes UTF-8 without a BOM (FreeRDP 2 would lose the first property to a BOM)', () => {
    expect(Array.from(encodeRdpFile('é', 'utf8'))).toEqual([0xc3, 0xa9]);
  });

  it('refuses unpaired surrogates', () => {
    expect(() => encodeRdpFile('a\ud800b')).toThrow(AppError);
  });
});
