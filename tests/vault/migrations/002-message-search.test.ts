/** Migration 002 on a fresh encrypted database: the FTS5 index follows inserts, attachments and deletes. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/vault/migrate';
import { freshDb, objectNames } from '../helpers/fresh-db';

let h: ReturnType<typeof freshDb>;
beforeEach(() => { h = freshDb(); migrate(h.db, 1); });
afterEach(() => h.close());

const hits = (q: string) => (h.db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid').all(q) as Array<{ rowid: number }>).map((r) => r.rowid);

it('adds the FTS table and its triggers at version 2', () => {
  expect(migrate(h.db, 2)).toEqual([2]);
  expect(schemaVersion(h.db)).toBe(2);
  expect(objectNames(h.db, 'table')).toContain('messages_fts');
  expect(objectNames(h.db, 'trigger')).toEqual(['attachments_fts_delete', 'attachments_fts_insert', 'messages_fts_delete', 'messages_fts_insert', 'messages_fts_update']);
});

it('indexes subjects, bodies and attachment names, and drops them on delete (also by cascade)', () => {
  migrate(h.db, 2);
  h.db.exec(`
    INSERT INTO cases (id, offer_number, taxpayer_name, tin_masked, status, assigned_role, created_at) VALUES (1, 'DEMO-1', 'n', '***-**-4320', 'open', 'OE', 't');
    INSERT INTO threads (id, case_id, server_thread_id, subject, created_at) VALUES (1, 1, 't1', 's', 't');
    INSERT INTO messages (id, case_id, thread_id, server_id, direction, server_received_at, from_name, subject, body) VALUES
      (1, 1, 1, 'm1', 'inbound', 't', 'f', 'Résumé of income', 'paystubs attached'),
      (2, 1, 1, 'm2', 'inbound', 't', 'f', 'other', 'nothing');
    INSERT INTO attachments (id, case_id, message_id, file_name, declared_type, detected_type, size, sha256, blob_ref, blocked) VALUES
      (1, 1, 2, 'bank_statement.pdf', 't', 't', 1, '${'0'.repeat(64)}', 'r1', 0);
  `);
  expect(hits('resume')).toEqual([1]); // diacritics folded
  expect(hits('paystubs')).toEqual([1]);
  expect(hits('statement')).toEqual([2]);
  h.db.exec('DELETE FROM attachments WHERE id = 1');
  expect(hits('statement')).toEqual([]);
  h.db.exec('DELETE FROM cases WHERE id = 1'); // cascade fires the message delete trigger
  expect(hits('paystubs')).toEqual([]);
  expect((h.db.prepare('SELECT count(*) AS n FROM messages_fts').get() as { n: number }).n).toBe(0);
  // secure-delete: the deleted terms are gone from the index structures themselves, not just masked.
  const blocks = h.db.prepare('SELECT block FROM messages_fts_data').all() as Array<{ block: Buffer | null }>;
  expect(blocks.some((b) => b.block !== null && Buffer.from(b.block).includes(Buffer.from('paystubs')))).toBe(false);
});
