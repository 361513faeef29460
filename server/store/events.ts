/**
 * The change feed's storage. Events are appended inside the same transaction as the change they
 * describe; `seq` is SQLite's AUTOINCREMENT, and since one connection commits transactions one at a
 * time, a reader can never see seq n+1 before seq n is committed. Payloads are snapshots (messages are
 * immutable, so a snapshot is the truth forever).
 */
import { EventEmitter } from 'node:events';
import type { ChangeEvent } from '../../shared/protocol/changes';
import type { Db } from '../db/open-database';
import { stmt } from '../db/statement-cache';
import { VISIBLE_CASE_IDS } from './visibility';

type EventBody = ChangeEvent extends infer E ? (E extends ChangeEvent ? Omit<E, 'seq' | 'caseId' | 'occurredAt'> : never) : never;

export function appendEvent(db: Db, caseId: string, occurredAt: string, body: EventBody): number {
  const info = stmt(db, 'INSERT INTO events (case_id, type, payload, occurred_at) VALUES (?, ?, ?, ?)')
    .run(caseId, body.type, JSON.stringify(body), occurredAt);
  return Number(info.lastInsertRowid);
}

export interface EventPage { events: ChangeEvent[]; cursor: number; hasMore: boolean }

export function readEvents(db: Db, account: string, after: number, limit: number): EventPage {
  // Both reads run synchronously on one connection, so nothing can commit between them.
  const rows = stmt(db, `SELECT seq, case_id, payload, occurred_at FROM events
    WHERE seq > @after AND case_id IN (${VISIBLE_CASE_IDS}) ORDER BY seq LIMIT @limit`)
    .all({ account, after, limit: limit + 1 }) as Array<{ seq: number; case_id: string; payload: string; occurred_at: string }>;
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const events = page.map((r) => ({ ...JSON.parse(r.payload), seq: r.seq, caseId: r.case_id, occurredAt: r.occurred_at }) as ChangeEvent);
  const head = (stmt(db, 'SELECT coalesce(max(seq), 0) AS head FROM events').get() as { head: number }).head;
  const cursor = hasMore ? page[page.length - 1]!.seq : Math.max(after, head);
  return { events, cursor, hasMore };
}

/** Wakes long-polling readers after a commit. */
export class ChangeSignal extends EventEmitter {
  closing = false;
  constructor() { super(); this.setMaxListeners(0); }
  notify(): void { this.emit('change'); }
  close(): void { this.closing = true; this.emit('change'); }

  /** Resolves on the next change, after `ms`, or when the request goes away. */
  wait(ms: number, aborted: AbortSignal): Promise<void> {
    if (this.closing || aborted.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => { clearTimeout(timer); this.off('change', done); aborted.removeEventListener('abort', done); resolve(); };
      const timer = setTimeout(done, ms);
      this.on('change', done);
      aborted.addEventListener('abort', done);
    });
  }
}
