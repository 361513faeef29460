/**
 * Word and Excel attachments print as real pages, from the same converters the preview uses, and
 * hostile ones become placeholder pages with their reason. Read back with poppler (pdftotext per page,
 * pdfimages for the picture, pdfinfo) and pdf.js pixels, independent of our writer.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFontFiles } from '../../electron/print/doc-fonts';
import type { PrintItemRecord, PrintPackageResult } from '../../electron/print/print-result';
import { renderDocx } from '../../electron/print/render-docx';
import { renderXlsx } from '../../electron/print/render-xlsx';
import { VolumeDoc } from '../../electron/print/volume-doc';
import {
  DOCX_TEXT, hostileDocx, htmlNamedDocx, longDocx, sampleDocx, sampleXlsx, wideXlsx, XLSX_TEXT, zipBombDocx, zipBombXlsx,
} from '../fixtures/preview/office-fixtures';
import { build } from './helpers/build';
import { tempDir } from './helpers/fixtures';
import { fileAttachment, message, type AttachmentData } from './helpers/print-set-from-files';
import { darkFraction, openPdf, renderPage } from './helpers/read-pdf';

const pdftotextPages = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f');
const pdfinfoPages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
/** Page numbers of the images pdfimages lists, with their pixel sizes. */
const pdfImages = (file: string) => execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim())
  .map((l) => l.trim().split(/\s+/)).map((c) => ({ page: Number(c[0]), width: Number(c[3]), height: Number(c[4]) }));
const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('Word and Excel attachments in a print package', () => {
  const dir = tempDir('office');
  let result: PrintPackageResult;
  let file: string;
  let texts: string[];
  let items: PrintItemRecord[];

  beforeAll(async () => {
    const f = async (name: string, make: () => Promise<Uint8Array>, declared?: string): Promise<AttachmentData> => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, await make());
      return fileAttachment(p, name, declared);
    };
    const atts = [
      await f('bank-summary.docx', sampleDocx),
      await f('budget.xlsx', sampleXlsx),
      await f('hostile.docx', hostileDocx),
      await f('bomb.docx', zipBombDocx),
      await f('bomb.xlsx', zipBombXlsx),
      await f('login.docx', htmlNamedDocx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
    ];
    fs.mkdirSync(path.join(dir, 'sbu'));
    result = await build([message({ attachments: atts })], path.join(dir, 'sbu'));
    file = result.volumes[0]!.path;
    texts = pdftotextPages(file);
    items = result.items.filter((i) => i.kind === 'attachment');
  });

  it('prints the Word document: heading, list, every table cell and the picture on its page', async () => {
    const docx = items[0]!;
    expect(docx).toMatchObject({ status: 'included' });
    expect(docx.lastPage).toBe(docx.firstPage);
    const page = texts[docx.firstPage - 1]!;
    expect(page).toContain(DOCX_TEXT.heading);
    expect(page).toContain(`• ${DOCX_TEXT.bullet}`);
    for (const row of DOCX_TEXT.cells) expect(squash(page)).toContain(row.join(' '));
    // The label every page of the item carries.
    expect(page).toMatch(/RECEIVED 04\/21\/2025 .* SECURE MESSAGING · MSG 7F3A/);
    const images = pdfImages(file).filter((i) => i.page === docx.firstPage);
    expect(images).toEqual([{ page: docx.firstPage, width: 160, height: 80 }]);
    // And it is drawn: the picture's black block is dark on the rendered page (below the table, left margin).
    const doc = await openPdf(file);
    const img = await renderPage(doc, docx.firstPage, 1);
    const dark = [...Array(40).keys()].map((k) => darkFraction(img, 54, 792 - 300 - k * 10, 120, 10)).filter((d) => d > 0.3);
    expect(dark.length).toBeGreaterThan(0);
  });

  it('prints each sheet of the workbook, titled, with column letters, row numbers and the formula’s value', () => {
    const xlsx = items[1]!;
    expect(xlsx).toMatchObject({ status: 'included' });
    expect(xlsx.lastPage - xlsx.firstPage + 1).toBe(2); // one page per sheet
    const first = texts[xlsx.firstPage - 1]!;
    const second = texts[xlsx.firstPage]!;
    expect(first).toContain(`Sheet 1 of 2: ${XLSX_TEXT.sheets[0]}`);
    expect(squash(first)).toMatch(/A B C D/);
    expect(squash(first)).toContain(`4 Total ${XLSX_TEXT.formulaResult}`);
    expect(squash(first)).toContain('2 Wages 3,000.00 03/14/2025 85.7%');
    expect(squash(first)).toContain('#DIV/0!');
    expect(second).toContain(`Sheet 2 of 2: ${XLSX_TEXT.sheets[1]}`);
    expect(squash(second)).toContain('2 Housing $1,450.00');
    expect(first).not.toContain('Housing');
  });

  it('prints the hostile document’s text as text, and only its real picture', () => {
    const hostile = items[2]!;
    expect(hostile.status).toBe('included');
    const page = texts[hostile.firstPage - 1]!;
    expect(page).toContain('<script>alert("text")</script>');
    expect(page).toMatch(/3 pictures were not printed/);
    expect(pdfImages(file).filter((i) => i.page === hostile.firstPage)).toHaveLength(1);
  });

  it('prints zip bombs and an HTML page named .docx as placeholder pages with the reason', () => {
    const [, , , bombDocx, bombXlsx, html] = items;
    expect(bombDocx).toMatchObject({ status: 'placeholder', reason: expect.stringMatching(/zip bomb/) });
    expect(bombXlsx).toMatchObject({ status: 'placeholder', reason: expect.stringMatching(/inflates to more than the 4 KiB/) });
    expect(html).toMatchObject({ status: 'placeholder', reason: expect.stringMatching(/named or declared as a Word document but its content is not a Word document \(it is an HTML web page\)/) });
    for (const it of [bombDocx!, bombXlsx!, html!]) {
      expect(it.lastPage).toBe(it.firstPage);
      expect(texts[it.firstPage - 1]).toContain('ATTACHMENT NOT PRINTED');
    }
    expect(squash(texts[bombDocx!.firstPage - 1]!)).toMatch(/zip bomb/);
  });

  it('has a sane page count: cover, message, 1 + 2 + 1 + 3 placeholder pages', () => {
    expect(pdfinfoPages(file)).toBe(result.totalPages);
    const attachmentPages = items.reduce((s, i) => s + i.lastPage - i.firstPage + 1, 0);
    expect(attachmentPages).toBe(1 + 2 + 1 + 3);
  });
});

