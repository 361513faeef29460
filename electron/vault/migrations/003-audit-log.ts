/**
 * 003: the audit log. Rows are chained: each carries the previous row's MAC and its own, keyed by a
 * key derived from the master key. `audit_head` holds the MAC of the newest row so that deleting rows
 * from the end is detected too. Case ids are the vault's own integers, never offer numbers or names.
 */
import type { Migration } from './migration';

export const auditLog: Migration = {
  version: 3,
  name: 'audit-log',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        seq      INTEGER PRIMARY KEY,
        event    TEXT NOT NULL,
        case_id  INTEGER,
        actor    TEXT NOT NULL,
        at       TEXT NOT NULL,
        prev_mac TEXT NOT NULL,
        mac      TEXT NOT NULL
      );
      CREATE TABLE audit_head (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        seq      INTEGER NOT NULL,
        mac      TEXT NOT NULL,
        head_mac TEXT NOT NULL
      );
    `);
  },
};
