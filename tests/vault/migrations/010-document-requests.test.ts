/**
 * Migration 010: the case-work tables, their cascades (a case delete removes requests, items, history,
 * links, packages and transfers; a discarded outbox item removes its request; a deleted attachment its
 * links) and the audit log's detail column, under which a chain written before the migration still
 * verifies and rows with a detail are covered by the MAC.
 */
import crypto from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { appendAudit, listAudit, verifyAudit } from '../../../electron/vault/audit-log';
import { migrate, schemaVersion } from '../../../electron/vault/migrate';
import { freshDb, objectNames } from '../helpers/fresh-db';

let h: ReturnType<typeof freshDb>;
beforeEach(() => { h = freshDb(); migrate(h.db, 9); });
afterEach(() => h.close());

const count = (table: string) => (h.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const run = (sql: string, ...args: unknown[]) => Number(h.db.prepare(sql).run(...args).lastInsertRowid);

function seed() {
  const caseId = run(`INSERT INTO cases (offer_number, taxpayer_name, tin_masked, status, server_status, assigned_role, created_at) VALUES ('DEMO-0000000001', 'Pat Example', '***-**-4321', 'open', 'open', 'OE', '2026-04-01T00:00:00Z')`);
  const threadId = run(`INSERT INTO threads (case_id, server_thread_id, subject, created_at) VALUES (?, 't1', 's', '2026-04-01T00:00:00Z')`, caseId);
  const messageId = run(`INSERT INTO messages (case_id, thread_id, server_id, direction, server_received_at, from_name, subject, body) VALUES (?, ?, 'm1', 'inbound', '2026-04-02T00:00:00Z', 'Pat', 's', 'b')`, caseId, threadId);
  const attachmentId = run(`INSERT INTO attachments (case_id, message_id, file_name, declared_type, detected_type, size, sha256, blob_ref, blocked) VALUES (?, ?, 'a.pdf', 'application/pdf', 'application/pdf', 1, ?, 'ref1', 0)`, caseId, messageId, 'a'.repeat(64));
  const outboxId = run(`INSERT INTO outbox (case_id, thread_id, client_message_id, subject, body, state, created_at, updated_at) VALUES (?, ?, ?, 's', 'b', 'queued', 'x', 'x')`, caseId, threadId, crypto.randomUUID());
  const requestId = run(`INSERT INTO document_requests (case_id, thread_id, outbox_id, subject, due_date, time_zone, created_at) VALUES (?, ?, ?, 's', '2026-04-27', 'America/New_York', 'x')`, caseId, threadId, outboxId);
  const itemId = run(`INSERT INTO document_request_items (request_id, position, kind, label, wording, due_date, original_due_date) VALUES (?, 0, 'other', 'l', 'w', '2026-04-27', '2026-04-27')`, requestId);
  run(`INSERT INTO document_request_item_history (item_id, entry) VALUES (?, '{"kind":"requested"}')`, itemId);
  run(`INSERT INTO document_request_item_attachments (item_id, attachment_id, linked_at) VALUES (?, ?, 'x')`, itemId, attachmentId);
  run(`INSERT INTO print_packages (case_id, built_at, scope, volumes, last_message_id) VALUES (?, 'x', 'case', '[]', ?)`, caseId, messageId);
  run(`INSERT INTO case_transfers (case_id, transferred_at, package_sha256s, retention_days, last_message_id) VALUES (?, 'x', '[]', 30, ?)`, caseId, messageId);
  return { caseId, attachmentId, outboxId };
}

it('adds the case-work tables and the audit detail at version 10', () => {
  expect(migrate(h.db, 10)).toEqual([10]);
  expect(schemaVersion(h.db)).toBe(10);
  expect(objectNames(h.db, 'table')).toEqual(expect.arrayContaining(['document_requests', 'document_request_items', 'document_request_item_history',
    'document_request_item_attachments', 'print_packages', 'case_transfers']));
  expect((h.db.prepare('PRAGMA table_info(audit_log)').all() as Array<{ name: string }>).map((c) => c.name)).toContain('detail');
});

it('keeps an audit chain written before it valid, and covers a detail with the MAC', () => {
  const key = crypto.randomBytes(32);
  appendAudit(h.db, key, 'unlock', null, 'oe-1', new Date('2026-04-01T00:00:00Z'));
  migrate(h.db);
  expect(verifyAudit(h.db, key)).toEqual({ ok: true, entries: 1 });
  appendAudit(h.db, key, 'transfer', 1, 'oe-1', new Date('2026-04-02T00:00:00Z'), `package sha256 ${'b'.repeat(64)}`);
  appendAudit(h.db, key, 'lock', null, 'oe-1', new Date('2026-04-02T00:00:01Z'));
  expect(verifyAudit(h.db, key)).toEqual({ ok: true, entries: 3 });
  expect(listAudit(h.db).map((e) => [e.event, e.detail])).toEqual([['lock', null], ['transfer', `package sha256 ${'b'.repeat(64)}`], ['unlock', null]]);
  h.db.prepare('UPDATE audit_log SET detail = ? WHERE seq = 2').run(`package sha256 ${'c'.repeat(64)}`);
  expect(verifyAudit(h.db, key)).toMatchObject({ ok: false, problems: [{ seq: 2, problem: 'bad-mac' }] });
  h.db.prepare('UPDATE audit_log SET detail = NULL WHERE seq = 2').run();
  expect(verifyAudit(h.db, key)).toMatchObject({ ok: false, problems: [{ seq: 2, problem: 'bad-mac' }] });
});

it('cascades: a case delete removes all of it; an attachment its links; a discarded outbox item its request', () => {
  migrate(h.db);
  let s = seed();
  h.db.prepare('DELETE FROM attachments WHERE id = ?').run(s.attachmentId);
  expect(count('document_request_item_attachments')).toBe(0);
  h.db.prepare('DELETE FROM outbox WHERE id = ?').run(s.outboxId);
  expect([count('document_requests'), count('document_request_items'), count('document_request_item_history')]).toEqual([0, 0, 0]);
  h.db.prepare('DELETE FROM cases WHERE id = ?').run(s.caseId);

  s = seed();
  h.db.prepare('DELETE FROM cases WHERE id = ?').run(s.caseId);
  for (const table of ['document_requests', 'document_request_items', 'document_request_item_history', 'document_request_item_attachments', 'print_packages', 'case_transfers']) {
    expect(count(table), table).toBe(0);
  }
});
