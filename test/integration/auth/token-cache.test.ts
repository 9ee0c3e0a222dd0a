import { readdir, readFile, writeFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createUnavailableCipher } from '../../../src/main/auth/cache-cipher';
import { type AuthHarness, createCacheDir, DEMO, startAuthHarness, tokenRequests } from './support';

type CacheDir = Awaited<ReturnType<typeof createCacheDir>>;

/** The secrets MSAL wrote, read back through the test key: what must never appear in the file in clear. */
async function secretsIn(cache: CacheDir): Promise<string[]> {
  const raw = await readFile(cache.pathOf('AzureCloud'));
  const header = 'RDPB-TOKEN-CACHE/1\n'.length;
  const json = JSON.parse(await cache.cipher.decrypt(raw.subarray(header))) as Record<string, Record<string, { secret?: string }>>;
  return ['AccessToken', 'RefreshToken', 'IdToken'].flatMap((kind) => Object.values(json[kind] ?? {}).map((entry) => entry.secret ?? ''));
}

describe('auth service: token cache persisted encrypted', () => {
  let h: AuthHarness;
  let cache: CacheDir;

  beforeAll(async () => {
    h = await startAuthHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    cache = await createCacheDir();
  });
  afterEach(async () => {
    await cache.remove();
  });

  it('writes no token in clear, and a restarted app is still signed in without a new sign-in', async () => {
    const first = h.service({ user: DEMO.avery, cachePlugin: cache.plugins() });
    const account = await first.signInInteractive('AzureCloud');
    const { token } = await first.getArmToken(account.id);

    const raw = await readFile(cache.pathOf('AzureCloud'));
    const secrets = await secretsIn(cache);
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    expect(secrets).toContain(token);
    for (const secret of [...secrets, DEMO.avery]) expect(raw.includes(Buffer.from(secret))).toBe(false);
    if (process.platform !== 'win32') {
      const { mode } = await import('node:fs/promises').then((fs) => fs.stat(cache.pathOf('AzureCloud')));
      expect(mode & 0o777).toBe(0o600);
    }
    expect((await first.getStatus()).cache).toEqual({ persistence: 'encrypted', reason: null, detail: null, recoveredCorruptFile: false });

    // "Restart": a new service (new MSAL instances) over the same files and key.
    const before = tokenRequests(h.sim);
    const second = h.service({ cachePlugin: cache.plugins() });
    expect(await second.listAccounts()).toEqual([account]);
    await expect(second.getArmToken(account.id)).resolves.toMatchObject({ token });
    expect(tokenRequests(h.sim)).toBe(before);
  });

  it('parallel token requests for several tenants all end up in the persisted cache', async () => {
    const auth = h.service({ user: DEMO.avery, cachePlugin: cache.plugins() });
    const account = await auth.signInInteractive('AzureCloud');
    const [home, guest] = await Promise.all([
      auth.getArmToken(account.id, DEMO.contoso, { forceRefresh: true }),
      auth.getArmToken(account.id, DEMO.fabrikam),
    ]);
    const before = tokenRequests(h.sim);
    const restarted = h.service({ cachePlugin: cache.plugins() });
    await expect(restarted.getArmToken(account.id, DEMO.contoso)).resolves.toMatchObject({ token: home.token });
    await expect(restarted.getArmToken(account.id, DEMO.fabrikam)).resolves.toMatchObject({ token: guest.token });
    expect(tokenRequests(h.sim)).toBe(before);
  });

  it('signing out rewrites the file without that account; the other account survives a restart', async () => {
    const auth = h.service({ cachePlugin: cache.plugins() });
    const avery = await auth.signInInteractive('AzureCloud', DEMO.avery);
    const owner = await auth.signInInteractive('AzureCloud', DEMO.owner);
    await auth.signOut(avery.id);
    const restarted = h.service({ cachePlugin: cache.plugins() });
    expect((await restarted.listAccounts()).map((each) => each.id)).toEqual([owner.id]);
  });

  it('sets a corrupt cache file aside, reports it, and the user can sign in again', async () => {
    await writeFile(cache.pathOf('AzureCloud'), 'RDPB-TOKEN-CACHE/1\nthis is not ciphertext');
    const auth = h.service({ user: DEMO.avery, cachePlugin: cache.plugins() });
    expect(await auth.listAccounts()).toEqual([]);
    const status = await auth.getStatus();
    expect(status.cache).toMatchObject({ persistence: 'encrypted', recoveredCorruptFile: true });
    expect((await readdir(cache.dir)).some((name) => /^msal-cache\.AzureCloud\.bin\.corrupt-/.test(name))).toBe(true);

    await expect(auth.signInInteractive('AzureCloud')).resolves.toMatchObject({ username: DEMO.avery });
    expect(await secretsIn(cache)).not.toEqual([]);
  });

  it('keeps tokens in memory only, and says why, when encryption is unavailable', async () => {
    const unavailable = createUnavailableCipher('No keyring is running.');
    const auth = h.service({ user: DEMO.avery, cachePlugin: cache.plugins(unavailable) });
    const account = await auth.signInInteractive('AzureCloud');
    await expect(auth.getArmToken(account.id)).resolves.toMatchObject({ tenantId: DEMO.contoso });
    expect(await readdir(cache.dir)).toEqual([]);
    expect((await auth.getStatus()).cache).toEqual({
      persistence: 'memory-only',
      reason: 'encryption-unavailable',
      detail: 'No keyring is running.',
      recoveredCorruptFile: false,
    });
    // A restart forgets the account: the user must sign in again.
    expect(await h.service({ cachePlugin: cache.plugins(unavailable) }).listAccounts()).toEqual([]);
  });

  it('without a cache plugin the status says tokens are not persisted', async () => {
    expect((await h.service().getStatus()).cache).toMatchObject({ persistence: 'memory-only', reason: 'not-configured' });
  });
});
