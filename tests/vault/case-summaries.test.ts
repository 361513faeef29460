/**
 * The case list query: one grouped pass over the covering message index, plus the files still to
 * download (pending or failed, not blocked or stored) read through the state index only.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { migrate } from '../../electron/vault/migrate';
import { listCaseSummaries } from '../../electron/vault/queries/case-summaries';
import { freshDb } from './helpers/fresh-db';

let h: ReturnType<typeof freshDb>;
beforeEach(() => { h = freshDb(); migrate(h.db); });
afterEach(() => h.close());

it('counts pending and failed downloads per case, not blocked or stored ones, next to the message counts', () => {
  h.db.exec(`
    INSERT INTO cases (id, offer_number, taxpayer_name, tin_masked, status, server_status, assigned_role, created_at) VALUES
      (1, 'DEMO-1', 'n', '***-**-4320', 'pending', 'appeals', 'OE', 't'), (2, 'DEMO-2', 'n', '***-**-4321', 'open', 'open', 'OE', 't');
    INSERT INTO threads (id, case_id, server_thread_id, subject, created_at) VALUES (1, 1, 't1', 's', 't');
    INSERT INTO messages (id, case_id, thread_id, server_id, direction, server_received_at, from_name, subject, body, read) VALUES
      (1, 1, 1, 'm1', 'inbound', '2025-01-01T00:00:00.000Z', 'f', 's', 'b', 0),
      (2, 1, 1, 'm2', 'inbound', '2025-02-01T00:00:00.000Z', 'f', 's', 'b', 0);
  `);
  const announce = h.db.prepare(`INSERT INTO sync_remote_attachments (server_attachment_id, case_id, message_id, file_name, content_type, size, sha256, state)
    VALUES (?, 1, ?, 'a.pdf', 'application/pdf', 1, '${'a'.repeat(64)}', ?)`);
  for (const [id, message, state] of [['a', 1, 'pending'], ['b', 2, 'pending'], ['c', 2, 'failed'], ['d', 2, 'blocked'], ['e', 1, 'stored']] as const) {
    announce.run(id, message, state);
  }
  expect(listCaseSummaries(h.db).map((c) => [c.id, c.serverStatus, c.messageCount, c.unreadCount, c.pendingDownloads])).toEqual([
    [1, 'appeals', 2, 2, 3],
    [2, 'open', 0, 0, 0],
  ]);
});

it('reads messages through the covering index and downloads through the state index', () => {
  const spy = h.db.prepare.bind(h.db);
  let sql = '';
  (h.db as unknown as { prepare: (s: string) => unknown }).prepare = (s: string) => { sql = s; return spy(s); };
  listCaseSummaries(h.db);
  const plan = (h.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join('\n');
  expect(plan).toMatch(/COVERING INDEX messages_case_time_state/);
  expect(plan).toMatch(/sync_remote_attachments USING INDEX sync_remote_attachments_state/);
  expect(plan).not.toMatch(/SCAN (m|messages|sync_remote_attachments)\b/);
});
