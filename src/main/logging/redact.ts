/**
 * Removes secrets from anything about to be logged. Logs are read by helpdesks and attached to tickets, so a token,
 * password or session secret must never reach them, whatever a caller passes in. Two layers: keys that name a secret
 * have their value replaced whatever it is; strings are scrubbed for token shapes wherever they appear.
 */

export const REDACTED = '[redacted]';

/**
 * Keys whose values are secrets, in any casing and with any separators (`access_token`, `refreshToken`, `Authorization`).
 * `code` is deliberately not one: error payloads carry their stable code under that key; OAuth codes travel in URLs,
 * which the string rules scrub.
 */
const SECRET_KEY =
  /(?:^|[^a-z])(?:access|refresh|id|session|bearer|auth)?(?:token|secret|password|passwd|pwd|authorization|cookie|credential|assertion|verifier|private ?key|api ?key|session)s?$|^(?:sig|signature)$/i;

/** Normalises `refreshToken` / `client-secret` to spaced lower case so one pattern covers every spelling. */
function normaliseKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
}

/** True when a property name holds a secret. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(normaliseKey(key));
}

const STRING_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // JWTs (access and id tokens): three base64url parts, the first always starting with eyJ ('{"').
  [/eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g, '[redacted token]'],
  [/\b(Bearer|Basic)\s+[\w.~+/=-]{8,}/gi, '$1 [redacted]'],
  // Secrets in query strings, form bodies and JSON-ish text.
  [
    /\b(access_token|refresh_token|id_token|client_secret|client_assertion|code_verifier|code|password|session|sig|token)(=|":\s*"|':\s*')([^&\s"',;]+)/gi,
    `$1$2${REDACTED}`,
  ],
  // MSAL refresh tokens and other opaque secrets that start with a recognisable prefix.
  [/\b(rt|at)-[0-9a-f]{8}-[0-9a-f-]{27,}\b/gi, '[redacted token]'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, '[redacted private key]'],
];

const MAX_STRING = 4000;
const MAX_DEPTH = 6;
const MAX_ITEMS = 50;

/** Scrubs token shapes out of a string and caps its length. */
export function redactString(text: string): string {
  let result = text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}… (${text.length - MAX_STRING} more characters)` : text;
  for (const [pattern, replacement] of STRING_RULES) result = result.replace(pattern, replacement);
  return result;
}

/**
 * A log-safe deep copy: secret keys replaced, strings scrubbed, errors flattened to name/message/stack/code,
 * cycles, depth and long lists cut. Never throws.
 */
export function redactSecrets(value: unknown): unknown {
  return visit(value, 0, new WeakSet());
}

function visit(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' || typeof value === 'symbol' ? `[${typeof value}]` : value;
  }
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  seen.add(value);
  if (value instanceof Error) {
    const flat: Record<string, unknown> = { name: value.name, message: redactString(value.message) };
    if (value.stack) flat.stack = redactString(value.stack);
    const code = (value as { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') flat.code = code;
    if (value.cause !== undefined) flat.cause = visit(value.cause, depth + 1, seen);
    return flat;
  }
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item) => visit(item, depth + 1, seen));
    if (value.length > MAX_ITEMS) items.push(`… ${value.length - MAX_ITEMS} more`);
    return items;
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = isSecretKey(key) && item !== null && item !== undefined && item !== '' ? REDACTED : visit(item, depth + 1, seen);
  }
  return result;
}
