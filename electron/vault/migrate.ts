/**
 * Migration runner: each migration is one file with a version number; the database's
 * `PRAGMA user_version` says which have run. Each runs in its own transaction, so a crash leaves the
 * schema at a whole version. A database whose version is above every migration known here was
 * written by a newer app: E_VAULT_NEWER ("update the app"), before anything runs.
 */
import type { VaultDb } from './database';
import { vaultErrors } from './vault-errors';
import { migrations, type Migration } from './migrations/all';

type MigratableDb = Pick<VaultDb, 'pragma' | 'exec' | 'transaction' | 'prepare'>;

export function schemaVersion(db: MigratableDb): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs pending migrations up to `target` (default: all). Returns the versions applied. */
export function migrate(db: MigratableDb, target = Number.POSITIVE_INFINITY, list: readonly Migration[] = migrations): number[] {
  const current = schemaVersion(db);
  const newest = list.at(-1)?.version ?? 0;
  // Written by a newer app: nothing is wrong with the files, this app just cannot read them. Touch nothing.
  if (current > newest) throw vaultErrors.newerVersion(current, newest);
  const applied: number[] = [];
  for (const m of list) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version=${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}
