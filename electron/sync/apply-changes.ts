/**
 * Applies a page of the change feed to the vault: in one transaction, idempotently by server id (a
 * page delivered twice changes nothing), together with the cursor of that page. So the cursor moves
 * exactly when the page's effects commit: a crash or a dropped connection resumes with no gap and no
 * repeat. Attachments are only announced here (recorded as pending, or blocked by name); their bytes
 * are downloaded afterwards (attachment-download.ts).
 */
import { checkFileName } from '../../shared/blocked-extensions';
import type { ChangeEvent } from '../../shared/protocol/changes';
import type { Case, Message, Thread } from '../../shared/protocol/cases';
import type { Account } from '../../shared/protocol/auth';
import type { DataKind } from '../data-changed';
import type { Vault } from '../vault';
import type { ServerClient } from './server-client';

/** The vault cursor that holds the feed position. */
export const FEED_CURSOR = 'changes';

export interface ApplyReport {
  events: number;
  cases: number;
  threads: number;
  messages: number;
  /** Attachments announced for download. */
  attachments: number;
  /** Attachments with a blocked file name: recorded, never downloaded. */
  blocked: number;
}

/** What a page changed in which local case, and the new inbound messages (for a desktop notification). */
export interface PageChanges {
  cases: Map<number, Set<DataKind>>;
  inbound: { count: number; newest: { caseId: number; receivedAt: string } | null };
}

export type PageReport = ApplyReport & { changes: PageChanges };

type AssignedRole = NonNullable<Account['position']>;

/** The vault's own status (open/pending/closed) drives closing and retention; the server's is kept beside it. */
function vaultStatus(status: Case['status']): 'open' | 'pending' {
  return status === 'open' ? 'open' : 'pending';
}

function touch(changes: PageChanges, caseId: number, kind: DataKind): void {
  const kinds = changes.cases.get(caseId) ?? new Set<DataKind>();
  kinds.add(kind);
  changes.cases.set(caseId, kinds);
}

function applyCase(vault: Vault, c: Case, role: AssignedRole, report: ApplyReport, changes: PageChanges): number {
  const known = vault.sync.caseIdForServerCase(c.id);
  const caseId = known ?? vault.createCase({
    offerNumber: c.offerNumber, taxpayerName: c.taxpayerName, tinMasked: c.tinMasked,
    status: vaultStatus(c.status), serverStatus: c.status, assignedRole: role, createdAt: c.createdAt,
  });
  if (known === undefined) {
    vault.sync.linkServerCase(c.id, caseId);
    report.cases += 1;
    touch(changes, caseId, 'cases');
  }
  for (const p of [c.assignedEmployee, ...c.participants]) {
    vault.upsertParticipant({ caseId, serverContactId: p.accountId, role: p.role, displayName: p.displayName });
  }
  if (c.status === 'closed') {
    // Closing starts the retention clock, from the server's time of the change.
    if (vault.getCase(caseId).status !== 'closed') {
      vault.closeCase(caseId, c.updatedAt);
      touch(changes, caseId, 'cases');
    }
  } else if (vault.setServerStatus(caseId, c.status)) {
    touch(changes, caseId, 'cases');
  }
  return caseId;
}

function applyThread(vault: Vault, t: Thread, report: ApplyReport, changes: PageChanges): number | undefined {
  const caseId = vault.sync.caseIdForServerCase(t.caseId);
  if (caseId === undefined) return undefined;
  if (vault.sync.threadByServerId(t.id) === undefined) {
    report.threads += 1;
    touch(changes, caseId, 'messages');
  }
  return vault.upsertThread({ caseId, serverThreadId: t.id, subject: t.subject, createdAt: t.createdAt });
}

/** applyMessage, noting what it stored: a new message (inbound ones counted), newly announced files. */
function applyMessageNoting(vault: Vault, m: Message, report: ApplyReport, changes: PageChanges): void {
  const before = { messages: report.messages, files: report.attachments + report.blocked };
  const id = applyMessage(vault, m, report);
  if (id === undefined) return;
  const caseId = vault.getMessage(id).caseId;
  if (report.messages > before.messages) {
    touch(changes, caseId, 'messages');
    if (m.direction === 'inbound') {
      changes.inbound.count += 1;
      const newest = changes.inbound.newest;
      if (!newest || m.receivedAt >= newest.receivedAt) changes.inbound.newest = { caseId, receivedAt: m.receivedAt };
    }
  }
  if (report.attachments + report.blocked > before.files) touch(changes, caseId, 'attachments');
}

