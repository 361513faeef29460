/**
 * The type the vault stores for a file is the shared content sniffer's, from the bytes actually
 * written: the head and the tail kept by the blob writer, whatever the pieces the stream arrives in.
 * A PDF behind a preamble (the old detector said octet-stream) is stored as application/pdf.
 */
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, type Vault } from '../../electron/vault';
import { writeBlob } from '../../electron/vault/blob-writer';
import { newBlobRef } from '../../electron/vault/blob-format';
import { CONTENT_TYPES, SNIFF_HEAD_BYTES, SNIFF_TAIL_BYTES } from '../../shared/content-type/sniff';
import { zipBytes } from '../unit/helpers/zip-bytes';
import { PASSPHRASE, seedCase } from './helpers/fixtures';
import { generateBuffer, once } from './helpers/generated-bytes';
import { makeTempDir } from './helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let vault: Vault;
beforeAll(async () => { tmp = makeTempDir(); vault = await createVault(path.join(tmp.dir, 'v'), PASSPHRASE, { actor: 'oe-1001' }); });
afterAll(() => { vault.lock(); tmp.cleanup(); });

/** The bytes in pieces of the given sizes, cycled. */
async function* inPieces(bytes: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = sizes[i % sizes.length]!;
    yield bytes.subarray(at, at + n);
    at += n;
  }
}

const preamblePdf = Buffer.concat([
  Buffer.from('X-Gateway: scanned\r\nContent-Type: application/pdf\r\n\r\n'),
  Buffer.from('%PDF-1.7\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]), Buffer.from('\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), generateBuffer(200_000, 'pdf-body'),
]);

describe('detected type of stored files', () => {
  it('stores a PDF with a preamble as application/pdf, received or queued to send', async () => {
    const { messageId, caseId, threadId } = seedCase(vault, 1);
    const a = await vault.addAttachment({ messageId, fileName: 'statement', declaredType: 'application/octet-stream' }, inPieces(preamblePdf, [7, 1000, 65_536]));
    expect(a.detectedType).toBe(CONTENT_TYPES.pdf);
    expect(vault.getAttachment(a.id).detectedType).toBe(CONTENT_TYPES.pdf);
    const outboxId = vault.enqueueOutbox({ caseId, threadId, clientMessageId: '6b1f7c1e-8d1e-4c1a-9a8e-1d2f3a4b5c6e', subject: 's', body: 'b' });
    const o = await vault.sync.addOutboxAttachment({ outboxId, fileName: 'scan.dat', declaredType: 'application/pdf', maxBytes: 1_000_000 }, once(preamblePdf));
    expect(o.detectedType).toBe(CONTENT_TYPES.pdf);
  });

  it('tells a streamed exceljs workbook and a macro document from their zip central directory at the end', async () => {
    const { messageId } = seedCase(vault, 2);
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink });
    const ws = wb.addWorksheet('Payments');
    for (let r = 0; r < 5000; r++) ws.addRow(['2025-01-02', r * 1.25, `payment ${r}`]).commit();
    ws.commit();
    await wb.commit();
    const xlsx = Buffer.concat(chunks);
    expect(xlsx.indexOf('[Content_Types].xml')).toBeGreaterThan(SNIFF_HEAD_BYTES); // only the tail names it
    expect((await vault.addAttachment({ messageId, fileName: 'payments.xlsx', declaredType: 'x' }, inPieces(xlsx, [4096]))).detectedType).toBe(CONTENT_TYPES.xlsx);

    const docm = zipBytes([{ name: 'word/document.xml', data: generateBuffer(SNIFF_HEAD_BYTES * 3, 'doc') }, { name: '[Content_Types].xml', data: '<x/>' }, { name: 'word/vbaProject.bin', data: 'vba' }], { streamed: true });
    expect((await vault.addAttachment({ messageId, fileName: 'letter.docx', declaredType: 'x' }, inPieces(docm, [333, 70_000]))).detectedType).toBe(CONTENT_TYPES.docm);
  });

  it('keeps exactly the first and last bytes, whatever the piece sizes', async () => {
    const bytes = generateBuffer(SNIFF_TAIL_BYTES * 3 + 123, 'tail');
    const blobsDir = path.join(tmp.dir, 'v', 'blobs');
    const cases: Array<[Buffer, number[]]> = [
      [bytes.subarray(0, 5000), [1]], [bytes, [SNIFF_TAIL_BYTES]], [bytes, [SNIFF_TAIL_BYTES + 1]], [bytes, [999, 65_000, 3]], [bytes, [bytes.length]],
    ];
    for (const [whole, sizes] of cases) {
      const written = await writeBlob({ blobsDir, blobRef: newBlobRef(), caseKey: Buffer.alloc(32, 7), source: inPieces(whole, sizes) });
      expect(written.head.equals(whole.subarray(0, SNIFF_HEAD_BYTES)), `head, pieces ${sizes.join(',')}`).toBe(true);
      expect(written.tail.equals(whole.subarray(-SNIFF_TAIL_BYTES)), `tail, pieces ${sizes.join(',')}`).toBe(true);
    }
  });

  it('stores Windows-1252 and UTF-16 text as text, and HTML named .pdf as HTML', async () => {
    const { messageId } = seedCase(vault, 3);
    const add = (fileName: string, b: Buffer) => vault.addAttachment({ messageId, fileName, declaredType: 'x' }, once(b)).then((a) => a.detectedType);
    expect(await add('note.txt', Buffer.from('Caf\xe9 \x80250 \x96 paid\r\n', 'latin1'))).toBe(CONTENT_TYPES.text);
    expect(await add('note16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Zahlung für März', 'utf16le')]))).toBe(CONTENT_TYPES.text);
    expect(await add('bank.csv', Buffer.from('date,amount\n2025-01-02,1.00\n'))).toBe(CONTENT_TYPES.csv);
    expect(await add('statement.pdf', Buffer.from('<!DOCTYPE html><html><body>Sign in</body></html>'))).toBe(CONTENT_TYPES.html);
  });
});
