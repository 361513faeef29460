/**
 * The shared Office converters (shared/documents/), as the renderer's preview and the print worker
 * both use them: the zip budget against bombs (declared and lying sizes, ratio, entry count, damage),
 * DOCX to HTML (what mammoth passes through, read back with a real HTML parser, before any DOMPurify),
 * and XLSX to grids of displayed text.
 */
import zlib from 'node:zlib';
import { Parser } from 'htmlparser2';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { cellText, numberText } from '../../shared/documents/cell-text';
import { DocumentRefusedError } from '../../shared/documents/document-refused';
import { docxToHtml } from '../../shared/documents/docx-to-html';
import { columnLetters, workbookToGrids } from '../../shared/documents/sheet-grid';
import { checkZipBudget, OFFICE_ZIP_LIMITS } from '../../shared/documents/zip-budget';
import { OFFICE_ZIP_MAX_ENTRY_RATIO, OFFICE_ZIP_MAX_MARKUP_PART_BYTES } from '../../shared/limits';
import {
  DOCX_TEXT, hostileDocx, htmlNamedDocx, REMOTE_IMAGE_URL, sampleDocx, sampleXlsx, XLSX_TEXT, zipBombDocx, zipBombXlsx,
} from '../fixtures/preview/office-fixtures';
import { zipBytes } from './helpers/zip-bytes';

interface El { name: string; attrs: Record<string, string> }

/** Every element and text of an HTML string, as a browser's parser would see them. */
function parseHtml(html: string): { elements: El[]; text: string } {
  const elements: El[] = [];
  let text = '';
  const p = new Parser({ onopentag: (name, attrs) => elements.push({ name, attrs }), ontext: (t) => { text += t; } }, { decodeEntities: true });
  p.write(html);
  p.end();
  return { elements, text };
}

/** A zip with raw deflate entries built here (sizes honest), for the ratio and count limits. */
function deflatedZip(entries: Array<{ name: string; data: Buffer }>): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = zlib.deflateRawSync(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(zlib.crc32(e.data), 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(e.data.length, 22); local.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(8, 10);
    c.writeUInt32LE(zlib.crc32(e.data), 16); c.writeUInt32LE(packed.length, 20); c.writeUInt32LE(e.data.length, 24); c.writeUInt16LE(name.length, 28); c.writeUInt32LE(offset, 42);
    parts.push(local, name, packed);
    central.push(c, name);
    offset += 30 + name.length + packed.length;
  }
  const size = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10); end.writeUInt32LE(size, 12); end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, ...central, end]));
}

/** Local headers and a central directory for `entries`, whose local offsets count from `base`. */
function zipSections(entries: Array<{ name: string; data: Buffer; stored?: boolean }>, base: number): { locals: Buffer; directory: Buffer } {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const method = e.stored ? 0 : 8;
    const packed = e.stored ? e.data : zlib.deflateRawSync(e.data);
    const crc = zlib.crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(e.data.length, 22); local.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(method, 10);
    c.writeUInt32LE(crc, 16); c.writeUInt32LE(packed.length, 20); c.writeUInt32LE(e.data.length, 24); c.writeUInt16LE(name.length, 28); c.writeUInt32LE(base + offset, 42);
    locals.push(local, name, packed);
    central.push(c, name);
    offset += 30 + name.length + packed.length;
  }
  return { locals: Buffer.concat(locals), directory: Buffer.concat(central) };
}

function endRecord(count: number, dirSize: number, dirOffset: number, commentLength = 0): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(count, 8); end.writeUInt16LE(count, 10);
  end.writeUInt32LE(dirSize, 12); end.writeUInt32LE(dirOffset, 16); end.writeUInt16LE(commentLength, 20);
  return end;
}

