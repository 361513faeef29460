/**
 * Files the employee picked in the system dialog, remembered by opaque token. The renderer is
 * untrusted: it may only refer to files a dialog in the main process returned, never name a path, so a
 * compromised page cannot send arbitrary local files to a taxpayer.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { checkFileName } from '../../shared/blocked-extensions';
import type { PickedFile } from '../../shared/ipc/sync-schemas';

/** A dialog that returns absolute paths (Electron's showOpenDialog in the app, a script in tests). */
export type FileDialog = () => Promise<string[]>;

export interface PickedFiles {
  pick(): Promise<PickedFile[]>;
  /** Resolves tokens to files. Unknown or expired tokens are refused. */
  resolve(tokens: readonly string[]): Array<{ name: string; path: string }>;
  /** Forgets tokens once their reply is queued (a refused reply keeps them, so nothing is re-attached). */
  forget(tokens: readonly string[]): void;
  /** Forgets everything (the vault locked). */
  clear(): void;
}

const TTL_MS = 60 * 60 * 1000;

export function createPickedFiles(dialog: FileDialog, now: () => number = Date.now): PickedFiles {
  const known = new Map<string, { path: string; name: string; at: number }>();
  return {
    async pick() {
      const paths = await dialog();
      const picked: PickedFile[] = [];
      for (const p of paths) {
        const stat = fs.statSync(p, { throwIfNoEntry: false });
        if (!stat?.isFile()) continue;
        const token = crypto.randomUUID();
        const name = path.basename(p);
        known.set(token, { path: p, name, at: now() });
        const verdict = checkFileName(name);
        picked.push({ token, name, size: stat.size, blockedExtension: verdict.blocked ? verdict.extension : null });
      }
      return picked;
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
