import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { CatalogueId } from '../../../../src/shared/readiness/catalogue';
import { contentTokens, explainError, normaliseMessageText } from '../../../../src/shared/readiness/explain';

const top = (text: string): CatalogueId | undefined => explainError(text)[0]?.entry.id;
const ids = (text: string): CatalogueId[] => explainError(text).map((m) => m.entry.id);

describe('explainError: the seed\'s messages and paraphrases', () => {
  it.each([
    ['MSG_ACCOUNT_PREVENTED', 'Your account is configured to prevent you from using this device. For more info, contact your system administrator.'],
    ['MSG_ACCOUNT_PREVENTED', 'account configured to prevent me using this device'],
    ['MSG_ACCOUNT_PREVENTED', 'It says: your acount is configured to prevent you from useing this device??'],
    ['MSG_CREDENTIALS_DIDNT_WORK', "Your credentials didn't work"],
    ['MSG_CREDENTIALS_DIDNT_WORK', 'Your credentials didn’t work'],
    ['MSG_CREDENTIALS_DIDNT_WORK', 'it says my credentials did not work'],
    ['MSG_CREDENTIALS_DIDNT_WORK', 'CREDENTIALS DONT WORK!!'],
    ['MSG_SIGN_IN_METHOD_NOT_ALLOWED', "The sign-in method you're trying to use isn't allowed. Try a different sign-in method or contact your system administrator."],
    ['MSG_SIGN_IN_METHOD_NOT_ALLOWED', "the sign in method I'm trying to use is not allowed"],
    ['MSG_SIGN_IN_METHOD_NOT_ALLOWED', 'sign-in method not allowed, it wants me to try a different sign-in method'],
    ['MSG_VM_SIGN_IN_APP_MISSING', 'The Microsoft Azure Windows Virtual Machine Sign-in application is missing'],
    ['MSG_VM_SIGN_IN_APP_MISSING', "I can't find the Azure Windows VM Sign-In app in Conditional Access"],
    ['MSG_VM_SIGN_IN_APP_MISSING', 'app 372140e0-b3b7-4226-8ef9-d57986796201 is not in our tenant'],
    ['MSG_AADSTS293004', 'AADSTS293004: The target-device identifier in the request CONTOSO-WEB01 was not found in the tenant b6e3664e-3e80-4754-b516-bd00208b19a7.'],
    ['MSG_AADSTS293004', 'error aadsts 293004 when connecting'],
    ['MSG_AADSTS293004', 'target device identifier was not found in the tenant'],
    ['MSG_LOCK_SCREEN_DISCONNECTS', 'the remote session gets disconnected when I lock the screen'],
    ['MSG_LOCK_SCREEN_DISCONNECTS', "I can't unlock the lock screen of the remote session"],
    ['MSG_ALLOW_REMOTE_DESKTOP_PROMPT', 'Allow remote desktop connection?'],
    ['MSG_ALLOW_REMOTE_DESKTOP_PROMPT', 'why am I prompted to allow the remote desktop connection again'],
    ['MSG_ALLOW_REMOTE_DESKTOP_PROMPT', 'a prompt wants me to allow the remote desktop connection to this new PC'],
    ['CLIENT_SERVER_OS_CA_COMPLIANCE', 'require compliant device Conditional Access policy blocks me when connecting from a Windows Server device'],
    ['CLIENT_SERVER_OS_CA_COMPLIANCE', "Windows Server device compliance configuration in Conditional Access isn't supported"],
    ['EXTENSION_FAILED_UNSUPPORTED_OS', "This extension isn't supported on this operating system."],
    ['EXTENSION_FAILED_UNSUPPORTED_OS', 'the extension is not supported on this operating system'],
    ['EXTENSION_FAILED_DUPLICATE_DEVICE', 'Device name already exists'],
    ['EXTENSION_FAILED_DUPLICATE_DEVICE', 'join failed with a hostname duplication error'],
    ['EXTENSION_FAILED_1007_MSI', "the extension can't query the Microsoft Entra tenant information"],
    ['EXTENSION_FAILED_DISCOVERY', "Couldn't resolve host enterpriseregistration.windows.net"],
    ['GUEST_ACCOUNT', "guest accounts can't connect to Azure VMs"],
  ] as const)('%s ← %s', (expected, text) => {
    expect(top(text)).toBe(expected);
  });
});

