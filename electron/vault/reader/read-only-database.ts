/**
 * The reader's own connection to the vault file: read-only (the file opened read-only and
 * `query_only` on top, so no statement can write even by mistake), keyed like the main connection
 * (database.ts applyKey). In WAL mode it reads beside the main connection's writes and sees every
 * transaction committed before its statement starts.
 */
import { openKeyedDatabase, type VaultDb } from '../database';

/** Less page cache than the main connection's: the reader serves the case list and search only. */
const READER_CACHE_KIB = 128 * 1024;

export function openReadOnlyVaultDatabase(dir: string, dbKey: Buffer): VaultDb {
  return openKeyedDatabase(dir, dbKey, { readonly: true, fileMustExist: true }, (db) => {
    db.prepare('SELECT count(*) FROM sqlite_master').get(); // a wrong key fails here, not at the first query
    db.pragma('query_only=ON');
    db.pragma(`cache_size=-${READER_CACHE_KIB}`);
    db.pragma('temp_store=MEMORY'); // SQLite temp files are not encrypted: sorts stay in RAM
    db.pragma('busy_timeout=5000');
  });
}
