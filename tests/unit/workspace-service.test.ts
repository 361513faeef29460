/** The workspace over a real vault: what the renderer is shown, and what it may read or export. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVaultSession, type VaultSession } from '../../electron/session/vault-session';
import { createWorkspaceService, type WorkspaceService } from '../../electron/workspace/workspace-service';
import type { DataChanged } from '../../shared/ipc/contract';

let dir: string;
let session: VaultSession;
let workspace: WorkspaceService;
let attachmentId: number;
let changes: DataChanged[];
const bytes = crypto.randomBytes(3 * 1024 * 1024 + 17);

async function* chunks(buf: Buffer) { for (let i = 0; i < buf.length; i += 65536) yield buf.subarray(i, i + 65536); }

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-ws-'));
  session = createVaultSession({ dir: path.join(dir, 'vault'), sbuFolder: path.join(dir, 'SBU'), retentionDays: 90 });
  changes = [];
  workspace = createWorkspaceService(session, () => path.join(dir, 'SBU'), { onDataChanged: (c) => changes.push(c), accountName: () => 'Dana Whitfield' });
  await session.create('correct horse battery staple');
  const vault = session.require();
  const caseId = vault.createCase({ offerNumber: 'DEMO-0000012345', taxpayerName: 'Rosa Delgado', tinMasked: '***-**-4321', assignedRole: 'OE', createdAt: '2025-04-01T12:00:00Z' });
  vault.createCase({ offerNumber: 'DEMO-0000099999', taxpayerName: 'Quiet Case', tinMasked: '***-**-4322', assignedRole: 'OE', createdAt: '2025-01-01T12:00:00Z' });
  const threadId = vault.upsertThread({ caseId, serverThreadId: 'thr-1', subject: 'Bank statements', createdAt: '2025-04-01T12:00:00Z' });
  const later = vault.insertMessage({ threadId, serverId: 'b0b0cafe-2', direction: 'inbound', serverReceivedAt: '2025-04-21T14:03:00Z', from: 'Rosa Delgado', subject: 'Re: Bank statements', body: 'Attached.' }).id;
  vault.insertMessage({ threadId, serverId: '7f3a0001-1', direction: 'outbound', serverReceivedAt: '2025-04-02T13:00:00Z', from: 'Dana Whitfield', subject: 'Bank statements', body: 'Please send 3 months.', read: true });
  const a = await vault.addAttachment({ messageId: later, fileName: 'Statement 987-65-4321.pdf', declaredType: 'application/pdf' }, chunks(bytes));
  attachmentId = a.id;
});
afterEach(async () => { await session.lock('user'); fs.rmSync(dir, { recursive: true, force: true }); });

describe('workspace service', () => {
  it('lists cases newest activity first with unread inbound counts', async () => {
    const cases = (await workspace.listCases()).parse().cases;
    expect(cases.map((c) => [c.taxpayerName, c.unread, c.messages, c.lastActivityAt])).toEqual([
      ['Rosa Delgado', 1, 2, '2025-04-21T14:03:00.000Z'],
      ['Quiet Case', 0, 0, null],
    ]);
    expect(cases[0]!.tinMasked).toBe('***-**-4321');
  });

  it('opens a case with messages in server-time order, each with its fax label', async () => {
    const caseId = (await workspace.listCases()).parse().cases[0]!.id;
    const detail = workspace.openCase(caseId);
    const messages = detail.threads[0]!.messages;
    expect(messages.map((m) => m.label)).toEqual([
      'SENT 04/02/2025 09:00 AM ET · SECURE MESSAGING · MSG 7F3A…',
      'RECEIVED 04/21/2025 10:03 AM ET · SECURE MESSAGING · MSG B0B0…',
    ]);
    expect(messages[1]!.attachments).toMatchObject([{ fileName: 'Statement XXX-XX-XXXX.pdf', size: bytes.length }]);
    workspace.markRead(messages[1]!.id, true);
    expect((await workspace.listCases()).parse().cases[0]!.unread).toBe(0);
  });

  it('reads slices of an attachment, across chunk boundaries and at the end', async () => {
    const mid = await workspace.readAttachment(attachmentId, 1024 * 1024 - 5, 100);
    expect(Buffer.from(mid.bytes).equals(bytes.subarray(1024 * 1024 - 5, 1024 * 1024 + 95))).toBe(true);
    const tail = await workspace.readAttachment(attachmentId, bytes.length - 10, 1000);
    expect(tail.bytes.length).toBe(10);
    expect(tail.size).toBe(bytes.length);
    await expect(workspace.readAttachment(attachmentId, bytes.length + 1, 1)).rejects.toMatchObject({ code: 'E_RANGE' });
  });

  it('exports into the SBU folder under a name without the TIN', async () => {
    const result = await workspace.exportAttachment(attachmentId);
    expect(result.fileName).toBe(`attachment-${attachmentId}-Statement XXX-XX-XXXX.pdf`);
    const written = fs.readFileSync(path.join(dir, 'SBU', result.fileName));
    expect(written.equals(bytes)).toBe(true);
    expect(result.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
  });

  it('finds messages by words in their bodies, and cases by name, offer number or TIN last four', async () => {
    expect((await workspace.search('months')).messages).toMatchObject([{ taxpayerName: 'Rosa Delgado', from: 'Dana Whitfield', subject: 'Bank statements' }]);
    expect((await workspace.search('delg')).cases).toMatchObject([{ taxpayerName: 'Rosa Delgado', matched: 'taxpayer-name' }]);
    expect((await workspace.search('***-**-4322')).cases).toMatchObject([{ taxpayerName: 'Quiet Case', matched: 'tin-last-four' }]);
    expect((await workspace.search('99999')).cases).toMatchObject([{ offerNumber: 'DEMO-0000099999', matched: 'offer-number' }]);
  });

  it('masks long numbers in snippets, as in file names, keeping the hit markers', async () => {
    const [hit] = (await workspace.search('987')).messages;
    expect(hit!.snippet).toContain('Statement \u0002XXX\u0003-XX-XXXX.pdf');
    expect(hit!.snippet).not.toMatch(/\d{2}/);
  });

  it('refuses everything while locked', async () => {
    await session.lock('idle');
    await expect(workspace.listCases()).rejects.toMatchObject({ code: 'E_LOCKED' });
    await expect(workspace.search('months')).rejects.toMatchObject({ code: 'E_LOCKED' });
    await expect(workspace.readAttachment(attachmentId, 0, 10)).rejects.toMatchObject({ code: 'E_LOCKED' });
  });

  it('shows announced files that are not on this laptop: blocked, failed, downloading', async () => {
    const vault = session.require();
    const caseId = (await workspace.listCases()).parse().cases[0]!.id;
    const message = workspace.openCase(caseId).threads[0]!.messages[1]!;
    const sha = 'a'.repeat(64);
    vault.sync.recordRemoteAttachment({ serverAttachmentId: 'att-exe', messageId: message.id, fileName: 'invoice 987-65-4321.pdf.exe', contentType: 'application/octet-stream', size: 10, sha256: sha, state: 'blocked' });
    vault.sync.recordRemoteAttachment({ serverAttachmentId: 'att-big', messageId: message.id, fileName: 'statements.pdf', contentType: 'application/pdf', size: 5000, sha256: sha, state: 'pending' });
    vault.sync.setRemoteAttachmentState({ serverAttachmentId: 'att-big', state: 'failed', lastErrorCode: 'E_HASH_MISMATCH' });
    const remote = workspace.openCase(caseId).threads[0]!.messages[1]!.remoteFiles;
    expect(remote).toEqual([
      { fileName: 'invoice XXX-XX-XXXX.pdf.exe', size: 10, state: 'blocked', lastErrorCode: null },
      { fileName: 'statements.pdf', size: 5000, state: 'failed', lastErrorCode: 'E_HASH_MISMATCH' },
    ]);
  });

  it('audits cases.open as one view, and a refresh (getCase) not at all', async () => {
    const vault = session.require();
    const caseId = (await workspace.listCases()).parse().cases[0]!.id;
    const views = () => vault.listAudit(1000).filter((e) => e.event === 'view' && e.caseId === caseId).length;
    workspace.openCase(caseId);
    expect(views()).toBe(1);
    const refreshed = workspace.getCase(caseId);
    workspace.getCase(caseId);
    expect(views()).toBe(1);
    expect(refreshed).toEqual(workspace.openCase(caseId));
    expect(views()).toBe(2);
  });

  it('refreshes only a case opened since the unlock: cases.get is never an unaudited way in', async () => {
    const [first, second] = (await workspace.listCases()).parse().cases.map((c) => c.id);
    workspace.openCase(first!);
    expect(() => workspace.getCase(second!)).toThrow(expect.objectContaining({ code: 'E_CASE_NOT_OPEN' }));
    await session.lock('user');
    await session.unlock('correct horse battery staple');
    expect(() => workspace.getCase(first!)).toThrow(expect.objectContaining({ code: 'E_CASE_NOT_OPEN' }));
    workspace.openCase(first!);
    expect(workspace.getCase(first!).case.id).toBe(first);
  });

  it('keeps a reply draft per thread and one new-message draft per case, with its subject', async () => {
    const caseId = (await workspace.listCases()).parse().cases[0]!.id;
    const threadId = workspace.openCase(caseId).threads[0]!.id;
    workspace.saveDraft(caseId, threadId, 'reply text');
    workspace.saveDraft(caseId, null, 'new text', 'New subject');
    expect(workspace.getDraft(caseId, threadId)).toEqual({ subject: '', body: 'reply text' });
    expect(workspace.getDraft(caseId, null)).toEqual({ subject: 'New subject', body: 'new text' });
    workspace.saveDraft(caseId, null, '', '');
    expect(workspace.getDraft(caseId, null)).toEqual({ subject: '', body: '' });
    expect(workspace.getDraft(caseId, threadId).body).toBe('reply text');
  });

  it('marks every unread inbound message of a case read in one call, and says so through data.changed', async () => {
    const vault = session.require();
    const caseId = (await workspace.listCases()).parse().cases[0]!.id;
    const threadId = vault.listThreads(caseId)[0]!.id;
    vault.insertMessage({ threadId, serverId: 'b0b0cafe-3', direction: 'inbound', serverReceivedAt: '2025-04-22T14:03:00Z', from: 'Rosa Delgado', subject: 'Re', body: 'More.' });
    expect((await workspace.listCases()).parse().cases[0]!.unread).toBe(2);
    expect(workspace.markAllRead(caseId)).toEqual({ caseId, marked: 2 });
    expect((await workspace.listCases()).parse().cases[0]!.unread).toBe(0);
    expect(changes).toEqual([{ caseIds: [caseId], kinds: ['messages'] }]);
    expect(workspace.markAllRead(caseId)).toEqual({ caseId, marked: 0 }); // nothing changed: nothing announced
    expect(changes).toHaveLength(1);
    const outbound = workspace.openCase(caseId).threads[0]!.messages[0]!;
    expect(outbound.read).toBe(true); // outbound messages were never unread
  });

  it('announces a changed read mark, and only a change', async () => {
    const caseId = (await workspace.listCases()).parse().cases[0]!.id;
    const inbound = workspace.openCase(caseId).threads[0]!.messages[1]!;
    workspace.markRead(inbound.id, false);
    expect(changes).toEqual([]);
    workspace.markRead(inbound.id, true);
    workspace.markRead(inbound.id, true);
    expect(changes).toEqual([{ caseIds: [caseId], kinds: ['messages'] }]);
  });

  it('says who each message went to: the employee for inbound, the taxpayer and representatives for outbound', async () => {
    const vault = session.require();
    const caseId = (await workspace.listCases()).parse().cases[0]!.id;
    workspace.openCase(caseId);
    const to = () => workspace.getCase(caseId).threads[0]!.messages.map((m) => [m.direction, m.to]);
    expect(to()).toEqual([['outbound', ''], ['inbound', 'Dana Whitfield']]); // no participants yet: the signed-in account
    vault.upsertParticipant({ caseId, serverContactId: 'emp-1', role: 'employee', displayName: 'Marcus Okafor' });
    vault.upsertParticipant({ caseId, serverContactId: 'tp-1', role: 'taxpayer', displayName: 'Rosa Delgado' });
    vault.upsertParticipant({ caseId, serverContactId: 'rep-1', role: 'representative', displayName: 'Grace Lindqvist, CPA' });
    expect(to()).toEqual([['outbound', 'Rosa Delgado, Grace Lindqvist, CPA'], ['inbound', 'Marcus Okafor']]);
  });

  it('reports the server status and the files still to download, in the list and in the case', async () => {
    const vault = session.require();
    const caseId = (await workspace.listCases()).parse().cases[0]!.id;
    const message = workspace.openCase(caseId).threads[0]!.messages[1]!;
    const sha = 'b'.repeat(64);
    const announce = (id: string, state: 'pending' | 'blocked') =>
      vault.sync.recordRemoteAttachment({ serverAttachmentId: id, messageId: message.id, fileName: `${id}.pdf`, contentType: 'application/pdf', size: 1, sha256: sha, state });
    announce('p1', 'pending');
    announce('p2', 'pending');
    announce('b1', 'blocked');
    announce('f1', 'pending');
    vault.sync.setRemoteAttachmentState({ serverAttachmentId: 'f1', state: 'failed', lastErrorCode: 'E_HASH_MISMATCH' });
    vault.sync.setRemoteAttachmentState({ serverAttachmentId: 'p2', state: 'stored', attachmentId });
    expect(vault.setServerStatus(caseId, 'under-review')).toBe(true);
    expect((await workspace.listCases()).parse().cases.map((c) => [c.status, c.pendingDownloads])).toEqual([['under-review', 2], ['open', 0]]);
    expect(workspace.getCase(caseId).case).toMatchObject({ status: 'under-review', pendingDownloads: 2 });
  });
});
