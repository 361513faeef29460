/**
 * Opens the vault database: SQLite3MultipleCiphers in SQLCipher v4 mode with a raw 256-bit key (the
 * key is already derived, so SQLCipher's own PBKDF2 is skipped: opening takes < 1 ms). A wrong key
 * surfaces as SQLITE_NOTADB at the first read, which is forced here so callers learn it at open.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { vaultErrors } from './vault-errors';

export type VaultDb = Database.Database;
export const DB_FILE_NAME = 'vault.db';
export const dbFilePath = (dir: string) => path.join(dir, DB_FILE_NAME);

/** 256 MiB of page cache: measured here, it brings encrypted point queries to about plain speed. */
const CACHE_KIB = 256 * 1024;

/** Applies the cipher configuration and key; must run before any other statement. */
export function applyKey(db: VaultDb, dbKey: Buffer): void {
  if (dbKey.length !== 32) throw new Error('database key must be 32 bytes');
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${dbKey.toString('hex')}'"`);
}

/** Connection settings shared by the encrypted vault and the plain comparison in the benchmark. */
export function applyConnectionSettings(db: Pick<VaultDb, 'pragma'>): void {
  db.pragma('journal_mode=WAL');
  db.pragma('synchronous=FULL'); // a committed message survives a power cut, not only a crash
  db.pragma(`cache_size=-${CACHE_KIB}`);
  db.pragma('temp_store=MEMORY'); // SQLite temp files are not encrypted: keep sorts and temp tables in RAM
  db.pragma('secure_delete=ON'); // purged rows are overwritten, not left in free pages
  db.pragma('foreign_keys=ON');
  db.pragma('busy_timeout=5000');
}

/**
 * Opens the vault file with `dbKey` and runs `configure` (first read, settings) on it; maps the
 * failures every connection shares: a missing file, and a wrong key or a foreign/corrupt file.
 */
export function openKeyedDatabase(dir: string, dbKey: Buffer, options: Database.Options, configure: (db: VaultDb) => void): VaultDb {
  let db: VaultDb;
  try {
    db = new Database(dbFilePath(dir), options);
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_CANTOPEN') throw vaultErrors.damaged('database file missing');
    throw err;
  }
  try {
    applyKey(db, dbKey);
    configure(db);
  } catch (err) {
    db.close();
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw vaultErrors.damaged('database cannot be decrypted');
    throw err;
  }
  return db;
}

export function openVaultDatabase(dir: string, dbKey: Buffer, opts: { create: boolean }): VaultDb {
  return openKeyedDatabase(dir, dbKey, { fileMustExist: !opts.create }, (db) => {
    // First read: a wrong key or a foreign/corrupt file fails here.
    const objects = (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n;
    // An existing vault always has tables; an empty file (truncated to zero) must not pass as a new vault.
    if (!opts.create && objects === 0) throw vaultErrors.damaged('database is empty');
    applyConnectionSettings(db);
  });
}
