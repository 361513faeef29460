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

type AssignedRole = NonNullable<Account['position']>;

/** The server has more case states than the vault's working copy needs. */
function vaultStatus(status: Case['status']): 'open' | 'pending' {
  return status === 'open' ? 'open' : 'pending';
}

function applyCase(vault: Vault, c: Case, role: AssignedRole, report: ApplyReport): number {
  const known = vault.sync.caseIdForServerCase(c.id);
  const caseId = known ?? vault.createCase({
    offerNumber: c.offerNumber, taxpayerName: c.taxpayerName, tinMasked: c.tinMasked,
    status: vaultStatus(c.status), assignedRole: role, createdAt: c.createdAt,
  });
  if (known === undefined) {
    vault.sync.linkServerCase(c.id, caseId);
    report.cases += 1;
  }
  for (const p of [c.assignedEmployee, ...c.participants]) {
    vault.upsertParticipant({ caseId, serverContactId: p.accountId, role: p.role, displayName: p.displayName });
  }
  // Closing starts the retention clock, from the server's time of the change.
  if (c.status === 'closed' && vault.getCase(caseId).status !== 'closed') vault.closeCase(caseId, c.updatedAt);
  return caseId;
}

function applyThread(vault: Vault, t: Thread, report: ApplyReport): number | undefined {
  const caseId = vault.sync.caseIdForServerCase(t.caseId);
  if (caseId === undefined) return undefined;
  if (vault.sync.threadByServerId(t.id) === undefined) report.threads += 1;
  return vault.upsertThread({ caseId, serverThreadId: t.id, subject: t.subject, createdAt: t.createdAt });
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

/** Applies one page and its cursor in one vault transaction. */
export function applyPage(vault: Vault, page: { events: readonly ChangeEvent[]; cursor: string }, role: AssignedRole,
  fetched: { cases: Case[]; threads: Thread[] } = { cases: [], threads: [] }): ApplyReport {
  const report: ApplyReport = { events: page.events.length, cases: 0, threads: 0, messages: 0, attachments: 0, blocked: 0 };
  vault.batch((v) => {
    for (const c of fetched.cases) applyCase(v, c, role, report);
    for (const t of fetched.threads) applyThread(v, t, report);
    for (const e of page.events) {
      if (e.type === 'case.created') applyCase(v, e.case, role, report);
      else if (e.type === 'thread.created') applyThread(v, e.thread, report);
      else applyMessage(v, e.message, report);
    }
    v.setSyncCursor(FEED_CURSOR, page.cursor);
  });
  return report;
}
