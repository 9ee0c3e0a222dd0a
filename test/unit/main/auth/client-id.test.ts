import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import {
  assertUsableClientId,
  describeClientIdRegistration,
  isLoopbackAuthority,
  isPlaceholderClientId,
} from '../../../../src/main/auth/client-id';
import { CLOUDS } from '../../../../src/shared/clouds';
import { CLIENT_ID_PLACEHOLDER, DEFAULT_SETTINGS } from '../../../../src/shared/settings/schema';

/** The Azure CLI's first-party client id: its owners say it is for the Azure CLI only, so we must never ship it. */
const AZURE_CLI_CLIENT_ID = ['04b07795', '8ddb', '461a', 'bbee', '02f9e1bf7b46'].join('-');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('client id', () => {
  it('appears nowhere in the sources', () => {
    const src = fileURLToPath(new URL('../../../../src', import.meta.url));
    const offenders = sourceFiles(src).filter((file) => readFileSync(file, 'utf8').includes(AZURE_CLI_CLIENT_ID));
    expect(offenders).toEqual([]);
  });

  it('ships the placeholder, never the Azure CLI id', () => {
    expect(DEFAULT_SETTINGS.clientId).toBe(CLIENT_ID_PLACEHOLDER);
    expect(DEFAULT_SETTINGS.clientId).not.toBe(AZURE_CLI_CLIENT_ID);
    expect(isPlaceholderClientId(CLIENT_ID_PLACEHOLDER)).toBe(true);
    expect(isPlaceholderClientId('  ')).toBe(true);
    expect(isPlaceholderClientId('5f1c3bd2-8b0e-4c55-9a43-1c6f1d2a7e10')).toBe(false);
  });

  it('refuses the placeholder for every real cloud with registration instructions', () => {
    for (const cloud of Object.values(CLOUDS)) {
      let thrown: unknown;
      try {
        assertUsableClientId(CLIENT_ID_PLACEHOLDER, cloud.authorityHost);
      } catch (error: unknown) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ code: 'AUTH_CLIENT_ID_MISSING', details: { environmentVariable: 'RDP_BROKER_CLIENT_ID', settingsKey: 'clientId' } });
    }
  });

  it('accepts the placeholder for the simulator and a real id anywhere', () => {
    expect(() => assertUsableClientId(CLIENT_ID_PLACEHOLDER, 'https://127.0.0.1:4443')).not.toThrow();
    expect(() => assertUsableClientId('5f1c3bd2-8b0e-4c55-9a43-1c6f1d2a7e10', CLOUDS.AzureCloud.authorityHost)).not.toThrow();
  });

  it('says how to register a multi-tenant public client', () => {
    const text = describeClientIdRegistration();
    for (const needle of ['multitenant', 'http://localhost', 'ms-appx-web://Microsoft.AAD.BrokerPlugin/', 'Allow public client flows', 'user_impersonation']) {
      expect(text).toContain(needle);
    }
  });

  it('knows loopback hosts from real ones', () => {
    expect(isLoopbackAuthority('https://localhost:8443')).toBe(true);
    expect(isLoopbackAuthority('https://[::1]:8443')).toBe(true);
    expect(isLoopbackAuthority('https://login.microsoftonline.com')).toBe(false);
    expect(isLoopbackAuthority('https://127.0.0.1.evil.example')).toBe(false);
    expect(isLoopbackAuthority('not a url')).toBe(false);
  });
});
