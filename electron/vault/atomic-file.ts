/**
 * Crash-safe file replacement: write a temp name in the same folder, fsync it, rename over the target,
 * fsync the folder so the rename itself is durable. A crash leaves either the old or the new file,
 * plus at most a temp file that the start-up sweep removes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Marker every temp name carries, so the start-up sweep can find leftovers of a crash. */
export const TEMP_MARK = '.scoic-tmp-';

export function tempNameFor(target: string): string {
  return path.join(path.dirname(target), `${path.basename(target)}${TEMP_MARK}${crypto.randomBytes(6).toString('hex')}`);
}

export function isTempName(fileName: string): boolean {
  return fileName.includes(TEMP_MARK);
}

/** fsync a directory so that renames and unlinks in it survive a power loss (a no-op where unsupported). */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (err) {
    // Windows cannot open or fsync a directory; NTFS journals the rename itself.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EACCES' && code !== 'EINVAL') throw err;
  } finally {
    await handle?.close();
  }
}

export async function writeFileAtomic(target: string, data: Uint8Array | string, mode = 0o600): Promise<void> {
  const temp = tempNameFor(target);
  const handle = await fs.open(temp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
  await fsyncDir(path.dirname(target));
}
