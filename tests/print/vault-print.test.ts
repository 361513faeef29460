/**
 * Print packages from a real vault (encrypted database and blob store in a temp folder), built through
 * the real print worker, which decrypts each attachment with its per-blob key, and read back with
 * pdf.js: message scope vs case scope, the index, masked file names, blocked files as placeholders,
 * the audit row and printed flags, busy/cancel/lock, and file names free of offer numbers and TINs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createVault, type AttachmentRecord, type Vault } from '../../electron/vault';
import { createPrintService, type PrintServiceOptions } from '../../electron/print/print-service';
import type { PrintProgress } from '../../electron/print/print-result';
import { tempDir } from './helpers/fixtures';
import { openPdf, pageTexts } from './helpers/read-pdf';
import { indexRanges } from './helpers/build';

const OFFER = 'DEMO-0000012345';
const TIN_DIGITS = /987[\s-]?65[\s-]?432\d/;
const EMPLOYEE = { employeeName: 'Pat Examiner', egainId: '1004821' };

async function textPdf(tag: string, pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([612, 792]).drawText(`${tag} page ${i + 1}`, { x: 100, y: 400, size: 18, font });
  return Buffer.from(await doc.save());
}

async function pngImage(): Promise<Buffer> {
  const w = 320; const h = 200;
  const raw = Buffer.alloc(w * h * 3, 255);
  for (let y = 60; y < 140; y++) raw.fill(20, (y * w + 80) * 3, (y * w + 240) * 3);
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();
}

describe('print packages from the vault', () => {
  const dir = tempDir('vault');
  let vault: Vault;
  let caseId: number;
  const msg: Record<string, number> = {};
  const att: Record<string, AttachmentRecord> = {};
  const sbu = (name: string) => path.join(dir, 'sbu', name);
  const service = (name: string, extra: Partial<PrintServiceOptions> = {}) => createPrintService({
    session: () => vault, sbuFolder: sbu(name), setPrefix: 'OIC', sbuMarking: 'SBU - TEST', employee: () => EMPLOYEE, ...extra,
  });
  const add = async (messageId: number, fileName: string, declaredType: string, bytes: Buffer) =>
    vault.addAttachment({ messageId, fileName, declaredType }, Readable.from([bytes]));
  const filesIn = (folder: string) => (fs.existsSync(folder) ? fs.readdirSync(folder) : []);

  beforeAll(async () => {
    vault = await createVault(path.join(dir, 'vault'), 'correct horse battery staple', { actor: 'pat.examiner' });
    caseId = vault.createCase({ offerNumber: OFFER, taxpayerName: 'Jordan Ellis', tinMasked: '***-**-4321', assignedRole: 'PE', createdAt: '2025-04-01T12:00:00Z' });
    for (const [i, [role, name]] of ([['taxpayer', 'Jordan Ellis'], ['representative', 'Casey Rivera'], ['employee', 'Pat Examiner']] as const).entries()) {
      vault.upsertParticipant({ caseId, serverContactId: `contact-${i}`, role, displayName: name });
    }
    const threadA = vault.upsertThread({ caseId, serverThreadId: 'thread-a', subject: 'Form 433-A', createdAt: '2025-04-20T12:00:00Z' });
    const threadB = vault.upsertThread({ caseId, serverThreadId: 'thread-b', subject: 'Payment terms', createdAt: '2025-04-21T12:00:00Z' });
    // Inserted out of server-time order, across two threads: the case set must sort them by server time.
    msg.third = vault.insertMessage({ threadId: threadA, serverId: '7f3a0003-0000-4000-8000-000000000003', direction: 'inbound', serverReceivedAt: '2025-04-23T15:00:00Z', from: 'Casey Rivera', subject: 'Bank statement', body: 'Third message body MARK-THIRD.' }).id;
    msg.first = vault.insertMessage({ threadId: threadA, serverId: '7f3a0001-0000-4000-8000-000000000001', direction: 'inbound', serverReceivedAt: '2025-04-21T14:03:00Z', from: 'Jordan Ellis', subject: 'My Form 433-A', body: 'First message body MARK-FIRST.' }).id;
    msg.second = vault.insertMessage({ threadId: threadB, serverId: '7f3a0002-0000-4000-8000-000000000002', direction: 'outbound', serverReceivedAt: '2025-04-22T16:30:00Z', from: 'Pat Examiner', subject: 'Payment terms', body: 'Second message body MARK-SECOND.' }).id;
    att.report = await add(msg.first!, 'report.pdf', 'application/pdf', await textPdf('REPORT', 3));
    att.scan = await add(msg.first!, 'scan.png', 'image/png', await pngImage());
    att.exe = await add(msg.first!, 'setup.exe', 'application/octet-stream', Buffer.concat([Buffer.from('MZ'), Buffer.from('EXE-CONTENT-MARKER'), Buffer.alloc(2000)]));
    att.tin = await add(msg.first!, 'Form 433-A 987-65-4321.pdf', 'application/pdf', await textPdf('FORM433A', 2));
    att.statement = await add(msg.third!, 'statement.pdf', 'application/pdf', await textPdf('STATEMENT', 1));
    // Announced by the server with a blocked name: recorded, never downloaded.
    vault.sync.recordRemoteAttachment({ serverAttachmentId: 'srv-att-blocked', messageId: msg.third!, fileName: 'payload.scr', contentType: 'application/octet-stream', size: 4096, sha256: 'a'.repeat(64), state: 'blocked' });
  });

  afterAll(() => { vault?.lock(); });

  it('prints one message: its pages, the index, masked names and the blocked file as a placeholder', async () => {
    const s = service('message');
    const progress: PrintProgress[] = [];
    const result = await s.build({ kind: 'message', messageId: msg.first! }, { onProgress: (p) => progress.push(p) });
    expect(result.files).toHaveLength(1);
    const file = s.lastFiles()[0]!;
    expect(path.basename(file)).toBe(result.files[0]);
    expect(path.dirname(file)).toBe(fs.realpathSync(sbu('message')));
    const doc = await openPdf(file);
    const texts = await pageTexts(doc);
    // cover + message + 3 (PDF) + 1 (PNG) + 1 (blocked placeholder) + 2 (PDF with a TIN in its name)
    expect(doc.numPages).toBe(9);
    expect(result.totalPages).toBe(9);
    expect(indexRanges(texts[0]!)).toEqual([[2, 2], [3, 5], [6, 6], [7, 7], [8, 9]]);
    for (const name of ['report.pdf', 'scan.png', 'setup.exe', 'Form 433-A XXX-XX-XXXX.pdf']) expect(texts[0]).toContain(name);
    expect(texts[0]).toContain(OFFER);
    expect(texts[0]).toContain('***-**-4321');
    expect(texts[0]).toContain('Pat Examiner (e-Gain ID 1004821)');
    expect(texts[1]).toContain('MARK-FIRST');
    expect(texts[1]).toMatch(/To\s+Casey Rivera, Pat Examiner/);
    expect(texts[2]).toContain('REPORT page 1');
    expect(texts[4]).toContain('REPORT page 3');
    expect(texts[6]).toContain('ATTACHMENT NOT PRINTED');
    expect(texts[6]).toContain('setup.exe');
    expect(texts[6]).toContain('blocked file type');
    expect(texts[6]).not.toContain('EXE-CONTENT-MARKER');
    expect(texts[7]).toContain('FORM433A page 1');
    expect(texts.join('\n')).not.toMatch(TIN_DIGITS);
    for (const t of texts) expect(t).toMatch(/Page \d+ of 9/);

    expect(result.attachments.map((a) => [a.attachmentId, a.status])).toEqual([
      [att.report!.id, 'included'], [att.scan!.id, 'included'], [att.exe!.id, 'placeholder'], [att.tin!.id, 'included'],
    ]);
    expect(result.attachments[2]!.reason).toMatch(/^blocked file type/);
    expect(result.attachments.map((a) => a.sha256)).toEqual([att.report!.sha256, att.scan!.sha256, att.exe!.sha256, att.tin!.sha256]);
    expect(result.printedAttachmentIds).toEqual([att.report!.id, att.scan!.id, att.tin!.id]);
    expect(vault.getAttachment(att.report!.id).printed).toBe(true);
    expect(vault.getAttachment(att.tin!.id).printed).toBe(true);
    expect(vault.getAttachment(att.exe!.id).printed).toBe(false);
    expect(vault.getAttachment(att.statement!.id).printed).toBe(false);
    expect(vault.listAudit().filter((e) => e.event === 'print' && e.caseId === caseId)).toHaveLength(1);
    expect(progress.at(-1)!.itemsDone).toBe(5);
    // The volume's SHA-256 is the file's.
    const { createHash } = await import('node:crypto');
    expect(result.volumes[0]!.sha256).toBe(createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
  });

  it('prints the whole case in server-time order across threads, with the never-downloaded blocked file listed', async () => {
    const before = vault.listAudit().filter((e) => e.event === 'print').length;
    const printed: number[] = [];
    const result = await service('case', { onPrinted: (c) => printed.push(c) }).build({ kind: 'case', caseId });
    expect(printed).toEqual([caseId]); // told once, after the record (data.changed)
    const doc = await openPdf(service('case').lastFiles()[0] ?? path.join(sbu('case'), result.files[0]!));
    const texts = await pageTexts(doc);
    // cover + (1 + 3 + 1 + 1 + 2) + 1 + (1 + 1 + 1)
    expect(doc.numPages).toBe(13);
    const cover = texts[0]!;
    expect(indexRanges(cover)).toEqual([[2, 2], [3, 5], [6, 6], [7, 7], [8, 9], [10, 10], [11, 11], [12, 12], [13, 13]]);
    const order = ['RECEIVED 04/21/2025 10:03 AM ET', 'SENT 04/22/2025 12:30 PM ET', 'RECEIVED 04/23/2025 11:00 AM ET'].map((l) => cover.indexOf(l));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(texts[1]).toContain('MARK-FIRST');
    expect(texts[9]).toContain('MARK-SECOND');
    expect(texts[9]).toMatch(/SENT/);
    expect(texts[10]).toContain('MARK-THIRD');
    expect(texts[11]).toContain('STATEMENT page 1');
    expect(texts[12]).toContain('payload.scr');
    expect(texts[12]).toContain('blocked file type');
    for (const name of ['report.pdf', 'scan.png', 'setup.exe', 'Form 433-A XXX-XX-XXXX.pdf', 'statement.pdf', 'payload.scr']) expect(cover).toContain(name);
    expect(texts.join('\n')).not.toMatch(TIN_DIGITS);
    expect(result.attachments).toHaveLength(6);
    expect(result.attachments[5]!.attachmentId).toBeNull(); // announced by the server, never stored
    expect(result.attachments.filter((a) => a.status === 'placeholder')).toHaveLength(2);
    expect(vault.getAttachment(att.statement!.id).printed).toBe(true);
    expect(vault.listAudit().filter((e) => e.event === 'print').length).toBe(before + 1);
    // The package file name carries neither the offer number nor a TIN.
    for (const f of result.files) {
      expect(f).toMatch(/^OIC-package-Jordan-Ellis-case-\d{4}-\d{2}-\d{2}_\d{4}-[a-z]{10}\.pdf$/);
      expect(f).not.toContain(OFFER);
      expect(f).not.toMatch(/\d{3}-?\d{2}-?\d{4}/);
    }
  });

  it('splits into volumes, each attachment decrypted twice (count, then print) with the same grant', async () => {
    const result = await service('volumes', { maxVolumeBytes: 3000 }).build({ kind: 'case', caseId });
    expect(result.volumes.length).toBeGreaterThan(1);
    expect(result.files.every((f) => /-vol\d+of\d+\.pdf$/.test(f))).toBe(true);
    expect(result.attachments.map((a) => a.status)).toEqual(['included', 'included', 'placeholder', 'included', 'included', 'placeholder']);
    let pages = 0;
    for (const f of result.files) pages += (await openPdf(path.join(sbu('volumes'), f))).numPages;
    expect(pages).toBe(result.totalPages);
  });

  it('names the fallback on the cover when nobody is signed in', async () => {
    const result = await service('signed-out', { employee: () => null }).build({ kind: 'message', messageId: msg.second! });
    const texts = await pageTexts(await openPdf(path.join(sbu('signed-out'), result.files[0]!)));
    expect(texts[0]).toContain('Not signed in to Secure Messaging');
    expect(texts[0]).not.toContain('1004821');
    expect(texts).toHaveLength(2);
  });

  it('refuses a second build while one runs (E_BUSY), and cancelling leaves no file and records nothing', async () => {
    const s = service('cancel');
    const printsBefore = vault.listAudit().filter((e) => e.event === 'print').length;
    const controller = new AbortController();
    const running = s.build({ kind: 'case', caseId }, { signal: controller.signal, onProgress: () => controller.abort() });
    expect(s.busy).toBe(true);
    await expect(s.build({ kind: 'message', messageId: msg.first! })).rejects.toMatchObject({ code: 'E_BUSY' });
    await expect(running).rejects.toMatchObject({ code: 'E_PRINT_CANCELLED' });
    expect(s.busy).toBe(false);
    expect(filesIn(sbu('cancel'))).toEqual([]);
    // The session's beforeLock can cancel the running build without holding its signal.
    await expect(s.build({ kind: 'case', caseId }, { onProgress: () => s.cancel() })).rejects.toMatchObject({ code: 'E_PRINT_CANCELLED' });
    expect(filesIn(sbu('cancel'))).toEqual([]);
    expect(vault.listAudit().filter((e) => e.event === 'print').length).toBe(printsBefore);
    expect(vault.getAttachment(att.statement!.id).printed).toBe(true); // from the case build above, unchanged
  });

  it('cancelled in the turns before the worker (before or after the set is read): no key granted, nothing recorded', async () => {
    const s = service('cancel-early');
    const printsBefore = vault.listAudit().filter((e) => e.event === 'print').length;
    const grants = vi.spyOn(vault, 'grantBlobRead');
    try {
      const before = s.build({ kind: 'case', caseId });
      void s.cancel();
      await expect(before).rejects.toMatchObject({ code: 'E_PRINT_CANCELLED' });
      const after = s.build({ kind: 'case', caseId });
      await new Promise((r) => setImmediate(r)); // the turn in which the set is read
      void s.cancel();
      await expect(after).rejects.toMatchObject({ code: 'E_PRINT_CANCELLED' });
      expect(grants).not.toHaveBeenCalled();
      expect(s.busy).toBe(false);
      expect(filesIn(sbu('cancel-early'))).toEqual([]);
      expect(vault.listAudit().filter((e) => e.event === 'print').length).toBe(printsBefore);
    } finally {
      grants.mockRestore();
    }
  });

  it('a damaged stored copy becomes a placeholder; the rest of the case still prints', async () => {
    const other = vault.createCase({ offerNumber: 'DEMO-0000012346', taxpayerName: 'Alex Doe', tinMasked: '***-**-4322', assignedRole: 'OE', createdAt: '2025-04-01T12:00:00Z' });
    const thread = vault.upsertThread({ caseId: other, serverThreadId: 'thread-c', subject: 'Docs', createdAt: '2025-04-20T12:00:00Z' });
    const m = vault.insertMessage({ threadId: thread, serverId: '7f3a0009-0000-4000-8000-000000000009', direction: 'inbound', serverReceivedAt: '2025-04-24T15:00:00Z', from: 'Alex Doe', subject: 'Docs', body: 'Two files.' }).id;
    const good = await add(m, 'good.pdf', 'application/pdf', await textPdf('GOOD', 1));
    const bad = await add(m, 'bad.pdf', 'application/pdf', await textPdf('BAD', 2));
    const blobFile = path.join(dir, 'vault', 'blobs', bad.blobRef);
    const bytes = fs.readFileSync(blobFile);
    bytes[bytes.length - 40]! ^= 0xff; // inside the last chunk: its GCM tag fails in the worker
    fs.writeFileSync(blobFile, bytes);
    const result = await service('damaged').build({ kind: 'case', caseId: other });
    expect(result.attachments.map((a) => [a.attachmentId, a.status])).toEqual([[good.id, 'included'], [bad.id, 'placeholder']]);
    expect(result.printedAttachmentIds).toEqual([good.id]);
    expect(vault.getAttachment(bad.id).printed).toBe(false);
  });

  it('a vault locked during the build: the package is removed (no unaudited print); locked before: E_LOCKED', async () => {
    const s = service('locked');
    let locked = false;
    await expect(s.build({ kind: 'case', caseId }, { onProgress: () => { if (!locked) { locked = true; vault.lock(); } } }))
      .rejects.toMatchObject({ code: 'E_LOCKED' });
    expect(filesIn(sbu('locked'))).toEqual([]);
    await expect(s.build({ kind: 'message', messageId: msg.first! })).rejects.toMatchObject({ code: 'E_LOCKED' });
    const { AppError } = await import('../../shared/errors');
    const viaSession = createPrintService({ session: () => { throw new AppError('E_LOCKED', 'locked'); }, sbuFolder: sbu('locked'), setPrefix: 'OIC', sbuMarking: 'SBU' });
    await expect(viaSession.build({ kind: 'case', caseId })).rejects.toMatchObject({ code: 'E_LOCKED' });
    expect(filesIn(sbu('locked'))).toEqual([]);
  });
});
