/**
 * Full-text search over messages (subjects, bodies, names of stored and announced files). The user's
 * words are turned into quoted FTS5 prefix terms, so operators and quotes in the input are text, never
 * query syntax (no injection, no syntax errors on "don't"). Each hit comes with its case, sender,
 * subject and server time from one joined query.
 */
import type { VaultDb } from '../database';
import type { SearchHit } from '../records';

export const HIT_START = '\u0002';
export const HIT_END = '\u0003';
/** Marks where a snippet cuts its column's text (a number there may be cut too: see search-results.ts). */
export const SNIPPET_ELLIPSIS = '\u2026';

/** `bank stat` → `"bank"* "stat"*` (all terms must match). Returns null when nothing searchable remains. */
export function toFtsQuery(text: string): string | null {
  const terms = text.normalize('NFKC').split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0).slice(0, 16);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t}"*`).join(' ');
}

/**
 * 'recent': the `limit` most recently stored hits (FTS5 stops early, ~3 ms even for common words),
 * shown newest server time first; sync stores in server order, so the two agree but for backfills.
 * 'relevance': BM25 rank (scores every hit).
 */
export function searchMessages(db: VaultDb, text: string, limit: number, caseId?: number, order: 'recent' | 'relevance' = 'recent'): SearchHit[] {
  const q = toFtsQuery(text);
  if (q === null) return [];
  const inCase = caseId === undefined ? '' : 'AND messages_fts.rowid IN (SELECT id FROM messages WHERE case_id = ?)';
  const sql = `SELECT m.case_id AS caseId, c.taxpayer_name AS taxpayerName, m.thread_id AS threadId, m.id AS messageId,
      m.from_name AS "from", m.subject AS subject, m.server_received_at AS serverReceivedAt, h.snippet AS snippet
    FROM (SELECT messages_fts.rowid AS id, rank AS score,
            snippet(messages_fts, -1, '${HIT_START}', '${HIT_END}', '${SNIPPET_ELLIPSIS}', 12) AS snippet
          FROM messages_fts WHERE messages_fts MATCH ? ${inCase}
          ORDER BY ${order === 'recent' ? 'messages_fts.rowid DESC' : 'rank'} LIMIT ?) h
    JOIN messages m ON m.id = h.id
    JOIN cases c ON c.id = m.case_id
    ORDER BY ${order === 'recent' ? 'm.server_received_at DESC, m.id DESC' : 'h.score, m.id DESC'}`;
  const args = caseId === undefined ? [q, limit] : [q, caseId, limit];
  return db.prepare(sql).all(...args) as SearchHit[];
}
