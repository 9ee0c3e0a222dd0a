import { describe, expect, it } from 'vitest';

import { createSafeStorageCipher, type SafeStorageLike } from '../../../../src/main/electron/safe-storage-cipher';

function fakeSafeStorage(options: { available?: boolean; backend?: ReturnType<SafeStorageLike['getSelectedStorageBackend']>; reEncrypt?: boolean }): SafeStorageLike {
  return {
    isAsyncEncryptionAvailable: () => Promise.resolve(options.available ?? true),
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptStringAsync: (text) => Promise.resolve(Buffer.from(`enc:${text}`)),
    decryptStringAsync: (data) =>
      Promise.resolve({ result: data.toString().replace(/^enc:/, ''), shouldReEncrypt: options.reEncrypt ?? false }),
  };
}

describe('safeStorage cipher', () => {
  it('uses the async API when a real backend is available', async () => {
    const cipher = await createSafeStorageCipher(fakeSafeStorage({}), 'linux');
    expect(cipher.isAvailable()).toBe(true);
    expect(await cipher.decrypt(await cipher.encrypt('tokens'))).toBe('tokens');
  });

  it('treats the Linux basic_text backend (hard-coded key) as unavailable', async () => {
    const cipher = await createSafeStorageCipher(fakeSafeStorage({ backend: 'basic_text' }), 'linux');
    expect(cipher.isAvailable()).toBe(false);
    expect(cipher.unavailableReason?.()).toContain('keyring');
  });

  it('ignores the Linux backend on Windows and macOS', async () => {
    expect((await createSafeStorageCipher(fakeSafeStorage({ backend: 'basic_text' }), 'win32')).isAvailable()).toBe(true);
  });

  it('is unavailable when the OS has no encryption, or it throws', async () => {
    expect((await createSafeStorageCipher(fakeSafeStorage({ available: false }), 'darwin')).isAvailable()).toBe(false);
    const throwing = { ...fakeSafeStorage({}), isAsyncEncryptionAvailable: () => Promise.reject(new Error('app not ready')) };
    const cipher = await createSafeStorageCipher(throwing, 'win32');
    expect(cipher.isAvailable()).toBe(false);
    expect(cipher.unavailableReason?.()).toContain('app not ready');
  });

  it('decrypts data that Electron asks to re-encrypt', async () => {
    const cipher = await createSafeStorageCipher(fakeSafeStorage({ reEncrypt: true }), 'win32');
    expect(await cipher.decrypt(Buffer.from('enc:x'))).toBe('x');
  });
});
