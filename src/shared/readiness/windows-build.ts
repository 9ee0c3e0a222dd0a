import type { WindowsBuild } from './input';

/**
 * Parses a Windows version string into a build: `10.0.22631` (os.release()), `10.0.20348.2461` (Arc osVersion),
 * `Microsoft Windows NT 10.0.14393.0` (VM instance view). `ubr` (registry UBR, e.g. `0x842`) wins over the
 * string's revision. A revision of 0 is treated as unknown: the VM agent reports `.0` whatever the patch level.
 */
export function parseWindowsBuild(text: string, ubr?: string | number | null): WindowsBuild | null {
  const match = /(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!match) return null;
  const [, major, minor, build, revision] = match;
  const fromString = revision === undefined ? null : Number(revision);
  const fromRegistry = ubr === undefined || ubr === null ? null : parseUbr(ubr);
  const effective = fromRegistry ?? fromString;
  return {
    major: Number(major),
    minor: Number(minor),
    build: Number(build),
    ubr: effective === null || effective === 0 ? null : effective,
  };
}

/** Reads an update build revision as `reg query` prints it (`0x842`) or as a decimal; null when it is neither. */
export function parseUbr(value: string | number): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : null;
  const text = value.trim();
  if (/^0x[0-9a-f]+$/i.test(text)) return Number.parseInt(text.slice(2), 16);
  if (/^\d+$/.test(text)) return Number(text);
  return null;
}

/** `10.0.22631.2861`, or `10.0.22631` when the revision is unknown. */
export function formatWindowsBuild(build: WindowsBuild): string {
  const base = `${build.major}.${build.minor}.${build.build}`;
  return build.ubr === null ? base : `${base}.${build.ubr}`;
}

const releaseNames: ReadonlyMap<number, string> = new Map([
  [10240, 'Windows 10 1507'],
  [10586, 'Windows 10 1511'],
  [14393, 'Windows 10 1607 / Windows Server 2016'],
  [15063, 'Windows 10 1703'],
  [16299, 'Windows 10 1709'],
  [17134, 'Windows 10 1803'],
  [17763, 'Windows 10 1809 / Windows Server 2019'],
  [18362, 'Windows 10 1903'],
  [18363, 'Windows 10 1909'],
  [19041, 'Windows 10 2004'],
  [19042, 'Windows 10 20H2'],
  [19043, 'Windows 10 21H1'],
  [19044, 'Windows 10 21H2'],
  [19045, 'Windows 10 22H2'],
  [20348, 'Windows Server 2022'],
  [22000, 'Windows 11 21H2'],
  [22621, 'Windows 11 22H2'],
  [22631, 'Windows 11 23H2'],
  [26100, 'Windows 11 24H2 / Windows Server 2025'],
  [26200, 'Windows 11 25H2'],
]);

/** The release a build number belongs to, e.g. 22631 → "Windows 11 23H2"; null for builds not in the table. */
export function describeWindowsBuild(build: number): string | null {
  return releaseNames.get(build) ?? null;
}

interface PasswordlessRequirement {
  readonly product: string;
  readonly update: string;
  readonly minUbr: number;
}

const windows10Requirement = (product: string): PasswordlessRequirement => ({
  product,
  update: '2022-10 Cumulative Update for Windows 10 (KB5018410)',
  minUbr: 2130,
});

/**
 * The October 2022 cumulative updates the seed requires for passwordless (web account) sign-in, by build:
 * minimum revisions from the CVE-2022-41033 affected-version data (facts §2.4).
 */
const passwordlessRequirements: ReadonlyMap<number, PasswordlessRequirement> = new Map([
  [19042, windows10Requirement('Windows 10 20H2')],
  [19043, windows10Requirement('Windows 10 21H1')],
  [19044, windows10Requirement('Windows 10 21H2')],
  [19045, windows10Requirement('Windows 10 22H2')],
  [
    20348,
    { product: 'Windows Server 2022', update: '2022-10 Cumulative Update for Microsoft server operating system (KB5018421)', minUbr: 1129 },
  ],
  [22000, { product: 'Windows 11 21H2', update: '2022-10 Cumulative Update for Windows 11 (KB5018418)', minUbr: 1098 }],
  [22621, { product: 'Windows 11 22H2', update: '2022-10 Cumulative Update for Windows 11 (KB5018418)', minUbr: 674 }],
]);

/** Builds released after October 2022 contain the update from the start (Windows 11 23H2 and later). */
const firstBuildWithUpdateBuiltIn = 22631;
/** Windows 10 20H2: older releases never received the 2022-10 update. */
const firstBuildThatCanBeUpdated = 19042;

/** Whether a Windows build can use web account (passwordless) sign-in, and what to install when it can't yet. */
export type PasswordlessUpdateCheck =
  | { status: 'meets' }
  | { status: 'needs-update'; product: string; update: string; minimum: string }
  | { status: 'never'; reason: string }
  | { status: 'unknown'; reason: string };

/** Checks a build + UBR against the seed's passwordless requirements (Windows 11, Windows 10 20H2+, Server 2022). */
export function checkPasswordlessUpdate(build: number, ubr: number | null): PasswordlessUpdateCheck {
  if (build >= firstBuildWithUpdateBuiltIn) return { status: 'meets' };
  const requirement = passwordlessRequirements.get(build);
  if (requirement) {
    const minimum = `10.0.${build}.${requirement.minUbr}`;
    if (ubr === null) return { status: 'unknown', reason: `update level of build ${build} unknown (needs ${minimum} or later)` };
    if (ubr >= requirement.minUbr) return { status: 'meets' };
    return { status: 'needs-update', product: requirement.product, update: requirement.update, minimum };
  }
  if (build < firstBuildThatCanBeUpdated) {
    const name = describeWindowsBuild(build) ?? `build ${build}`;
    return { status: 'never', reason: `${name} is older than Windows 10 20H2 and has no 2022-10 update` };
  }
  return { status: 'unknown', reason: `build ${build} is not a release the requirements list` };
}

/** True/false when the build + UBR does/doesn't have the 2022-10 update; null when that can't be told. */
export function meetsPasswordlessUpdate(build: number, ubr: number | null): boolean | null {
  const check = checkPasswordlessUpdate(build, ubr);
  switch (check.status) {
    case 'meets':
      return true;
    case 'needs-update':
    case 'never':
      return false;
    case 'unknown':
      return null;
  }
}
