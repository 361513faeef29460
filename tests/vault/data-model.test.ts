/** Cases, threads, messages, attachments, search, drafts, outbox and sync cursors through the vault API. */
import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, HIT_END, HIT_START, type Vault } from '../../electron/vault';
import { PASSPHRASE, seedCase } from './helpers/fixtures';
import { once } from './helpers/generated-bytes';
import { makeTempDir } from './helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let vault: Vault;
beforeAll(async () => { tmp = makeTempDir(); vault = await createVault(path.join(tmp.dir, 'v'), PASSPHRASE, { actor: 'oe-1001' }); });
afterAll(() => { vault.lock(); tmp.cleanup(); });

describe('vault data model', () => {
  it('stores a case with its threads, participants and messages, idempotently', () => {
    const { caseId, threadId, messageId, offer } = seedCase(vault, 1);
    expect(seedCase(vault, 1).caseId).toBe(caseId); // same offer, same thread, same server id
    expect(vault.listCaseMessages(caseId)).toHaveLength(1);
    expect(vault.findCaseByOfferNumber(offer)?.id).toBe(caseId);
    vault.upsertParticipant({ caseId, serverContactId: 'c-1', role: 'taxpayer', displayName: 'Pat Example 1' });
    vault.upsertParticipant({ caseId, serverContactId: 'c-1', role: 'representative', displayName: 'Pat Example 1, POA' });
    expect(vault.listParticipants(caseId)).toEqual([{ id: expect.any(Number), caseId, serverContactId: 'c-1', role: 'representative', displayName: 'Pat Example 1, POA' }]);
    const later = vault.insertMessage({ threadId, serverId: 'msg-1-2', direction: 'outbound', serverReceivedAt: '2025-04-22T09:00:00-04:00', from: 'OE 1001', subject: 'Re: statements', body: 'Received, thank you.' });
    const opened = vault.openCase(caseId);
    expect(opened.messages.map((m) => m.id)).toEqual([messageId, later.id]);
    expect(opened.messages[1]!.serverReceivedAt).toBe('2025-04-22T13:00:00.000Z'); // normalized to UTC
    expect(opened.threads).toHaveLength(1);
    vault.setMessageRead(messageId, true);
    expect(vault.getMessage(messageId).read).toBe(true);
  });

  it('validates input with stable codes and no SBU content in the message', () => {
    const bad = () => vault.createCase({ offerNumber: 'DEMO-0000099999', taxpayerName: 'Pat', tinMasked: '987-65-4321', assignedRole: 'OE', createdAt: '2025-01-01T00:00:00Z' });
    expect(bad).toThrow(expect.objectContaining({ code: 'E_INVALID_INPUT' }));
    try { bad(); } catch (err) { expect((err as Error).message).not.toContain('987-65'); }
    expect(() => vault.insertMessage({ threadId: 999_999, serverId: 'x', direction: 'inbound', serverReceivedAt: '2025-01-01T00:00:00Z', from: 'a', subject: 's', body: 'b' }))
      .toThrow(expect.objectContaining({ code: 'E_NOT_FOUND' }));
    expect(() => vault.insertMessage({ threadId: 1, serverId: 'x', direction: 'inbound', serverReceivedAt: '2025-01-01 10:00', from: 'a', subject: 's', body: 'b' }))
      .toThrow(expect.objectContaining({ code: 'E_INVALID_INPUT' }));
  });

  it('records attachments with detected type, hash and blocked flag', async () => {
    const { messageId } = seedCase(vault, 2);
    const pdf = Buffer.from('%PDF-1.7\n% synthetic\n');
    const a = await vault.addAttachment({ messageId, fileName: 'bank_statement_march.pdf', declaredType: 'application/pdf',
      expectedSha256: crypto.createHash('sha256').update(pdf).digest('hex') }, once(pdf));
    expect(a).toMatchObject({ detectedType: 'application/pdf', size: pdf.length, blocked: false, printed: false });
    const exe = await vault.addAttachment({ messageId, fileName: 'statement.pdf.exe', declaredType: 'application/pdf' }, once(Buffer.from('MZ\x90\x00')));
    expect(exe).toMatchObject({ detectedType: 'application/x-msdownload', blocked: true });
    expect(vault.listAttachments(messageId).map((x) => x.id)).toEqual([a.id, exe.id]);
    expect((await vault.readAttachmentRange(a.id, 0, 8)).toString()).toBe('%PDF-1.7');
    vault.markPrinted(a.id);
    expect(vault.getAttachment(a.id).printed).toBe(true);
  });

  it('searches subjects, bodies and attachment names and returns case, taxpayer, thread, message, sender, subject, time and snippet', async () => {
    const { caseId, threadId, messageId } = seedCase(vault, 3, { subject: 'Payslips for quarter', body: 'Here are the pay stubs you requested from my employer.' });
    await vault.addAttachment({ messageId, fileName: 'Form-433A_signed.pdf', declaredType: 'application/pdf' }, once(Buffer.from('%PDF-1.4')));
    const byBody = vault.search({ query: 'employer' });
    expect(byBody).toEqual([{
      caseId, taxpayerName: 'Pat Example 3', threadId, messageId, from: 'Pat Example 3', subject: 'Payslips for quarter',
      serverReceivedAt: '2025-04-21T14:03:00.000Z', snippet: expect.stringContaining(`${HIT_START}employer${HIT_END}`),
    }]);
    expect(vault.search({ query: 'payslip' })[0]?.messageId).toBe(messageId); // prefix match on the subject
    expect(vault.search({ query: '433A signed' })[0]?.messageId).toBe(messageId); // attachment name
    expect(vault.search({ query: 'employer', caseId: caseId + 1000 })).toEqual([]);
    // Query syntax in user input is text, not FTS5 operators.
    expect(vault.search({ query: '"unbalanced AND OR NEAR( *' })).toEqual([]);
    expect(vault.search({ query: '!!!' })).toEqual([]);
  });

  it('orders hits newest first by default, or by relevance on request', () => {
    const { threadId } = seedCase(vault, 5, { subject: 'levy', body: 'levy levy levy levy release' });
    const newer = vault.insertMessage({ threadId, serverId: 'msg-5-2', direction: 'inbound', serverReceivedAt: '2025-04-23T10:00:00Z', from: 'x', subject: 'Other', body: 'one levy mention among many other words here' }).id;
    const older = vault.findMessageIdByServerId('msg-5-1')!;
    expect(vault.search({ query: 'levy' }).map((h) => h.messageId)).toEqual([newer, older]);
    expect(vault.search({ query: 'levy', order: 'relevance' }).map((h) => h.messageId)).toEqual([older, newer]);
  });

  it('keeps drafts, the outbox (idempotent, audited on send) and sync cursors', () => {
    const { caseId, threadId } = seedCase(vault, 4);
    const draft = vault.saveDraft({ caseId, threadId, subject: 'Draft', body: 'Please send Form 656.' });
    vault.saveDraft({ id: draft, caseId, threadId, subject: 'Draft', body: 'Please send Form 656-L.' });
    expect(vault.listDrafts(caseId)).toEqual([expect.objectContaining({ id: draft, body: 'Please send Form 656-L.' })]);
    vault.deleteDraft(draft);
    expect(vault.listDrafts(caseId)).toEqual([]);

    const clientMessageId = crypto.randomUUID();
    const id = vault.enqueueOutbox({ caseId, threadId, clientMessageId, subject: 'Request', body: 'Please send Form 656.' });
    expect(vault.enqueueOutbox({ caseId, threadId, clientMessageId, subject: 'Request', body: 'Please send Form 656.' })).toBe(id);
    vault.updateOutbox({ id, state: 'sending' });
    vault.updateOutbox({ id, state: 'failed', lastErrorCode: 'E_NETWORK' });
    vault.updateOutbox({ id, state: 'sending' });
    vault.updateOutbox({ id, state: 'sent' });
    expect(vault.listOutbox('sent')).toEqual([expect.objectContaining({ id, attempts: 2, lastErrorCode: null })]);
    expect(vault.listAudit(5).map((e) => e.event)).toContain('send');

    expect(vault.getSyncCursor('inbox')).toBeUndefined();
    vault.setSyncCursor('inbox', 'cursor-42');
    vault.setSyncCursor('inbox', 'cursor-43');
    expect(vault.getSyncCursor('inbox')).toBe('cursor-43');
    expect(() => vault.setSyncCursor('Bad Name!', 'x')).toThrow(expect.objectContaining({ code: 'E_INVALID_INPUT' }));
  });

  it('batch commits all or nothing', () => {
    const before = vault.listCases().length;
    expect(() => vault.batch((v) => {
      seedCase(v, 6);
      throw new Error('sync page failed half-way');
    })).toThrow('sync page failed');
    expect(vault.listCases()).toHaveLength(before);
    vault.batch((v) => seedCase(v, 6));
    expect(vault.listCases()).toHaveLength(before + 1);
  });

  it('lists cases with message and unread counts, newest activity first', () => {
    const summaries = vault.listCaseSummaries();
    expect(summaries.map((c) => c.id)).toEqual(vault.listCases().map((c) => c.id).sort((a, b) => {
      const last = (id: number) => vault.listCaseMessages(id).map((m) => m.serverReceivedAt).sort().at(-1) ?? '';
      return last(b).localeCompare(last(a)) || b - a;
    }));
    for (const s of summaries) {
      const msgs = vault.listCaseMessages(s.id);
      expect(s.messageCount).toBe(msgs.length);
      expect(s.unreadCount).toBe(msgs.filter((m) => !m.read && m.direction === 'inbound').length);
      expect(s.lastReceivedAt).toBe(msgs.map((m) => m.serverReceivedAt).sort().at(-1) ?? null);
    }
    expect(summaries.some((s) => s.unreadCount !== s.messageCount)).toBe(true); // a read message exists (case 1)
  });
});
