/**
 * The reader's own connection to the vault file: read-only (the file opened read-only and
 * `query_only` on top, so no statement can write even by mistake), keyed like the main connection
 * (database.ts applyKey). In WAL mode it reads beside the main connection's writes and sees every
 * transaction committed before its statement starts.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey, dbFilePath, type VaultDb } from '../database';
import { vaultErrors } from '../vault-errors';

/** Less page cache than the main connection's: the reader serves the case list and search only. */
const READER_CACHE_KIB = 128 * 1024;

export function openReadOnlyVaultDatabase(dir: string, dbKey: Buffer): VaultDb {
  let db: VaultDb;
  try {
    db = new Database(dbFilePath(dir), { readonly: true, fileMustExist: true });
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_CANTOPEN') throw vaultErrors.damaged('database file missing');
    throw err;
  }
  try {
    applyKey(db, dbKey);
    db.prepare('SELECT count(*) FROM sqlite_master').get(); // a wrong key fails here, not at the first query
    db.pragma('query_only=ON');
    db.pragma(`cache_size=-${READER_CACHE_KIB}`);
    db.pragma('temp_store=MEMORY'); // SQLite temp files are not encrypted: sorts stay in RAM
    db.pragma('busy_timeout=5000');
  } catch (err) {
    db.close();
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw vaultErrors.damaged('database cannot be decrypted');
    throw err;
  }
  return db;
}
