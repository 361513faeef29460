/**
 * Migration runner: each migration is one file with a version number; the database's
 * `PRAGMA user_version` says which have run. Each runs in its own transaction, so a crash leaves the
 * schema at a whole version.
 */
import type { VaultDb } from './database';
import { migrations, type Migration } from './migrations/all';

type MigratableDb = Pick<VaultDb, 'pragma' | 'exec' | 'transaction' | 'prepare'>;

export function schemaVersion(db: MigratableDb): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs pending migrations up to `target` (default: all). Returns the versions applied. */
export function migrate(db: MigratableDb, target = Number.POSITIVE_INFINITY, list: readonly Migration[] = migrations): number[] {
  const current = schemaVersion(db);
  const newest = list.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(`vault schema version ${current} is newer than this app (${newest}); update the app`);
  }
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