/** Stores a message with the SERVER's receipt time (the fax label's source) and announces its attachments. */
export function applyMessage(vault: Vault, m: Message, report: ApplyReport): number | undefined {
  const thread = vault.sync.threadByServerId(m.threadId);
  if (!thread) return undefined;
  const { id, inserted } = vault.insertMessage({
    threadId: thread.id, serverId: m.id, direction: m.direction, serverReceivedAt: m.receivedAt,
    from: m.sender.displayName, subject: thread.subject, body: m.body,
  });
  if (inserted) report.messages += 1;
  for (const a of m.attachments) {
    const blocked = checkFileName(a.fileName).blocked;
    const added = vault.sync.recordRemoteAttachment({
      serverAttachmentId: a.id, messageId: id, fileName: a.fileName, contentType: a.contentType, size: a.size, sha256: a.sha256,
      state: blocked ? 'blocked' : 'pending',
    });
    if (added && blocked) report.blocked += 1;
    else if (added) report.attachments += 1;
  }
  return id;
}

/**
 * Cases and threads a page refers to that are neither in the vault nor created by the page (e.g. a
 * case reassigned to this employee after it was created, or one purged under retention).
 */
export function missingReferences(vault: Vault, events: readonly ChangeEvent[]): { cases: Set<string>; threads: Map<string, string> } {
  const cases = new Set<string>();
  const threads = new Map<string, string>();
  const newCases = new Set<string>();
  const newThreads = new Set<string>();
  for (const e of events) {
    if (e.type === 'case.created') newCases.add(e.case.id);
    else if (e.type === 'thread.created') newThreads.add(e.thread.id);
    if (!newCases.has(e.caseId) && vault.sync.caseIdForServerCase(e.caseId) === undefined) cases.add(e.caseId);
    if (e.type === 'message.created' && !newThreads.has(e.message.threadId) && vault.sync.threadByServerId(e.message.threadId) === undefined) {
      threads.set(e.message.threadId, e.caseId);
    }
  }
  return { cases, threads };
}

/** Fetches what missingReferences found, so the page applies whole. */
export async function fetchMissing(client: ServerClient, missing: ReturnType<typeof missingReferences>, signal?: AbortSignal): Promise<{ cases: Case[]; threads: Thread[] }> {
  const cases: Case[] = [];
  for (const caseId of missing.cases) cases.push(await client.call('getCase', { params: { caseId }, ...(signal ? { signal } : {}) }));
  const threads: Thread[] = [];
  for (const caseId of new Set(missing.threads.values())) {
    const list = await client.call('listThreads', { params: { caseId }, ...(signal ? { signal } : {}) });
    threads.push(...list.threads.filter((t) => missing.threads.has(t.id)));
  }
  return { cases, threads };
}

/**
 * Applies one page and its cursor in one vault transaction. `changes` says what actually changed
 * (a page delivered twice changes nothing, so it names nothing).
 */
export function applyPage(vault: Vault, page: { events: readonly ChangeEvent[]; cursor: string }, role: AssignedRole,
  fetched: { cases: Case[]; threads: Thread[] } = { cases: [], threads: [] }): PageReport {
  const report: ApplyReport = { events: page.events.length, cases: 0, threads: 0, messages: 0, attachments: 0, blocked: 0 };
  const changes: PageChanges = { cases: new Map(), inbound: { count: 0, newest: null } };
  vault.batch((v) => {
    for (const c of fetched.cases) applyCase(v, c, role, report, changes);
    for (const t of fetched.threads) applyThread(v, t, report, changes);
    for (const e of page.events) {
      if (e.type === 'case.created') applyCase(v, e.case, role, report, changes);
      else if (e.type === 'thread.created') applyThread(v, e.thread, report, changes);
      else applyMessageNoting(v, e.message, report, changes);
    }
    v.setSyncCursor(FEED_CURSOR, page.cursor);
  });
  return { ...report, changes };
}
