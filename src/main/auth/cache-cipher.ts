import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encrypts the token cache at rest. Electron: safeStorage (DPAPI / Keychain / libsecret). CLI: a key kept in the OS
 * credential store. Tests: AES-GCM with a test key. An unavailable cipher means "keep tokens in memory only".
 */
export interface CacheCipher {
  /** False when nothing safe can encrypt on this machine: the cache then stays in memory. */
  isAvailable(): boolean;
  /** Why the cipher is unavailable, in words a user can act on (e.g. "no keyring is running"). */
  unavailableReason?(): string;
  encrypt(plainText: string): Promise<Buffer>;
  decrypt(encrypted: Buffer): Promise<string>;
}

/** Logger shape shared by the auth module (same as the dispatcher's). */
export type AuthLogger = (message: string, meta: Record<string, unknown>) => void;

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM with a caller-held key: `iv | tag | ciphertext`. Tampering or a wrong key makes decrypt reject. */
export function createAesGcmCipher(key: Buffer): CacheCipher {
  if (key.length !== 32) throw new RangeError('AES-256-GCM needs a 32-byte key');
  return {
    isAvailable: () => true,
    encrypt: (plainText) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), body]));
    },
    decrypt: (encrypted) => {
      if (encrypted.length < IV_BYTES + TAG_BYTES) return Promise.reject(new Error('ciphertext too short'));
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, IV_BYTES));
        decipher.setAuthTag(encrypted.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        const text = Buffer.concat([decipher.update(encrypted.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
        return Promise.resolve(text.toString('utf8'));
      } catch (error: unknown) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
}

/** A cipher that is never available, with the reason the UI shows. */
export function createUnavailableCipher(reason: string): CacheCipher {
  const refuse = () => Promise.reject(new Error(`encryption unavailable: ${reason}`));
  return { isAvailable: () => false, unavailableReason: () => reason, encrypt: refuse, decrypt: refuse };
}
