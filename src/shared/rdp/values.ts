/**
 * Value grammars for the .rdp writer and importer: host names, IP literals, addresses, user names.
 *
 * Everything here is ASCII-only on purpose. A value that passes these checks cannot carry a line break, a
 * control character or a look-alike Unicode character, so it cannot add a line to the file (FreeRDP splits lines
 * on any CR or LF; see shared/reference/rdp-real-client.md §3) nor spoof what a security dialog shows.
 */

/**
 * Characters that must never appear in a value: C0/C1 controls, DEL, Unicode line/paragraph separators, BOM,
 * zero-width and bidirectional formatting characters. Used to give a precise message; the grammars below are
 * stricter still.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the purpose of this pattern
const FORBIDDEN_CHAR = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/** A single DNS label: letters, digits and inner hyphens, 1–63 characters (RFC 1123 LDH rule). */
const DNS_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** One IPv4 octet without leading zeros: `010` would be octal to `strtol(…, 0)`, as FreeRDP reads numbers. */
const IPV4_OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const IPV4 = new RegExp(`^${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}$`);
const IPV6_GROUP = /^[0-9A-Fa-f]{1,4}$/;

/** Entra ID allows these characters in the user part of a UPN: letters, digits and ' . - _ ! # ^ ~. */
const UPN_LOCAL = /^[A-Za-z0-9'._!#^~-]{1,64}$/;

/**
 * A local Windows account (`name` or `.\name`), for password sign-in with a machine's own account: SAM names are
 * at most 20 characters; we accept the conservative subset letters, digits, `.`, `_`, `-`, not starting with `.`.
 */
const LOCAL_ACCOUNT = /^(?:\.\\)?[A-Za-z0-9_-][A-Za-z0-9._-]{0,19}$/;

const AZUREAD_PREFIX = /^AzureAD\\/i;

/** True when the string holds a character no .rdp value may contain (line breaks, controls, invisible marks). */
export function hasForbiddenCharacter(value: string): boolean {
  return FORBIDDEN_CHAR.test(value) || hasLoneSurrogate(value);
}

/** True when the string contains a UTF-16 surrogate that is not part of a pair (cannot be encoded faithfully). */
export function hasLoneSurrogate(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return true;
    }
  }
  return false;
}

/**
 * True for a DNS host name without a trailing dot: labels of 1–63 LDH characters, at most 253 characters in total,
 * and a last label that is not all digits (so `10.0.0.4` or `3389` can never pass as a name).
 */
export function isDnsHostname(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  const labels = value.split('.');
  if (!labels.every((label) => DNS_LABEL.test(label))) return false;
  const last = labels[labels.length - 1] ?? '';
  return !/^[0-9]+$/.test(last);
}

/** True for a dotted-decimal IPv4 address (four octets, no leading zeros). */
export function isIPv4(value: string): boolean {
  return IPV4.test(value);
}

/** True for a textual IPv6 address (RFC 4291 §2.2, including `::` and an embedded IPv4 tail); no zone id. */
export function isIPv6(value: string): boolean {
  if (value.length < 2 || value.length > 45 || !/^[0-9A-Fa-f:.]+$/.test(value)) return false;
  const gap = value.indexOf('::');
  const hasGap = gap !== -1;
  if (hasGap && value.indexOf('::', gap + 1) !== -1) return false;
  const head = hasGap ? value.slice(0, gap) : value;
  const tail = hasGap ? value.slice(gap + 2) : '';
  const groups = [...(head === '' ? [] : head.split(':')), ...(tail === '' ? [] : tail.split(':'))];
  let count = 0;
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i] ?? '';
    if (group.includes('.')) {
      // An IPv4 tail is only valid as the very last part of the address.
      if (i !== groups.length - 1 || value.endsWith(':') || !isIPv4(group)) return false;
      count += 2;
    } else if (IPV6_GROUP.test(group)) {
      count += 1;
    } else {
      return false;
    }
  }
  return hasGap ? count <= 7 : count === 8;
}

/** True for an IPv4 or IPv6 literal. */
export function isIpAddress(value: string): boolean {
  return isIPv4(value) || isIPv6(value);
}

/** What kind of target a host string is, or `invalid`. */
export type HostKind = 'hostname' | 'ipv4' | 'ipv6' | 'invalid';

/** Classifies a host value; IP literals are recognised before names. */
export function classifyHost(value: string): HostKind {
  if (isIPv4(value)) return 'ipv4';
  if (isIPv6(value)) return 'ipv6';
  if (isDnsHostname(value)) return 'hostname';
  return 'invalid';
}

/** True for a TCP port 1–65535. */
export function isPort(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}

/**
 * Formats the `full address` value: `host`, `host:port`, `[v6]` or `[v6]:port`. The caller has validated both parts.
 */
export function formatFullAddress(host: string, port?: number): string {
  const shownHost = isIPv6(host) ? `[${host}]` : host;
  return port === undefined ? shownHost : `${shownHost}:${port}`;
}

/**
 * Parses a `full address` value into host and optional port, or returns null when it is not a valid address.
 *
 * Ports must be plain decimal without leading zeros: FreeRDP reads them with `strtoll(…, 0)`, so `03389` would be
 * octal and `3389junk` would silently connect to 3389 (rdp-real-client.md §2).
 */
export function parseFullAddress(value: string): { host: string; port?: number } | null {
  let host: string;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(value);
  if (bracketed) {
    host = bracketed[1] ?? '';
    portText = bracketed[2];
    if (!isIPv6(host)) return null;
  } else {
    const colons = value.split(':').length - 1;
    if (colons === 0) {
      host = value;
    } else if (colons === 1) {
      const at = value.indexOf(':');
      host = value.slice(0, at);
      portText = value.slice(at + 1);
    } else {
      host = value;
      if (!isIPv6(host)) return null;
    }
    if (classifyHost(host) === 'invalid') return null;
  }
  if (portText === undefined) return { host };
  if (!/^[1-9][0-9]{0,4}$/.test(portText)) return null;
  const port = Number(portText);
  return isPort(port) ? { host, port } : null;
}

/** True for a user principal name `user@domain` as Entra ID accepts it (ASCII, domain with at least two labels). */
export function isUpn(value: string): boolean {
  const at = value.indexOf('@');
  if (at <= 0 || at !== value.lastIndexOf('@')) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (!UPN_LOCAL.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  return isDnsHostname(domain) && domain.includes('.');
}

/**
 * The forms of user name the writer accepts:
 * `upn` = `user@domain`; `azuread-upn` = `AzureAD\user@domain` (password sign-in from an Entra-registered client,
 * per the seed); `local` = a machine's own account `name` or `.\name` (password sign-in only).
 */
export type UsernameKind = 'upn' | 'azuread-upn' | 'local';

/** Classifies a user name, or returns null when it matches none of the accepted forms. */
export function classifyUsername(value: string): UsernameKind | null {
  if (isUpn(value)) return 'upn';
  if (AZUREAD_PREFIX.test(value) && isUpn(value.slice('AzureAD\\'.length))) return 'azuread-upn';
  if (LOCAL_ACCOUNT.test(value)) return 'local';
  return null;
}
