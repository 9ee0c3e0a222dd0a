import { describe, expect, it } from 'vitest';

import { extractErrorCodes, normaliseErrorCode, toSignedDecimal } from '../../../../src/shared/readiness/error-codes';

describe('normaliseErrorCode', () => {
  it('maps every form of DSREG_E_MSI_TENANTID_UNAVAILABLE to one canonical code', () => {
    for (const form of ['-2145648574', '0x801C0042', '0x801c0042', '801c0042', '801C0042', '2149318722', 'DSREG_E_MSI_TENANTID_UNAVAILABLE', 'dsreg_e_msi_tenantid_unavailable', "'-2145648574'."]) {
      expect(normaliseErrorCode(form), form).toBe('0x801C0042');
    }
  });

  it('maps every form of DSREG_AUTOJOIN_DISC_FAILED to one canonical code', () => {
    for (const form of ['-2145648607', '0x801C0021', '801c0021', '2149318689', 'DSREG_AUTOJOIN_DISC_FAILED']) {
      expect(normaliseErrorCode(form), form).toBe('0x801C0021');
    }
  });

  it('computes the two\'s complement, so the brief\'s guess 0x80180042 is a different code', () => {
    expect((-2145648574 >>> 0).toString(16)).toBe('801c0042');
    expect((-2145648607 >>> 0).toString(16)).toBe('801c0021');
    expect(normaliseErrorCode('0x80180042')).toBe('0x80180042');
    expect(normaliseErrorCode('0x80180042')).not.toBe(normaliseErrorCode('-2145648574'));
    expect(toSignedDecimal('0x801C0042')).toBe(-2145648574);
    expect(toSignedDecimal('0x801C0021')).toBe(-2145648607);
    expect(toSignedDecimal('1007')).toBeNull();
  });

  it('keeps small codes decimal and normalises AADSTS codes', () => {
    expect(normaliseErrorCode('1007')).toBe('1007');
    expect(normaliseErrorCode('51')).toBe('51');
    expect(normaliseErrorCode('0x33')).toBe('51');
    expect(normaliseErrorCode('aadsts293004')).toBe('AADSTS293004');
    expect(normaliseErrorCode('AADSTS 293004')).toBe('AADSTS293004');
    expect(normaliseErrorCode('DSREG_SOMETHING_NEW')).toBe('DSREG_SOMETHING_NEW');
  });

  it('returns null for non-codes', () => {
    for (const token of ['', 'hello', '12.5', '-99999999999', '0xZZ', 'AADSTS']) expect(normaliseErrorCode(token), token).toBeNull();
  });
});

describe('extractErrorCodes', () => {
  it('reads the codes of an extension status message', () => {
    const text = "AADLoginForWindows failed with terminal error code '1007'. Exit code: -2145648574 (DSREG_E_MSI_TENANTID_UNAVAILABLE).";
    expect(extractErrorCodes(text).map((c) => c.canonical)).toEqual(['1007', '0x801C0042']);
  });

  it('reads short codes only next to a word that says "code"', () => {
    expect(extractErrorCodes('Exit code: 51. Not supported.').map((c) => c.canonical)).toEqual(['51']);
    expect(extractErrorCodes('ProvisioningState/failed/51').map((c) => c.canonical)).toEqual(['51']);
    expect(extractErrorCodes('51').map((c) => c.canonical)).toEqual(['51']);
    expect(extractErrorCodes('at 10:51 there were 51 of them, 1007 in total')).toEqual([]);
  });

  it('ignores GUID parts, dates and epoch seconds', () => {
    expect(extractErrorCodes('tenant 801c0042-01a1-4b80-9e61-6877d1114bad on 20240101 at 1717236000')).toEqual([]);
  });
});
