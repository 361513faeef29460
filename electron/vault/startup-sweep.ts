/**
 * Run at unlock, before anything else writes: removes temp files a crash left behind (blob writes,
 * key-file writes, exports) and blob files no attachment row points to (a crash between the blob
 * rename and the row's commit, or between a purge's commit and its file deletes).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir, isTempName } from './atomic-file';
import { BLOB_REF_PATTERN } from './blob-format';

export interface SweepReport { tempFilesRemoved: number; orphanBlobsRemoved: number }

async function listDir(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

export async function sweepVaultFiles(vaultDir: string, blobsDir: string, isReferenced: (blobRef: string) => boolean, exportTempDir?: string): Promise<SweepReport> {
  const report: SweepReport = { tempFilesRemoved: 0, orphanBlobsRemoved: 0 };
  for (const name of await listDir(vaultDir)) {
    if (isTempName(name)) {
      await fs.rm(path.join(vaultDir, name), { force: true });
      report.tempFilesRemoved += 1;
    }
  }
  for (const name of await listDir(blobsDir)) {
    if (isTempName(name)) {
      await fs.rm(path.join(blobsDir, name), { force: true });
      report.tempFilesRemoved += 1;
    } else if (BLOB_REF_PATTERN.test(name) && !isReferenced(name)) {
      await fs.rm(path.join(blobsDir, name), { force: true });
      report.orphanBlobsRemoved += 1;
    }
  }
  if (exportTempDir !== undefined) {
    for (const name of await listDir(exportTempDir)) {
      await fs.rm(path.join(exportTempDir, name), { force: true });
      report.tempFilesRemoved += 1;
    }
  }
  if (report.orphanBlobsRemoved + report.tempFilesRemoved > 0) await fsyncDir(blobsDir).catch(() => undefined);
  return report;
}
