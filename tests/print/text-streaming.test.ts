/**
 * Text and CSV stream into pages (render-text.ts): a file far longer than the page bound prints
 * exactly the bound, with a notice on its last page saying how much of it is on paper; characters
 * split between two reads (a UTF-8 sequence, a UTF-16 surrogate pair, CR LF) print whole; a file
 * whose start is UTF-8 but whose end is not prints as Windows-1252, as the preview shows it; and the
 * progress reports move inside the long item. Everything is read back with pdf.js.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFontFiles } from '../../electron/print/doc-fonts';
import type { PrintPackageResult, PrintProgress } from '../../electron/print/print-result';
import { renderText, type TextFile } from '../../electron/print/render-text';
import { VolumeDoc } from '../../electron/print/volume-doc';
import { decodeText } from '../../shared/text/decode-text';
import { build } from './helpers/build';
import { tempDir } from './helpers/fixtures';
import { fileAttachment, message } from './helpers/print-set-from-files';
import { openPdf, pageTexts } from './helpers/read-pdf';

const dir = tempDir('text-streaming');
const MAX_PAGES = 3;

/** Rows of a ledger export: row numbers make each line unique, so what was printed can be checked. */
const row = (i: number) => `${i},2024-03-${String((i % 28) + 1).padStart(2, '0')},DEMO TRANSACTION,${(i * 17.25).toFixed(2)}`;

async function printChunks(name: string, chunks: Uint8Array[], file: TextFile, maxPages = 50): Promise<{ pages: number; note?: string; texts: string[] }> {
  const vol = await VolumeDoc.create(loadFontFiles());
  async function* source() { for (const c of chunks) yield c; }
  const r = await renderText(vol, 'LABEL', source(), file, maxPages);
  const out = path.join(dir, `${name}.pdf`);
  fs.rmSync(out, { force: true });
  await vol.writeTo(out);
  return { ...r, texts: await pageTexts(await openPdf(out)) };
}

/** Every byte its own read: each multi-byte character is split between reads. */
const bytewise = (b: Buffer) => Array.from(b, (x) => Uint8Array.of(x));

describe('a CSV far longer than the page bound', () => {
  let result: PrintPackageResult;
  let texts: string[];
  const events: PrintProgress[] = [];
  const rows = Array.from({ length: 60_000 }, (_, i) => row(i + 1));
  const csv = Buffer.from(`${rows.join('\r\n')}\r\n`, 'utf8');

  beforeAll(async () => {
    const file = path.join(dir, 'ledger.csv');
    fs.writeFileSync(file, csv);
    result = await build([message({ attachments: [fileAttachment(file, 'ledger.csv', 'text/csv')] })], path.join(dir, 'sbu-cap'), { maxTextPages: MAX_PAGES }, { onProgress: (p) => events.push(p) });
    texts = await pageTexts(await openPdf(result.volumes[0]!.path));
  }, 60_000);

  const item = () => result.items.find((i) => i.kind === 'attachment')!;

  it('prints exactly the page bound, status cut', () => {
    expect(item().status).toBe('cut');
    expect(item().lastPage - item().firstPage + 1).toBe(MAX_PAGES);
    expect(texts[item().firstPage - 1]).toContain(row(1));
  });

  it('says on the last page where it stopped and how many bytes are on paper, exactly', () => {
    const last = texts[item().lastPage - 1]!;
    expect(last).toMatch(new RegExp(`Printing stopped at page ${MAX_PAGES} of this file: the file continues`));
    expect(last).toContain('the full file is in the vault');
    // The last row on paper, and the bytes of the rows up to it (with their CR LF).
    const printedRows = texts.slice(item().firstPage - 1, item().lastPage).join(' ').match(/\b\d+,2024-03-\d\d,DEMO TRANSACTION,[\d.]+/g)!;
    const n = printedRows.length;
    expect(printedRows.at(-1)).toBe(row(n));
    const bytes = Buffer.byteLength(`${rows.slice(0, n).join('\r\n')}\r\n`, 'utf8');
    const share = `${bytes.toLocaleString('en-US')} of ${csv.length.toLocaleString('en-US')} bytes`;
    expect(item().reason).toBe(`cut after ${MAX_PAGES} pages: the first ${share} (${Math.floor((bytes / csv.length) * 100) || 'less than 1'}%) are printed; the full file is in the vault`.replace('(less than 1%)', '(less than 1%)'));
    expect(last.replace(/\s+/g, ' ')).toContain(share);
    expect(texts.join('\n')).not.toContain(row(n + 1));
  });

  it('reports pages inside the item as they are added, and never goes back', () => {
    const inItem = events.filter((e) => e.phase === 'building' && e.itemPagesDone > 0);
    expect(inItem.length).toBeGreaterThanOrEqual(MAX_PAGES - 1);
    expect(Math.max(...inItem.map((e) => e.itemPagesDone))).toBe(MAX_PAGES);
    expect(inItem.some((e) => e.itemFraction > 0 && e.itemFraction <= 1)).toBe(true);
    const building = events.filter((e) => e.phase === 'building');
    for (let i = 1; i < building.length; i++) {
      const [a, b] = [building[i - 1]!, building[i]!];
      expect(b.pagesDone).toBeGreaterThanOrEqual(a.pagesDone);
      expect(b.itemsDone > a.itemsDone || (b.itemsDone === a.itemsDone && b.itemPagesDone >= a.itemPagesDone && b.itemFraction >= a.itemFraction)).toBe(true);
    }
    expect(building.at(-1)!.pagesDone + 0).toBe(result.totalPages - (result.items[0]!.firstPage - 1));
  });
});

