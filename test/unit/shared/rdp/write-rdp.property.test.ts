import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { AppError } from '../../../../src/shared/errors/app-error';
import { decodeRdpFile, importRdpFile, parseRdpText } from '../../../../src/shared/rdp/parse-rdp';
import { type RdpSettings, type RdpSettingsInput, rdpSettingsSchema } from '../../../../src/shared/rdp/rdp-settings';
import { buildRdpText, encodeRdpFile, type RdpFileEncoding } from '../../../../src/shared/rdp/write-rdp';

/**
 * Property: for ANY input, buildRdpText either throws RDP_INVALID_VALUE naming a settings field, or writes a file
 * that reads back (in both encodings) as EXACTLY the intended properties: no extra line, no changed value.
 */

const RUNS = 10_000;
const ENCODINGS: readonly RdpFileEncoding[] = ['utf16le-bom', 'utf8'];

const FIELDS = new Set([
  'settings',
  'host',
  'port',
  'auth',
  'username',
  'entraRegisteredClient',
  'display',
  'display.screenMode',
  'display.width',
  'display.height',
  'display.multiMonitor',
  'display.selectedMonitors',
  'display.dynamicResolution',
  'display.smartSizing',
  'display.scaleFactor',
  'redirections',
  ...['clipboard', 'drives', 'printers', 'devices', 'smartCards', 'audioCapture', 'audioPlayback', 'webAuthn', 'comPorts', 'camera'].map(
    (name) => `redirections.${name}`,
  ),
]);

/** Characters that end a line somewhere (FreeRDP: CR/LF; others: NEL, LS, PS) or must never reach a file. */
const nastyChar = fc.constantFrom(
  '\r',
  '\n',
  '\r\n',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u0000',
  '\u001b',
  '\u007f',
  '\u009b',
  '\u200e',
  '\u202e',
  '\ufeff',
  '\ud800',
  '\t',
);
const payload = fc.constantFrom('alternate shell:s:cmd.exe', '/u:hijack', '/v:evil.example', 'username:s:mallory', '');
const withInjection = (base: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(base, nastyChar, payload, fc.boolean())
    .map(([value, char, extra, atStart]) => (atStart ? `${char}${extra}${char}${value}` : `${value}${char}${extra}`));

const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.anything({ maxDepth: 1 }),
);

const SCALE_FACTORS = [100, 125, 150, 175, 200, 250, 300, 400, 500];

const validHost = fc.oneof(
  { weight: 4, arbitrary: fc.domain() },
  { weight: 2, arbitrary: fc.constantFrom('localhost', 'vm01', 'VM-02.contoso.com') },
  { weight: 1, arbitrary: fc.ipV4() },
  { weight: 1, arbitrary: fc.ipV6() },
);
const upn = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9'_!#^~-][A-Za-z0-9'._!#^~-]{0,20}$/), fc.domain())
  .map(([local, domain]) => `${local}@${domain}`);
const localAccount = fc.stringMatching(/^(?:\.\\)?[A-Za-z0-9_-][A-Za-z0-9._-]{0,19}$/);
const validUsername = fc.oneof(
  { weight: 4, arbitrary: upn },
  { weight: 1, arbitrary: fc.emailAddress() },
  { weight: 1, arbitrary: upn.map((value) => `AzureAD\\${value}`) },
  { weight: 1, arbitrary: localAccount },
);

const validDisplay = fc
  .record(
    {
      screenMode: fc.constantFrom('windowed', 'fullscreen'),
      size: fc.tuple(fc.integer({ min: 200, max: 8192 }), fc.integer({ min: 200, max: 8192 })),
      multiMonitor: fc.boolean(),
      monitors: fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { minLength: 1, maxLength: 16 }),
      dynamicResolution: fc.boolean(),
      smartSizing: fc.boolean(),
      scaleFactor: fc.constantFrom(...SCALE_FACTORS),
    },
    { requiredKeys: [] },
  )
  .map(({ size, monitors, ...rest }) => ({
    ...rest,
    ...(size === undefined ? {} : { width: size[0], height: size[1] }),
    ...(monitors !== undefined && rest.multiMonitor === true ? { selectedMonitors: monitors } : {}),
  }));