describe('long and wide Office files', () => {
  const dir = tempDir('office-long');

  it('cuts a long Word document at the page cap and says so on the last page', async () => {
    const p = path.join(dir, 'long.docx');
    fs.writeFileSync(p, await longDocx(400, 120));
    const r = await build([message({ attachments: [fileAttachment(p)] })], path.join(dir, 'sbu-long'), { maxTextPages: 3 });
    const att = r.items.find((i) => i.kind === 'attachment')!;
    expect(att).toMatchObject({ status: 'cut', reason: expect.stringMatching(/cut after 3 pages/) });
    expect(att.lastPage - att.firstPage + 1).toBe(3);
    const texts = pdftotextPages(r.volumes[0]!.path);
    expect(texts[att.lastPage - 1]).toMatch(/\[cut after 3 pages/);
    expect(texts[att.firstPage]).toMatch(/Paragraph \d+: the taxpayer/);
  });

  it('prints a long table across pages with its rows in order, and a wide sheet in column bands', async () => {
    const docx = path.join(dir, 'table.docx');
    fs.writeFileSync(docx, await longDocx(0, 120));
    const xlsx = path.join(dir, 'wide.xlsx');
    fs.writeFileSync(xlsx, await wideXlsx(60, 30));
    fs.mkdirSync(path.join(dir, 'sbu-wide'));
    const r = await build([message({ attachments: [fileAttachment(docx), fileAttachment(xlsx)] })], path.join(dir, 'sbu-wide'));
    const [table, wide] = r.items.filter((i) => i.kind === 'attachment');
    const texts = pdftotextPages(r.volumes[0]!.path);
    expect(table!.status).toBe('included');
    expect(table!.lastPage).toBeGreaterThan(table!.firstPage);
    const tableText = squash(texts.slice(table!.firstPage - 1, table!.lastPage).join(' '));
    expect(tableText).toContain('R1 Expense line 1 ');
    expect(tableText).toContain('R120 Expense line 120');
    expect(wide!.status).toBe('included');
    const wideText = texts.slice(wide!.firstPage - 1, wide!.lastPage);
    expect(wideText[0]).toMatch(/printed in \d+ bands/);
    const bands = Number(/printed in (\d+) bands/.exec(wideText[0]!)![1]);
    expect(bands).toBeGreaterThan(1);
    // Every cell is printed once, in some band; the last column and the last row are there.
    const all = squash(wideText.join(' '));
    expect(all).toContain('cell AD60');
    expect(all).toContain('cell A1');
    expect(all.match(/cell AD60\b/g)).toHaveLength(1);
    expect(all).toMatch(/Wide: columns [A-Z]+–AD \(band \d+ of \d+\)/);
  });
});

describe('cancelling while a Word or Excel file is laid out', () => {
  it('stops with the abort instead of printing a placeholder', async () => {
    const vol = await VolumeDoc.create(loadFontFiles());
    const controller = new AbortController();
    controller.abort();
    await expect(renderDocx(vol, 'L', await longDocx(50, 50), { maxPages: 50, maxImagePixels: 1e8 }, controller.signal)).rejects.toThrow(/abort/i);
    await expect(renderXlsx(vol, 'L', await wideXlsx(50, 5), { maxPages: 50 }, controller.signal)).rejects.toThrow(/abort/i);
    expect(vol.pageCount).toBe(0);
  });
});
