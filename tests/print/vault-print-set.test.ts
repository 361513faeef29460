/**
 * The print set as built from a real vault, before any PDF: directions, recipients with and without
 * participant records, withheld sources (blocked, never downloaded), masked names, scope errors, and
 * the per-blob grant the worker will get (it decrypts that one file and nothing else).
 */
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBlob } from '../../electron/vault/blob-reader';
import { createVault, type Vault } from '../../electron/vault';
import { printSetFromVault } from '../../electron/print/vault-print-set';
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