const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
/** A minimal Word document saying `text`, plus `extra` parts. */
const wordParts = (text: string, extra: Array<{ name: string; data: Buffer; stored?: boolean }>) => [
  { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>') },
  { name: '_rels/.rels', data: Buffer.from(`<?xml version="1.0"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`) },
  { name: 'word/document.xml', data: Buffer.from(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`) },
  ...extra,
];
/** The hidden package: its 40 MiB text part (~1000× compressed) is a bomb the budget refuses on sight. */
const hiddenBomb = () => wordParts('Hidden text', [{ name: 'word/padding.xml', data: Buffer.alloc(40 * 1024 * 1024, 0x20) }]);
/** The package the budget would see: harmless, with a stored (incompressible) picture. */
const harmless = () => wordParts('Harmless text', [{ name: 'word/media/image1.png', data: Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251)), stored: true }]);

/**
 * Comment trick: [harmless parts][hidden parts][harmless directory][end record whose comment holds
 * the hidden directory and a second end record, then 2 bytes]. A reader wanting an end record that
 * ends the file finds the harmless one; JSZip takes the last signature and reads the hidden directory.
 */
function commentTrickZip(): Uint8Array {
  const h = zipSections(harmless(), 0);
  const b = zipSections(hiddenBomb(), h.locals.length);
  const hiddenDirAt = h.locals.length + b.locals.length + h.directory.length + 22;
  const tail = Buffer.concat([b.directory, endRecord(hiddenBomb().length, b.directory.length, hiddenDirAt), Buffer.alloc(2)]);
  return new Uint8Array(Buffer.concat([
    h.locals, b.locals, h.directory,
    endRecord(harmless().length, h.directory.length, h.locals.length + b.locals.length, tail.length), tail,
  ]));
}

/**
 * Gap trick: [harmless parts][harmless directory][hidden parts][hidden directory][end record]. The
 * end record's offset points at the harmless directory, but its size is the hidden one's, so the
 * directory does not end at the record: JSZip takes the gap for prepended data and shifts every
 * offset by it, landing on the hidden directory (whose offsets are written for that shift).
 */
function gapTrickZip(): Uint8Array {
  const h = zipSections(harmless(), 0);
  const probe = zipSections(hiddenBomb(), 0);
  // JSZip's shift is (end record - dirOffset - dirSize) = harmless directory + hidden parts.
  const shift = h.directory.length + probe.locals.length;
  const b = zipSections(hiddenBomb(), h.locals.length + h.directory.length - shift);
  expect(h.locals.length + h.directory.length - shift).toBeGreaterThanOrEqual(0);
  return new Uint8Array(Buffer.concat([h.locals, h.directory, b.locals, b.directory, endRecord(harmless().length, b.directory.length, h.locals.length)]));
}

/** A worksheet of `bytes` of XML (rows of 40 zero cells: ~100× compressed, under the ratio limit). */
function sheetXml(bytes: number): Buffer {
  const head = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const cells = '<c><v>0</v></c>'.repeat(40);
  const parts = [head];
  let n = head.length;
  for (let r = 1; n < bytes; r++) { const row = `<row r="${r}">${cells}</row>`; parts.push(row); n += row.length; }
  parts.push('</sheetData></worksheet>');
  return Buffer.from(parts.join(''));
}

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t };
}

describe('zip budget', () => {
  it('accepts a real document and lists its parts with their sizes', async () => {
    const r = await checkZipBudget(await sampleDocx());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entries.map((e) => e.name)).toContain('word/document.xml');
    expect(r.uncompressedBytes).toBe(r.entries.reduce((s, e) => s + e.uncompressedBytes, 0));
  });

  it('refuses a bomb whose directory declares 1 GiB, at once, with a sentence saying why', async () => {
    const bytes = await zipBombDocx();
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const { value, ms } = await timed(() => checkZipBudget(bytes));
    expect(value.ok).toBe(false);
    if (value.ok) return;
    expect(value.reason).toMatch(/declare more than 256 MiB once inflated/);
    expect(value.reason).toMatch(/zip bomb/);
    expect(ms).toBeLessThan(200);
  });

  it('refuses a bomb that lies about its sizes by inflating and counting, stopping early', async () => {
    const bytes = await zipBombXlsx();
    const { value, ms } = await timed(() => checkZipBudget(bytes));
    expect(value.ok).toBe(false);
    if (value.ok) return;
    expect(value.reason).toMatch(/inflates to more than the 4 KiB its directory declares/);
    // 1 GiB takes several seconds to inflate here; the cap is reached after a few kilobytes (a loaded
    // 2-core machine has taken ~1 s to get there; all of it takes ~3 s here).
    expect(ms).toBeLessThan(1_500);
  });

  it('refuses a part compressed beyond the ratio limit even when the total is small', async () => {
    const bytes = deflatedZip([{ name: 'word/document.xml', data: Buffer.alloc(4 * 1024 * 1024) }]);
    const r = await checkZipBudget(bytes);
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.reason).toMatch(/over 200 times its size/);
    // The same part passes when the ratio limit allows it: the ratio check is what refused it.
    expect((await checkZipBudget(bytes, { ...OFFICE_ZIP_LIMITS, maxEntryRatio: 10_000 })).ok).toBe(true);
  });

  it('refuses more parts than the limit', async () => {
    const entries = Array.from({ length: 12 }, (_, i) => ({ name: `part${i}.xml`, data: Buffer.from(`<p>${i}</p>`) }));
    const r = await checkZipBudget(deflatedZip(entries), { ...OFFICE_ZIP_LIMITS, maxEntries: 10 });
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.reason).toMatch(/holds 12 parts, more than the 10/);
    expect((await checkZipBudget(deflatedZip(entries.slice(0, 10)), { ...OFFICE_ZIP_LIMITS, maxEntries: 10 })).ok).toBe(true);
  });

  it('reads the end record JSZip reads: a harmless directory in front of a hidden bomb (comment trick) is refused', async () => {
    const bytes = commentTrickZip();
    // mammoth (JSZip) reads the hidden directory, and that directory is a bomb the budget refuses.
    expect((await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value).toContain('Hidden text');
    const hiddenAlone = zipSections(hiddenBomb(), 0);
    const bombZip = Buffer.concat([hiddenAlone.locals, hiddenAlone.directory, endRecord(hiddenBomb().length, hiddenAlone.directory.length, hiddenAlone.locals.length)]);
    expect(await checkZipBudget(bombZip)).toMatchObject({ ok: false, reason: expect.stringMatching(/zip bomb/) });
    const r = await checkZipBudget(bytes);
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/damaged/) });
  });

  it('refuses a directory that does not end at the end record (data in between: JSZip would shift every offset)', async () => {
    const bytes = gapTrickZip();
    expect((await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value).toContain('Hidden text');
    expect(await checkZipBudget(bytes)).toMatchObject({ ok: false, reason: expect.stringMatching(/damaged/) });
    // Plain data prepended to a real document is refused the same way.
    const good = await sampleDocx();
    expect(await checkZipBudget(Buffer.concat([Buffer.from('prefix'), good]))).toMatchObject({ ok: false });
    expect((await checkZipBudget(good)).ok).toBe(true);
  });

  it('refuses a directory holding more entries than it counts (JSZip reads them all)', async () => {
    const h = zipSections(hiddenBomb(), 0);
    const bytes = Buffer.concat([h.locals, h.directory, endRecord(2, h.directory.length, h.locals.length)]);
    expect(await checkZipBudget(bytes)).toMatchObject({ ok: false, reason: expect.stringMatching(/damaged/) });
  });

  it('caps the text a workbook may inflate to: one sheet just over 32 MiB, ~100× compressed, is refused', async () => {
    const workbook = { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') };
    const over = sheetXml(OFFICE_ZIP_MAX_MARKUP_PART_BYTES + 64 * 1024);
    const bytes = deflatedZip([workbook, { name: 'xl/worksheets/sheet1.xml', data: over }]);
    const ratio = over.length / (bytes.length - 300);
    expect(ratio).toBeGreaterThan(50);
    expect(ratio).toBeLessThan(OFFICE_ZIP_MAX_ENTRY_RATIO);
    const r = await checkZipBudget(bytes);
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/sheet1\.xml holds 32\.\d MiB of text .*more than the 32 MiB one part may hold/) });
    // Just under the cap passes; three such sheets pass the per-part cap but not the 64 MiB total.
    const under = sheetXml(OFFICE_ZIP_MAX_MARKUP_PART_BYTES - 64 * 1024);
    expect((await checkZipBudget(deflatedZip([workbook, { name: 'xl/worksheets/sheet1.xml', data: under }]))).ok).toBe(true);
    const three = deflatedZip([workbook, ...[1, 2, 3].map((i) => ({ name: `xl/worksheets/sheet${i}.xml`, data: under }))]);
    expect(await checkZipBudget(three)).toMatchObject({ ok: false, reason: expect.stringMatching(/text parts .* more than 64 MiB/) });
    // A picture of the same size is not text: only the package's own limits apply to it...
    const picture = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), over]);
    expect((await checkZipBudget(deflatedZip([workbook, { name: 'xl/media/image1.png', data: picture }]))).ok).toBe(true);
    // ...but XML named as a picture is text (mammoth and exceljs follow relationships, not names).
    const disguised = await checkZipBudget(deflatedZip([workbook, { name: 'xl/media/image1.png', data: over }]));
    expect(disguised).toMatchObject({ ok: false, reason: expect.stringMatching(/image1\.png holds 32\.\d MiB of text/) });
  }, 30_000);

  it('says a damaged or non-zip file is damaged or not a document', async () => {
    const good = await sampleDocx();
    const html = await checkZipBudget(await htmlNamedDocx());
    expect(html).toMatchObject({ ok: false });
    if (!html.ok) expect(html.reason).toMatch(/not a zip package/);
    const cut = await checkZipBudget(good.subarray(0, good.length - 30));
    expect(cut.ok).toBe(false);
    // Flip bytes inside the deflated document.xml: the inflate fails (or overruns), never passes.
    const flipped = new Uint8Array(good);
    const at = Buffer.from(flipped).indexOf('word/document.xml') + 'word/document.xml'.length + 20;
    for (let i = at; i < at + 40; i++) flipped[i] = flipped[i]! ^ 0x5a;
    const r = await checkZipBudget(flipped);
    expect(r.ok).toBe(false);
    // A stored (uncompressed) zip from another writer passes: method 0 is checked by length.
    expect((await checkZipBudget(zipBytes([{ name: 'a.xml', data: '<a/>' }]))).ok).toBe(true);
  });
});

describe('docxToHtml', () => {
  it('converts the heading, list, table and embedded PNG, with nothing remote', async () => {
    const { html, warnings } = await docxToHtml(await sampleDocx());
    const { elements, text } = parseHtml(html);
    const names = elements.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['h1', 'ul', 'li', 'table', 'tr', 'td', 'strong', 'em', 'img']));
    expect(text).toContain(DOCX_TEXT.heading);
    for (const cell of DOCX_TEXT.cells.flat()) expect(text).toContain(cell);
    const img = elements.find((e) => e.name === 'img')!;
    expect(img.attrs.src).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(img.attrs.src!.split(',')[1]!, 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(html).not.toMatch(/https?:|file:|\/\//i);
    expect(warnings).toEqual([]);
  });

  it('passes nothing active from a hostile document: no script, no on* attribute, no remote URL', async () => {
    const { html, warnings } = await docxToHtml(await hostileDocx());
    const { elements, text } = parseHtml(html);
    expect(elements.map((e) => e.name).filter((n) => !['p', 'img'].includes(n))).toEqual([]);
    for (const el of elements) {
      for (const [name, value] of Object.entries(el.attrs)) {
        expect(name).not.toMatch(/^on/i);
        expect(value).not.toMatch(/https?:|javascript:|file:/i);
      }
    }
    expect(html).not.toContain(REMOTE_IMAGE_URL);
    expect(html).not.toMatch(/<script|<svg|<a\b/i);
    // Text that looks like markup stays text (escaped by mammoth).
    expect(text).toContain('<script>alert("text")</script>');
    expect(html).toContain('&lt;script&gt;');
    // What mammoth does pass through: the alt text, escaped, as the value of `alt` (harmless text).
    const imgs = elements.filter((e) => e.name === 'img');
    expect(imgs).toHaveLength(1); // only the real PNG: the SVG, the fake PNG and the remote picture are dropped
    expect(imgs[0]!.attrs.alt).toBe('x" onerror="alert(1)');
    expect(imgs[0]!.attrs.src).toMatch(/^data:image\/png;base64,/);
    expect(text).toContain('remote link');
    expect(warnings.join('\n')).toMatch(/external file access is disabled/);
    expect(warnings.filter((w) => /^a picture was left out/.test(w))).toHaveLength(2);
  });

  it('needs its options: mammoth with its defaults passes the hostile file\'s script, iframe and javascript: link through', async () => {
    // What mammoth itself lets through (this is why the converter sets its options and the renderer
    // still runs DOMPurify): the embedded style map is honoured by default, hyperlinks keep any URL.
    const raw = await mammoth.convertToHtml({ buffer: Buffer.from(await hostileDocx()) });
    const names = parseHtml(raw.value).elements.map((e) => e.name);
    expect(names).toContain('script');
    expect(raw.value).toContain('<iframe>');
    expect(raw.value).toContain('href="javascript:alert(1)"');
    expect(raw.value).toContain('href="http://example.invalid/track"');
  });

  it('refuses a zip bomb and an HTML page named .docx with the reason', async () => {
    await expect(docxToHtml(await zipBombDocx())).rejects.toThrow(/zip bomb/);
    await expect(docxToHtml(await htmlNamedDocx())).rejects.toBeInstanceOf(DocumentRefusedError);
    await expect(docxToHtml(await sampleXlsx())).rejects.toThrow(/not a Word document/);
  });
});

describe('workbookToGrids', () => {
  it('gives both sheets as displayed text: the formula’s saved value, dates, currency, percent, rich text, links, errors', async () => {
    const grids = await workbookToGrids(await sampleXlsx());
    expect(grids.map((g) => g.name)).toEqual([...XLSX_TEXT.sheets]);
    const income = grids[0]!;
    expect(income.rowCount).toBe(7);
    expect(income.columnCount).toBe(4);
    expect(income.truncated).toBe(false);
    expect(income.rows[3]).toEqual(['Total', XLSX_TEXT.formulaResult, '', '']);
    expect(income.rows[1]).toEqual(['Wages', '3,000.00', '03/14/2025', '85.7%']);
    expect(income.rows[5]![0]).toBe('Reviewed by the examiner');
    expect(income.rows[6]).toEqual(['IRS forms', '#DIV/0!', '', '']);
    expect(grids[1]!.rows).toEqual([['Expense', 'Monthly'], ['Housing', '$1,450.00'], ['Vehicle', '$420.50']]);
  });

  it('cuts a sheet at the row and column limits and says so', async () => {
    const [income] = await workbookToGrids(await sampleXlsx(), { maxRows: 2, maxColumns: 3 });
    expect(income).toMatchObject({ rowCount: 2, columnCount: 3, totalRows: 7, totalColumns: 4, truncated: true });
    expect(income!.rows).toEqual([['Source', 'Monthly amount', 'Received'], ['Wages', '3,000.00', '03/14/2025']]);
  });

  it('refuses a lying zip bomb named .xlsx and a Word file', async () => {
    await expect(workbookToGrids(await zipBombXlsx())).rejects.toThrow(/inflates to more than/);
    await expect(workbookToGrids(await sampleDocx())).rejects.toThrow(/not an Excel workbook/);
  });

  it('formats numbers the simple ways Excel does and names columns', () => {
    expect(numberText(1234.5, '"$"#,##0.00')).toBe('$1,234.50');
    expect(numberText(-1234.5, '$#,##0.00;($#,##0.00)')).toBe('-$1,234.50');
    expect(numberText(0.25, '0%')).toBe('25%');
    expect(numberText(1234567.891, 'General')).toBe('1234567.891');
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(cellText({ formula: 'A1*2' })).toBe('=A1*2');
    expect(cellText(true)).toBe('TRUE');
    expect([0, 25, 26, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });
});
