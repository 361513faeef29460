/**
 * The case workspace, read from the vault: case list with unread counts, a case's threads with each
 * message's fax-like label (from the server's time), attachment slices for previews, export into the
 * SBU folder, and search. Every call needs an unlocked vault (E_LOCKED otherwise).
 */
import { AppError } from '../../shared/errors';
import { faxLabel } from '../../shared/fax-label';
import { maskNumbers } from '../../shared/mask-numbers';
import type {
  AttachmentSlice, AttachmentView, CaseDetail, CaseListPage, CaseSummary, MessageView, SearchResultsView,
} from '../../shared/ipc/workspace-schemas';
import type { JsonAnswer } from '../../shared/ipc/json-answer';
import { dataChange, type OnDataChanged } from '../data-changed';
import { safeFileName } from '../fs/safe-file-name';
import type { VaultSession } from '../session/vault-session';
import { SEARCH_LIMIT, type AttachmentRecord, type CaseRecord, type MessageRecord, type ParticipantRecord, type Vault, type VaultReader } from '../vault';

export interface WorkspaceService {
  /**
   * Starts the reader worker of the vault just unlocked, so the first case list and search do not
   * wait for a thread to start (called at unlock; any read starts it too).
   */
  startReads(vault: Vault): void;
  /**
   * A page of the case list (the first, or the one after `pageToken`), read in the vault's reader
   * worker (off the main thread) and passed on as the JSON bytes it made there.
   */
  listCases(pageToken?: string): Promise<JsonAnswer<CaseListPage>>;
  /**
   * The named cases that exist, in the list's order (read in the reader worker): how the renderer
   * updates its cached list after `data.changed`. An id not answered is a case no longer in the vault.
   */
  caseSummaries(caseIds: readonly number[]): Promise<CaseSummary[]>;
  /** The employee opened the case: audited as one view. */
  openCase(caseId: number): CaseDetail;
  /**
   * The same detail for a refresh after its data changed: not audited (no user action). Only for a
   * case opened (audited) since the vault was unlocked, so this is never a way to read a case unaudited.
   */
  getCase(caseId: number): CaseDetail;
  markRead(messageId: number, read: boolean): { messageId: number; read: boolean };
  /** Marks every inbound message of the case read; answers how many changed. */
  markAllRead(caseId: number): { caseId: number; marked: number };
  readAttachment(attachmentId: number, offset: number, length: number): Promise<AttachmentSlice>;
  exportAttachment(attachmentId: number): Promise<{ fileName: string; sha256: string }>;
  /** Read in the vault's reader worker (off the main thread). */
  search(query: string): Promise<SearchResultsView>;
  /** The unsent text of a reply (threadId) or of the case's new message (threadId null). */
  getDraft(caseId: number, threadId: number | null): { subject: string; body: string };
  /** Saves a draft; an empty subject and text removes it. */
  saveDraft(caseId: number, threadId: number | null, body: string, subject?: string): { saved: boolean };
}

const attachmentView = (a: AttachmentRecord): AttachmentView => ({
  id: a.id, fileName: maskNumbers(a.fileName), size: a.size, declaredType: a.declaredType, detectedType: a.detectedType,
  sha256: a.sha256, blocked: a.blocked, printed: a.printed,
});

export interface WorkspaceOptions {
  /** Read marks changed: the renderer refreshes counts (data.changed). */
  onDataChanged?: OnDataChanged;
  /** The signed-in employee's name, for "to" of inbound messages when the case names no employee. */
  accountName?: () => string | null;
  /** The vault reader's worker entry (the bundled file in Electron; by default the .ts source, for tsx/vitest/Playwright). */
  readWorkerUrl?: URL | string;
}

function summary(c: CaseRecord, messages: MessageRecord[], pendingDownloads: number): CaseSummary {
  let last: string | null = null;
  for (const m of messages) if (last === null || m.serverReceivedAt > last) last = m.serverReceivedAt;
  return {
    id: c.id, offerNumber: c.offerNumber, taxpayerName: c.taxpayerName, tinMasked: c.tinMasked, status: c.serverStatus,
    assignedRole: c.assignedRole, unread: messages.filter((m) => !m.read && m.direction === 'inbound').length,
    messages: messages.length, pendingDownloads, lastActivityAt: last,
  };
}

/** Who a case's messages went to: the employee for inbound ones, the taxpayer and representatives for outbound ones. */
function recipients(participants: ParticipantRecord[], accountName: string | null): Record<MessageRecord['direction'], string> {
  const employee = participants.find((p) => p.role === 'employee')?.displayName ?? accountName ?? '';
  const external = participants.filter((p) => p.role === 'taxpayer' || p.role === 'representative').map((p) => p.displayName);
  return { inbound: employee, outbound: external.join(', ') };
}

function messageView(vault: Vault, m: MessageRecord, to: string): MessageView {
  return {
    id: m.id, serverId: m.serverId, direction: m.direction, serverReceivedAt: m.serverReceivedAt,
    label: faxLabel(m.direction === 'inbound' ? 'received' : 'sent', m.serverReceivedAt, m.serverId),
    from: m.from, to, subject: maskNumbers(m.subject), body: m.body, read: m.read,
    attachments: vault.listAttachments(m.id).map(attachmentView),
    remoteFiles: vault.sync.listRemoteAttachments({ messageId: m.id })
      .filter((r): r is typeof r & { state: 'pending' | 'blocked' | 'failed' } => r.state !== 'stored')
      .map((r) => ({ fileName: maskNumbers(r.fileName), size: r.size, state: r.state, lastErrorCode: r.lastErrorCode })),
  };
}

