/**
 * Full-text search. The user's words are turned into quoted FTS5 prefix terms, so operators and
 * quotes in the input are text, never query syntax (no injection, no syntax errors on "don't").
 */
import type { VaultDb } from '../database';
import type { SearchHit } from '../records';

export const HIT_START = '\u0002';
export const HIT_END = '\u0003';

/** `bank stat` → `"bank"* "stat"*` (all terms must match). Returns null when nothing searchable remains. */
export function toFtsQuery(text: string): string | null {
  const terms = text.normalize('NFKC').split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0).slice(0, 16);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t}"*`).join(' ');
}

export function searchMessages(db: VaultDb, text: string, limit: number, caseId?: number, order: 'recent' | 'relevance' = 'recent'): SearchHit[] {
  const q = toFtsQuery(text);
  if (q === null) return [];
  const sql = `SELECT m.case_id AS caseId, m.thread_id AS threadId, m.id AS messageId,
      snippet(messages_fts, -1, '${HIT_START}', '${HIT_END}', '…', 12) AS snippet
    FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
    WHERE messages_fts MATCH ? ${caseId === undefined ? '' : 'AND m.case_id = ?'}
    ORDER BY ${order === 'recent' ? 'messages_fts.rowid DESC' : 'rank'} LIMIT ?`;
  const args = caseId === undefined ? [q, limit] : [q, caseId, limit];
  return db.prepare(sql).all(...args) as SearchHit[];
}
