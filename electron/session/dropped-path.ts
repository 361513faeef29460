/**
 * Checks a path the renderer says was dropped. The renderer is untrusted, so a dropped "file" is only a
 * claim: it must be an absolute path to a regular file (a symlink counts only if it ends at one), and
 * must not lie inside the app's own folders (the vault, user data), so a compromised page cannot make
 * the app mail its own database or keys to a taxpayer. Refusals name the file's base name only: the
 * full path can hold a user name or a taxpayer's name in a folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';

export interface CheckedDrop {
  /** The resolved path (symlinks followed): what is read later, so a swapped link cannot redirect it. */
  path: string;
  /** The name as dropped: what the taxpayer will see. */
  name: string;
  size: number;
}

/** The base name, without control characters and cut to a readable length. */
function shownName(p: string): string {
  // eslint-disable-next-line no-control-regex
  const base = path.basename(p).replace(/[\u0000-\u001f\u007f]/g, '');
  return base.length > 80 ? `${base.slice(0, 77)}…` : base || 'The dropped item';
}

const quoted = (p: string) => `"${shownName(p)}"`;

export const dropErrors = {
  notAFile: (p: string, what: string) => new AppError('E_DROP_NOT_A_FILE',
    `${quoted(p)} is ${what}, not a file. Drop documents only, or use "Attach files…".`),
  notLocal: (p: string) => new AppError('E_DROP_NOT_A_FILE',
    `${quoted(p)} is not a file in a folder on this computer. Save it to a folder first, then drop it or use "Attach files…".`),
  missing: (p: string) => new AppError('E_DROP_FILE_MISSING',
    `${quoted(p)} cannot be found any more. Check that it still exists, then drop it again.`),
  unreadable: (p: string) => new AppError('E_DROP_FILE_UNREADABLE',
    `${quoted(p)} cannot be read (it may be open in another program or you may lack permission). Close it or copy it to your documents, then drop it again.`),
  forbidden: (p: string) => new AppError('E_DROP_FORBIDDEN_LOCATION',
    `${quoted(p)} is inside this app's own data folder (the encrypted vault and its settings), which is never sent. Attach the original document instead.`),
};

/** True when `child` is `root` or below it (case-insensitive where the platform's paths are). */
export function isInside(child: string, root: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** A root as written and as resolved (it may be reached through a symlink, e.g. /tmp on macOS). */
function rootForms(root: string): string[] {
  const resolved = path.resolve(root);
  try {
    return [resolved, fs.realpathSync.native(resolved)];
  } catch {
    return [resolved]; // not created yet: nothing can be inside it through a link
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isBlockDevice() || stat.isCharacterDevice()) return 'a device';
  return 'not a regular file';
}

export function checkDroppedPath(p: string, forbiddenRoots: readonly string[]): CheckedDrop {
  if (!path.isAbsolute(p)) throw dropErrors.notLocal(p);
  let real: string;
  let stat: fs.Stats;
  try {
    real = fs.realpathSync.native(p);
    stat = fs.statSync(real); // stat, never open: opening a FIFO would block
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') throw dropErrors.missing(p);
    throw dropErrors.unreadable(p);
  }
  if (!stat.isFile()) throw dropErrors.notAFile(p, kindOf(stat));
  const roots = forbiddenRoots.flatMap(rootForms);
  if ([path.resolve(p), real].some((candidate) => roots.some((root) => isInside(candidate, root)))) throw dropErrors.forbidden(p);
  try {
    fs.accessSync(real, fs.constants.R_OK);
  } catch {
    throw dropErrors.unreadable(p);
  }
  return { path: real, name: path.basename(p), size: stat.size };
}
