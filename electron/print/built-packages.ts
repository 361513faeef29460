/**
 * The print packages this session built, so the renderer can open one in the in-app PDF viewer or
 * reveal it in the file manager after a print — and nothing else. A request names a package by its
 * plain file name (as `PrintOutcomeView.files` does); a name with a separator or `..`, or one this
 * session did not build, is refused, and the recorded path is canonicalised (symbolic links
 * resolved) and must still lie inside the SBU folder before it is read or shown. Forgotten at lock.
 *
 * A read opens the file first (never through a symbolic link where the platform can refuse one) and
 * then checks that what it holds open is the very file found inside the SBU folder: checked first and
 * opened later, the path could be swapped for a link to elsewhere in between.
 */
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError, PreviewErrorCodes } from '../../shared/errors';
import type { AttachmentSlice } from '../../shared/ipc/workspace-schemas';

export interface BuiltPackages {
  /** Records finished volumes (absolute paths inside the SBU folder). */
  remember(absolutePaths: readonly string[]): void;
  /** The canonical absolute path of a package this session built, checked inside the SBU folder. */
  resolve(fileName: string): Promise<string>;
  /** A slice of a package, shaped as `attachments.read` answers. */
  readSlice(fileName: string, offset: number, length: number): Promise<AttachmentSlice>;
  /** Forgets every package (at lock): the next session can open only what it builds itself. */
  forget(): void;
}

const unknown = () => new AppError(PreviewErrorCodes.unknownPackage,
  'This print package was not built in this session, so it cannot be opened here. Print again, or open it from the SBU folder.');
const outside = () => new AppError('E_OUTSIDE_SBU_FOLDER',
  'This print package is no longer inside the SBU folder set by IT policy, so it cannot be opened here.');
const missing = () => new AppError(PreviewErrorCodes.unknownPackage,
  'This print package is no longer in the SBU folder (it was moved or deleted). Print it again.');

/** A plain file name: no folder part on any platform, not `.`/`..`, no control characters. */
function isPlainFileName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return name !== '.' && name !== '..' && !/[/\\\u0000-\u001f]/.test(name) && !name.includes('..') && path.basename(name) === name;
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

export function createBuiltPackages(sbuFolder: () => string): BuiltPackages {
  const byName = new Map<string, string>();

  async function resolve(fileName: string): Promise<string> {
    if (!isPlainFileName(fileName)) throw unknown();
    const recorded = byName.get(fileName);
    if (recorded === undefined) throw unknown();
    let root: string;
    let real: string;
    try {
      root = await fs.realpath(sbuFolder());
      real = await fs.realpath(recorded);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw missing();
      throw err;
    }
    if (!isInside(root, real)) throw outside();
    return real;
  }

  /** The recorded package, open for reading, proven to be the file its canonical path inside the SBU folder names. */
  async function openVerified(fileName: string): Promise<fs.FileHandle> {
    if (!isPlainFileName(fileName)) throw unknown();
    const recorded = byName.get(fileName);
    if (recorded === undefined) throw unknown();
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(recorded, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw missing();
      if (code === 'ELOOP') throw outside(); // the package was replaced by a symbolic link
      throw err;
    }
    try {
      const real = await resolve(fileName);
      const [held, named] = await Promise.all([handle.stat({ bigint: true }), fs.stat(real, { bigint: true })]);
      if (!held.isFile() || held.dev !== named.dev || held.ino !== named.ino) throw missing(); // swapped meanwhile
      return handle;
    } catch (err) {
      await handle.close();
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw missing();
      throw err;
    }
  }

  return {
    remember(absolutePaths) {
      for (const p of absolutePaths) byName.set(path.basename(p), p);
    },
    resolve,
    async readSlice(fileName, offset, length) {
      const handle = await openVerified(fileName);
      try {
        const st = await handle.stat();
        if (offset > st.size) throw new AppError('E_RANGE', 'The requested part of the file is past its end.');
        const want = Math.min(length, st.size - offset);
        const bytes = new Uint8Array(want); // a plain array: it crosses IPC by structured clone
        let done = 0;
        while (done < want) {
          const { bytesRead } = await handle.read(bytes, done, want - done, offset + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return { bytes: done === want ? bytes : bytes.slice(0, done), offset, size: st.size };
      } finally {
        await handle.close();
      }
    },
    forget: () => byName.clear(),
  };
}
