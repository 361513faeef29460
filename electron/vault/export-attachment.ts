/**
 * Writes a decrypted attachment into the SBU folder, the only place policy allows. The plaintext goes
 * to a temp file inside the SBU folder first; it is renamed to the requested name only after every
 * chunk verified and the SHA-256 matched, so a tampered or truncated blob never leaves a partial file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { resolveSbuTarget } from '../fs/sbu-folder';
import { fsyncDir } from './atomic-file';
import type { BlobReader } from './blob-reader';

/** Temp folder inside the SBU folder: same file system as the target, swept at unlock. */
export const EXPORT_TEMP_DIR = '.scoic-export-tmp';

export async function exportTempDirOf(sbuFolder: string): Promise<string> {
  return path.join(await fs.realpath(sbuFolder), EXPORT_TEMP_DIR);
}

/** Bytes gathered from the reader's pieces before each write. */
const WRITE_BATCH_BYTES = 1024 * 1024;

export interface ExportResult { path: string; size: number; sha256: string }

export async function exportBlob(reader: BlobReader, expectedSha256: string, sbuFolder: string, requestedPath: string, overwrite: boolean): Promise<ExportResult> {
  const target = await resolveSbuTarget(sbuFolder, requestedPath);
  if (path.basename(target) === EXPORT_TEMP_DIR || target.includes(`${path.sep}${EXPORT_TEMP_DIR}${path.sep}`)) {
    throw new AppError('E_OUTSIDE_SBU_FOLDER', 'That folder is reserved for the app. Choose another name inside the SBU folder.');
  }
  if (!overwrite) {
    const exists = await fs.lstat(target).then(() => true, () => false);
    if (exists) throw new AppError('E_FILE_EXISTS', 'A file with that name already exists in the SBU folder. Choose another name.');
  }
  const tempDir = await exportTempDirOf(sbuFolder);
  await fs.mkdir(tempDir, { recursive: true, mode: 0o700 });
  const temp = path.join(tempDir, crypto.randomBytes(12).toString('hex'));
  const hash = crypto.createHash('sha256');
  let size = 0;
  const handle = await fs.open(temp, 'wx', 0o600);
  let done = false;
  try {
    // The reader yields 32 KiB pieces: they go to the file about a MiB at a time, one writev each.
    let batch: Buffer[] = [];
    let batchBytes = 0;
    const writeBatch = async () => {
      const { bytesWritten } = await handle.writev(batch);
      if (bytesWritten !== batchBytes) throw new AppError('E_DISK_FULL', 'The SBU folder\'s disk took only part of the file, so it was not saved. Free some space there and save it again.');
      batch = [];
      batchBytes = 0;
    };
    for await (const piece of reader.range()) {
      hash.update(piece);
      size += piece.length;
      batch.push(piece);
      batchBytes += piece.length;
      if (batchBytes >= WRITE_BATCH_BYTES) await writeBatch();
    }
    if (batchBytes > 0) await writeBatch();
    await handle.sync();
    done = true;
  } finally {
    await handle.close();
    if (!done) await fs.rm(temp, { force: true });
  }
  const sha256 = hash.digest('hex');
  if (sha256 !== expectedSha256) {
    await fs.rm(temp, { force: true });
    throw new AppError('E_HASH_MISMATCH', 'The attachment did not match its recorded checksum, so it was not saved. Sync the message again.');
  }
  await fs.rename(temp, target);
  await fsyncDir(path.dirname(target));
  return { path: target, size, sha256 };
}
