/**
 * The sync engine: one run (`syncOnce`) sends queued replies, pulls the change feed page by page into
 * the vault and downloads announced attachments; the loop (`start`/`stop`) repeats it, long-polling
 * the feed between runs and backing off exponentially with jitter after a failure. All vault work is
 * serialized, so a manual "sync now", a queued reply and the loop never interleave.
 *
 * States: signed-out (no session: waits for sign-in) · syncing · idle (up to date, long-polling) ·
 * offline (server unreachable: retrying with backoff) · error (server refused or failed: retrying).
 */
import type { AppErrorData } from '../../shared/errors';
import type { Account } from '../../shared/protocol/auth';
import { dataChange, type DataKind, type OnDataChanged } from '../data-changed';
import type { Vault } from '../vault';
import { FEED_CURSOR, applyPage, fetchMissing, missingReferences, type ApplyReport, type PageChanges } from './apply-changes';
import { downloadPending, type DownloadOptions, type DownloadProgress, type DownloadReport } from './attachment-download';
import { backoffDelay, sleep, type BackoffOptions } from './backoff';
import { PREPARING, flushOutbox, type FlushReport } from './outbox';
import type { ServerClient } from './server-client';
import { needsSignIn, toAppError } from './sync-errors';

export type SyncState = 'signed-out' | 'syncing' | 'idle' | 'offline' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** Server time (HTTP Date of its answer) when the vault was last fully in step with the server. */
  lastSyncedAt: string | null;
  lastError: AppErrorData | null;
  /** When the next attempt after a failure is due (laptop clock), while offline or in error. */
  nextRetryAt: string | null;
  outbox: { queued: number; failed: number };
  downloads: { pending: number; failed: number; blocked: number };
  /** This run's downloads while they go on; null otherwise. */
  progress: DownloadProgress | null;
}

/** New inbound messages one run applied (what a desktop notification may say: a count, a case to open). */
export interface InboundReport {
  count: number;
  /** The local case of the newest one. */
  newestCaseId: number | null;
  /** The vault's first sync (until a pull once reached the end of the feed): history, not news. */
  firstSync: boolean;
}

export interface SyncReport {
  outbox: FlushReport;
  pulled: ApplyReport;
  downloads: DownloadReport;
}

export interface SyncEngineOptions {
  vault: Vault;
  client: ServerClient;
  /** Who is signed in; the engine waits in 'signed-out' while there is no session. */
  session: { readonly signedIn: boolean; readonly account: Account | undefined };
  /** Seconds the server may hold a long-poll open (max 60). */
  longPollSeconds?: number;
  pageSize?: number;
  backoff?: BackoffOptions;
  download?: Omit<DownloadOptions, 'signal'>;
  onStatus?: (status: SyncStatus) => void;
  /** Called before each backoff wait (diagnostics and tests). */
  onRetry?: (info: { failures: number; delayMs: number; code: string }) => void;
  /** Vault data changed: a page applied something, a download ended, the outbox moved. Never for a run that brought nothing. */
  onDataChanged?: OnDataChanged;
  /** After a run's pull applied new inbound messages (not called when there were none). */
  onNewInbound?: (report: InboundReport) => void;
}

/** Set once the first pull has reached the end of the change feed (see `InboundReport.firstSync`). */
export const INITIAL_SYNC_DONE = 'initial-sync-done';

/** Download progress is published at most this often (and at each file's end). */
const PROGRESS_INTERVAL_MS = 250;

export interface SyncEngine {
  syncOnce(): Promise<SyncReport>;
  start(): void;
  stop(): Promise<void>;
  /** Ends a long-poll or a backoff wait now (after a reply was queued, a sign-in, "sync now"). */
  kick(): void;
  status(): SyncStatus;
  readonly running: boolean;
}