const validRedirections = fc.record(
  {
    clipboard: fc.boolean(),
    drives: fc.boolean(),
    printers: fc.boolean(),
    devices: fc.boolean(),
    smartCards: fc.boolean(),
    audioCapture: fc.boolean(),
    audioPlayback: fc.constantFrom('local', 'remote', 'none'),
    webAuthn: fc.boolean(),
    comPorts: fc.boolean(),
    camera: fc.boolean(),
  },
  { requiredKeys: [] },
);

const plausibleSettings = fc.record(
  {
    host: validHost,
    port: fc.integer({ min: 1, max: 65535 }),
    auth: fc.constantFrom('web-account', 'password'),
    username: validUsername,
    entraRegisteredClient: fc.boolean(),
    display: validDisplay,
    redirections: validRedirections,
  },
  { requiredKeys: ['host'] },
);

/** Values an attacker or a bug could put anywhere: injections, wrong types, huge and non-finite numbers. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  withInjection(fc.domain()),
  withInjection(upn),
  withInjection(localAccount),
  garbage,
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 1e300, 2 ** 53, -1, 0, 199, 8193, 65536, 110, [], {}, null, ''),
  fc.constantFrom('windowed', 'fullscreen', 'local', 'remote', 'none', 'web-account', 'password', '*', '3389', true),
);

const PATHS = [
  ['host'],
  ['port'],
  ['auth'],
  ['username'],
  ['entraRegisteredClient'],
  ['display'],
  ...['screenMode', 'width', 'height', 'multiMonitor', 'selectedMonitors', 'dynamicResolution', 'smartSizing', 'scaleFactor'].map(
    (key) => ['display', key],
  ),
  ['display', 'selectedMonitors', '0'],
  ['redirections'],
  ...['clipboard', 'drives', 'printers', 'devices', 'smartCards', 'audioCapture', 'audioPlayback', 'webAuthn', 'comPorts', 'camera'].map(
    (key) => ['redirections', key],
  ),
];

/** A copy of `value` with `path` set to `replacement` (creating objects on the way). */
function withValueAt(value: Record<string, unknown>, path: readonly string[], replacement: unknown): Record<string, unknown> {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  const child = value[key];
  const next =
    rest.length === 0
      ? replacement
      : withValueAt(typeof child === 'object' && child !== null ? { ...(child as Record<string, unknown>) } : {}, rest, replacement);
  return { ...value, [key]: next };
}

const mutatedSettings = fc
  .tuple(plausibleSettings, fc.array(fc.tuple(fc.constantFrom(...PATHS), hostile), { minLength: 1, maxLength: 3 }))
  .map(([settings, edits]) =>
    edits.reduce<Record<string, unknown>>((acc, [path, value]) => withValueAt(acc, path, value), settings),
  );

const settingsInput: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 10, arbitrary: plausibleSettings },
  { weight: 10, arbitrary: mutatedSettings },
  { weight: 1, arbitrary: fc.anything() },
);

/**
 * The oracle: the lines the settings should produce, written from the spec (facts §1.3 and the task), not from the
 * writer's code.
 */
function intendedLines(s: RdpSettings): string[] {
  const web = s.auth === 'web-account';
  const host = s.host.includes(':') ? `[${s.host}]` : s.host;
  const bit = (b: boolean): string => (b ? '1' : '0');
  const all = (b: boolean): string => (b ? '*' : '');
  const user =
    s.username !== undefined && !web && s.entraRegisteredClient && s.username.includes('@') && !s.username.includes('\\')
      ? `AzureAD\\${s.username}`
      : s.username;
  const d = s.display;
  const r = s.redirections;
  return [
    `full address:s:${s.port === undefined ? host : `${host}:${s.port}`}`,
    ...(user === undefined ? [] : [`username:s:${user}`]),
    'domain:s:',
    `enablerdsaadauth:i:${bit(web)}`,
    'enablecredsspsupport:i:1',
    'authentication level:i:2',
    `prompt for credentials:i:${bit(!web)}`,
    `screen mode id:i:${d.screenMode === 'fullscreen' ? 2 : 1}`,
    ...(d.width === undefined ? [] : [`desktopwidth:i:${d.width}`, `desktopheight:i:${d.height}`]),
    `use multimon:i:${bit(d.multiMonitor)}`,
    ...(d.selectedMonitors === undefined ? [] : [`selectedmonitors:s:${d.selectedMonitors.join(',')}`]),
    `dynamic resolution:i:${bit(d.dynamicResolution)}`,
    `smart sizing:i:${bit(d.smartSizing)}`,
    ...(d.scaleFactor === undefined ? [] : [`desktopscalefactor:i:${d.scaleFactor}`]),
    `redirectclipboard:i:${bit(r.clipboard)}`,
    `drivestoredirect:s:${all(r.drives)}`,
    `redirectprinters:i:${bit(r.printers)}`,
    `redirectcomports:i:${bit(r.comPorts)}`,
    `redirectsmartcards:i:${bit(r.smartCards)}`,
    `redirectwebauthn:i:${bit(r.webAuthn)}`,
    `audiocapturemode:i:${bit(r.audioCapture)}`,
    `audiomode:i:${{ local: 0, remote: 1, none: 2 }[r.audioPlayback]}`,
    `camerastoredirect:s:${all(r.camera)}`,
    `devicestoredirect:s:${all(r.devices)}`,
    `usbdevicestoredirect:s:${all(r.devices)}`,
    'keyboardhook:i:2',
    'autoreconnection enabled:i:1',
  ];
}

