import type { ClientJoinState, JoinType } from './input';

/** A field as it appeared: section header (lower-case, '' before the first header) and raw value. */
interface RawField {
  readonly section: string;
  readonly value: string;
}

const boxLine = /^\s*\+[-=+\s]*\+?\s*$/;
const headerLine = /^\s*\|\s*(.*?)\s*\|\s*$/;

/** Field names compared without case or spaces: `Device Name` and `DeviceName` are the same key. */
function keyOf(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

/**
 * Splits one line into name and value at the first ` : ` (values hold URLs and timestamps with colons);
 * a line ending in ` :` is a field with an empty value.
 */
function splitField(line: string): { name: string; value: string } | null {
  const at = line.indexOf(' : ');
  let name: string;
  let value: string;
  if (at >= 0) {
    name = line.slice(0, at);
    value = line.slice(at + 3);
  } else if (/\s:\s*$/.test(line)) {
    name = line.replace(/\s:\s*$/, '');
    value = '';
  } else {
    return null;
  }
  name = name.trim();
  if (!/^[A-Za-z][A-Za-z0-9 ._()-]*$/.test(name)) return null;
  return { name, value: value.trim() };
}

function collectFields(text: string): Map<string, RawField[]> {
  const fields = new Map<string, RawField[]>();
  let section = '';
  // A cut-off last line is kept: trimmed pastes end without a newline. Values are validated (YES/NO, GUIDs) instead.
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    if (rawLine.trim() === '' || boxLine.test(rawLine)) continue;
    const header = headerLine.exec(rawLine);
    if (header) {
      section = (header[1] ?? '').toLowerCase();
      continue;
    }
    const field = splitField(rawLine);
    if (!field) continue;
    const key = keyOf(field.name);
    const list = fields.get(key) ?? [];
    list.push({ section, value: field.value });
    fields.set(key, list);
  }
  return fields;
}

/** YES/NO → boolean; anything else (UNKNOWN, NOT SET, error text) → null: never guessed. */
function yesNo(value: string | null): boolean | null {
  if (value === null) return null;
  const v = value.trim().toUpperCase();
  if (v === 'YES') return true;
  if (v === 'NO') return false;
  return null;
}

function nonEmpty(value: string | null): string | null {
  if (value === null) return null;
  const v = value.trim();
  return v === '' || /^(not set|unknown|n\/a)$/i.test(v) ? null : v;
}

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Tenant ids are GUIDs; anything else (a cut-off value, an error text) is not a tenant id. */
function tenantIdOf(value: string | null): string | null {
  const v = nonEmpty(value);
  return v !== null && guidPattern.test(v) ? v.toLowerCase() : null;
}

function deriveJoinType(s: {
  azureAdJoined: boolean | null;
  domainJoined: boolean | null;
  enterpriseJoined: boolean | null;
  workplaceJoined: boolean | null;
}): JoinType {
  if (s.azureAdJoined === true) {
    if (s.domainJoined === true) return 'hybrid-joined';
    if (s.domainJoined === false) return 'entra-joined';
    return 'unknown';
  }
  if (s.azureAdJoined === null) return 'unknown';
  // Not Entra joined: registration lives in User State, so without it we cannot rule "registered" out.
  if (s.workplaceJoined === true) return 'registered';
  if (s.workplaceJoined === null) return 'unknown';
  if (s.domainJoined === true) return 'domain-joined';
  if (s.domainJoined === false && s.enterpriseJoined !== true) return 'none';
  return 'unknown';
}

/**
 * Parses `dsregcmd /status` output (facts §2.1–2.3): box lines stripped, sections tracked by header, `Name : value`
 * split on the first ` : `, keys compared without case or spaces, CRLF tolerated, unknown lines ignored, missing or
 * truncated sections tolerated. Output without any Device State field is `unparseable`, never "not joined".
 */
export function parseDsregcmdStatus(text: string): ClientJoinState | { kind: 'unparseable'; reason: string } {
  const fields = collectFields(text);

  /** First value of a field, preferring the given section, then anywhere (headers may be missing). */
  const get = (name: string, section?: string): string | null => {
    const list = fields.get(keyOf(name));
    if (!list || list.length === 0) return null;
    const inSection = section === undefined ? undefined : list.find((f) => f.section === section);
    return (inSection ?? list[0])?.value ?? null;
  };
  const all = (name: string): string[] =>
    (fields.get(keyOf(name)) ?? []).map((f) => f.value.trim()).filter((v) => v !== '');

  const azureAdJoined = yesNo(get('AzureAdJoined', 'device state'));
  const domainJoined = yesNo(get('DomainJoined', 'device state'));
  const enterpriseJoined = yesNo(get('EnterpriseJoined', 'device state'));
  if (azureAdJoined === null && domainJoined === null && enterpriseJoined === null) {
    return {
      kind: 'unparseable',
      reason: 'no Device State fields (AzureAdJoined, DomainJoined, EnterpriseJoined) with a YES/NO value',
    };
  }
  const workplaceJoined = yesNo(get('WorkplaceJoined', 'user state'));

  return {
    kind: 'parsed',
    joinType: deriveJoinType({ azureAdJoined, domainJoined, enterpriseJoined, workplaceJoined }),
    azureAdJoined,
    domainJoined,
    enterpriseJoined,
    workplaceJoined,
    tenantId: tenantIdOf(get('TenantId', 'tenant details')),
    tenantName: nonEmpty(get('TenantName', 'tenant details')),
    azureAdPrt: yesNo(get('AzureAdPrt', 'sso state')),
    deviceName: nonEmpty(get('Device Name', 'device state')),
    domainName: nonEmpty(get('DomainName', 'device state')),
    workplaceTenantIds: [...new Set(all('WorkplaceTenantId').map(tenantIdOf).filter((v): v is string => v !== null))],
    workplaceTenantNames: [...new Set(all('WorkplaceTenantName'))],
    deviceAuthStatus: nonEmpty(get('DeviceAuthStatus', 'device details')),
  };
}
