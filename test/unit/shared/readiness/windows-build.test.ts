import { describe, expect, it } from 'vitest';

import {
  checkPasswordlessUpdate,
  describeWindowsBuild,
  formatWindowsBuild,
  meetsPasswordlessUpdate,
  parseUbr,
  parseWindowsBuild,
} from '../../../../src/shared/readiness/windows-build';

describe('parseWindowsBuild', () => {
  it('reads os.release() plus the registry UBR in hex', () => {
    expect(parseWindowsBuild('10.0.22631', '0x842')).toEqual({ major: 10, minor: 0, build: 22631, ubr: 2114 });
  });

  it('reads a four-part version and the VM agent form', () => {
    expect(parseWindowsBuild('10.0.20348.2461')).toEqual({ major: 10, minor: 0, build: 20348, ubr: 2461 });
    expect(parseWindowsBuild('Microsoft Windows NT 10.0.14393.0')).toEqual({ major: 10, minor: 0, build: 14393, ubr: null });
  });

  it('lets the registry UBR win and rejects text without a version', () => {
    expect(parseWindowsBuild('10.0.19045.100', 2130)?.ubr).toBe(2130);
    expect(parseWindowsBuild('Windows')).toBeNull();
  });

  it('formats with and without revision', () => {
    expect(formatWindowsBuild({ major: 10, minor: 0, build: 22631, ubr: 2861 })).toBe('10.0.22631.2861');
    expect(formatWindowsBuild({ major: 10, minor: 0, build: 22631, ubr: null })).toBe('10.0.22631');
  });

  it('parses UBR values', () => {
    expect(parseUbr('0x842')).toBe(2114);
    expect(parseUbr(' 2130 ')).toBe(2130);
    expect(parseUbr('n/a')).toBeNull();
    expect(parseUbr(-1)).toBeNull();
  });

  it('names releases', () => {
    expect(describeWindowsBuild(22631)).toBe('Windows 11 23H2');
    expect(describeWindowsBuild(12345)).toBeNull();
  });
});

describe('meetsPasswordlessUpdate (2022-10 cumulative updates, facts §2.4)', () => {
  it.each([
    [22000, 1098, true],
    [22000, 1097, false],
    [22621, 674, true],
    [22621, 673, false],
    [19042, 2130, true],
    [19043, 2129, false],
    [19044, 2130, true],
    [19045, 2129, false],
    [19045, 2130, true],
    [20348, 1129, true],
    [20348, 1128, false],
    [22631, null, true],
    [26100, 1, true],
    [17763, 6414, false],
    [19041, 9999, false],
    [22000, null, null],
    [21000, 5, null],
  ] as const)('build %i.%s → %s', (build, ubr, expected) => {
    expect(meetsPasswordlessUpdate(build, ubr)).toBe(expected);
  });

  it('names the update and the minimum build when one is missing', () => {
    expect(checkPasswordlessUpdate(20348, 1000)).toEqual({
      status: 'needs-update',
      product: 'Windows Server 2022',
      update: '2022-10 Cumulative Update for Microsoft server operating system (KB5018421)',
      minimum: '10.0.20348.1129',
    });
    expect(checkPasswordlessUpdate(22000, 1)).toMatchObject({ update: expect.stringContaining('KB5018418') as unknown });
    expect(checkPasswordlessUpdate(17763, 1)).toMatchObject({ status: 'never' });
  });
});
