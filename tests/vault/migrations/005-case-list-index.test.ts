/** Migration 005 on a fresh encrypted database: the case list and open-case queries read the new covering index. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/vault/migrate';
import { listCaseSummaries } from '../../../electron/vault/queries/case-summaries';
import { listCaseMessages } from '../../../electron/vault/queries/messages';
import { freshDb, objectNames } from '../helpers/fresh-db';

let h: ReturnType<typeof freshDb>;
beforeEach(() => { h = freshDb(); migrate(h.db, 4); });
afterEach(() => h.close());

const plan = (sql: string) => (h.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join('\n');

it('replaces messages_case_time with a covering index at version 5', () => {
  expect(migrate(h.db, 5)).toEqual([5]);
  expect(schemaVersion(h.db)).toBe(5);
  const indexes = objectNames(h.db, 'index');
  expect(indexes).toContain('messages_case_time_state');
  expect(indexes).not.toContain('messages_case_time');
});

it('lets the case list scan the index only, and open-case use it', () => {
  migrate(h.db, 5);
  expect(plan(`SELECT count(m.id), sum(m.read = 0 AND m.direction = 'inbound'), max(m.server_received_at)
    FROM cases c LEFT JOIN messages m ON m.case_id = c.id GROUP BY c.id`)).toMatch(/COVERING INDEX messages_case_time_state/);
  expect(plan(`SELECT * FROM messages WHERE case_id = 1 ORDER BY server_received_at, id`)).toMatch(/INDEX messages_case_time_state/);
  h.db.exec(`
    INSERT INTO cases (id, offer_number, taxpayer_name, tin_masked, status, assigned_role, created_at) VALUES (1, 'DEMO-1', 'n', '***-**-4320', 'open', 'OE', 't');
    INSERT INTO threads (id, case_id, server_thread_id, subject, created_at) VALUES (1, 1, 't1', 's', 't');
    INSERT INTO messages (case_id, thread_id, server_id, direction, server_received_at, from_name, subject, body, read) VALUES
      (1, 1, 'm2', 'inbound', '2025-02-01T00:00:00.000Z', 'f', 's', 'b', 0),
      (1, 1, 'm1', 'inbound', '2025-01-01T00:00:00.000Z', 'f', 's', 'b', 1),
      (1, 1, 'm3', 'outbound', '2025-03-01T00:00:00.000Z', 'f', 's', 'b', 0);
  `);
  migrate(h.db); // the case list query reads columns of later migrations too
  expect(listCaseSummaries(h.db)[0]).toMatchObject({ messageCount: 3, unreadCount: 1, lastReceivedAt: '2025-03-01T00:00:00.000Z' });
  expect(listCaseMessages(h.db, 1).map((m) => m.serverId)).toEqual(['m1', 'm2', 'm3']);
});
