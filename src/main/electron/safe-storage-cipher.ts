import type { SafeStorage } from 'electron';

import type { CacheCipher } from '../auth/cache-cipher';

/** The part of Electron's safeStorage the token cache uses (the async API; the sync one is deprecated in Electron 45). */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

// On Linux, safeStorage falls back to a hard-coded key when no keyring is found: that is obfuscation, not encryption.
const WEAK_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

/**
 * The token cache cipher on Electron safeStorage: DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux.
 * Call after `app` is ready. Availability is decided once here; when it is not available the cipher says why and
 * the auth service keeps tokens in memory only.
 */
export async function createSafeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform): Promise<CacheCipher> {
  let reason: string | null = null;
  try {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      reason = 'The operating system offers no encryption for this app (no keychain or credential store is available).';
    } else if (platform === 'linux' && WEAK_LINUX_BACKENDS.has(safeStorage.getSelectedStorageBackend())) {
      reason =
        'No keyring (GNOME Keyring, KWallet or another Secret Service) is running, so saved sign-ins could not be ' +
        'encrypted. Start a keyring and restart RDP Broker to stay signed in.';
    }
  } catch (error: unknown) {
    reason = `Encryption could not be initialised: ${error instanceof Error ? error.message : String(error)}`;
  }
  const available = reason === null;
  return {
    isAvailable: () => available,
    unavailableReason: () => reason ?? '',
    encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
    decrypt: async (encrypted) => {
      const first = await safeStorage.decryptStringAsync(encrypted);
      // A rotated key: Electron asks for a second decrypt; the next cache write re-encrypts with the new key.
      return first.shouldReEncrypt ? (await safeStorage.decryptStringAsync(encrypted)).result : first.result;
    },
  };
}
