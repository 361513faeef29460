/**
 * Hash-chained, keyed audit log. Each row's MAC covers its sequence number, fields and the previous
 * row's MAC, under a key derived from the master key: someone who edits the database file cannot
 * recompute the chain without the passphrase. `audit_head` carries a MAC of the newest row, so
 * truncating the log from the end is detected as well. Rows hold event names, vault-internal case
 * ids and the actor id only; never names, TINs, subjects, bodies or file names. Since migration 010 a
 * row may carry a short `detail` (an item action, vault ids, a transfer's package SHA-256s; never SBU
 * text), covered by the MAC; rows without one are MACed exactly as before.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import type { VaultDb } from './database';

export const AuditEventSchema = z.enum(['create', 'unlock', 'lock', 'view', 'export', 'print', 'send', 'purge', 'passphrase-change', 'audit-failure',
  // An OS key-store wrap of the master key added or removed, and an unlock by it ('unlock' is by passphrase).
  'key-protector-add', 'key-protector-remove', 'unlock-key-protector',
  // Case work (migration 010): a document request queued, a change to one of its items, the case sent to Appeals.
  'request-create', 'request-item-update', 'transfer']);
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditEntrySchema = z.object({
  seq: z.number().int().positive(),
  event: AuditEventSchema,
  caseId: z.number().int().positive().nullable(),
  actor: z.string(),
  at: z.string(),
  /** A short non-SBU detail (migration 010), null for most rows. */
  detail: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export type AuditProblem = { seq: number | null; problem: 'bad-mac' | 'broken-link' | 'gap' | 'head-mismatch' | 'missing-head' };
export type AuditVerdict = { ok: true; entries: number } | { ok: false; entries: number; problems: AuditProblem[] };

const GENESIS = '0'.repeat(64);

function rowMac(key: Buffer, seq: number, event: string, caseId: number | null, actor: string, at: string, prevMac: string, detail: string | null): string {
  // JSON gives an unambiguous encoding of the fields (no separator collisions). A row without a detail
  // keeps the encoding it had before migration 010, so existing chains still verify.
  const fields = detail === null ? ['row', seq, event, caseId, actor, at, prevMac] : ['row', seq, event, caseId, actor, at, prevMac, detail];
  return crypto.createHmac('sha256', key).update(JSON.stringify(fields)).digest('hex');
}
const headMac = (key: Buffer, seq: number, mac: string) =>
  crypto.createHmac('sha256', key).update(JSON.stringify(['head', seq, mac])).digest('hex');

/** `detail` is absent on a database before migration 010 (rows are read with SELECT * for that reason). */
type AuditRow = { seq: number; event: string; case_id: number | null; actor: string; at: string; prev_mac: string; mac: string; detail?: string | null };

export function appendAudit(db: VaultDb, key: Buffer, event: AuditEvent, caseId: number | null, actor: string, at = new Date(), detail: string | null = null): void {
  db.transaction(() => {
    // Continue from the newest row as stored, so that a damaged log never stops the app from working;
    // unlock verifies the chain first and records an 'audit-failure' row when it is broken.
    const last = db.prepare('SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; mac: string } | undefined;
    const seq = (last?.seq ?? 0) + 1;
    const prev = last?.mac ?? GENESIS;
    const when = at.toISOString();
    const mac = rowMac(key, seq, event, caseId, actor, when, prev, detail);
    if (detail === null) {
      db.prepare('INSERT INTO audit_log (seq, event, case_id, actor, at, prev_mac, mac) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(seq, event, caseId, actor, when, prev, mac);
    } else {
      db.prepare('INSERT INTO audit_log (seq, event, case_id, actor, at, prev_mac, mac, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(seq, event, caseId, actor, when, prev, mac, detail);
    }
    db.prepare('INSERT INTO audit_head (id, seq, mac, head_mac) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, mac = excluded.mac, head_mac = excluded.head_mac')
      .run(seq, mac, headMac(key, seq, mac));
  })();
}

/** Walks the whole chain. Reports every problem found, not only the first. */
export function verifyAudit(db: VaultDb, key: Buffer): AuditVerdict {
  const problems: AuditProblem[] = [];
  let expectedSeq = 1;
  let prev = GENESIS;
  let entries = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    entries += 1;
    if (row.seq !== expectedSeq) problems.push({ seq: row.seq, problem: 'gap' });
    if (row.prev_mac !== prev) problems.push({ seq: row.seq, problem: 'broken-link' });
    if (rowMac(key, row.seq, row.event, row.case_id, row.actor, row.at, row.prev_mac, row.detail ?? null) !== row.mac) problems.push({ seq: row.seq, problem: 'bad-mac' });
    expectedSeq = row.seq + 1;
    prev = row.mac;
  }
  const head = db.prepare('SELECT seq, mac, head_mac FROM audit_head WHERE id = 1').get() as { seq: number; mac: string; head_mac: string } | undefined;
  if (!head) {
    if (entries > 0) problems.push({ seq: null, problem: 'missing-head' });
  } else if (head.head_mac !== headMac(key, head.seq, head.mac) || head.seq !== expectedSeq - 1 || head.mac !== prev) {
    problems.push({ seq: head.seq, problem: 'head-mismatch' });
  }
  return problems.length === 0 ? { ok: true, entries } : { ok: false, entries, problems };
}

export function listAudit(db: VaultDb, limit = 200): AuditEntry[] {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(limit) as Array<AuditRow & { event: AuditEvent }>;
  return rows.map((r) => ({ seq: r.seq, event: r.event, caseId: r.case_id, actor: r.actor, at: r.at, detail: r.detail ?? null }));
}
