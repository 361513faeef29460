/**
 * 005: the case list (counts, unread, newest time per case) reads only this index: it carries read
 * and direction next to case and time, so the grouped scan never touches message rows (bodies). It
 * replaces messages_case_time, which it covers for opening a case too.
 */
import type { Migration } from './migration';

export const caseListIndex: Migration = {
  version: 5,
  name: 'case-list-index',
  up(db) {
    db.exec(`
      CREATE INDEX messages_case_time_state ON messages(case_id, server_received_at, read, direction);
      DROP INDEX messages_case_time;
    `);
  },
};
