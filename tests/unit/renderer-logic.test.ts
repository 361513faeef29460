/**
 * The renderer's pure parts, in Node: what a data.changed event makes stale in a real TanStack Query
 * cache, case list order and filters, the conversation's rows and the message a case opens at, list
 * keys, sync words, and the workspace state across case changes.
 */
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { SyncStatusView } from '../../shared/ipc/sync-schemas';
import type { CaseDetail, CaseSummary, MessageView } from '../../shared/ipc/workspace-schemas';
import { applyDataChanged } from '../../renderer/src/data/invalidation';
import { queryKeys } from '../../renderer/src/data/query-keys';
import { arrangeCases } from '../../renderer/src/workspace/case-order';
import { conversationRows, messageToOpen } from '../../renderer/src/workspace/conversation-rows';
import { handleListKey } from '../../renderer/src/workspace/list-keys';
import { connectionWords, progressWords } from '../../renderer/src/workspace/sync-words';
import { initialWorkspaceState, workspaceReducer } from '../../renderer/src/workspace/workspace-state-reducer';

const summary = (id: number, over: Partial<CaseSummary> = {}): CaseSummary => ({
  id, offerNumber: `DEMO-00000${10000 + id}`, taxpayerName: `Taxpayer ${id}`, tinMasked: '***-**-4320', status: 'open',
  assignedRole: 'OE', unread: 0, messages: 1, pendingDownloads: 0, lastActivityAt: `2025-04-${String(10 + id).padStart(2, '0')}T12:00:00.000Z`, ...over,
});
const message = (id: number, at: string, over: Partial<MessageView> = {}): MessageView => ({
  id, serverId: `srv-${id}`, direction: 'inbound', serverReceivedAt: at, label: '', from: 'T', to: 'E', subject: `s${id}`, body: '', read: true,
  attachments: [], remoteFiles: [], ...over,
});

describe('data.changed invalidation', () => {
  function seeded() {
    const client = new QueryClient();
    for (const key of [queryKeys.cases, queryKeys.caseDetail(1), queryKeys.caseDetail(2), queryKeys.outbox(1), queryKeys.outbox(2), queryKeys.search('x'), queryKeys.prefs]) {
      client.setQueryData(key, {});
    }
    const stale = () => client.getQueryCache().getAll().filter((q) => q.state.isInvalidated).map((q) => JSON.stringify(q.queryKey)).sort();
    return { client, stale };
  }

  it('makes stale the list, search and the named case only; its outbox only when the outbox moved', () => {
    const { client, stale } = seeded();
    applyDataChanged(client, { caseIds: [1], kinds: ['messages'] });
    expect(stale()).toEqual(['["cases.get",{"caseId":1}]', '["cases.list"]', '["search.query",{"query":"x"}]']);
    applyDataChanged(client, { caseIds: [2], kinds: ['outbox'] });
    expect(stale()).toContain('["replies.outbox",{"caseId":2}]');
    expect(stale()).not.toContain('["replies.outbox",{"caseId":1}]');
    expect(stale()).not.toContain('["prefs.get"]');
  });

  it('an empty case list means every case', () => {
    const { client, stale } = seeded();
    applyDataChanged(client, { caseIds: [], kinds: ['outbox'] });
    expect(stale()).toEqual(expect.arrayContaining(['["cases.get",{"caseId":1}]', '["cases.get",{"caseId":2}]', '["replies.outbox",{"caseId":1}]', '["replies.outbox",{"caseId":2}]']));
  });
});

describe('case list order and filters', () => {
  const cases = [summary(1, { taxpayerName: 'zoe Adams', unread: 2 }), summary(2, { taxpayerName: 'Émile Brun', status: 'appeals', pendingDownloads: 3 }), summary(3, { taxpayerName: 'al Chen', lastActivityAt: null })];
  it('sorts by activity (newest first, none last), name (accent and case blind), unread, status', () => {
    expect(arrangeCases(cases, 'activity', 'all').map((c) => c.id)).toEqual([2, 1, 3]);
    expect(arrangeCases(cases, 'name', 'all').map((c) => c.taxpayerName)).toEqual(['al Chen', 'Émile Brun', 'zoe Adams']);
    expect(arrangeCases(cases, 'unread', 'all')[0]!.id).toBe(1);
    expect(arrangeCases(cases, 'status', 'all').at(-1)!.id).toBe(2);
  });
  it('filters by unread, status and files still downloading, without changing the input', () => {
    expect(arrangeCases(cases, 'activity', 'unread').map((c) => c.id)).toEqual([1]);
    expect(arrangeCases(cases, 'activity', 'status:appeals').map((c) => c.id)).toEqual([2]);
    expect(arrangeCases(cases, 'activity', 'downloads').map((c) => c.id)).toEqual([2]);
    expect(cases.map((c) => c.id)).toEqual([1, 2, 3]);
  });
});