type Outcome = { kind: 'refused'; field: string } | { kind: 'written'; text: string };

function tryBuild(input: unknown): Outcome {
  try {
    return { kind: 'written', text: buildRdpText(input as RdpSettingsInput) };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'RDP_INVALID_VALUE') throw error;
    return { kind: 'refused', field: String(error.details?.field) };
  }
}

describe('buildRdpText for any input (fast-check)', () => {
  it(`either refuses with a named field or round-trips exactly (${RUNS} runs)`, () => {
    let written = 0;
    fc.assert(
      fc.property(settingsInput, (input) => {
        const outcome = tryBuild(input);
        if (outcome.kind === 'refused') {
          expect(FIELDS).toContain(outcome.field);
          return;
        }
        written++;
        // Independent of the oracle: nothing but printable ASCII, whatever a client counts as a line end.
        for (const line of outcome.text.split('\r\n').slice(0, -1)) expect(line).toMatch(/^[a-z ]+:[si]:[\x20-\x7e]*$/);
        const intended = intendedLines(rdpSettingsSchema.parse(input));
        for (const encoding of ENCODINGS) {
          const back = parseRdpText(decodeRdpFile(encodeRdpFile(outcome.text, encoding)));
          expect(back.malformed).toEqual([]);
          expect(back.properties.map((p) => `${p.name}:${p.type}:${p.value}`)).toEqual(intended);
        }
      }),
      { numRuns: RUNS },
    );
    // Guard against a generator that only ever produces refusals.
    expect(written).toBeGreaterThan(RUNS / 5);
  }, 120_000);

  it(`refuses any line break or control character in host or username, naming that field (${RUNS} runs)`, () => {
    const base = fc.record({
      host: fc.oneof(fc.domain(), fc.constantFrom('localhost', 'vm01')),
      username: fc.emailAddress(),
      auth: fc.constantFrom('web-account', 'password'),
    });
    fc.assert(
      fc.property(base, fc.constantFrom('host', 'username'), nastyChar, payload, fc.nat(), (settings, field, char, extra, at) => {
        const value = settings[field];
        const position = at % (value.length + 1);
        const poisoned = { ...settings, [field]: `${value.slice(0, position)}${char}${extra}${value.slice(position)}` };
        expect(tryBuild(poisoned)).toEqual({ kind: 'refused', field });
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it(`imports what it writes without dropping anything (${RUNS / 10} runs)`, () => {
    fc.assert(
      fc.property(settingsInput, (input) => {
        const outcome = tryBuild(input);
        if (outcome.kind === 'refused') return;
        const settings = rdpSettingsSchema.parse(input);
        const anyShared =
          Object.entries(settings.redirections).some(([key, on]) => key !== 'audioPlayback' && on === true) ||
          settings.redirections.audioPlayback === 'local';
        const { dropped } = importRdpFile(encodeRdpFile(outcome.text));
        // Only redirections turned on may be held back (they need the user's consent again).
        expect(dropped.every((d) => d.reason === 'needs-consent')).toBe(true);
        expect(dropped.length > 0).toBe(anyShared);
      }),
      { numRuns: RUNS / 10 },
    );
  }, 120_000);
});
