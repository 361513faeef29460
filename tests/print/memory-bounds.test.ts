/**
 * What keeps a print's memory bounded (issue 13): a long text file is planned at what its capped pages
 * can hold, not at its size (so it does not force a volume split and a counting pass); text is
 * decoded in slices within one read, characters and CR LF cut between slices print whole; and the
 * worker host settles only after the worker thread is gone, so the next build never starts while
 * the last one's heap is still resident.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFontFiles } from '../../electron/print/doc-fonts';
import { buildPrintPackageInWorker } from '../../electron/print/print-worker-host';
import { renderText } from '../../electron/print/render-text';
import { VolumeDoc } from '../../electron/print/volume-doc';
import { PLACEHOLDER_PLAN_BYTES, plannedAttachmentBytes, TEXT_PAGE_PLAN_BYTES } from '../../electron/print/volume-plan';
import { build, setOf } from './helpers/build';
import { tempDir, writeTextPdf } from './helpers/fixtures';
import { fileAttachment, message } from './helpers/print-set-from-files';
import { openPdf, pageItems, pageTexts } from './helpers/read-pdf';

const dir = tempDir('memory-bounds');
const MiB = 1024 * 1024;
const limits = { maxAttachmentBytes: 512 * MiB, maxTextPages: 500 };

describe('volume planning', () => {
  it('plans a text or CSV file at what its capped pages hold, other files at their size', () => {
    const csv = { size: 25 * MiB, name: 'Transaction history export.csv', declaredType: 'text/csv' };
    expect(plannedAttachmentBytes(csv, limits)).toBe(500 * TEXT_PAGE_PLAN_BYTES);
    expect(plannedAttachmentBytes({ ...csv, name: 'export', declaredType: 'text/plain; charset=utf-8' }, limits)).toBe(500 * TEXT_PAGE_PLAN_BYTES);
    expect(plannedAttachmentBytes({ ...csv, name: 'server.LOG', declaredType: 'application/octet-stream' }, limits)).toBe(500 * TEXT_PAGE_PLAN_BYTES);
    // A short text file is planned at its size; a PDF or an undeclared file always is.
    expect(plannedAttachmentBytes({ ...csv, size: 5000 }, limits)).toBe(5000);
    expect(plannedAttachmentBytes({ size: 25 * MiB, name: 'statement.pdf', declaredType: 'application/pdf' }, limits)).toBe(25 * MiB);
    expect(plannedAttachmentBytes({ size: 25 * MiB, name: 'scan', declaredType: 'application/octet-stream' }, limits)).toBe(25 * MiB);
    // Never opened: a placeholder page.
    expect(plannedAttachmentBytes({ ...csv, withheld: 'blocked' }, limits)).toBe(PLACEHOLDER_PLAN_BYTES);
    expect(plannedAttachmentBytes({ size: 600 * MiB, name: 'big.pdf', declaredType: 'application/pdf' }, limits)).toBe(PLACEHOLDER_PLAN_BYTES);
  });

  it('keeps a set with a text file far over the volume bound in one volume when its capped pages fit', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `${i + 1},2024-03-01,DEMO TRANSACTION,${(i * 3.5).toFixed(2)}`);
    const csvFile = path.join(dir, 'ledger.csv');
    fs.writeFileSync(csvFile, `${rows.join('\n')}\n`);
    const pdf = await writeTextPdf(path.join(dir, 'statement.pdf'), 'STMT', 2);
    const csvBytes = fs.statSync(csvFile).size;
    const maxVolumeBytes = 200_000;
    expect(csvBytes).toBeGreaterThan(maxVolumeBytes * 4);
    const result = await build([message({ attachments: [fileAttachment(pdf, 'statement.pdf', 'application/pdf'), fileAttachment(csvFile, 'ledger.csv', 'text/csv')] })],
      path.join(dir, 'sbu-plan'), { maxVolumeBytes, maxTextPages: 4 });
    expect(result.volumes).toHaveLength(1);
    const csvItem = result.items.find((i) => i.kind === 'attachment' && i.status === 'cut')!;
    expect(csvItem.lastPage - csvItem.firstPage + 1).toBe(4);
  });
});

describe('text decoded in slices within one read', () => {
  it('prints characters and CR LF that fall on a slice boundary whole', async () => {
    const SLICE = 64 * 1024;
    // One read of several slices; a 3-byte € straddles the first boundary, a CR LF the second.
    const fill = (n: number) => 'a'.repeat(n);
    const first = `${fill(SLICE - 1 - 6)}MARK1 €tail1\n`;
    const firstBytes = Buffer.byteLength(first) - Buffer.byteLength('tail1\n');
    expect(firstBytes).toBe(SLICE + 2);
    const second = `${fill(2 * SLICE - Buffer.byteLength(first) - 'MARK2'.length - 1)}MARK2\r\nMARK3 next line\r\n`;
    const text = `${first}${second}${fill(10_000)}\r\nMARK4 end\r\n`;
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes.subarray(2 * SLICE - 1, 2 * SLICE + 1).toString('latin1')).toBe('\r\n');
    /** Prints `bytes` delivered in reads of `readSize` bytes; returns every page's text items with positions. */
    const print = async (name: string, readSize: number) => {
      const vol = await VolumeDoc.create(loadFontFiles());
      async function* source() { for (let at = 0; at < bytes.length; at += readSize) yield bytes.subarray(at, at + readSize); }
      const r = await renderText(vol, 'LABEL', source(), { encoding: 'utf-8', bomLength: 0, size: bytes.length }, 200);
      const out = path.join(dir, `${name}.pdf`);
      await vol.writeTo(out);
      const doc = await openPdf(out);
      const items = [];
      for (let p = 1; p <= doc.numPages; p++) items.push(...(await pageItems(doc, p)).map((i) => ({ p, str: i.str, y: i.transform[5] ?? 0 })));
      return { r, items, all: (await pageTexts(doc)).join('\n') };
    };
    const whole = await print('slices-one-read', bytes.length);
    expect(whole.r.note).toBeUndefined();
    expect(whole.all).toContain('MARK1 €tail1');
    expect(whole.all).toContain('MARK3 next line');
    expect(whole.all).toContain('MARK4 end');
    expect(whole.all).not.toContain('\ufffd');
    // The same lines at the same places as when the reads end elsewhere (so a CR LF cut between two
    // slices is one line end, not two).
    const other = await print('slices-odd-reads', 7001);
    expect(whole.items).toEqual(other.items);
    const y = (mark: string) => whole.items.find((i) => i.str.includes(mark))!;
    expect(y('MARK3').p).toBe(y('MARK2').p);
    expect(y('MARK2').y - y('MARK3').y).toBeCloseTo(8.5 * 1.35, 1);
  });
});

describe('the worker host', () => {
  /** Threads of this process (Linux): the worker's thread is one of them while it runs. */
  const threads = () => fs.readdirSync('/proc/self/task').length;

  it.runIf(fs.existsSync('/proc/self/task'))('settles only after the worker thread has exited, so its memory is given back first', async () => {
    const pdf = await writeTextPdf(path.join(dir, 'w.pdf'), 'W', 2);
    const set = setOf([message({ attachments: [fileAttachment(pdf, 'w.pdf', 'application/pdf')] })]);
    const options = { scope: { kind: 'case' as const }, sbuFolder: path.join(dir, 'sbu-worker'), generatedBy: 'Pat Examiner' };
    // The first build starts libuv's thread pool and the platform's threads, which stay.
    await buildPrintPackageInWorker(set, options);
    const before = threads();
    let during = 0;
    const result = await buildPrintPackageInWorker(set, options, { onProgress: () => { during = Math.max(during, threads()); } });
    expect(result.totalPages).toBeGreaterThan(2);
    expect(during).toBeGreaterThan(before);
    expect(threads()).toBe(before);
  }, 60_000);
});
