/**
 * Where a package is written: inside the SBU folder only (resolveSbuTarget), under a name that
 * carries no TIN and no offer number, first to a temporary name and renamed only when every volume
 * is complete — a cancelled or failed build leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSbuTarget } from '../fs/sbu-folder';

/**
 * Ten random letters (about 46 bits; unique enough for names that also carry the date). No digits: a hex id ending in digits next to the date read like an SSN
 * (`…71773-2026-…` has the shape 717-73-2026), which a DLP scanner would flag in the SBU folder.
 */
const ID_LETTERS = 'abcdefghijkmnpqrstuvwxyz'; // 24 letters: no l or o to misread
export function newPackageId(): string {
  return Array.from(randomBytes(10), (b) => ID_LETTERS[b % ID_LETTERS.length]).join('');
}

/** `OIC-package-<id>-<yyyy-mm-dd>[-vol1of3].pdf` */
export function packageFileName(packageId: string, generatedAt: string, volume: number, volumes: number): string {
  const day = generatedAt.slice(0, 10);
  return `OIC-package-${packageId}-${day}${volumes > 1 ? `-vol${volume}of${volumes}` : ''}.pdf`;
}

export interface PendingFile { finalPath: string; tempPath: string }

export async function reserveOutput(sbuFolder: string, subfolder: string | undefined, fileName: string): Promise<PendingFile> {
  const finalPath = await resolveSbuTarget(sbuFolder, path.join(subfolder ?? '', fileName));
  const tempPath = path.join(path.dirname(finalPath), `.${path.basename(finalPath)}.${randomBytes(4).toString('hex')}.partial`);
  return { finalPath, tempPath };
}

/** Renames every temporary file to its final name; refuses to overwrite an existing package. */
export async function commitAll(files: PendingFile[]): Promise<void> {
  for (const f of files) {
    try {
      await fs.link(f.tempPath, f.finalPath); // fails with EEXIST instead of overwriting
      await fs.unlink(f.tempPath);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw err;
      // File systems without hard links (FAT, some shares): check, then rename.
      if (await fs.lstat(f.finalPath).then(() => true, () => false)) throw err;
      await fs.rename(f.tempPath, f.finalPath);
    }
  }
}

export async function discardAll(files: PendingFile[]): Promise<void> {
  await Promise.all(files.map((f) => fs.rm(f.tempPath, { force: true })));
}

/** A temporary package file: `.OIC-package-<id>-<date>[-volKofN].pdf.<hex>.partial`. */
// Hex ids: leftovers of builds before ids became letters.
const PARTIAL = /^\.OIC-package-(?:[0-9a-f]{10}|[a-z]{10})-\d{4}-\d{2}-\d{2}(-vol\d+of\d+)?\.pdf\.[0-9a-f]{8}\.partial$/;

/**
 * Removes temporary package files a killed build left in the SBU folder (they hold decrypted
 * content). Run when the vault opens, before any new build can start. Returns how many were removed.
 */
export async function sweepPartialPackages(sbuFolder: string): Promise<number> {
  const names = await fs.readdir(sbuFolder).catch(() => [] as string[]);
  const stale = names.filter((n) => PARTIAL.test(n));
  await Promise.all(stale.map((n) => fs.rm(path.join(sbuFolder, n), { force: true })));
  return stale.length;
}