describe('characters split between reads', () => {
  it('UTF-8: two-, three- and four-byte characters cut between every byte, and CR LF cut in two', async () => {
    const text = 'MARK Café déjà vu ☕ 𝔸 naïve\r\nSECOND línea €5\r\n';
    const r = await printChunks('utf8-bytewise', bytewise(Buffer.from(text, 'utf8')), { encoding: 'utf-8', bomLength: 0, size: Buffer.byteLength(text) });
    expect(r.note).toBeUndefined();
    expect(r.texts.join('\n')).toContain('MARK Café déjà vu ☕ 𝔸 naïve');
    expect(r.texts.join('\n')).toContain('SECOND línea €5');
    expect(r.texts.join('\n')).not.toContain('\ufffd');
  });

  it('UTF-16 with a BOM: a surrogate pair and every code unit cut between reads', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('MARK 𝔸 clef and Ωmega\nnext line 😀 end\n', 'utf16le')]);
    const r = await printChunks('utf16-bytewise', bytewise(bytes), { encoding: 'utf-16le', bomLength: 2, size: bytes.length });
    const all = r.texts.join('\n');
    expect(all).toContain('MARK 𝔸 clef and Ωmega');
    expect(all).toContain('next line 😀 end');
    expect(decodeText(bytes).text).toContain('MARK 𝔸 clef');
  });

  it('a line far longer than a page width, in one huge read without newlines, is cut by characters and bounded', async () => {
    const long = 'X'.repeat(400_000);
    const r = await printChunks('one-line', [Buffer.from(long)], { encoding: 'utf-8', bomLength: 0, size: long.length }, 2);
    expect(r.pages).toBe(2);
    expect(r.note).toMatch(/^cut after 2 pages: the first [\d,]+ of 400,000 bytes \(\d+%\) are printed/);
    const printed = Number(/the first ([\d,]+) of/.exec(r.note!)![1]!.replace(/,/g, ''));
    const xs = (r.texts.join('').match(/X/g) ?? []).length;
    expect(printed).toBeGreaterThan(0);
    expect(printed).toBeLessThanOrEqual(xs);
  });
});

describe('the encoding holds to the end of the file, as the preview decides it', () => {
  let result: PrintPackageResult;
  let texts: string[];
  // Enough pages for the whole first file (about 500 lines) and a cut well inside the second (3000 rows).
  const PAGE_CAP = 20;
  // ASCII for the first 16 KiB (the sniffer's head says UTF-8), then a Windows-1252 é and €.
  const late = Buffer.concat([Buffer.from('Monthly statement line, nothing to see here.\n'.repeat(500)), Buffer.from('MARK Caf\xe9 paid \x80120\n', 'latin1')]);
  // Its head holds a valid UTF-8 é (C3 A9): as Windows-1252 that prints "Ã©", so which encoding the
  // printed pages used shows even though the byte that decides it is past the cut.
  const csvCut = Buffer.concat([Buffer.from('HEAD Café,0.00\n', 'utf8'), Buffer.from(Array.from({ length: 3000 }, (_, i) => row(i)).join('\n')), Buffer.from('\nMARK Caf\xe9\n', 'latin1')]);
  const itemPages = (k: number) => {
    const item = result.items.filter((i) => i.kind === 'attachment')[k]!;
    return { item, text: texts.slice(item.firstPage - 1, item.lastPage).join('\n') };
  };

  beforeAll(async () => {
    const a = path.join(dir, 'late-1252.txt');
    fs.writeFileSync(a, late);
    const b = path.join(dir, 'late-1252-after-cut.csv');
    fs.writeFileSync(b, csvCut);
    result = await build([message({ attachments: [fileAttachment(a, 'late-1252.txt', 'text/plain'), fileAttachment(b, 'late-1252-after-cut.csv', 'text/csv')] })], path.join(dir, 'sbu-enc'), { maxTextPages: PAGE_CAP });
    texts = await pageTexts(await openPdf(result.volumes[0]!.path));
  }, 60_000);

  it('a late byte that is not UTF-8 makes the whole file Windows-1252, on paper as in the preview', () => {
    expect(decodeText(late).encoding).toBe('Windows-1252');
    const { item, text } = itemPages(0);
    expect(item.status).toBe('included');
    expect(text).toContain('Monthly statement line');
    // Read as UTF-8 the two bytes would print as replacement characters.
    expect(text).toContain('MARK Café paid €120');
    expect(text).not.toContain('\ufffd');
  });

  it('also when that byte comes after the page bound (the pages are laid out again)', () => {
    const preview = decodeText(csvCut);
    expect(preview.encoding).toBe('Windows-1252');
    expect(preview.text.startsWith('HEAD CafÃ©,0.00')).toBe(true);
    const { item, text } = itemPages(1);
    expect(item.status).toBe('cut');
    expect(item.lastPage - item.firstPage + 1).toBe(PAGE_CAP);
    expect(text).toContain(`Printing stopped at page ${PAGE_CAP} of this file`);
    // The head printed as the preview decodes it (Windows-1252), not as the sniffer first guessed (UTF-8).
    expect(text).toContain('HEAD CafÃ©,0.00');
    expect(text).not.toContain('HEAD Café');
    expect(text).not.toContain('MARK Caf');
  });
});
