import { describe, expect, it } from 'vitest';

import { AppError } from '../../../../src/shared/errors/app-error';
import {
  decodeRdpFile,
  importRdpFile,
  MAX_RDP_FILE_BYTES,
  parseRdpText,
  type RdpDroppedProperty,
} from '../../../../src/shared/rdp/parse-rdp';
import { buildRdpText, encodeRdpFile } from '../../../../src/shared/rdp/write-rdp';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const utf16 = (text: string, littleEndian: boolean, bom = true): Uint8Array => {
  const out: number[] = bom ? (littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out.push(...(littleEndian ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff]));
  }
  return new Uint8Array(out);
};

const SAMPLE = 'full address:s:vm01.contoso.com:3389\r\nusername:s:alice@contoso.com\r\n';

function parseError(bytes: Uint8Array): AppError {
  try {
    decodeRdpFile(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected decodeRdpFile to throw');
}

describe('decodeRdpFile', () => {
  it.each([
    ['UTF-16LE with BOM', utf16(SAMPLE, true)],
    ['UTF-16BE with BOM', utf16(SAMPLE, false)],
    ['UTF-8 without BOM', utf8(SAMPLE)],
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(SAMPLE)])],
  ])('decodes %s', (_label, bytes) => {
    expect(decodeRdpFile(bytes)).toBe(SAMPLE);
  });

  it('keeps non-ASCII text in every encoding', () => {
    const text = 'username:s:jürgen@contoso.com\r\n';
    expect(decodeRdpFile(utf16(text, true))).toBe(text);
    expect(decodeRdpFile(utf16(text, false))).toBe(text);
    expect(decodeRdpFile(utf8(text))).toBe(text);
  });

  it.each([
    ['UTF-16LE without BOM (NUL bytes)', utf16(SAMPLE, true, false)],
    ['odd byte count after a UTF-16 BOM', new Uint8Array([0xff, 0xfe, 0x61])],
    ['unpaired surrogate in UTF-16', new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x61, 0x00])],
    ['invalid UTF-8', new Uint8Array([0x66, 0xc3, 0x28])],
    ['Windows-1252 bytes', new Uint8Array([0x75, 0x3a, 0x73, 0x3a, 0xe9])],
    ['too large', new Uint8Array(MAX_RDP_FILE_BYTES + 1).fill(0x61)],
  ])('refuses %s with RDP_PARSE_FAILED', (_label, bytes) => {
    expect(parseError(bytes).code).toBe('RDP_PARSE_FAILED');
  });
});

describe('parseRdpText', () => {
  it('splits on the first two colons only and lower-cases names', () => {
    const { properties, malformed } = parseRdpText(
      'Full Address:s:10.0.0.4:3389\r\ndrivestoredirect:s:C:\\;D:\\;\r\nScreen Mode ID:I:2\r\n',
    );
    expect(malformed).toEqual([]);
    expect(properties).toEqual([
      { name: 'full address', type: 's', value: '10.0.0.4:3389', line: 1 },
      { name: 'drivestoredirect', type: 's', value: 'C:\\;D:\\;', line: 2 },
      { name: 'screen mode id', type: 'i', value: '2', line: 3 },
    ]);
  });

  it('ends lines at CR, LF or CRLF, like FreeRDP', () => {
    const { properties } = parseRdpText('a:s:1\rb:s:2\nc:s:3\r\nd:s:4');
    expect(properties.map((p) => [p.name, p.value, p.line])).toEqual([
      ['a', '1', 1],
      ['b', '2', 2],
      ['c', '3', 3],
      ['d', '4', 4],
    ]);
  });

  it('keeps empty values and values with spaces', () => {
    expect(parseRdpText('domain:s:\r\nalternate shell:s: x y ').properties.map((p) => p.value)).toEqual(['', ' x y ']);
  });

  it('reports malformed lines and skips blank ones', () => {
    const { properties, malformed } = parseRdpText(
      'garbage\r\n\r\n   \r\nusername=rdptest\r\nfull address:x:vm01\r\n:s:novalue\r\nname:ss:value\r\n/u:hijack\r\nok:b:00ff',
    );
    expect(properties).toEqual([{ name: 'ok', type: 'b', value: '00ff', line: 9 }]);
    expect(malformed.map((m) => m.line)).toEqual([1, 4, 5, 6, 7, 8]);
  });

  it('shows an injected line as a property of its own (what a client would see)', () => {
    const { properties } = parseRdpText('full address:s:vm01\r\nalternate shell:s:cmd.exe\r\n');
    expect(properties.map((p) => p.name)).toEqual(['full address', 'alternate shell']);
  });
});