describe('explainError: codes in every form', () => {
  it.each([
    ['1007', 'EXTENSION_FAILED_1007_MSI'],
    ['terminal error code 1007', 'EXTENSION_FAILED_1007_MSI'],
    ['-2145648574', 'EXTENSION_FAILED_1007_MSI'],
    ['0x801C0042', 'EXTENSION_FAILED_1007_MSI'],
    ['801c0042', 'EXTENSION_FAILED_1007_MSI'],
    ['2149318722', 'EXTENSION_FAILED_1007_MSI'],
    ['DSREG_E_MSI_TENANTID_UNAVAILABLE', 'EXTENSION_FAILED_1007_MSI'],
    ['-2145648607', 'EXTENSION_FAILED_DISCOVERY'],
    ['exit code 0x801c0021', 'EXTENSION_FAILED_DISCOVERY'],
    ['DSREG_AUTOJOIN_DISC_FAILED', 'EXTENSION_FAILED_DISCOVERY'],
    ['Exit code: 51', 'EXTENSION_FAILED_UNSUPPORTED_OS'],
    ['51', 'EXTENSION_FAILED_UNSUPPORTED_OS'],
    ['AADSTS293004', 'MSG_AADSTS293004'],
  ] as const)('%s → %s with score 1', (text, expected) => {
    const [first] = explainError(text);
    expect(first?.entry.id).toBe(expected);
    expect(first?.score).toBe(1);
    expect(first?.matchedOn.some((m) => m.startsWith('code:'))).toBe(true);
  });

  it('explains a whole extension status message by its codes and its words', () => {
    const message =
      "VM has reported a failure when processing extension 'AADLoginForWindows'. Error message: 'AADLoginForWindows failed with terminal error code '1007'. Exit code: -2145648574.'";
    const [first] = explainError(message);
    expect(first?.entry.id).toBe('EXTENSION_FAILED_1007_MSI');
    expect(first?.matchedOn).toContain('code:0x801C0042 (-2145648574)');
  });

  it('points an unknown device-registration code at the generic troubleshooting, with a low score', () => {
    expect(explainError('0x801c0003')).toMatchObject([{ entry: { id: 'EXTENSION_FAILED_UNKNOWN' }, score: 0.5 }]);
  });

  it('recognises finding codes pasted from a report', () => {
    expect(top('See DNS_UNRESOLVABLE in the report')).toBe('DNS_UNRESOLVABLE');
  });

  it('ranks the best match first', () => {
    expect(ids("Your credentials didn't work. The sign-in method you're trying to use isn't allowed")).toEqual(
      expect.arrayContaining(['MSG_CREDENTIALS_DIDNT_WORK', 'MSG_SIGN_IN_METHOD_NOT_ALLOWED']),
    );
  });
});

describe('explainError: nothing plausible → nothing', () => {
  it.each(['purple monkey dishwasher', '', '   ', 'hello', 'my computer is slow today', 'it is 10:51 and 51 people are waiting', 'please contact your system administrator', '0x80070005', 'remote desktop connection failed', 'I cannot sign in to the Windows VM', 'my vm is not allowed to connect'])(
    '%j → []',
    (text) => {
      expect(explainError(text)).toEqual([]);
    },
  );

  it('never throws and keeps scores within 0–1 for arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        for (const match of explainError(text)) {
          expect(match.score).toBeGreaterThan(0);
          expect(match.score).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('text normalisation', () => {
  it('folds case, smart quotes, contractions and punctuation', () => {
    expect(normaliseMessageText('Your credentials DIDN’T work!')).toBe('your credentials did not work');
    expect(normaliseMessageText("can't / cannot")).toBe('can not can not');
    expect(contentTokens("You're trying to use it")).toEqual(['try', 'us']);
  });
});
