/**
 * The `data.changed` event's payload, built once for every service that changes vault data (sync,
 * the workspace's read marks, print). The renderer refetches what depends on the kinds named:
 * - cases: a case row (new case, server status, participants);
 * - messages: threads and messages of a case, and so its counts (unread, last activity);
 * - attachments: stored files and announced ones (downloading, failed);
 * - outbox: queued, sent, failed or discarded replies;
 * - print: attachments marked printed.
 */
import type { DataChanged, DataKind } from '../shared/ipc/contract';

export type { DataChanged, DataKind };
export type OnDataChanged = (change: DataChanged) => void;

/** More cases than the event may carry: send "any case" (an empty list) instead. */
const MAX_CASE_IDS = 10_000;

/** Deduplicated and sorted, so equal changes compare equal in tests and in the renderer's cache. */
export function dataChange(caseIds: Iterable<number>, kinds: Iterable<DataKind>): DataChanged {
  const ids = [...new Set(caseIds)].sort((a, b) => a - b);
  return { caseIds: ids.length > MAX_CASE_IDS ? [] : ids, kinds: [...new Set(kinds)].sort() };
}
