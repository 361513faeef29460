/** Migration 001 on a fresh encrypted database: tables, constraints and cascades. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/vault/migrate';
import { freshDb, objectNames } from '../helpers/fresh-db';

let h: ReturnType<typeof freshDb>;
beforeEach(() => { h = freshDb(); });
afterEach(() => h.close());

it('creates the core tables at version 1', () => {
  expect(migrate(h.db, 1)).toEqual([1]);
  expect(schemaVersion(h.db)).toBe(1);
  expect(objectNames(h.db, 'table')).toEqual(['attachments', 'case_keys', 'cases', 'drafts', 'messages', 'outbox', 'participants', 'sync_cursors', 'threads']);
  expect(migrate(h.db, 1)).toEqual([]); // idempotent
});

it('enforces status/closed_at consistency and cascades a case delete to every child row', () => {
  migrate(h.db, 1);
  const db = h.db;
  expect(() => db.prepare(`INSERT INTO cases (offer_number, taxpayer_name, tin_masked, status, assigned_role, created_at) VALUES ('DEMO-1', 'n', '***-**-4320', 'closed', 'OE', 't')`).run())
    .toThrow(/CHECK/);
  db.exec(`
    INSERT INTO cases (id, offer_number, taxpayer_name, tin_masked, status, assigned_role, created_at) VALUES (1, 'DEMO-1', 'n', '***-**-4320', 'open', 'OE', 't');
    INSERT INTO case_keys VALUES (1, '{}');
    INSERT INTO participants (case_id, server_contact_id, role, display_name) VALUES (1, 'c', 'taxpayer', 'n');
    INSERT INTO threads (id, case_id, server_thread_id, subject, created_at) VALUES (1, 1, 't1', 's', 't');
    INSERT INTO messages (id, case_id, thread_id, server_id, direction, server_received_at, from_name, subject, body) VALUES (1, 1, 1, 'm1', 'inbound', 't', 'f', 's', 'b');
    INSERT INTO attachments (case_id, message_id, file_name, declared_type, detected_type, size, sha256, blob_ref, blocked) VALUES (1, 1, 'a', 't', 't', 1, '${'0'.repeat(64)}', 'r', 0);
    INSERT INTO drafts (case_id, thread_id, subject, body, updated_at) VALUES (1, 1, 's', 'b', 't');
    INSERT INTO outbox (case_id, thread_id, client_message_id, subject, body, state, created_at, updated_at) VALUES (1, 1, 'u', 's', 'b', 'queued', 't', 't');
  `);
  db.prepare('DELETE FROM cases WHERE id = 1').run();
  for (const t of ['case_keys', 'participants', 'threads', 'messages', 'attachments', 'drafts', 'outbox']) {
    expect((db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n).toBe(0);
  }
});
