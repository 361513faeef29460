/** Migration 004 on a fresh encrypted database: sync's tables, their constraints and cascades. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/vault/migrate';
import { freshDb, objectNames } from '../helpers/fresh-db';

let h: ReturnType<typeof freshDb>;
beforeEach(() => { h = freshDb(); migrate(h.db, 3); });
afterEach(() => h.close());

const sha = 'a'.repeat(64);

function seedRows() {
  const db = h.db;
  db.prepare(`INSERT INTO cases (id, offer_number, taxpayer_name, tin_masked, status, assigned_role, created_at)
    VALUES (1, 'DEMO-0000012345', 'Pat Example', '***-**-4320', 'open', 'OE', '2025-04-01T12:00:00.000Z')`).run();
  db.prepare(`INSERT INTO threads (id, case_id, server_thread_id, subject, created_at) VALUES (1, 1, 'thr-1', 'Docs', '2025-04-01T12:00:00.000Z')`).run();
  db.prepare(`INSERT INTO messages (id, case_id, thread_id, server_id, direction, server_received_at, from_name, subject, body)
    VALUES (1, 1, 1, 'msg-1', 'inbound', '2025-04-21T14:03:00.000Z', 'Pat', 'Docs', 'Attached')`).run();
  db.prepare(`INSERT INTO outbox (id, case_id, thread_id, client_message_id, subject, body, state, created_at, updated_at)
    VALUES (1, 1, 1, '6b1f7c1e-8d1e-4c1a-9a8e-1d2f3a4b5c6d', 'Docs', 'Reply', 'queued', 'now', 'now')`).run();
}

it('adds the sync tables at version 4', () => {
  expect(migrate(h.db, 4)).toEqual([4]);
  expect(schemaVersion(h.db)).toBe(4);
  expect(objectNames(h.db, 'table')).toEqual(expect.arrayContaining(['sync_case_links', 'sync_remote_attachments', 'sync_secrets', 'outbox_attachments']));
});

it('keeps one link per server case and per vault case, and drops links, announcements and queued files with the case', () => {
  migrate(h.db);
  seedRows();
  const db = h.db;
  db.prepare(`INSERT INTO sync_case_links (server_case_id, case_id) VALUES ('srv-case-1', 1)`).run();
  expect(() => db.prepare(`INSERT INTO sync_case_links (server_case_id, case_id) VALUES ('srv-case-2', 1)`).run()).toThrow(/UNIQUE/);
  db.prepare(`INSERT INTO sync_remote_attachments (server_attachment_id, case_id, message_id, file_name, content_type, size, sha256, state)
    VALUES ('att-1', 1, 1, 'a.pdf', 'application/pdf', 10, ?, 'pending')`).run(sha);
  expect(() => db.prepare(`INSERT INTO sync_remote_attachments (server_attachment_id, case_id, message_id, file_name, content_type, size, sha256, state)
    VALUES ('att-2', 1, 1, 'a.pdf', 'application/pdf', 10, ?, 'downloading')`).run(sha)).toThrow(/CHECK/);
  db.prepare(`INSERT INTO outbox_attachments (outbox_id, case_id, file_name, declared_type, detected_type, size, sha256, blob_ref)
    VALUES (1, 1, 'b.pdf', 'application/pdf', 'application/pdf', 5, ?, 'ref1')`).run(sha);
  db.prepare('DELETE FROM cases WHERE id = 1').run();
  for (const t of ['sync_case_links', 'sync_remote_attachments', 'outbox_attachments']) {
    expect((db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n, t).toBe(0);
  }
});