/** A case as the conversation pane shows it, from one read of the vault (audited or not by the caller). */
function caseDetail(vault: Vault, read: ReturnType<Vault['readCase']>, accountName: string | null): CaseDetail {
  const to = recipients(vault.listParticipants(read.case.id), accountName);
  const byThread = new Map<number, MessageView[]>();
  let pendingDownloads = 0;
  const ordered = [...read.messages].sort((a, b) => a.serverReceivedAt.localeCompare(b.serverReceivedAt) || a.id - b.id);
  for (const m of ordered) {
    const view = messageView(vault, m, to[m.direction]);
    pendingDownloads += view.remoteFiles.filter((r) => r.state !== 'blocked').length;
    byThread.set(m.threadId, [...(byThread.get(m.threadId) ?? []), view]);
  }
  return {
    case: summary(read.case, read.messages, pendingDownloads),
    threads: read.threads.map((t) => ({ id: t.id, subject: maskNumbers(t.subject), messages: byThread.get(t.id) ?? [] })),
  };
}

export function createWorkspaceService(session: VaultSession, sbuFolder: () => string, options: WorkspaceOptions = {}): WorkspaceService {
  const accountName = () => options.accountName?.() ?? null;
  const readChanged = (caseId: number) => options.onDataChanged?.(dataChange([caseId], ['messages']));
  // Per unlocked vault (a new Vault object at each unlock): the cases opened, audited, since then.
  const opened = new WeakMap<Vault, Set<number>>();
  const openedIn = (vault: Vault) => {
    let set = opened.get(vault);
    if (!set) opened.set(vault, (set = new Set()));
    return set;
  };
  // One reader per unlocked vault, which closes it at lock; one that died is replaced at the next read.
  const readers = new WeakMap<Vault, VaultReader>();
  const readerOf = (vault: Vault) => {
    let reader = readers.get(vault);
    if (!reader?.isOpen) {
      reader = vault.openReader(options.readWorkerUrl !== undefined ? { workerUrl: options.readWorkerUrl } : {});
      readers.set(vault, reader);
    }
    return reader;
  };
  return {
    startReads(vault) {
      readerOf(vault);
    },
    async listCases(pageToken) {
      // One query over case_activity (no message loaded), in the reader worker, which keeps the rows,
      // and builds, checks and encodes each page: this thread holds a page's bytes, never the rows.
      return readerOf(session.require()).caseListPage(pageToken);
    },
    async caseSummaries(caseIds) {
      return readerOf(session.require()).caseSummariesByIds(caseIds);
    },
    openCase(caseId) {
      const vault = session.require();
      const detail = caseDetail(vault, vault.openCase(caseId), accountName()); // audited as a view
      openedIn(vault).add(caseId);
      return detail;
    },
    getCase(caseId) {
      const vault = session.require();
      if (!openedIn(vault).has(caseId)) {
        throw new AppError('E_CASE_NOT_OPEN', 'This case has not been opened since the vault was unlocked. Open it from the case list.');
      }
      return caseDetail(vault, vault.readCase(caseId), accountName()); // a refresh: not audited
    },
    markRead(messageId, read) {
      const vault = session.require();
      const message = vault.getMessage(messageId);
      if (message.read !== read) {
        vault.setMessageRead(messageId, read);
        readChanged(message.caseId);
      }
      return { messageId, read };
    },
    markAllRead(caseId) {
      const marked = session.require().markCaseRead(caseId);
      if (marked > 0) readChanged(caseId);
      return { caseId, marked };
    },
    async readAttachment(attachmentId, offset, length) {
      const vault = session.require();
      const a = vault.getAttachment(attachmentId);
      if (a.blocked) throw new AppError('E_BLOCKED_FILE_TYPE', 'This file type is blocked and cannot be opened. Ask the sender for a PDF.');
      if (offset > a.size) throw new AppError('E_RANGE', 'The requested part of the file is past its end.');
      const end = Math.min(a.size, offset + length);
      const bytes = end > offset ? await vault.readAttachmentRange(attachmentId, offset, end) : Buffer.alloc(0);
      // A plain Uint8Array copy: it crosses IPC by structured clone, and must not alias Node's buffer pool.
      return { bytes: new Uint8Array(bytes), offset, size: a.size };
    },
    async exportAttachment(attachmentId) {
      const vault = session.require();
      const a = vault.getAttachment(attachmentId);
      const name = `attachment-${a.id}-${safeFileName(a.fileName)}`;
      const result = await vault.exportAttachment(attachmentId, sbuFolder(), name, { overwrite: true });
      return { fileName: name, sha256: result.sha256 };
    },
    async search(query) {
      return readerOf(session.require()).search(query, SEARCH_LIMIT); // shaped (masked) in the worker
    },
    getDraft(caseId, threadId) {
      const draft = session.require().listDrafts(caseId).find((d) => d.threadId === threadId);
      return { subject: draft?.subject ?? '', body: draft?.body ?? '' };
    },
    saveDraft(caseId, threadId, body, subject = '') {
      const vault = session.require();
      const existing = vault.listDrafts(caseId).find((d) => d.threadId === threadId);
      if (body.trim() === '' && subject.trim() === '') {
        if (existing) vault.deleteDraft(existing.id);
        return { saved: false };
      }
      vault.saveDraft({ ...(existing ? { id: existing.id } : {}), caseId, threadId, subject, body });
      return { saved: true };
    },
  };
}
