/** Migration 007 on a fresh encrypted database: announced, not-stored file names are in the search index. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/vault/migrate';
import { freshDb, objectNames } from '../helpers/fresh-db';

let h: ReturnType<typeof freshDb>;
beforeEach(() => { h = freshDb(); migrate(h.db, 6); });
afterEach(() => h.close());

const hits = (q: string) => (h.db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid').all(q) as Array<{ rowid: number }>).map((r) => r.rowid);
const names = (id: number) => (h.db.prepare('SELECT attachment_names AS n FROM messages_fts WHERE rowid = ?').get(id) as { n: string }).n;
const sha = '0'.repeat(64);

function seed() {
  h.db.exec(`
    INSERT INTO cases (id, offer_number, taxpayer_name, tin_masked, status, assigned_role, created_at) VALUES (1, 'DEMO-1', 'n', '***-**-4320', 'open', 'OE', 't');
    INSERT INTO threads (id, case_id, server_thread_id, subject, created_at) VALUES (1, 1, 't1', 's', 't');
    INSERT INTO messages (id, case_id, thread_id, server_id, direction, server_received_at, from_name, subject, body) VALUES
      (1, 1, 1, 'm1', 'inbound', 't', 'f', 'one', 'b'), (2, 1, 1, 'm2', 'inbound', 't', 'f', 'two', 'b');
  `);
}
const announce = (serverId: string, messageId: number, fileName: string, state: string) => h.db.prepare(`INSERT INTO sync_remote_attachments
  (server_attachment_id, case_id, message_id, file_name, content_type, size, sha256, state) VALUES (?, 1, ?, ?, 'x', 1, ?, ?)`).run(serverId, messageId, fileName, sha, state);

it('backfills the names of announced files that are not stored, at version 7', () => {
  seed();
  announce('a-pending', 1, 'mortgage_scan.tif', 'pending');
  announce('a-blocked', 2, 'payroll-tool.exe', 'blocked');
  expect(hits('mortgage')).toEqual([]); // version 6 indexed stored files only
  expect(migrate(h.db, 7)).toEqual([7]);
  expect(schemaVersion(h.db)).toBe(7);
  expect(objectNames(h.db, 'trigger')).toEqual(expect.arrayContaining([
    'attachments_fts_delete', 'attachments_fts_insert', 'remote_attachments_fts_delete', 'remote_attachments_fts_insert', 'remote_attachments_fts_update',
  ]));
  expect(hits('mortgage')).toEqual([1]);
  expect(hits('payroll')).toEqual([2]);
});

it('keeps each name once as a download moves to stored, and drops names with their rows', () => {
  migrate(h.db, 7);
  seed();
  announce('a-1', 1, 'bank_statement.pdf', 'pending');
  expect(names(1)).toBe('bank_statement.pdf');
  h.db.exec(`UPDATE sync_remote_attachments SET attempts = attempts + 1, state = 'failed' WHERE server_attachment_id = 'a-1'`);
  expect(names(1)).toBe('bank_statement.pdf');
  h.db.exec(`INSERT INTO attachments (id, case_id, message_id, file_name, declared_type, detected_type, size, sha256, blob_ref, blocked) VALUES
    (1, 1, 1, 'bank_statement.pdf', 't', 't', 1, '${sha}', 'r1', 0)`);
  h.db.exec(`UPDATE sync_remote_attachments SET state = 'stored', attachment_id = 1 WHERE server_attachment_id = 'a-1'`);
  expect(names(1)).toBe('bank_statement.pdf');
  h.db.exec('DELETE FROM attachments WHERE id = 1'); // attachment_id is set null; the row stays 'stored'
  expect(hits('statement')).toEqual([]);
  announce('a-2', 2, 'w2_2024.pdf', 'blocked');
  h.db.exec(`DELETE FROM sync_remote_attachments WHERE server_attachment_id = 'a-2'`);
  expect(hits('w2')).toEqual([]);
  h.db.exec('DELETE FROM cases WHERE id = 1'); // the cascade leaves nothing in the index
  expect((h.db.prepare('SELECT count(*) AS n FROM messages_fts').get() as { n: number }).n).toBe(0);
});
