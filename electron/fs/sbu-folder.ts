/**
 * The SBU folder rule (IRM 10.5.1): decrypted taxpayer files and print packages may be written only
 * inside the folder the machine policy names. Paths are checked after resolving `..` and symbolic
 * links, so neither can lead a write outside it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors';

function isInsideOrEqual(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

// No path in details: they reach the renderer, and the IPC contract carries no file-system paths.
const outside = () => new AppError('E_OUTSIDE_SBU_FOLDER',
  'Taxpayer files can be saved only inside the SBU folder set by IT policy. Choose a location inside that folder.');

/**
 * Returns the canonical absolute path for a new file at `requested` (absolute, or relative to the SBU
 * folder) after checking that it lies inside the SBU folder. Missing folders are created (mode 0700)
 * only after the check. Refuses `..` escapes, parents that resolve outside through a symbolic link, and
 * a target that is itself a symbolic link.
 */
export async function resolveSbuTarget(sbuFolder: string, requested: string): Promise<string> {
  await fs.mkdir(sbuFolder, { recursive: true, mode: 0o700 });
  const declared = path.resolve(sbuFolder);
  const root = await fs.realpath(declared);
  // Accept paths written against either the declared or the canonical folder.
  const lexical = path.resolve(declared, requested);
  let rel: string;
  if (isInsideOrEqual(declared, lexical)) rel = path.relative(declared, lexical);
  else if (isInsideOrEqual(root, lexical)) rel = path.relative(root, lexical);
  else throw outside();
  if (rel === '') throw outside();

  const target = path.join(root, rel);
  // Canonicalize the deepest ancestor that exists, and check it before creating anything below it.
  let existing = path.dirname(target);
  const missing: string[] = [];
  for (;;) {
    try {
      existing = await fs.realpath(existing);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      missing.unshift(path.basename(existing));
      existing = path.dirname(existing);
    }
  }
  if (!isInsideOrEqual(root, existing)) throw outside();
  const parent = path.join(existing, ...missing);
  await fs.mkdir(parent, { recursive: true, mode: 0o700 });
  const finalPath = path.join(parent, path.basename(target));
  const st = await fs.lstat(finalPath).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (st?.isSymbolicLink()) throw outside();
  return finalPath;
}
