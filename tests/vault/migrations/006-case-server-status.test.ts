/** Migration 006 on a fresh encrypted database: the server's case status beside the vault's own. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/vault/migrate';
import { freshDb } from '../helpers/fresh-db';

let h: ReturnType<typeof freshDb>;
beforeEach(() => { h = freshDb(); migrate(h.db, 5); });
afterEach(() => h.close());

const insert = (id: number, status: string, closedAt: string | null) => h.db.prepare(`INSERT INTO cases
  (id, offer_number, taxpayer_name, tin_masked, status, assigned_role, created_at, closed_at)
  VALUES (?, ?, 'Pat Example', '***-**-4320', ?, 'OE', '2025-04-01T12:00:00.000Z', ?)`).run(id, `DEMO-${id}`, status, closedAt);
const serverStatusOf = (id: number) => (h.db.prepare('SELECT server_status AS s FROM cases WHERE id = ?').get(id) as { s: string }).s;

it('gives existing cases the nearest server status at version 6', () => {
  insert(1, 'open', null);
  insert(2, 'pending', null);
  insert(3, 'closed', '2025-05-01T00:00:00.000Z');
  expect(migrate(h.db, 6)).toEqual([6]);
  expect(schemaVersion(h.db)).toBe(6);
  expect([1, 2, 3].map(serverStatusOf)).toEqual(['open', 'pending-documents', 'closed']);
});

it('keeps every status the server has, refuses others, and leaves the vault status and its CHECK as they were', () => {
  migrate(h.db, 6);
  insert(1, 'pending', null);
  for (const s of ['open', 'pending-documents', 'under-review', 'appeals', 'closed']) {
    h.db.prepare('UPDATE cases SET server_status = ? WHERE id = 1').run(s);
    expect(serverStatusOf(1)).toBe(s);
  }
  expect(() => h.db.prepare(`UPDATE cases SET server_status = 'pending' WHERE id = 1`).run()).toThrow(/CHECK/);
  expect(() => h.db.prepare(`UPDATE cases SET status = 'under-review' WHERE id = 1`).run()).toThrow(/CHECK/);
  expect(() => h.db.prepare(`UPDATE cases SET status = 'closed' WHERE id = 1`).run()).toThrow(/CHECK/); // closed_at still required
});
