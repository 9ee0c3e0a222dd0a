import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { parseDsregcmdStatus } from '../../../../src/shared/readiness/dsregcmd';

const fixture = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../../../fixtures/dsregcmd/${name}`, import.meta.url)), 'utf8');

describe('parseDsregcmdStatus', () => {
  it('parses an Entra joined PC (facts §2.2 a)', () => {
    expect(parseDsregcmdStatus(fixture('joined.txt'))).toEqual({
      kind: 'parsed',
      joinType: 'entra-joined',
      azureAdJoined: true,
      domainJoined: false,
      enterpriseJoined: false,
      workplaceJoined: false,
      tenantId: '26992f3d-01a1-4b80-9e61-6877d1114bad',
      tenantName: 'Default Directory',
      azureAdPrt: true,
      deviceName: 'DESKTOP-TL1HME1',
      domainName: null,
      workplaceTenantIds: [],
      workplaceTenantNames: [],
      deviceAuthStatus: 'SUCCESS',
    });
  });

  it('parses CRLF output the same as LF output', () => {
    expect(fixture('joined-crlf.txt')).toContain('\r\n');
    expect(parseDsregcmdStatus(fixture('joined-crlf.txt'))).toEqual(parseDsregcmdStatus(fixture('joined.txt')));
  });

  it('parses a hybrid joined PC (facts §2.2 d)', () => {
    expect(parseDsregcmdStatus(fixture('hybrid-joined.txt'))).toMatchObject({
      joinType: 'hybrid-joined',
      domainJoined: true,
      domainName: 'HYBRIDADFS',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      tenantName: 'Contoso',
    });
  });

  it('parses a registered-only PC with its Work Account tenant (facts §2.2 c)', () => {
    expect(parseDsregcmdStatus(fixture('registered.txt'))).toMatchObject({
      joinType: 'registered',
      azureAdJoined: false,
      workplaceJoined: true,
      tenantId: null,
      workplaceTenantIds: ['72f988bf-86f1-41af-91ab-2d7cd011db47'],
      workplaceTenantNames: ['Microsoft'],
      azureAdPrt: false,
      deviceName: 'surfacepx0425a',
    });
  });

  it('parses a domain-only PC (facts §2.2 b)', () => {
    expect(parseDsregcmdStatus(fixture('domain-joined.txt'))).toMatchObject({
      joinType: 'domain-joined',
      domainName: 'RCMLAB',
      deviceName: 'rcmlab-ws2022-s.rcmlab.local',
      tenantId: null,
    });
  });

  it('parses a PC joined to nothing (facts §2.2 e)', () => {
    expect(parseDsregcmdStatus(fixture('not-joined.txt'))).toMatchObject({ joinType: 'none', workplaceJoined: false, tenantId: null });
  });

  it('tolerates output cut off mid-line: a partial tenant id is not a tenant id', () => {
    expect(fixture('truncated-joined.txt').endsWith('\n')).toBe(false);
    expect(parseDsregcmdStatus(fixture('truncated-joined.txt'))).toMatchObject({
      joinType: 'entra-joined',
      tenantName: 'Default Directory',
      tenantId: null,
      workplaceJoined: null,
      azureAdPrt: null,
    });
  });

  it('does not call a PC "not joined" when the User State section is missing', () => {
    expect(parseDsregcmdStatus(fixture('truncated-no-user-state.txt'))).toMatchObject({ joinType: 'unknown', azureAdJoined: false });
  });

  it('ignores unknown sections, fields and lines, and reads values by section', () => {
    expect(parseDsregcmdStatus(fixture('extra-fields.txt'))).toMatchObject({
      joinType: 'entra-joined',
      deviceName: 'CONTOSO-DEV01',
      tenantId: 'b6e3664e-3e80-4754-b516-bd00208b19a7',
    });
  });

  it('compares keys without case or spaces and splits on the first " : "', () => {
    const text = 'azureadjoined : yes\n domainjoined : no\n DeviceName : PC1\n TenantId : 26992f3d-01a1-4b80-9e61-6877d1114bad\n AzureAdPrtAuthority : https://login.microsoftonline.com/x : y';
    expect(parseDsregcmdStatus(text)).toMatchObject({
      joinType: 'entra-joined',
      azureAdJoined: true,
      deviceName: 'PC1',
      tenantId: '26992f3d-01a1-4b80-9e61-6877d1114bad',
    });
  });

  it('returns unparseable for garbage, empty output, or no YES/NO device state', () => {
    for (const text of [fixture('garbage.txt'), '', fixture('unknown-values.txt'), 'AzureAdJoined YES']) {
      expect(parseDsregcmdStatus(text)).toMatchObject({ kind: 'unparseable' });
    }
  });
});
