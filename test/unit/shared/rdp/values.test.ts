import { describe, expect, it } from 'vitest';

import {
  classifyHost,
  classifyUsername,
  formatFullAddress,
  hasForbiddenCharacter,
  isDnsHostname,
  isIPv6,
  parseFullAddress,
} from '../../../../src/shared/rdp/values';

describe('host names', () => {
  it.each(['vm01', 'vm01.contoso.com', 'localhost', 'a-b.c-d.example', `${'a'.repeat(63)}.com`, 'xn--mller-kva.de'])(
    'accepts %s',
    (host) => expect(isDnsHostname(host)).toBe(true),
  );

  it.each([
    ['empty', ''],
    ['trailing dot', 'vm01.contoso.com.'],
    ['leading hyphen', '-vm01'],
    ['trailing hyphen in a label', 'vm01-.contoso.com'],
    ['underscore', 'vm_01'],
    ['empty label', 'vm01..com'],
    ['label of 64', `${'a'.repeat(64)}.com`],
    ['longer than 253', `${'abcdefghi.'.repeat(25)}abcd`],
    ['all-numeric last label', '10.0.0.4'],
    ['all-numeric single label', '3389'],
    ['non-ASCII (IDN must be punycode)', 'müller.de'],
    ['space', 'vm 01'],
    ['port', 'vm01:3389'],
    ['CRLF', 'vm01\r\nalternate shell:s:cmd.exe'],
  ])('rejects %s', (_label, host) => expect(isDnsHostname(host)).toBe(false));
});

describe('IP literals', () => {
  it.each(['::', '::1', 'fe80::1', '2001:db8::8a2e:370:7334', '1:2:3:4:5:6:7:8', '::ffff:192.0.2.1', '1:2:3:4:5:6:1.2.3.4'])(
    'accepts IPv6 %s',
    (value) => expect(isIPv6(value)).toBe(true),
  );

  it.each(['1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2::3', ':1::', '1.2.3.4::', '12345::', 'fe80::1%eth0', '[::1]', 'g::1'])(
    'rejects IPv6 %s',
    (value) => expect(isIPv6(value)).toBe(false),
  );

  it('classifies IPv4 before names and refuses leading zeros (octal to strtol)', () => {
    expect(classifyHost('10.0.0.4')).toBe('ipv4');
    expect(classifyHost('010.0.0.4')).toBe('invalid');
    expect(classifyHost('256.0.0.1')).toBe('invalid');
    expect(classifyHost('::1')).toBe('ipv6');
    expect(classifyHost('vm01')).toBe('hostname');
  });
});

describe('full address', () => {
  it('formats host, port and bracketed IPv6', () => {
    expect(formatFullAddress('vm01.contoso.com')).toBe('vm01.contoso.com');
    expect(formatFullAddress('vm01', 3390)).toBe('vm01:3390');
    expect(formatFullAddress('::1', 3389)).toBe('[::1]:3389');
    expect(formatFullAddress('fe80::1')).toBe('[fe80::1]');
  });

  it.each([
    ['vm01', { host: 'vm01' }],
    ['vm01:3390', { host: 'vm01', port: 3390 }],
    ['10.0.0.4:3389', { host: '10.0.0.4', port: 3389 }],
    ['[::1]:3389', { host: '::1', port: 3389 }],
    ['[::1]', { host: '::1' }],
    ['fe80::1', { host: 'fe80::1' }],
  ])('parses %s', (value, expected) => expect(parseFullAddress(value)).toEqual(expected));

  it.each(['vm01:', 'vm01:0', 'vm01:65536', 'vm01:03389', 'vm01:3389junk', 'vm01:0xd3d', 'vm01:+3389', '[vm01]:3389', 'a:b:c', ':3389', ''])(
    'rejects %s (FreeRDP would read a numeric prefix or another port)',
    (value) => expect(parseFullAddress(value)).toBeNull(),
  );
});

describe('user names', () => {
  it.each([
    ['alice@contoso.com', 'upn'],
    ["o'neil.j_x-y!#^~@contoso.onmicrosoft.com", 'upn'],
    ['AzureAD\\alice@contoso.com', 'azuread-upn'],
    ['azuread\\alice@contoso.com', 'azuread-upn'],
    ['rdptest', 'local'],
    ['.\\azureuser', 'local'],
    ['admin-01.x', 'local'],
  ] as const)('%s is %s', (value, kind) => expect(classifyUsername(value)).toBe(kind));

  it.each([
    '',
    'alice@',
    '@contoso.com',
    'alice@contoso',
    'alice@@contoso.com',
    '.alice@contoso.com',
    'al..ice@contoso.com',
    'alice smith@contoso.com',
    'CONTOSO\\alice',
    'AzureAD\\alice',
    '.',
    '.hidden',
    'a'.repeat(21),
    'alice@contoso.com\r\nusername:s:mallory',
    'rdptest\nalternate shell:s:cmd.exe',
    '/u:hijack',
    'ålice@contoso.com',
  ])('rejects %j', (value) => expect(classifyUsername(value)).toBeNull());
});

describe('forbidden characters', () => {
  it.each(['\r', '\n', '\u0000', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029', '\u200b', '\u200e', '\u202e', '\u2066', '\ufeff', '\ud800', '\udc00'])(
    'flags U+%s',
    (char) => expect(hasForbiddenCharacter(`a${char}b`)).toBe(true),
  );

  it('accepts printable text and proper surrogate pairs', () => {
    expect(hasForbiddenCharacter('full address:s:vm01 😀 é')).toBe(false);
  });
});
