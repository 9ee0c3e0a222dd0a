import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { createAesGcmCipher, createUnavailableCipher } from '../../../../src/main/auth/cache-cipher';

describe('cache ciphers', () => {
  it('round-trips with AES-256-GCM and rejects tampering', async () => {
    const cipher = createAesGcmCipher(randomBytes(32));
    const sealed = await cipher.encrypt('héllo tokens');
    expect(await cipher.decrypt(sealed)).toBe('héllo tokens');
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    await expect(cipher.decrypt(tampered)).rejects.toThrow();
    await expect(cipher.decrypt(Buffer.alloc(4))).rejects.toThrow('too short');
  });

  it('uses a fresh IV each time', async () => {
    const cipher = createAesGcmCipher(randomBytes(32));
    expect((await cipher.encrypt('same')).equals(await cipher.encrypt('same'))).toBe(false);
  });

  it('refuses keys of the wrong size', () => {
    expect(() => createAesGcmCipher(randomBytes(16))).toThrow(RangeError);
  });

  it('an unavailable cipher says why and refuses to work', async () => {
    const cipher = createUnavailableCipher('no keyring');
    expect(cipher.isAvailable()).toBe(false);
    expect(cipher.unavailableReason?.()).toBe('no keyring');
    await expect(cipher.encrypt('x')).rejects.toThrow('no keyring');
  });
});
