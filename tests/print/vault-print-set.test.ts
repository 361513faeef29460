/**
 * The print set as built from a real vault, before any PDF: directions, recipients with and without
 * participant records, withheld sources (blocked, never downloaded), masked names, scope errors, and
 * the per-blob grant the worker will get (it decrypts that one file and nothing else); and the case's
 * document-request history for the Appeals cover, from real request rows.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateRequestItem } from '../../electron/casework/update-item';
import { openBlob } from '../../electron/vault/blob-reader';
import { createVault, type Vault } from '../../electron/vault';
import { printSetFromVault } from '../../electron/print/vault-print-set';
import { faxLabel } from '../../shared/fax-label';
import { requestItem } from '../../shared/requests/item-state';
import { tempDir } from './helpers/fixtures';

describe('print set from the vault', () => {
  const dir = tempDir('vault-set');
  let vault: Vault;
  let caseId: number;
  let inbound: number;
  let outbound: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    vault = await createVault(path.join(dir, 'vault'), 'correct horse battery staple');
    caseId = vault.createCase({ offerNumber: 'DEMO-0000012345', taxpayerName: 'Jordan Ellis', tinMasked: '***-**-4321', assignedRole: 'PE', createdAt: '2025-04-01T12:00:00Z' });
    const thread = vault.upsertThread({ caseId, serverThreadId: 't-1', subject: 'Docs', createdAt: '2025-04-20T12:00:00Z' });
    outbound = vault.insertMessage({ threadId: thread, serverId: 'bbbb-2', direction: 'outbound', serverReceivedAt: '2025-04-22T12:00:00Z', from: 'Pat Examiner', subject: 'Reply', body: 'Thanks.' }).id;
    inbound = vault.insertMessage({ threadId: thread, serverId: 'aaaa-1', direction: 'inbound', serverReceivedAt: '2025-04-21T12:00:00Z', from: 'Jordan Ellis', subject: 'Docs', body: 'Attached.' }).id;
    const add = async (name: string, bytes: string) => (await vault.addAttachment({ messageId: inbound, fileName: name, declaredType: 'application/octet-stream' }, Readable.from([Buffer.from(bytes)]))).id;
    ids.tin = await add('W-2 for 987-65-4321 and 9876543210.txt', 'wage statement');
    ids.exe = await add('tool.exe', 'MZ binary');
    vault.sync.recordRemoteAttachment({ serverAttachmentId: 's-1', messageId: inbound, fileName: 'later.pdf', contentType: 'application/pdf', size: 10, sha256: 'b'.repeat(64), state: 'pending' });
  });
  afterAll(() => vault?.lock());

  it('maps the case: server order, directions, the taxpayer as recipient without participants, masked names, withheld sources', () => {
    const set = printSetFromVault(vault, { kind: 'case', caseId }, null);
    expect(set.caseHeader).toMatchObject({ offerNumber: 'DEMO-0000012345', taxpayerDisplayName: 'Jordan Ellis', maskedTin: '***-**-4321', employeeName: 'Not signed in to Secure Messaging' });
    expect(set.messages.map((m) => [m.serverId, m.direction])).toEqual([['aaaa-1', 'received'], ['bbbb-2', 'sent']]);
    expect(set.messages[1]!.to).toBe('Jordan Ellis');
    const atts = set.messages[0]!.attachments;
    expect(atts.map((a) => a.name)).toEqual(['W-2 for XXX-XX-XXXX and XXXXXX3210.txt', 'tool.exe', 'later.pdf']);
    expect(atts.map((a) => a.source)).toEqual([
      { kind: 'vault-blob', attachmentId: ids.tin },
      { kind: 'withheld', reason: 'blocked-file-type', attachmentId: ids.exe },
      { kind: 'withheld', reason: 'not-downloaded' },
    ]);
    expect(JSON.stringify(set)).not.toMatch(/987-65-4321|9876543210/);
  });

  it('uses the participants other than the sender as recipients, and the signed-in employee', () => {
    vault.upsertParticipant({ caseId, serverContactId: 'c-1', role: 'taxpayer', displayName: 'Jordan Ellis' });
    vault.upsertParticipant({ caseId, serverContactId: 'c-2', role: 'employee', displayName: 'Pat Examiner' });
    const set = printSetFromVault(vault, { kind: 'message', messageId: outbound }, { employeeName: 'Pat Examiner', egainId: '1004821' });
    expect(set.messages).toHaveLength(1);
    expect(set.messages[0]!.to).toBe('Jordan Ellis');
    expect(set.caseHeader.egainId).toBe('1004821');
    expect(printSetFromVault(vault, { kind: 'message', messageId: inbound }, null).messages[0]!.to).toBe('Pat Examiner');
  });

  it('refuses malformed scopes and unknown ids with stable codes', () => {
    expect(() => printSetFromVault(vault, { kind: 'case', caseId: -1 }, null)).toThrow(expect.objectContaining({ code: 'E_PRINT_INVALID_INPUT' }));
    expect(() => printSetFromVault(vault, { kind: 'thread' } as never, null)).toThrow(expect.objectContaining({ code: 'E_PRINT_INVALID_INPUT' }));
    expect(() => printSetFromVault(vault, { kind: 'case', caseId: 999 }, null)).toThrow(expect.objectContaining({ code: 'E_NOT_FOUND' }));
    expect(() => printSetFromVault(vault, { kind: 'message', messageId: 999 }, null)).toThrow(expect.objectContaining({ code: 'E_NOT_FOUND' }));
  });

  it('grants one blob: its key decrypts that file and no other; blocked files get no grant', async () => {
    const grant = await vault.grantBlobRead(ids.tin!);
    expect(grant.key.byteLength).toBe(32);
    const reader = await openBlob({ blobsDir: path.dirname(grant.path), blobRef: path.basename(grant.path), blobKey: grant.key, expectedSize: grant.size });
    const parts: Buffer[] = [];
    for await (const p of reader.range()) parts.push(p);
    await reader.close();
    expect(Buffer.concat(parts).toString()).toBe('wage statement');
    expect(grant.key.some((b) => b !== 0)).toBe(true); // the reader zeroes its own copy, not the grant
    const other = vault.getAttachment(ids.exe!);
    const wrong = await openBlob({ blobsDir: path.dirname(grant.path), blobRef: other.blobRef, blobKey: grant.key, expectedSize: other.size });
    await expect((async () => { for await (const _ of wrong.range()) { /* drain */ } })()).rejects.toMatchObject({ code: 'E_BLOB_TAMPERED' });
    await wrong.close();
    await expect(vault.grantBlobRead(ids.exe!)).rejects.toMatchObject({ code: 'E_BLOCKED_FILE_TYPE' });
  });
});

