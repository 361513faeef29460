/**
 * The case list query: the per-case counts of migration 011 (kept by triggers, always equal to the
 * messages), plus the files still to download (pending or failed, not blocked or stored).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

// ---- migration 011: counts kept per case by triggers ------------------------------------------------

/** The case list's numbers straight from the messages (what migration 011's table must always equal). */
const fromMessages = (db: ReturnType<typeof freshDb>['db']) => db.prepare(`
  SELECT c.id, count(m.id) AS n, coalesce(sum(m.read = 0 AND m.direction = 'inbound'), 0) AS unread, max(m.server_received_at) AS last
  FROM cases c LEFT JOIN messages m ON m.case_id = c.id GROUP BY c.id ORDER BY c.id`).all();
const fromList = (db: ReturnType<typeof freshDb>['db']) => listCaseSummaries(db)
  .map((c) => ({ id: c.id, n: c.messageCount, unread: c.unreadCount, last: c.lastReceivedAt })).sort((a, b) => a.id - b.id);

describe('with migration 011 (case_activity)', () => {
  let g: ReturnType<typeof freshDb>;
  const addCase = (id: number) => g.db.prepare(`INSERT INTO cases (id, offer_number, taxpayer_name, tin_masked, status, server_status, assigned_role, created_at)
    VALUES (?, ?, 'n', '***-**-4320', 'open', 'open', 'OE', 't')`).run(id, `DEMO-${id}`);
  const addThread = (id: number, caseId: number) => g.db.prepare("INSERT INTO threads (id, case_id, server_thread_id, subject, created_at) VALUES (?, ?, ?, 's', 't')").run(id, caseId, `t${id}`);
  const addMessage = (id: number, caseId: number, threadId: number, direction: 'inbound' | 'outbound', at: string, read: 0 | 1) => g.db.prepare(`
    INSERT INTO messages (id, case_id, thread_id, server_id, direction, server_received_at, from_name, subject, body, read)
    VALUES (?, ?, ?, ?, ?, ?, 'f', 's', 'b', ?) ON CONFLICT(server_id) DO NOTHING`).run(id, caseId, threadId, `m${id}`, direction, at, read);

  beforeEach(() => { g = freshDb(); });
  afterEach(() => g.close());

  it('fills the table from the messages already stored', () => {
    migrate(g.db, 10);
    addCase(1); addCase(2); addThread(1, 1);
    addMessage(1, 1, 1, 'inbound', '2025-01-01T00:00:00.000Z', 0);
    addMessage(2, 1, 1, 'outbound', '2025-03-01T00:00:00.000Z', 0);
    migrate(g.db);
    expect(fromList(g.db)).toEqual([{ id: 1, n: 2, unread: 1, last: '2025-03-01T00:00:00.000Z' }, { id: 2, n: 0, unread: 0, last: null }]);
  });

  it('stays equal to the messages through inserts, repeats, read marks, time changes, moves, deletes and a purged case', () => {
    migrate(g.db);
    addCase(1); addCase(2); addCase(3); addThread(1, 1); addThread(2, 2); addThread(3, 3);
    const steps: Array<[string, () => void]> = [
      ['inserts', () => {
        addMessage(1, 1, 1, 'inbound', '2025-01-01T00:00:00.000Z', 0);
        addMessage(2, 1, 1, 'inbound', '2025-02-01T00:00:00.000Z', 0);
        addMessage(3, 1, 1, 'outbound', '2025-02-02T00:00:00.000Z', 0);
        addMessage(4, 2, 2, 'inbound', '2024-12-01T00:00:00.000Z', 1);
        addMessage(5, 3, 3, 'inbound', '2025-05-01T00:00:00.000Z', 0);
      }],
      ['a repeated server id changes nothing', () => addMessage(99, 1, 1, 'inbound', '2026-01-01T00:00:00.000Z', 0).changes],
      ['read marks', () => g.db.exec("UPDATE messages SET read = 1 WHERE case_id = 1 AND direction = 'inbound'")],
      ['marked unread again', () => g.db.exec('UPDATE messages SET read = 0 WHERE id = 2')],
      ['newest message moves back in time', () => g.db.exec("UPDATE messages SET server_received_at = '2024-01-01T00:00:00.000Z' WHERE id = 3")],
      ['a message moves to another case', () => g.db.exec('UPDATE messages SET case_id = 2, thread_id = 2 WHERE id = 2')],
      ['the newest message of a case is deleted', () => g.db.exec('DELETE FROM messages WHERE id = 1')],
      ['a case is purged (its messages cascade)', () => g.db.exec('DELETE FROM cases WHERE id = 3')],
      ['a new case', () => addCase(4)],
    ];
    for (const [label, step] of steps) {
      step();
      expect(fromList(g.db), label).toEqual(fromMessages(g.db));
    }
    expect(fromList(g.db).map((c) => c.id)).toEqual([1, 2, 4]);
  });

  it('reads the per-case table, never the messages', () => {
    migrate(g.db);
    const spy = g.db.prepare.bind(g.db);
    let sql = '';
    (g.db as unknown as { prepare: (s: string) => unknown }).prepare = (s: string) => { sql = s; return spy(s); };
    listCaseSummaries(g.db);
    const plan = (g.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join('\n');
    expect(sql).toMatch(/LEFT JOIN case_activity a\b/);
    expect(plan).toMatch(/SEARCH a USING INTEGER PRIMARY KEY/);
    expect(plan).not.toMatch(/messages|SEARCH m\b|SCAN m\b/);
    expect(plan).not.toMatch(/SCAN sync_remote_attachments\b/);
  });
});
