/**
 * Bounds and less common content: long text is cut at the page bound with a note (status `cut`),
 * an attachment over the size bound becomes a placeholder before it is read, and a filled PDF form
 * keeps its field values visible (widget annotations move with the shrunk page content).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFBool, PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrintPackageResult } from '../../electron/print/print-result';
import { build } from './helpers/build';
import { tempDir } from './helpers/fixtures';
import { fileAttachment, message } from './helpers/print-set-from-files';
import { darkFraction, openPdf, pageTexts, renderPage } from './helpers/read-pdf';

describe('limits and forms', () => {
  const dir = tempDir('limits');
  let result: PrintPackageResult;
  let texts: string[];
  let doc: Awaited<ReturnType<typeof openPdf>>;
  const att = (i: number) => result.items.filter((x) => x.kind === 'attachment')[i]!;

  beforeAll(async () => {
    const long = path.join(dir, 'ledger.csv');
    fs.writeFileSync(long, Array.from({ length: 500 }, (_, i) => `row ${i + 1},${(i * 17.25).toFixed(2)}`).join('\n'));
    const big = path.join(dir, 'video.bin');
    fs.writeFileSync(big, Buffer.alloc(300_000, 1));
    const form = await PDFDocument.create();
    const page = form.addPage([612, 792]);
    const field = form.getForm().createTextField('taxpayer.income');
    field.setText('MONTHLY INCOME 4,321.00');
    field.addToPage(page, { x: 100, y: 600, width: 300, height: 40, borderWidth: 0 });
    const formFile = path.join(dir, 'form-433a.pdf');
    fs.writeFileSync(formFile, await form.save());
    // The same form as some tools write it: a value, no appearance, and NeedAppearances asking viewers to draw it.
    const bare = await PDFDocument.create();
    const barePage = bare.addPage([612, 792]);
    const bareField = bare.getForm().createTextField('taxpayer.expenses');
    bareField.setText('MONTHLY EXPENSES 1,234.00');
    bareField.addToPage(barePage, { x: 100, y: 600, width: 300, height: 40, borderWidth: 0 });
    for (const w of bareField.acroField.getWidgets()) w.dict.delete(PDFName.of('AP'));
    bare.getForm().acroForm.dict.set(PDFName.of('NeedAppearances'), PDFBool.True);
    const bareFile = path.join(dir, 'form-no-appearance.pdf');
    fs.writeFileSync(bareFile, await bare.save({ updateFieldAppearances: false }));
    result = await build([message({ attachments: [
      fileAttachment(long, 'ledger.csv', 'text/csv'),
      fileAttachment(big, 'video.bin'),
      fileAttachment(formFile, 'form-433a.pdf', 'application/pdf'),
      fileAttachment(bareFile, 'form-no-appearance.pdf', 'application/pdf'),
    ] })], path.join(dir, 'sbu'), { maxTextPages: 2, maxAttachmentBytes: 200_000 });
    doc = await openPdf(result.volumes[0]!.path);
    texts = await pageTexts(doc);
  });

  it('cuts a long text file at the page bound and says so on the page and in the record', () => {
    const item = att(0);
    expect(item.status).toBe('cut');
    expect(item.lastPage - item.firstPage + 1).toBe(2);
    expect(texts[item.firstPage - 1]).toContain('row 1,0.00');
    expect(item.reason).toMatch(/^cut after 2 pages: the first [\d,]+ of [\d,]+ bytes \(\d+%\) are printed; the full file is in the vault$/);
    // On the page where it stops, for the examiner holding the paper.
    const share = /the first ([\d,]+ of [\d,]+ bytes \(\d+%\))/.exec(item.reason!)![1]!;
    expect(texts[item.lastPage - 1]).toContain('Printing stopped at page 2 of this file: the file continues.');
    expect(texts[item.lastPage - 1]).toContain(share);
    expect(texts.join('\n')).not.toContain('row 500,');
  });

  it('replaces an attachment over the size bound with a placeholder', () => {
    const item = att(1);
    expect(item.status).toBe('placeholder');
    expect(item.reason).toContain('larger than the 195.3 KiB limit for one attachment');
    expect(texts[item.firstPage - 1]).toContain('video.bin');
  });

  it.each([[2, 'with appearance streams'], [3, 'with NeedAppearances only']])('keeps filled form field values visible (attachment %i, %s)', async (i) => {
    const item = att(i);
    expect(item.status).toBe('included');
    const img = await renderPage(doc, item.firstPage, 1);
    // The field's rectangle (100..400, 600..640) after shrinking by ~0.94 into the bands.
    expect(darkFraction(img, 112, 590, 270, 30)).toBeGreaterThan(0.01);
    expect(darkFraction(img, 112, 300, 270, 30)).toBeLessThan(0.001);
  });
});
