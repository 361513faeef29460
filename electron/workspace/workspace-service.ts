/**
 * The case workspace, read from the vault: case list with unread counts, a case's threads with each
 * message's fax-like label (from the server's time), attachment slices for previews, export into the
 * SBU folder, and search. Every call needs an unlocked vault (E_LOCKED otherwise).
 */
import { AppError } from '../../shared/errors';
import { faxLabel } from '../../shared/fax-label';
import { maskNumbers } from '../../shared/mask-numbers';
import type { AttachmentSlice, AttachmentView, CaseDetail, CaseSummary, MessageView, SearchHitView } from '../../shared/ipc/workspace-schemas';
import { safeFileName } from '../fs/safe-file-name';
import type { VaultSession } from '../session/vault-session';
import type { AttachmentRecord, CaseRecord, MessageRecord, Vault } from '../vault';

export interface WorkspaceService {
  listCases(): CaseSummary[];
  openCase(caseId: number): CaseDetail;
  markRead(messageId: number, read: boolean): { messageId: number; read: boolean };
  readAttachment(attachmentId: number, offset: number, length: number): Promise<AttachmentSlice>;
  exportAttachment(attachmentId: number): Promise<{ fileName: string; sha256: string }>;
  search(query: string): SearchHitView[];
  getDraft(caseId: number, threadId: number): { body: string };
  /** Saves the reply text of a thread; an empty text removes the draft. */
  saveDraft(caseId: number, threadId: number, body: string): { saved: boolean };
}

const attachmentView = (a: AttachmentRecord): AttachmentView => ({
  id: a.id, fileName: maskNumbers(a.fileName), size: a.size, declaredType: a.declaredType, detectedType: a.detectedType,
  sha256: a.sha256, blocked: a.blocked, printed: a.printed,
});

function summary(c: CaseRecord, messages: MessageRecord[]): CaseSummary {
  let last: string | null = null;
  for (const m of messages) if (last === null || m.serverReceivedAt > last) last = m.serverReceivedAt;
  return {
    id: c.id, offerNumber: c.offerNumber, taxpayerName: c.taxpayerName, tinMasked: c.tinMasked, status: c.status,
    assignedRole: c.assignedRole, unread: messages.filter((m) => !m.read && m.direction === 'inbound').length,
    messages: messages.length, lastActivityAt: last,
  };
}

function messageView(vault: Vault, m: MessageRecord): MessageView {
  return {
    id: m.id, serverId: m.serverId, direction: m.direction, serverReceivedAt: m.serverReceivedAt,
    label: faxLabel(m.direction === 'inbound' ? 'received' : 'sent', m.serverReceivedAt, m.serverId),
    from: m.from, subject: m.subject, body: m.body, read: m.read,
    attachments: vault.listAttachments(m.id).map(attachmentView),
    remoteFiles: vault.sync.listRemoteAttachments({ messageId: m.id })
      .filter((r): r is typeof r & { state: 'pending' | 'blocked' | 'failed' } => r.state !== 'stored')
      .map((r) => ({ fileName: maskNumbers(r.fileName), size: r.size, state: r.state, lastErrorCode: r.lastErrorCode })),
  };
}

export function createWorkspaceService(session: VaultSession, sbuFolder: () => string): WorkspaceService {
  return {
    listCases() {
      // One grouped query: counts and newest activity without loading any message.
      return session.require().listCaseSummaries().map((c) => ({
        id: c.id, offerNumber: c.offerNumber, taxpayerName: c.taxpayerName, tinMasked: c.tinMasked, status: c.status,
        assignedRole: c.assignedRole, unread: c.unreadCount, messages: c.messageCount, lastActivityAt: c.lastReceivedAt,
      }));
    },
    openCase(caseId) {
      const vault = session.require();
      const opened = vault.openCase(caseId); // audited as a view
      const byThread = new Map<number, MessageRecord[]>();
      for (const m of opened.messages) byThread.set(m.threadId, [...(byThread.get(m.threadId) ?? []), m]);
      return {
        case: summary(opened.case, opened.messages),
        threads: opened.threads.map((t) => ({
          id: t.id,
          subject: t.subject,
          messages: (byThread.get(t.id) ?? [])
            .sort((a, b) => a.serverReceivedAt.localeCompare(b.serverReceivedAt) || a.id - b.id)
            .map((m) => messageView(vault, m)),
        })),
      };
    },
    markRead(messageId, read) {
      session.require().setMessageRead(messageId, read);
      return { messageId, read };
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
    search(query) {
      return session.require().search({ query, limit: 50 });
    },
    getDraft(caseId, threadId) {
      const draft = session.require().listDrafts(caseId).find((d) => d.threadId === threadId);
      return { body: draft?.body ?? '' };
    },
    saveDraft(caseId, threadId, body) {
      const vault = session.require();
      const existing = vault.listDrafts(caseId).find((d) => d.threadId === threadId);
      if (body.trim() === '') {
        if (existing) vault.deleteDraft(existing.id);
        return { saved: false };
      }
      vault.saveDraft({ ...(existing ? { id: existing.id } : {}), caseId, threadId, subject: '', body });
      return { saved: true };
    },
  };
}
