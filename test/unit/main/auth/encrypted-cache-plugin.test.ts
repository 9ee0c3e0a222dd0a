import { TokenCacheContext } from '@azure/msal-node';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createAesGcmCipher, createUnavailableCipher, type CacheCipher } from '../../../../src/main/auth/cache-cipher';
import { createEncryptedCachePlugin } from '../../../../src/main/auth/encrypted-cache-plugin';

const SECRET = 'rt-super-secret-refresh-token-value';
const CACHE = JSON.stringify({ Account: {}, RefreshToken: { k: { secret: SECRET } }, AccessToken: {}, IdToken: {}, AppMetadata: {} });

/** A serializable cache as MSAL would hand to the plugin. */
function memoryCache(initial = '') {
  const cache = { text: initial, deserialized: [] as string[] };
  return {
    cache,
    context: (changed: boolean) =>
      new TokenCacheContext(
        {
          serialize: () => cache.text,
          deserialize: (text: string) => {
            cache.deserialized.push(text);
            cache.text = text;
          },
        },
        changed,
      ),
  };
}

let dir: string;
let cipher: CacheCipher;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rdpb-cache-'));
  cipher = createAesGcmCipher(randomBytes(32));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('encrypted cache plugin', () => {
  it('writes an encrypted file, owner-only, with no token in clear, and reads it back', async () => {
    const path = join(dir, 'nested', 'cache.bin');
    const writer = memoryCache(CACHE);
    const plugin = createEncryptedCachePlugin({ path, cipher });
    await plugin.afterCacheAccess(writer.context(true));
    const raw = await readFile(path);
    expect(raw.includes(Buffer.from(SECRET))).toBe(false);
    expect(raw.toString('latin1')).not.toContain('RefreshToken');
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(plugin.status()).toMatchObject({ persistence: 'encrypted', reason: null, recoveredCorruptFile: null });

    const reader = memoryCache();
    await createEncryptedCachePlugin({ path, cipher }).beforeCacheAccess(reader.context(false));
    expect(reader.cache.text).toBe(CACHE);
    expect(await readdir(join(dir, 'nested'))).toEqual(['cache.bin']);
  });

  it('does not write when nothing changed, and hands MSAL its cache back without decrypting an unchanged file', async () => {
    const path = join(dir, 'cache.bin');
    let decrypts = 0;
    const counting: CacheCipher = { ...cipher, decrypt: (data) => ((decrypts += 1), cipher.decrypt(data)) };
    const plugin = createEncryptedCachePlugin({ path, cipher: counting });
    const msal = memoryCache(CACHE);
    await plugin.afterCacheAccess(msal.context(false));
    await expect(stat(path)).rejects.toThrow();
    await plugin.afterCacheAccess(msal.context(true));
    // MSAL wipes its memory before each silent lookup and expects beforeCacheAccess to restore it.
    msal.cache.text = '';
    await plugin.beforeCacheAccess(msal.context(false));
    await plugin.beforeCacheAccess(msal.context(false));
    expect(msal.cache.deserialized).toEqual([CACHE, CACHE]);
    expect(decrypts).toBe(0);
  });

  it('reloads the file when another process rewrote it', async () => {
    const path = join(dir, 'cache.bin');
    const mine = createEncryptedCachePlugin({ path, cipher });
    const msal = memoryCache(CACHE);
    await mine.afterCacheAccess(msal.context(true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await createEncryptedCachePlugin({ path, cipher }).afterCacheAccess(memoryCache('{"other":1}').context(true));
    await mine.beforeCacheAccess(msal.context(false));
    expect(msal.cache.text).toBe('{"other":1}');
  });

  it('sets a corrupt file aside and lets the user start over, without throwing', async () => {
    const path = join(dir, 'cache.bin');
    await writeFile(path, 'garbage that is not ours');
    const logs: string[] = [];
    const plugin = createEncryptedCachePlugin({ path, cipher, log: (message) => logs.push(message), now: () => Date.UTC(2026, 10, 30, 3, 4, 5) });
    const msal = memoryCache();
    await plugin.beforeCacheAccess(msal.context(false));
    expect(msal.cache.deserialized).toEqual([]);
    expect(await readdir(dir)).toEqual(['cache.bin.corrupt-2026-11-30T03-04-05-000Z']);
    expect(plugin.status().recoveredCorruptFile).toBe(`${path}.corrupt-2026-11-30T03-04-05-000Z`);
    expect(logs.join('\n')).toContain('moved aside');
  });

  it('treats a file encrypted with another key as corrupt', async () => {
    const path = join(dir, 'cache.bin');
    await createEncryptedCachePlugin({ path, cipher }).afterCacheAccess(memoryCache(CACHE).context(true));
    const other = createEncryptedCachePlugin({ path, cipher: createAesGcmCipher(randomBytes(32)) });
    await other.beforeCacheAccess(memoryCache().context(false));
    expect(other.status().recoveredCorruptFile).toMatch(/\.corrupt-/);
  });

  it('keeps tokens in memory only and says why when encryption is unavailable', async () => {
    const path = join(dir, 'cache.bin');
    const plugin = createEncryptedCachePlugin({ path, cipher: createUnavailableCipher('no keyring is running') });
    const msal = memoryCache(CACHE);
    await plugin.afterCacheAccess(msal.context(true));
    expect(await readdir(dir)).toEqual([]);
    msal.cache.text = '';
    await plugin.beforeCacheAccess(msal.context(false));
    expect(msal.cache.text).toBe(CACHE);
    expect(plugin.status()).toMatchObject({ persistence: 'memory-only', reason: 'encryption-unavailable', detail: 'no keyring is running' });
  });

  it('degrades to memory-only when encryption fails at write time, never writing clear text', async () => {
    const path = join(dir, 'cache.bin');
    const failing: CacheCipher = { ...cipher, encrypt: () => Promise.reject(new Error('keychain locked')) };
    const plugin = createEncryptedCachePlugin({ path, cipher: failing });
    await plugin.afterCacheAccess(memoryCache(CACHE).context(true));
    expect(await readdir(dir)).toEqual([]);
    expect(plugin.status()).toMatchObject({ persistence: 'memory-only', reason: 'encrypt-failed' });
  });

  it('lets one MSAL cache access run at a time, from beforeCacheAccess to afterCacheAccess', async () => {
    const plugin = createEncryptedCachePlugin({ path: join(dir, 'cache.bin'), cipher });
    const order: string[] = [];
    await plugin.beforeCacheAccess(memoryCache().context(false));
    const second = plugin.beforeCacheAccess(memoryCache().context(false)).then(() => order.push('second entered'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    order.push('first leaves');
    await plugin.afterCacheAccess(memoryCache(CACHE).context(true));
    await second;
    await plugin.afterCacheAccess(memoryCache(CACHE).context(false));
    expect(order).toEqual(['first leaves', 'second entered']);
  });

  it('serializes concurrent writes so the last state wins', async () => {
    const path = join(dir, 'cache.bin');
    const plugin = createEncryptedCachePlugin({ path, cipher });
    const states = ['{"n":1}', '{"n":2}', '{"n":3}'];
    await Promise.all(states.map((text) => plugin.afterCacheAccess(memoryCache(text).context(true))));
    const reader = memoryCache();
    await createEncryptedCachePlugin({ path, cipher }).beforeCacheAccess(reader.context(false));
    expect(reader.cache.text).toBe('{"n":3}');
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
