import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so a reader sees either the old or the new content, never half of one: write a temp file in the
 * same folder, flush it to disk, then rename it over the target (rename is atomic within one file system on
 * POSIX, and Node uses MoveFileEx with MOVEFILE_REPLACE_EXISTING on Windows). The temp file is removed on failure.
 */
export async function writeFileAtomic(path: string, text: string, mode = 0o600): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  try {
    handle = await open(temp, 'wx', mode);
    await handle.writeFile(text, 'utf8');
    // Without the flush a power cut after the rename can leave an empty file behind on some file systems.
    await handle.sync();
    await handle.close();
    handle = null;
    await rename(temp, path);
  } catch (error: unknown) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