const OFFLINE_CODES = new Set(['E_OFFLINE', 'E_TIMEOUT']);

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { vault, client, session } = options;
  const longPoll = Math.min(60, Math.max(0, options.longPollSeconds ?? 25));
  let state: SyncState = session.signedIn ? 'idle' : 'signed-out';
  let lastSyncedAt: string | null = null;
  let lastError: AppErrorData | null = null;
  let nextRetryAt: string | null = null;
  let progress: DownloadProgress | null = null;
  let running = false;
  let loopDone: Promise<void> = Promise.resolve();
  let wake = new AbortController();
  let stopController = new AbortController();
  let queue: Promise<unknown> = Promise.resolve();

  const counts = (): Pick<SyncStatus, 'outbox' | 'downloads'> => {
    try {
      // Counted in SQL: listing every outbox and announced-file row to count them stalled the main thread.
      const d = vault.sync.countRemoteAttachments();
      return { outbox: vault.sync.countOutbox(PREPARING), downloads: { pending: d.pending, failed: d.failed, blocked: d.blocked } };
    } catch {
      return { outbox: { queued: 0, failed: 0 }, downloads: { pending: 0, failed: 0, blocked: 0 } }; // vault locked
    }
  };
  // Counting reads the vault on the main thread: the progress shown inside one file (every
  // 250 ms) reuses the last counts, which nothing but a file's end or a status read can change meanwhile.
  let lastCounts: Pick<SyncStatus, 'outbox' | 'downloads'> | undefined;
  const status = (): SyncStatus => ({ state, lastSyncedAt, lastError, nextRetryAt, ...(lastCounts = counts()), progress });
  const publish = (next: Partial<Pick<SyncStatus, 'state' | 'lastError' | 'nextRetryAt' | 'lastSyncedAt'>>) => {
    if (next.state !== undefined) state = next.state;
    if (next.lastError !== undefined) lastError = next.lastError;
    if (next.nextRetryAt !== undefined) nextRetryAt = next.nextRetryAt;
    if (next.lastSyncedAt !== undefined) lastSyncedAt = next.lastSyncedAt;
    options.onStatus?.(status());
  };
  const publishProgress = () => {
    options.onStatus?.(lastCounts ? { state, lastSyncedAt, lastError, nextRetryAt, ...lastCounts, progress } : status());
  };

  /** Serializes vault work: runs after everything queued before it. */
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const changed = (caseIds: Iterable<number>, kinds: Iterable<DataKind>) => options.onDataChanged?.(dataChange(caseIds, kinds));

  /** One event per set of kinds, naming the cases that changed in those ways. */
  function announcePage(changes: PageChanges): void {
    const byKinds = new Map<string, { kinds: DataKind[]; caseIds: number[] }>();
    for (const [caseId, kinds] of changes.cases) {
      const sorted = [...kinds].sort();
      const group = byKinds.get(sorted.join()) ?? { kinds: sorted, caseIds: [] };
      group.caseIds.push(caseId);
      byKinds.set(sorted.join(), group);
    }
    for (const g of byKinds.values()) changed(g.caseIds, g.kinds);
  }

  async function pull(signal: AbortSignal): Promise<ApplyReport> {
    const total: ApplyReport = { events: 0, cases: 0, threads: 0, messages: 0, attachments: 0, blocked: 0 };
    const role = session.account?.position ?? 'OE';
    // "First" until a pull has once reached the end of the feed: a first sync cut off halfway is still
    // the first when it resumes, so the rest of the history does not arrive as "180 new messages".
    const firstSync = vault.getSyncCursor(INITIAL_SYNC_DONE) === undefined;
    const inbound = { count: 0, newest: null as { caseId: number; receivedAt: string } | null };
    try {
      for (;;) {
        const after = vault.getSyncCursor(FEED_CURSOR) ?? '0';
        const page = await client.call('changes', { query: { after, wait: 0, limit: options.pageSize ?? 200 }, signal });
        const fetched = await fetchMissing(client, missingReferences(vault, page.events), signal);
        const r = applyPage(vault, page, role, fetched);
        for (const k of Object.keys(total) as Array<keyof ApplyReport>) total[k] += r[k];
        announcePage(r.changes);
        inbound.count += r.changes.inbound.count;
        const newest = r.changes.inbound.newest;
        if (newest && (!inbound.newest || newest.receivedAt >= inbound.newest.receivedAt)) inbound.newest = newest;
        if (!page.hasMore) {
          if (firstSync) vault.setSyncCursor(INITIAL_SYNC_DONE, new Date().toISOString());
          return total;
        }
      }
    } finally {
      // Pages applied before a failure count too: their messages are in the vault.
      if (inbound.count > 0) options.onNewInbound?.({ count: inbound.count, newestCaseId: inbound.newest?.caseId ?? null, firstSync });
    }
  }

  /**
   * Sends queued replies and announces each item that moved (sent, failed, back in the queue after a
   * transient error). Nothing queued: nothing read twice, nothing announced.
   */
  async function send(signal: AbortSignal): Promise<FlushReport> {
    const before = vault.listOutbox().filter((o) => o.state === 'queued' || o.state === 'sending');
    if (before.length === 0) return { sent: [], failed: [] };
    try {
      return await flushOutbox(vault, client, { signal });
    } finally {
      const after = new Map(vault.listOutbox().map((o) => [o.id, o]));
      const moved = before.filter((o) => after.get(o.id)?.state !== o.state || after.get(o.id)?.lastErrorCode !== o.lastErrorCode);
      const sent = moved.filter((o) => after.get(o.id)?.state === 'sent');
      if (sent.length > 0) changed(sent.map((o) => o.caseId), ['messages', 'outbox']);
      const other = moved.filter((o) => after.get(o.id)?.state !== 'sent');
      if (other.length > 0) changed(other.map((o) => o.caseId), ['outbox']);
    }
  }

  async function download(signal: AbortSignal): Promise<DownloadReport> {
    let shownAt = 0;
    try {
      return await downloadPending(vault, client, { ...options.download, signal }, {
        onProgress(p, fileEnded) {
          progress = p;
          const now = Date.now();
          if (!fileEnded && now - shownAt < PROGRESS_INTERVAL_MS) return;
          shownAt = now;
          if (fileEnded) publish({});
          else publishProgress();
        },
        onFileDone: (remote) => changed([remote.caseId], ['attachments']),
      });
    } finally {
      progress = null;
    }
  }

  function syncOnce(): Promise<SyncReport> {
    return exclusive(async () => {
      const signal = stopController.signal;
      publish({ state: 'syncing' });
      try {
        const outbox = await send(signal);
        const pulled = await pull(signal);
        const downloads = await download(signal);
        publish({ state: 'idle', lastError: null, nextRetryAt: null, lastSyncedAt: client.lastServerDate });
        return { outbox, pulled, downloads };
      } catch (err) {
        const e = toAppError(err);
        publish({ state: needsSignIn(e) ? 'signed-out' : OFFLINE_CODES.has(e.code) ? 'offline' : 'error', lastError: e.toData() });
        throw e;
      }
    });
  }

  async function waitForNews(): Promise<void> {
    const after = vault.getSyncCursor(FEED_CURSOR) ?? '0';
    await client.call('changes', { query: { after, wait: longPoll, limit: 1 }, signal: wake.signal, timeoutMs: (longPoll + 15) * 1000 });
  }

  async function loop(): Promise<void> {
    let failures = 0;
    while (running) {
      try {
        if (!session.signedIn) {
          publish({ state: 'signed-out' });
          await sleep(24 * 3600_000, wake.signal);
          wake = new AbortController();
          continue;
        }
        await syncOnce();
        failures = 0;
        if (!running) break;
        await waitForNews();
      } catch (err) {
        if (!running) break;
        const e = toAppError(err);
        if (e.code === 'E_LOCKED') { publish({ state: 'error', lastError: e.toData() }); running = false; break; }
        if (e.code === 'E_CANCELLED' && wake.signal.aborted) { wake = new AbortController(); continue; } // kicked
        if (needsSignIn(e)) continue; // waits in signed-out above
        failures += 1;
        const retryAfter = typeof e.details?.retryAfterSeconds === 'number' ? e.details.retryAfterSeconds : undefined;
        const delayMs = backoffDelay(failures, options.backoff, retryAfter);
        options.onRetry?.({ failures, delayMs, code: e.code });
        publish({ state: OFFLINE_CODES.has(e.code) ? 'offline' : 'error', lastError: e.toData(), nextRetryAt: new Date(Date.now() + delayMs).toISOString() });
        await sleep(delayMs, wake.signal);
      }
      if (wake.signal.aborted) wake = new AbortController();
    }
  }

  return {
    syncOnce,
    start() {
      if (running) return;
      running = true;
      stopController = new AbortController();
      wake = new AbortController();
      loopDone = loop();
    },
    async stop() {
      running = false;
      stopController.abort();
      wake.abort();
      await loopDone;
      await queue;
    },
    kick() {
      wake.abort();
    },
    status,
    get running() { return running; },
  };
}
