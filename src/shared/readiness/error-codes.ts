/**
 * Error codes in the forms users meet them: decimal (1007, 51), negative decimal (-2145648574), unsigned decimal
 * (2149318722), hex with or without 0x (0x801C0042, 801c0042), symbolic (DSREG_E_MSI_TENANTID_UNAVAILABLE) and
 * AADSTS codes. All map to one canonical form: HRESULTs (high bit set) as `0x` + 8 upper-case hex digits, small
 * codes as plain decimal, AADSTS as `AADSTS<n>`, unknown DSREG symbols upper-cased.
 */

/** Symbols the seed names, with their HRESULT (two's complement of the exit codes it gives). */
const symbols: ReadonlyMap<string, string> = new Map([
  ['DSREG_E_MSI_TENANTID_UNAVAILABLE', '0x801C0042'],
  ['DSREG_AUTOJOIN_DISC_FAILED', '0x801C0021'],
]);

/** Canonical form of a 32-bit value: HRESULT-style hex when the high bit is set, else decimal. */
function canonicalOfNumber(value: number): string {
  if (value >= 0x80000000) return `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;
  return String(value);
}

/**
 * Maps one code token to its canonical form; null when the token is not a code.
 *
 * @example normaliseErrorCode('-2145648574') === '0x801C0042'; normaliseErrorCode('80180042') === '0x80180042'
 */
export function normaliseErrorCode(token: string): string | null {
  const t = token.trim().replace(/^['"“”‘’([]+|['"“”‘’)\].,;:!?]+$/g, '');
  if (t === '') return null;
  const aadsts = /^aadsts\s*-?\s*(\d{4,7})$/i.exec(t);
  if (aadsts) return `AADSTS${aadsts[1] ?? ''}`;
  if (/^dsreg_[a-z0-9_]+$/i.test(t)) {
    const upper = t.toUpperCase();
    return symbols.get(upper) ?? upper;
  }
  if (/^0x[0-9a-f]{1,8}$/i.test(t)) return canonicalOfNumber(Number.parseInt(t.slice(2), 16));
  if (/^-\d{1,10}$/.test(t)) {
    const n = Number(t);
    return n >= -0x80000000 ? canonicalOfNumber(n >>> 0) : null;
  }
  // Eight digits starting with 8: an HRESULT written without 0x (failure codes have the high bit set).
  if (/^8[0-9a-f]{7}$/i.test(t) || (/^[0-9a-f]{8}$/i.test(t) && /[a-f]/i.test(t))) {
    return canonicalOfNumber(Number.parseInt(t, 16));
  }
  if (/^\d{1,10}$/.test(t)) {
    const n = Number(t);
    return n <= 0xffffffff ? canonicalOfNumber(n) : null;
  }
  return null;
}

/** The signed 32-bit decimal of a canonical HRESULT (`0x801C0042` → -2145648574); null for other forms. */
export function toSignedDecimal(canonical: string): number | null {
  if (!/^0x[0-9A-F]{8}$/.test(canonical)) return null;
  return Number.parseInt(canonical.slice(2), 16) | 0;
}

/** One code found in free text. */
export interface FoundCode {
  readonly raw: string;
  readonly canonical: string;
}

/** Patterns that are codes wherever they appear. GUID parts are excluded by the `-` look-arounds. */
const anywherePatterns: readonly RegExp[] = [
  /\baadsts\s*-?\s*\d{4,7}\b/gi,
  /\bdsreg_[a-z0-9_]+\b/gi,
  /(?<![\w-])0x[0-9a-f]{1,8}(?![\w-])/gi,
  /(?<![\w.-])-\d{6,10}(?![\w.-])/g,
  /(?<![\w.-])[0-9a-f]{8}(?![\w.-])/gi,
  // Unsigned HRESULTs in decimal (≥ 2^31) – ten digits; epoch seconds stay below 2^31 until 2038.
  /(?<![\w.-])\d{10}(?![\w.-])/g,
];

/** Short decimal codes only count next to a word that says "code" (a bare 51 may be a time or a count). */
const contextPatterns: readonly RegExp[] = [
  /\b(?:exit|error|status|terminal error|return)\s*code\s*(?:is|was|of)?\s*[:=#]?\s*['"“‘]?(-?\d{1,10})/gi,
  /\bfailed\/(-?\d{1,10})\b/gi,
  /\b(?:error|code)\s+['"“‘]?(\d{2,4})\b/gi,
];

/**
 * Finds error codes in text (an extension status message, a pasted error), canonicalised and de-duplicated, in order.
 * A text that is only a number counts as a code.
 */
export function extractErrorCodes(text: string): FoundCode[] {
  const found: FoundCode[] = [];
  const seen = new Set<string>();
  const add = (raw: string): void => {
    const canonical = normaliseErrorCode(raw);
    if (canonical === null) return;
    if (seen.has(canonical)) return;
    seen.add(canonical);
    found.push({ raw: raw.trim(), canonical });
  };
  const whole = text.trim();
  if (/^-?(0x)?[0-9a-f]{1,10}$/i.test(whole)) add(whole);
  for (const pattern of contextPatterns) {
    for (const m of text.matchAll(pattern)) if (m[1] !== undefined) add(m[1]);
  }
  for (const pattern of anywherePatterns) {
    for (const m of text.matchAll(pattern)) {
      const raw = m[0];
      if (/^\d{10}$/.test(raw) && Number(raw) < 0x80000000) continue;
      if (/^[0-9a-f]{8}$/i.test(raw) && !/^8/i.test(raw) && !/[a-f]/i.test(raw)) continue;
      add(raw);
    }
  }
  return found;
}

/** True for HRESULTs of the device registration facility (0x801Cxxxx): dsregcmd / AADLoginForWindows join errors. */
export function isDeviceRegistrationCode(canonical: string): boolean {
  return /^0x801C[0-9A-F]{4}$/.test(canonical);
}
