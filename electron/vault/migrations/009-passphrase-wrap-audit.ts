/**
 * 009: which passphrase wrap of the key file the audit log has recorded (its scrypt salt, new for every
 * wrap). The key file and the database cannot change in one commit: a crash after the key file's
 * rename and before the 'passphrase-change' row left a changed passphrase with no audit row (found by
 * tests/vault/kill-operations.test.ts). Unlock compares the key file's wrap with this row and audits a
 * change that was not audited yet (passphrase-audit.ts). Empty until the first unlock, which records
 * the current wrap without an audit row (a change before this migration was audited the old way).
 */
import type { Migration } from './migration';

export const passphraseWrapAudit: Migration = {
  version: 9,
  name: 'passphrase-wrap-audit',
  up(db) {
    db.exec(`
      CREATE TABLE passphrase_wrap_audit (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        wrap_salt TEXT NOT NULL
      );
    `);
  },
};
