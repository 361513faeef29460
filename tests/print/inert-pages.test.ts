/**
 * Print packages are inert: a taxpayer's PDF carrying scripts, actions, links, embedded files, XFA and
 * form fields comes out with none of them (checked by qpdf's uncompressed rewrite and by pdf.js), its
 * field values still printed, and its page looking the same as before (pdftoppm, before and after).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeInert } from '../../electron/print/make-inert';
import type { PrintPackageResult } from '../../electron/print/print-result';
import { FIELD_VALUE, FORBIDDEN_NAMES, HOSTILE_MARKERS, VISIBLE_TEXT, hostilePdf } from './fixtures/hostile-pdfs';
import { differingFraction, namesPresent, pdfinfoPages, pdftoppmGray, pdftotextPages, qpdfCheck, qpdfRaw } from './fixtures/independent-readers';
import { build } from './helpers/build';
import { tempDir } from './helpers/fixtures';
import { fileAttachment, message } from './helpers/print-set-from-files';
import { openPdf } from './helpers/read-pdf';

describe('inert print packages', () => {
  const dir = tempDir('inert');
  let source: string;
  let result: PrintPackageResult;
  let out: string;
  let raw: string;

  beforeAll(async () => {
    source = path.join(dir, 'form-433a-hostile.pdf');
    fs.writeFileSync(source, await hostilePdf());
    result = await build([message({ attachments: [fileAttachment(source, 'form-433a.pdf', 'application/pdf')] })], path.join(dir, 'sbu'));
    out = result.volumes[0]!.path;
    raw = qpdfRaw(out);
  });

  it('the fixture really is hostile (the same scan finds everything in the source)', () => {
    const src = qpdfRaw(source);
    expect(namesPresent(src, FORBIDDEN_NAMES)).toEqual(FORBIDDEN_NAMES);
    for (const m of HOSTILE_MARKERS) expect(src).toContain(m);
  });

  it('prints the attachment, both pages', () => {
    const att = result.items.find((i) => i.kind === 'attachment')!;
    expect(att.status).toBe('included');
    expect(att.lastPage - att.firstPage + 1).toBe(2);
    expect(pdfinfoPages(out)).toBe(result.totalPages);
  });

  it('leaves no action, script, link, annotation, embedded file, form or XFA in the package (qpdf raw scan)', () => {
    expect(namesPresent(raw, FORBIDDEN_NAMES)).toEqual([]);
    for (const m of HOSTILE_MARKERS) expect(raw).not.toContain(m);
    expect(qpdfCheck(out)).toBe(0);
  });

  it('pdf.js sees no annotations, scripts, attachments or open action', async () => {
    const doc = await openPdf(out);
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      expect(await page.getAnnotations()).toEqual([]);
      expect(await page.getJSActions()).toBeFalsy();
    }
    expect(await doc.getJSActions()).toBeFalsy();
    expect(await doc.getAttachments()).toBeFalsy();
    expect(await doc.getOpenAction()).toBeFalsy();
    expect(await doc.getFieldObjects()).toBeFalsy();
    await doc.destroy();
  });

  it('keeps the field value printed, as page content (pdftotext finds it)', () => {
    const att = result.items.find((i) => i.kind === 'attachment')!;
    const text = pdftotextPages(out)[att.firstPage - 1]!;
    expect(text).toContain(VISIBLE_TEXT);
    expect(text).toContain(FIELD_VALUE);
  });

  it('leaves the visible page unchanged (pdftoppm -r 50 before and after making it inert)', async () => {
    const src = await PDFDocument.load(fs.readFileSync(source), { updateMetadata: false });
    makeInert(src);
    const inert = path.join(dir, 'inert.pdf');
    fs.writeFileSync(inert, await src.save());
    expect(namesPresent(qpdfRaw(inert), ['JavaScript', 'JS', 'Launch', 'URI', 'AA', 'Annots', 'OpenAction', 'EmbeddedFiles', 'AcroForm', 'XFA'])).toEqual([]);
    for (const page of [1, 2]) {
      const before = await pdftoppmGray(source, page);
      const after = await pdftoppmGray(inert, page);
      // The field text must be drawn in both (dark pixels near the field), and nothing else moves.
      expect(differingFraction(before, after)).toBeLessThan(0.002);
    }
    // A control: dropping the field appearance altogether is noticed by the comparison.
    const bare = await PDFDocument.load(fs.readFileSync(source), { updateMetadata: false });
    bare.getPages()[0]!.node.delete((await import('@cantoo/pdf-lib')).PDFName.of('Annots'));
    const bareFile = path.join(dir, 'bare.pdf');
    fs.writeFileSync(bareFile, await bare.save());
    expect(differingFraction(await pdftoppmGray(source, 1), await pdftoppmGray(bareFile, 1))).toBeGreaterThan(0.002);
  });
});
