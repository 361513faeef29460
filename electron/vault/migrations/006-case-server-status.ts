/**
 * 006: the server's own case status (open, pending-documents, under-review, appeals, closed), shown in
 * the case list as the server has it. The vault's `status` stays as it was (open/pending/closed with
 * its closed_at CHECK): retention and closing read that one. Existing rows get the nearest server
 * status ('pending' could be any of three; pending-documents until the next case event says which).
 */
import type { Migration } from './migration';

export const caseServerStatus: Migration = {
  version: 6,
  name: 'case-server-status',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN server_status TEXT NOT NULL DEFAULT 'open'
        CHECK (server_status IN ('open', 'pending-documents', 'under-review', 'appeals', 'closed'));
      UPDATE cases SET server_status = CASE status WHEN 'pending' THEN 'pending-documents' WHEN 'closed' THEN 'closed' ELSE 'open' END;
    `);
  },
};