describe('conversation rows', () => {
  const detail: CaseDetail = {
    case: summary(1),
    threads: [
      { id: 10, subject: 'old thread', messages: [message(1, '2025-04-01T10:00:00Z', { read: false }), message(2, '2025-04-02T10:00:00Z')] },
      { id: 11, subject: 'new thread', messages: [message(3, '2025-04-05T10:00:00Z', { read: false }), message(4, '2025-04-06T10:00:00Z', { direction: 'outbound', read: false })] },
    ],
  };
  it('puts the thread with the newest activity first, each thread oldest message first', () => {
    expect(conversationRows(detail).map((r) => r.key)).toEqual(['t11', 'm3', 'm4', 't10', 'm1', 'm2']);
  });
  it('opens at the oldest unread inbound message (an outbound one never counts as unread), else the newest', () => {
    expect(messageToOpen(detail)).toBe(1);
    const allRead = { ...detail, threads: detail.threads.map((t) => ({ ...t, messages: t.messages.map((m) => ({ ...m, read: true })) })) };
    expect(messageToOpen(allRead)).toBe(4);
    expect(messageToOpen({ ...detail, threads: [] })).toBeNull();
  });
});

describe('list keys', () => {
  it('move with arrows and j/k, clamp at the ends, page, and open with Enter', () => {
    expect(handleListKey('j', 0, 5, 3)).toBe(1);
    expect(handleListKey('ArrowUp', 0, 5, 3)).toBe(0);
    expect(handleListKey('End', 1, 5, 3)).toBe(4);
    expect(handleListKey('PageDown', 3, 5, 3)).toBe(4);
    expect(handleListKey('Enter', 2, 5, 3)).toBe('open');
    expect(handleListKey('x', 2, 5, 3)).toBeNull();
    expect(handleListKey('j', 0, 0, 3)).toBeNull();
  });
});

describe('sync words', () => {
  const base: SyncStatusView = {
    state: 'offline', lastSyncedAt: null, lastError: { code: 'E_OFFLINE', message: 'offline' }, nextRetryAt: '2025-04-01T12:00:10.000Z',
    outbox: { queued: 0, failed: 0 }, downloads: { pending: 0, failed: 0, blocked: 0 }, progress: null, account: null, server: 'policy',
  };
  const now = Date.parse('2025-04-01T12:00:00.000Z');
  it('say offline and when the next attempt is; an error retries too, never "stopped"', () => {
    expect(connectionWords(base, now)).toBe("Offline: working from this laptop's copy — retrying in 10 s");
    expect(connectionWords({ ...base, state: 'error' }, now + 10_000)).toBe('Sync problem — retrying now');
    expect(connectionWords({ ...base, state: 'idle', nextRetryAt: null }, now)).toBe('Online · up to date');
    // A long-poll turn that moves nothing reads as up to date; the first sync and downloads say syncing.
    const synced = { ...base, state: 'syncing' as const, nextRetryAt: null, lastSyncedAt: '2025-04-01T11:59:00.000Z' };
    expect(connectionWords(synced, now)).toBe('Online · up to date');
    expect(connectionWords({ ...synced, lastSyncedAt: null }, now)).toBe('Syncing…');
    expect(connectionWords({ ...synced, progress: { filesDone: 0, filesTotal: 1, bytesDone: 0, bytesTotal: 9 } }, now)).toBe('Syncing…');
  });
  it('give download progress in files and binary units', () => {
    expect(progressWords({ ...base, progress: { filesDone: 3, filesTotal: 9, bytesDone: 5 * 1024 * 1024, bytesTotal: 25 * 1024 * 1024 } })).toBe('3 of 9 files · 5 MiB of 25 MiB');
    expect(progressWords(base)).toBeNull();
  });
});

describe('workspace state', () => {
  it('a new case clears the message and a composer of another case; the same case with a message selects it', () => {
    let s = workspaceReducer(initialWorkspaceState, { type: 'case', caseId: 1 });
    s = workspaceReducer(s, { type: 'message', messageId: 7 });
    s = workspaceReducer(s, { type: 'compose', composer: { mode: 'reply', caseId: 1, threadId: 3 } });
    expect(workspaceReducer(s, { type: 'case', caseId: 1 })).toBe(s);
    expect(workspaceReducer(s, { type: 'case', caseId: 1, messageId: 9 }).messageId).toBe(9);
    const other = workspaceReducer(s, { type: 'case', caseId: 2 });
    expect(other).toMatchObject({ caseId: 2, messageId: null, composer: null });
  });
});
