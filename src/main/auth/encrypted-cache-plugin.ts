import type { ICachePlugin } from '@azure/msal-node';
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, stat, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

import type { AuthLogger, CacheCipher } from './cache-cipher';

/** Where the token cache lives right now, for the UI ("you will have to sign in at each start because …"). */
export interface TokenCacheStatus {
  /** `encrypted`: tokens survive a restart in an encrypted file; `memory-only`: they are lost when the app quits. */
  readonly persistence: 'encrypted' | 'memory-only';
  /** Why the cache is memory-only; null when it is encrypted on disk. */
  readonly reason: 'encryption-unavailable' | 'encrypt-failed' | 'write-failed' | null;
  /** Words for the reason (the cipher's own explanation or the I/O error); never a token. */
  readonly detail: string | null;
  /** A cache file that could not be read and was moved aside; the user has to sign in again. */
  readonly recoveredCorruptFile: string | null;
  readonly path: string;
}

/** An MSAL cache plugin that also reports where the cache lives. */
export interface EncryptedCachePlugin extends ICachePlugin {
  status(): TokenCacheStatus;
}

/** Options for one cache file. */
export interface EncryptedCachePluginOptions {
  readonly path: string;
  readonly cipher: CacheCipher;
  readonly log?: AuthLogger;
  readonly now?: () => number;
}

const LOCK_TIMEOUT_MS = 10_000;

// Marks the file as ours and versions its layout; anything else in its place is treated as corrupt.
const MAGIC = Buffer.from('RDPB-TOKEN-CACHE/1\n', 'utf8');

/**
 * MSAL cache plugin that keeps the serialized cache in one file, encrypted with `cipher`, never in clear:
 * - no cipher available: nothing is read or written; the plugin's memory copy is all there is (status says why);
 * - a file that cannot be decrypted or parsed is renamed `<path>.corrupt-<time>` and the user signs in again;
 * - writes are atomic (temp file in the same folder, mode 0600, then rename) and serialized in call order;
 * - the plugin never throws into MSAL: a failed write degrades to memory-only instead of failing the sign-in.
 */
export function createEncryptedCachePlugin(options: EncryptedCachePluginOptions): EncryptedCachePlugin {
  const { path, cipher } = options;
  const log = options.log ?? (() => undefined);
  const now = options.now ?? Date.now;
  let failure: { reason: 'encrypt-failed' | 'write-failed'; detail: string } | null = null;
  let recoveredCorruptFile: string | null = null;
  // Stamp of the file as last read or written by us: an unchanged file need not be decrypted again.
  let knownStamp: string | null = null;
  // The cache as last read or written. MSAL clears its memory before every silent lookup and reloads it through
  // beforeCacheAccess, so this copy must be handed back each time (also when nothing can be written to disk).
  let latest: string | null = null;
  let writes: Promise<void> = Promise.resolve();
  // MSAL brackets every cache use with before/after; concurrent token requests would otherwise interleave and one
  // would reload the cache over the other's fresh tokens. One holder at a time, as msal-node-extensions does with its
  // file lock; a holder that never releases (a bug) is waited for at most LOCK_TIMEOUT_MS.
  let lockTail: Promise<void> = Promise.resolve();
  let held: (() => void) | null = null;
  const acquire = async (): Promise<void> => {
    const previous = lockTail;
    let release: () => void = () => undefined;
    lockTail = new Promise<void>((resolve) => {
      release = resolve;
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log('auth: token cache lock not released in time; continuing', { path });
        resolve();
      }, LOCK_TIMEOUT_MS);
    });
    await Promise.race([previous, timedOut]);
    clearTimeout(timer);
    held = release;
  };
  const releaseLock = (): void => {
    const release = held;
    held = null;
    release?.();
  };

  const stampOf = async (): Promise<string | null> => {
    try {
      const info = await stat(path);
      return `${info.mtimeMs}:${info.size}:${info.ino}`;
    } catch (error: unknown) {
      if (isNotFound(error)) return null;
      throw error;
    }
  };

  const setAside = async (why: string): Promise<void> => {
    const aside = `${path}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(path, aside);
      recoveredCorruptFile = aside;
      log('auth: token cache unreadable, moved aside; the user must sign in again', { path, aside, why });
    } catch (error: unknown) {
      log('auth: token cache unreadable and could not be moved aside', { path, why, error: String(error) });
    }
    knownStamp = null;
  };

  /** Reads the file when another writer changed it since we last saw it. */
  const refresh = async (): Promise<void> => {
    const stamp = await stampOf();
    if (stamp === null || stamp === knownStamp) return;
    const raw = await readFile(path);
    try {
      if (raw.length < MAGIC.length || !raw.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a token cache file');
      const text = await cipher.decrypt(raw.subarray(MAGIC.length));
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a cache object');
      latest = text;
    } catch (error: unknown) {
      await setAside(error instanceof Error ? error.message : String(error));
      return;
    }
    knownStamp = stamp;
  };

  const store = async (text: string): Promise<void> => {
    let body: Buffer;
    try {
      body = await cipher.encrypt(text);
    } catch (error: unknown) {
      failure = { reason: 'encrypt-failed', detail: String(error).slice(0, 300) };
      log('auth: could not encrypt the token cache; keeping it in memory only', { path, error: failure.detail });
      return;
    }
    try {
      await writeAtomically(path, Buffer.concat([MAGIC, body]));
      knownStamp = await stampOf();
      failure = null;
    } catch (error: unknown) {
      failure = { reason: 'write-failed', detail: String(error).slice(0, 300) };
      log('auth: could not write the token cache; keeping it in memory only', { path, error: failure.detail });
    }
  };

  return {
    async beforeCacheAccess(context) {
      await acquire();
      await writes;
      if (cipher.isAvailable()) {
        try {
          await refresh();
        } catch (error: unknown) {
          log('auth: could not read the token cache', { path, error: String(error) });
        }
      }
      if (latest !== null) context.tokenCache.deserialize(latest);
    },
    async afterCacheAccess(context) {
      try {
        if (!context.cacheHasChanged) return;
        const text = context.tokenCache.serialize();
        latest = text;
        if (!cipher.isAvailable()) return;
        writes = writes.then(() => store(text));
        await writes;
      } finally {
        releaseLock();
      }
    },
    status() {
      if (!cipher.isAvailable()) {
        return {
          persistence: 'memory-only',
          reason: 'encryption-unavailable',
          detail: cipher.unavailableReason?.() ?? 'No secure storage is available on this system.',
          recoveredCorruptFile,
          path,
        };
      }
      return {
        persistence: failure ? 'memory-only' : 'encrypted',
        reason: failure?.reason ?? null,
        detail: failure?.detail ?? null,
        recoveredCorruptFile,
        path,
      };
    },
  };
}

/** Writes `data` to `path` so a reader sees the old file or the new one, never half of one; owner-only mode. */
export async function writeAtomically(path: string, data: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error: unknown) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error: unknown) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}
