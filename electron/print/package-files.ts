/**
 * Where a package is written: inside the SBU folder only (resolveSbuTarget), under a name that
 * carries no TIN and no offer number, first to a temporary name and renamed only when every volume
 * is complete — a cancelled or failed build leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { safeFileName } from '../fs/safe-file-name';
import { resolveSbuTarget } from '../fs/sbu-folder';

/**
 * Ten random letters (about 46 bits; unique enough for names that also carry the date). No digits: a hex id ending in digits next to the date read like an SSN
 * (`…71773-2026-…` has the shape 717-73-2026), which a DLP scanner would flag in the SBU folder.
 */
const ID_LETTERS = 'abcdefghijkmnpqrstuvwxyz'; // 24 letters: no l or o to misread
export function newPackageId(): string {
  return Array.from(randomBytes(10), (b) => ID_LETTERS[b % ID_LETTERS.length]).join('');
}

/** What a package's file name tells apart: whose case, what was printed, when. */
export interface PackageNaming {
  packageId: string;
  /** ISO 8601; shown in the machine's local time (the clock the employee reads in the file manager). */
  generatedAt: string;
  /** The case's taxpayer as the vault names them: masked and made file-name safe here. */
  taxpayerName: string;
  scope: 'case' | 'message';
  volume: number;
  volumes: number;
}

/**
 * The taxpayer's name as a file-name part: long digit runs masked (a TIN or offer number typed into a
 * name never reaches the SBU folder's listing), then only letters and digits, joined by dashes.
 */
function namePart(taxpayerName: string): string {
  const words = safeFileName(taxpayerName, 'case').normalize('NFC').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  let part = '';
  for (const w of words) {
    const next = part === '' ? w : `${part}-${w}`;
    if (next.length > 40) break;
    part = next;
  }
  return part === '' ? 'case' : part;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * `OIC-package-<Taxpayer-Name>-<case|message>-<yyyy-mm-dd>_<hhmm>-<id>[-vol1of3].pdf`, e.g.
 * `OIC-package-Rosa-Delgado-case-2026-12-01_1432-kqmvtzrabe.pdf`. No TIN, no offer number. The time is
 * joined by `_` (not `-`) so date and time never make one long digit run, which would read like an
 * account number; the random id keeps two prints of the same minute apart (and an existing file is
 * never overwritten: see commitAll).
 */
export function packageFileName(naming: PackageNaming): string {
  const at = new Date(naming.generatedAt);
  const when = Number.isNaN(at.getTime())
    ? naming.generatedAt.slice(0, 10)
    : `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}_${two(at.getHours())}${two(at.getMinutes())}`;
  const volume = naming.volumes > 1 ? `-vol${naming.volume}of${naming.volumes}` : '';
  return `OIC-package-${namePart(naming.taxpayerName)}-${naming.scope}-${when}-${naming.packageId}${volume}.pdf`;
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

/** A temporary package file: `.OIC-package-<name>-<scope>-<date>_<time>-<id>[-volKofN].pdf.<hex>.partial`. */
// Also the names of builds before names carried the case (`.OIC-package-<id>-<date>…`): any dot-name under the prefix.
const PARTIAL = /^\.OIC-package-[^/\\]+\.pdf\.[0-9a-f]{8}\.partial$/u;

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