describe('document-request history in the case print set', () => {
  const dir = tempDir('vault-set-requests');
  let vault: Vault;
  let caseId: number;
  let requestMessage: number;
  let attachmentId: number;

  beforeAll(async () => {
    vault = await createVault(path.join(dir, 'vault'), 'correct horse battery staple');
    caseId = vault.createCase({ offerNumber: 'DEMO-0000012346', taxpayerName: 'Jordan Ellis', tinMasked: '***-**-4322', assignedRole: 'PE', createdAt: '2025-04-01T12:00:00Z' });
    const thread = vault.upsertThread({ caseId, serverThreadId: 't-9', subject: 'Documents', createdAt: '2025-04-20T12:00:00Z' });
    const body = 'Please send: 1. Bank statements 2. Pay stubs 3. Form 433-A by 11:59 PM Eastern Time on Monday, May 5, 2025.';
    // The request went out through the outbox and the server has it; the taxpayer replied with a file.
    const outboxId = vault.enqueueOutbox({ caseId, threadId: thread, clientMessageId: randomUUID(), subject: 'Documents', body });
    requestMessage = vault.insertMessage({ threadId: thread, serverId: 'cccc-3', direction: 'outbound', serverReceivedAt: '2025-04-21T14:03:00Z', from: 'Pat Examiner', subject: 'Documents', body }).id;
    const reply = vault.insertMessage({ threadId: thread, serverId: 'dddd-4', direction: 'inbound', serverReceivedAt: '2025-04-25T17:30:00Z', from: 'Jordan Ellis', subject: 'Re: Documents', body: 'Attached.' }).id;
    attachmentId = (await vault.addAttachment({ messageId: reply, fileName: 'Bank statements 987-65-4321.pdf', declaredType: 'application/pdf' }, Readable.from([Buffer.from('%PDF-1.4 bank')]))).id;
    const first = requestItem('2025-05-05', '2025-04-21T14:00:00Z');
    const items = [['bank-statements', 'Bank statements (last 3 months)'], ['pay-stubs', 'Pay stubs (last 2)'], ['form-433a-oic', 'Form 433-A (OIC) section 6']] as const;
    const requestId = vault.casework.createRequest({
      caseId, threadId: thread, outboxId, subject: 'Documents', dueDate: '2025-05-05', timeZone: 'America/New_York',
      items: items.map(([kind, label]) => ({ kind, label, wording: `Please send ${label}.`, dueDate: first.facts.dueDate, entry: first.entry })),
    });
    await vault.sync.completeOutboxSend({ outboxId, messageId: requestMessage, files: [] });
    const [bank, , form] = vault.casework.getRequest(requestId).items;
    const at = { now: new Date('2025-04-28T14:00:00Z') };
    updateRequestItem(vault, { action: 'link', itemId: bank!.id, attachmentId }, at);
    updateRequestItem(vault, { action: 'mark-received', itemId: bank!.id, complete: true }, at);
    updateRequestItem(vault, { action: 'change-due-date', itemId: form!.id, dueDate: '2025-05-19', reason: 'Taxpayer asked for more time' }, at);
    updateRequestItem(vault, { action: 'waive', itemId: form!.id, reason: 'Not self-employed' }, at);
  });
  afterAll(() => vault?.lock());

  it('carries each request and item outcome as of `now`, the answering file masked with its label and SHA-256, extensions with reasons', () => {
    const set = printSetFromVault(vault, { kind: 'case', caseId }, null, new Date('2025-05-20T15:00:00Z'));
    expect(set.documentRequests).toHaveLength(1);
    const r = set.documentRequests![0]!;
    expect(r).toMatchObject({ sendState: 'sent', sentAt: '2025-04-21T14:03:00.000Z', messageServerId: 'cccc-3', dueDate: '2025-05-05', timeZone: 'America/New_York' });
    expect(r.deadlineText).toMatch(/May 5, 2025/);
    expect(r.items.map((i) => [i.label, i.state])).toEqual([
      ['Bank statements (last 3 months)', 'received'], ['Pay stubs (last 2)', 'overdue'], ['Form 433-A (OIC) section 6', 'waived'],
    ]);
    const stored = vault.getAttachment(attachmentId);
    expect(r.items[0]!.answeredBy).toEqual([{ fileName: 'Bank statements XXX-XX-XXXX.pdf', messageServerId: 'dddd-4', receivedLabel: faxLabel('received', '2025-04-25T17:30:00Z', 'dddd-4'), sha256: stored.sha256 }]);
    expect(r.items[1]!.answeredBy).toEqual([]);
    expect(r.items[2]).toMatchObject({ dueDate: '2025-05-19', waivedReason: 'Not self-employed',
      dueDateChanges: [{ fromDueDate: '2025-05-05', toDueDate: '2025-05-19', reason: 'Taxpayer asked for more time' }] });
    expect(JSON.stringify(set)).not.toContain('987-65-4321');
    // Before the deadline the open item is only requested.
    expect(printSetFromVault(vault, { kind: 'case', caseId }, null, new Date('2025-04-30T15:00:00Z')).documentRequests![0]!.items[1]!.state).toBe('requested');
  });

  it('leaves the history out of a one-message print', () => {
    expect(printSetFromVault(vault, { kind: 'message', messageId: requestMessage }, null).documentRequests).toBeUndefined();
  });
});
