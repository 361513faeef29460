/**
 * The sync service the app wires in the main process: one object per unlocked vault, built from the
 * server's base URL. It owns the session (sign-in, refresh, sign-out), the engine (loop, "sync now",
 * status) and the outbox (queue a reply, list, retry, discard). Every method is safe to expose through
 * the IPC layer, which validates the renderer's arguments with the contract's schemas first.
 */
import type { AppErrorData } from '../../shared/errors';
import type { Account } from '../../shared/protocol/auth';
import { dataChange, type OnDataChanged } from '../data-changed';
import type { OutboxRecord, RemoteAttachmentRecord, Vault } from '../vault';
import { AuthSession } from './auth-session';
import type { DownloadOptions } from './attachment-download';
import type { BackoffOptions } from './backoff';
import {
  PREPARING, discardUnfinishedReplies, queueNewThread, queueReply, type QueueNewThreadInput, type QueueReplyInput, type QueuedReply,
} from './outbox';
import { ServerClient } from './server-client';
import { createSyncEngine, type InboundReport, type SyncReport, type SyncStatus } from './sync-engine';
import { toAppError } from './sync-errors';

export interface SyncServiceOptions {
  vault: Vault;
  /** e.g. http://127.0.0.1:8787 (DEMO mode: the in-process reference server's url). */
  baseUrl: string;
  onStatus?: (status: SyncStatus) => void;
  /** Per-request timeout (ms). */
  timeoutMs?: number;
  longPollSeconds?: number;
  backoff?: BackoffOptions;
  download?: Omit<DownloadOptions, 'signal'>;
  onRetry?: (info: { failures: number; delayMs: number; code: string }) => void;
  fetch?: typeof fetch;
  /** Refresh the access token this long before it expires (ms, default 30 s). */
  refreshMarginMs?: number;
  /** Vault data changed (change feed, downloads, outbox); see data-changed.ts. */
  onDataChanged?: OnDataChanged;
  /** A run applied new inbound messages (for desktop notifications). */
  onNewInbound?: (report: InboundReport) => void;
}

/** An outbox item as the UI shows it: no file paths, sizes and names of the encrypted copies only. */
export type OutboxView = Pick<OutboxRecord, 'id' | 'caseId' | 'threadId' | 'subject' | 'state' | 'attempts' | 'lastErrorCode' | 'createdAt' | 'updatedAt'> & {
  body: string;
  files: Array<{ name: string; size: number }>;
};

export interface SyncService {
  signIn(accessCode: string, password: string): Promise<Account>;
  signOut(): Promise<void>;
  readonly signedIn: boolean;
  readonly account: Account | undefined;
  status(): SyncStatus;
  /** Listener for every status change; returns the unsubscribe function. */
  subscribe(listener: (status: SyncStatus) => void): () => void;
  /** One full run now (send, pull, download); rejects with the AppError that stopped it. */
  syncNow(): Promise<SyncReport>;
  /** Validates, copies the files into the vault and queues the reply; the loop sends it when online. */
  queueReply(input: QueueReplyInput): Promise<QueuedReply>;
  /** The same for a new thread in a case: the thread is created on the server when the item is sent. */
  queueNewThread(input: QueueNewThreadInput): Promise<QueuedReply>;
  listOutbox(): OutboxView[];
  /** Puts a failed reply back in the queue. */
  retryOutboxItem(outboxId: number): void;
  /** Deletes an unsent reply and its encrypted files. */
  discardOutboxItem(outboxId: number): Promise<void>;
  /** The files announced for a message and their state (pending, stored, blocked, failed). */
  listMessageFiles(messageId: number): RemoteAttachmentRecord[];
  /** Tries a failed download again at the next run. */
  retryDownload(serverAttachmentId: string): void;
  start(): void;
  stop(): Promise<void>;
}

export async function createSyncService(options: SyncServiceOptions): Promise<SyncService> {
  const { vault } = options;
  const client = new ServerClient({ baseUrl: options.baseUrl, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), ...(options.fetch ? { fetch: options.fetch } : {}) });
  const listeners = new Set<(s: SyncStatus) => void>();
  if (options.onStatus) listeners.add(options.onStatus);
  const emit = (s: SyncStatus) => { for (const l of listeners) l(s); };
  // The callback runs only on a later sign-in or sign-out, after `sync` below exists.
  const session = new AuthSession(vault, client, () => { sync.kick(); emit(sync.status()); }, options.refreshMarginMs);
  const sync = createSyncEngine({
    vault, client, session, onStatus: emit,
    ...(options.longPollSeconds !== undefined ? { longPollSeconds: options.longPollSeconds } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.download ? { download: options.download } : {}),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    ...(options.onDataChanged ? { onDataChanged: options.onDataChanged } : {}),
    ...(options.onNewInbound ? { onNewInbound: options.onNewInbound } : {}),
  });
  const outboxChanged = (caseId: number | undefined) => {
    if (caseId !== undefined) options.onDataChanged?.(dataChange([caseId], ['outbox']));
  };
  await discardUnfinishedReplies(vault);

  return {
    signIn: (accessCode, password) => session.signIn(accessCode, password),
    signOut: () => session.signOut(),
    get signedIn() { return session.signedIn; },
    get account() { return session.account; },
    status: () => sync.status(),
    subscribe(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    syncNow: () => sync.syncOnce(),
    async queueReply(input) {
      const queued = await queueReply(vault, input);
      outboxChanged(input.caseId);
      sync.kick();
      emit(sync.status());
      return queued;
    },
    async queueNewThread(input) {
      const queued = await queueNewThread(vault, input);
      outboxChanged(input.caseId);
      sync.kick();
      emit(sync.status());
      return queued;
    },
    listOutbox: () => vault.listOutbox()
      .filter((o) => !(o.state === 'failed' && o.lastErrorCode === PREPARING))
      .map((o) => ({
        id: o.id, caseId: o.caseId, threadId: o.threadId, subject: o.subject, state: o.state, attempts: o.attempts, lastErrorCode: o.lastErrorCode,
        createdAt: o.createdAt, updatedAt: o.updatedAt, body: o.body,
        files: vault.sync.listOutboxAttachments(o.id).map((f) => ({ name: f.fileName, size: f.size })),
      })),
    retryOutboxItem(outboxId) {
      const item = vault.listOutbox('failed').find((o) => o.id === outboxId);
      if (!item || item.lastErrorCode === PREPARING) return;
      vault.updateOutbox({ id: outboxId, state: 'queued' });
      outboxChanged(item.caseId);
      sync.kick();
    },
    async discardOutboxItem(outboxId) {
      const caseId = vault.listOutbox().find((o) => o.id === outboxId)?.caseId;
      await vault.sync.discardOutboxItem(outboxId);
      outboxChanged(caseId);
    },
    listMessageFiles: (messageId) => vault.sync.listRemoteAttachments({ messageId }),
    retryDownload(serverAttachmentId) {
      const r = vault.sync.getRemoteAttachment(serverAttachmentId);
      if (r?.state !== 'failed') return;
      vault.sync.setRemoteAttachmentState({ serverAttachmentId, state: 'pending' });
      options.onDataChanged?.(dataChange([r.caseId], ['attachments']));
      sync.kick();
    },
    start: () => sync.start(),
    stop: () => sync.stop(),
  };
}

/** For the IPC layer: any thrown value as plain error data (codes and actionable messages only). */
export function syncErrorData(err: unknown): AppErrorData {
  return toAppError(err).toData();
}
