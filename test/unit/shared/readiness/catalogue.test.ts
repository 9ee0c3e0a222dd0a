import { describe, expect, it } from 'vitest';

import { ARC_DOC, CATALOGUE, CATALOGUE_ENTRIES, fillTemplate, messageIds, VM_DOC } from '../../../../src/shared/readiness/catalogue';
import { normaliseErrorCode } from '../../../../src/shared/readiness/error-codes';
import { explainError } from '../../../../src/shared/readiness/explain';
import { findingCodes } from '../../../../src/shared/readiness/finding';

describe('catalogue coverage', () => {
  it('has one finding entry per FindingCode and one message entry per seed message', () => {
    for (const code of findingCodes) expect(CATALOGUE[code]).toMatchObject({ id: code, kind: 'finding' });
    for (const id of messageIds) expect(CATALOGUE[id]).toMatchObject({ id, kind: 'message' });
    expect(CATALOGUE_ENTRIES).toHaveLength(findingCodes.length + messageIds.length);
  });

  it('covers every user-visible message of the seed word for word', () => {
    const seedMessages = {
      MSG_ACCOUNT_PREVENTED: 'Your account is configured to prevent you from using this device. For more info, contact your system administrator.',
      MSG_CREDENTIALS_DIDNT_WORK: "Your credentials didn't work.",
      MSG_SIGN_IN_METHOD_NOT_ALLOWED: "The sign-in method you're trying to use isn't allowed. Try a different sign-in method or contact your system administrator.",
      MSG_ALLOW_REMOTE_DESKTOP_PROMPT: 'Allow remote desktop connection?',
      EXTENSION_FAILED_UNSUPPORTED_OS: "This extension isn't supported on this operating system.",
    } as const;
    for (const [id, message] of Object.entries(seedMessages)) {
      expect(explainError(message)[0]?.entry.id, message).toBe(id);
      expect(explainError(message)[0]?.score).toBe(1);
    }
  });

  it('names the VM sign-in app by both names and its app id', () => {
    const text = JSON.stringify(CATALOGUE.MSG_VM_SIGN_IN_APP_MISSING);
    for (const s of ['Microsoft Azure Windows Virtual Machine Sign-in', 'Azure Windows VM Sign-In', '372140e0-b3b7-4226-8ef9-d57986796201', 'New-MgServicePrincipal']) {
      expect(text).toContain(s);
    }
  });

  it('keeps the seed facts in the right entries', () => {
    expect(CATALOGUE.MSG_ALLOW_REMOTE_DESKTOP_PROMPT.summary).toMatch(/15 hosts for 30 days/);
    expect(CATALOGUE.EXTENSION_FAILED_UNKNOWN.adminSteps.join(' ')).toMatch(/CommandExecution\.log.*169\.254\.169\.254.*dsregcmd \/status/s);
    expect(CATALOGUE.EXTENSION_FAILED_DISCOVERY.adminSteps.join(' ')).toContain('208.67.222.222');
    expect(CATALOGUE.ACCESS_NONE_CONTROL_PLANE_ONLY.title).toMatch(/Owner or Contributor/);
    expect(CATALOGUE.CLIENT_BUILD_TOO_OLD_FOR_PASSWORDLESS.causes.join(' ')).toMatch(/KB5018418.*KB5018410.*KB5018421/);
  });
});

describe.each(CATALOGUE_ENTRIES.map((e) => [e.id, e] as const))('catalogue entry %s', (id, entry) => {
  it('is complete and links the seed page (or its Arc variant) at an anchor', () => {
    expect(entry.title.trim()).not.toBe('');
    expect(entry.summary.trim()).not.toBe('');
    expect(entry.causes.length).toBeGreaterThan(0);
    expect(entry.docUrl.startsWith(`${VM_DOC}#`) || entry.docUrl.startsWith(`${ARC_DOC}#`)).toBe(true);
    for (const related of entry.related) expect(CATALOGUE[related], `${id} → ${related}`).toBeDefined();
    if (entry.kind === 'message') expect(entry.userSteps.length + entry.adminSteps.length).toBeGreaterThan(0);
  });

  it('is what the explainer finds for its own phrases and codes', () => {
    for (const phrase of entry.matchers.phrases) expect(explainError(phrase)[0]?.entry.id, phrase).toBe(id);
    for (const code of entry.matchers.codes) {
      expect(normaliseErrorCode(code), code).not.toBeNull();
      expect(explainError(code).map((m) => m.entry.id), code).toContain(id);
    }
  });
});

describe('fillTemplate', () => {
  it('fills placeholders from evidence and shows missing ones as <key>', () => {
    expect(fillTemplate('add {ip} {name} ({error})', { ip: '10.0.0.4', name: 'vm1', error: null })).toBe('add 10.0.0.4 vm1 (not reported)');
    expect(fillTemplate('settings {"mdmId": ""}')).toBe('settings {"mdmId": ""}');
  });
});
