/**
 * Files the employee picked in the system dialog or dropped on a composer, remembered by opaque token.
 * The renderer is untrusted: it may only refer to files a dialog in the main process returned, or to
 * dropped paths the main side checked (regular files outside the app's own folders), never hand a path
 * to a reply, so a compromised page cannot send the vault or arbitrary local files to a taxpayer.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { checkFileName } from '../../shared/blocked-extensions';
import type { PickedFile } from '../../shared/ipc/sync-schemas';
import { checkDroppedPath } from './dropped-path';

/** A dialog that returns absolute paths (Electron's showOpenDialog in the app, a script in tests). */
export type FileDialog = () => Promise<string[]>;

export interface PickedFiles {
  pick(): Promise<PickedFile[]>;
  /**
   * Tokens for dropped files (paths from the preload's webUtils.getPathForFile). Every path is checked
   * first; one refused (not absolute, not a regular file, inside the app's folders) refuses the drop.
   */
  fromPaths(paths: readonly string[]): PickedFile[];
  /** Resolves tokens to files. Unknown or expired tokens are refused. */
  resolve(tokens: readonly string[]): Array<{ name: string; path: string }>;
  /** Forgets tokens once their reply is queued (a refused reply keeps them, so nothing is re-attached). */
  forget(tokens: readonly string[]): void;
  /** Forgets everything (the vault locked). */
  clear(): void;
}

const TTL_MS = 60 * 60 * 1000;

export interface PickedFilesOptions {
  /** Folders nothing may be dropped from: the vault and the app's user data. */
  forbiddenRoots?: readonly string[];
  now?: () => number;
}

export function createPickedFiles(dialog: FileDialog, options: PickedFilesOptions = {}): PickedFiles {
  const now = options.now ?? Date.now;
  const forbiddenRoots = options.forbiddenRoots ?? [];
  const known = new Map<string, { path: string; name: string; at: number }>();
  /** The one record pick and drop share: token, name, size and the blocked-extension flag. */
  const remember = (file: { path: string; name: string; size: number }): PickedFile => {
    const token = crypto.randomUUID();
    known.set(token, { path: file.path, name: file.name, at: now() });
    const verdict = checkFileName(file.name);
    return { token, name: file.name, size: file.size, blockedExtension: verdict.blocked ? verdict.extension : null };
  };
  return {
    async pick() {
      const paths = await dialog();
      const picked: PickedFile[] = [];
      for (const p of paths) {
        const stat = fs.statSync(p, { throwIfNoEntry: false });
        if (!stat?.isFile()) continue;
        picked.push(remember({ path: p, name: path.basename(p), size: stat.size }));
      }
      return picked;
    },
    fromPaths(paths) {
      const checked = paths.map((p) => checkDroppedPath(p, forbiddenRoots));
      return checked.map(remember);
    },
    resolve(tokens) {
      const files = tokens.map((token) => {
        const entry = known.get(token);
        if (!entry || now() - entry.at > TTL_MS) {
          throw new AppError('E_FILE_NOT_PICKED', 'An attached file is no longer available. Attach it again with "Attach files".');
        }
        return entry;
      });
      return files.map((f) => ({ name: f.name, path: f.path }));
    },
    forget(tokens) {
      for (const token of tokens) known.delete(token);
    },
    clear() {
      known.clear();
    },
  };
}
