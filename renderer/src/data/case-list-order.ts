/**
 * The order of the cached case list, the same as the vault's SQL (electron/vault/queries/case-summaries.ts,
 * `ORDER BY last_received_at IS NULL, last_received_at DESC, c.id DESC`): last activity newest first,
 * cases without a message last, then the higher id first. Server instants are ISO 8601 UTC (`…Z`), so
 * text order is time order; compared by code unit like SQLite's BINARY collation, not localeCompare.
 */
import type { CaseSummary } from '../../../shared/ipc/workspace-schemas';

export function compareCaseListOrder(a: CaseSummary, b: CaseSummary): number {
  const x = a.lastActivityAt;
  const y = b.lastActivityAt;
  if (x !== y) {
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? 1 : -1;
  }
  return b.id - a.id;
}