const importText = (text: string): ReturnType<typeof importRdpFile> => importRdpFile(utf8(text));
const droppedByName = (dropped: RdpDroppedProperty[]): Record<string, RdpDroppedProperty['reason']> =>
  Object.fromEntries(dropped.map((d) => [d.name, d.reason]));

describe('importRdpFile', () => {
  it('imports our own files back to the settings that produced them', () => {
    const bytes = encodeRdpFile(
      buildRdpText({
        host: 'vm01.contoso.com',
        port: 3390,
        username: 'alice@contoso.com',
        display: { screenMode: 'windowed', width: 1280, height: 800, multiMonitor: true, selectedMonitors: [2, 0] },
      }),
    );
    expect(importRdpFile(bytes)).toEqual({
      settings: {
        host: 'vm01.contoso.com',
        port: 3390,
        auth: 'web-account',
        username: 'alice@contoso.com',
        display: {
          screenMode: 'windowed',
          width: 1280,
          height: 800,
          multiMonitor: true,
          selectedMonitors: [2, 0],
          dynamicResolution: true,
          smartSizing: false,
        },
        redirections: {
          clipboard: false,
          drives: false,
          printers: false,
          comPorts: false,
          smartCards: false,
          webAuthn: false,
          audioCapture: false,
          audioPlayback: 'none',
          camera: false,
          devices: false,
        },
      },
      dropped: [],
    });
  });

  it('drops dangerous properties with a reason and redacts secrets', () => {
    const { settings, dropped } = importText(
      [
        'full address:s:vm01.contoso.com',
        'alternate shell:s:cmd.exe /c whoami',
        'shell working directory:s:C:\\',
        'remoteapplicationmode:i:1',
        'remoteapplicationprogram:s:||evil',
        'alternate full address:s:attacker.example',
        'gatewayhostname:s:gw.attacker.example',
        'gatewayaccesstoken:s:eyJsecret',
        'kdcproxyname:s:kdc.attacker.example',
        'password 51:b:01000000d08c9ddf',
        'password:s:hunter2',
        'signscope:s:Full Address',
        'signature:s:AQAB',
        '',
      ].join('\r\n'),
    );
    expect(settings).toEqual({ host: 'vm01.contoso.com' });
    expect(new Set(dropped.map((d) => d.reason))).toEqual(new Set(['forbidden']));
    expect(dropped.map((d) => d.name)).toEqual([
      'alternate shell',
      'shell working directory',
      'remoteapplicationmode',
      'remoteapplicationprogram',
      'alternate full address',
      'gatewayhostname',
      'gatewayaccesstoken',
      'kdcproxyname',
      'password 51',
      'password',
      'signscope',
      'signature',
    ]);
    const shown = JSON.stringify(dropped);
    expect(shown).not.toContain('hunter2');
    expect(shown).not.toContain('eyJsecret');
    expect(shown).not.toContain('d08c9ddf');
  });

  it('never imports a redirection as on: the user must choose (needs-consent)', () => {
    const { settings, dropped } = importText(
      [
        'full address:s:vm01',
        'redirectclipboard:i:1',
        'drivestoredirect:s:*',
        'redirectprinters:i:1',
        'redirectcomports:i:1',
        'redirectsmartcards:i:1',
        'redirectwebauthn:i:1',
        'audiocapturemode:i:1',
        'audiomode:i:0',
        'camerastoredirect:s:*',
        'devicestoredirect:s:',
        'usbdevicestoredirect:s:*',
      ].join('\r\n'),
    );
    expect(settings).toEqual({ host: 'vm01' });
    expect(droppedByName(dropped)).toEqual({
      redirectclipboard: 'needs-consent',
      drivestoredirect: 'needs-consent',
      redirectprinters: 'needs-consent',
      redirectcomports: 'needs-consent',
      redirectsmartcards: 'needs-consent',
      redirectwebauthn: 'needs-consent',
      audiocapturemode: 'needs-consent',
      audiomode: 'needs-consent',
      camerastoredirect: 'needs-consent',
      usbdevicestoredirect: 'needs-consent',
    });
  });

  it('drops every copy of a duplicated property (clients disagree on which wins)', () => {
    const { settings, dropped } = importText(
      'full address:s:vm01\r\nusername:s:alice@contoso.com\r\nusername:s:mallory@contoso.com\r\n',
    );
    expect(settings).toEqual({ host: 'vm01' });
    expect(dropped.map((d) => [d.name, d.reason])).toEqual([
      ['username', 'duplicate'],
      ['username', 'duplicate'],
    ]);
  });

  it('treats property names case-insensitively', () => {
    expect(importText('FULL ADDRESS:S:vm01\r\nEnableRdsAadAuth:i:0').settings).toEqual({ host: 'vm01', auth: 'password' });
    expect(droppedByName(importText('Alternate Shell:s:x').dropped)).toEqual({ 'alternate shell': 'forbidden' });
  });

  it('reports unknown, invalid and fixed properties and malformed lines', () => {
    const { settings, dropped } = importText(
      [
        'full address:s:vm01:3389junk',
        'username:s:CONTOSO\\alice',
        'screen mode id:i:3',
        'desktopwidth:i:1920',
        'session bpp:i:32',
        'enablecredsspsupport:i:0',
        'authentication level:i:0',
        'domain:s:CONTOSO',
        'targetisaadjoined:i:1',
        'keyboardhook:i:2',
        'prompt for credentials:i:1',
        'redirectclipboard:s:1',
        'this line is garbage',
      ].join('\r\n'),
    );
    expect(settings).toEqual({});
    expect(dropped.map((d) => [d.name, d.reason])).toEqual([
      ['', 'malformed'],
      ['session bpp', 'unknown'],
      ['redirectclipboard', 'invalid-value'],
      ['full address', 'invalid-value'],
      ['username', 'invalid-value'],
      ['screen mode id', 'invalid-value'],
      ['enablecredsspsupport', 'not-configurable'],
      ['authentication level', 'not-configurable'],
      ['domain', 'not-configurable'],
      ['targetisaadjoined', 'not-configurable'],
      ['desktopwidth', 'invalid-value'],
    ]);
  });

  it('takes the port from server port only when full address has none', () => {
    expect(importText('full address:s:vm01\r\nserver port:i:3390').settings).toEqual({ host: 'vm01', port: 3390 });
    const conflict = importText('full address:s:vm01:3389\r\nserver port:i:3390');
    expect(conflict.settings).toEqual({ host: 'vm01', port: 3389 });
    expect(droppedByName(conflict.dropped)).toEqual({ 'server port': 'invalid-value' });
  });

  it('keeps an IP address (usable for password sign-in) and IPv6 in brackets', () => {
    expect(importText('full address:s:10.0.0.4:3389').settings).toEqual({ host: '10.0.0.4', port: 3389 });
    expect(importText('full address:s:[2001:db8::1]:3390').settings).toEqual({ host: '2001:db8::1', port: 3390 });
  });

  it('refuses selected monitors without multimon', () => {
    const { settings, dropped } = importText('use multimon:i:0\r\nselectedmonitors:s:0,1');
    expect(settings).toEqual({ display: { multiMonitor: false } });
    expect(droppedByName(dropped)).toEqual({ selectedmonitors: 'invalid-value' });
  });

  it('imports a typical portal file', () => {
    const { settings, dropped } = importText(
      'full address:s:20.1.2.3:3389\r\nprompt for credentials:i:1\r\nadministrative session:i:1\r\n',
    );
    expect(settings).toEqual({ host: '20.1.2.3', port: 3389 });
    expect(droppedByName(dropped)).toEqual({ 'administrative session': 'unknown' });
  });
});
