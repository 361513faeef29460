/** A fresh encrypted database file (random key) for migration tests. */
import crypto from 'node:crypto';
import { openVaultDatabase, type VaultDb } from '../../../electron/vault/database';
import { makeTempDir } from './temp-dir';

export function freshDb(): { db: VaultDb; close(): void } {
  const tmp = makeTempDir('vault-migration-');
  const db = openVaultDatabase(tmp.dir, crypto.randomBytes(32), { create: true });
  return { db, close: () => { db.close(); tmp.cleanup(); } };
}

export const objectNames = (db: VaultDb, type: 'table' | 'index' | 'trigger') =>
  (db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as Array<{ name: string }>).map((r) => r.name);

