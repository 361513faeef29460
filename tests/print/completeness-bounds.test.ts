/**
 * The completeness check against hostile structure: a page whose resources lead into a chain of
 * 100,000 nested objects (each a dictionary holding an array holding a reference to the next). A
 * recursive walk overflows the stack there, and pdf-lib's page copier recurses once per level too;
 * the check walks with its own stack, cuts the chain at MAX_CHECK_DEPTH and the item prints as
 * incomplete, saying its structure could not be checked — never as whole, and without a crash.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNull } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCompleteness, incompleteReason, isComplete, MAX_CHECK_DEPTH } from '../../electron/print/pdf-completeness';
import type { PrintItemRecord, PrintPackageResult } from '../../electron/print/print-result';
import { completenessOf, loadSourcePdf } from '../../electron/print/render-pdf';
import { pdfinfoPages, pdftotextPages } from './fixtures/independent-readers';
import { build } from './helpers/build';
import { tempDir } from './helpers/fixtures';
import { fileAttachment, message } from './helpers/print-set-from-files';

const CHAIN = 100_000;
const FIRST_LINK = 10;

/** Two pages; page 2's resources reach a chain of CHAIN objects (a classic xref table, offsets exact). */
function deepChainPdf(): Buffer {
  const bodies = new Map<number, string>([
    [1, '<< /Type /Catalog /Pages 2 0 R >>'],
    [2, '<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 2 >>'],
    [3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'],
  ]);
  const content = (text: string) => { const s = `BT /F1 24 Tf 72 700 Td (${text}) Tj ET`; return `<< /Length ${s.length} >>\nstream\n${s}\nendstream`; };
  bodies.set(4, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>');
  bodies.set(5, content('Plain page one'));
  bodies.set(6, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> /Properties << /Deep ${FIRST_LINK} 0 R >> >> /Contents 7 0 R >>`);
  bodies.set(7, content('Deep page two'));
  for (let k = 0; k < CHAIN; k++) {
    const n = FIRST_LINK + k;
    bodies.set(n, k === CHAIN - 1 ? '<< /End true >>' : `<< /Next [${n + 1} 0 R] >>`);
  }
  const parts: string[] = ['%PDF-1.7\n'];
  let pos = parts[0]!.length;
  const offsets = new Map<number, number>();
  for (const [n, body] of bodies) {
    const obj = `${n} 0 obj\n${body}\nendobj\n`;
    offsets.set(n, pos);
    parts.push(obj);
    pos += obj.length;
  }
  const max = FIRST_LINK + CHAIN - 1;
  const rows = ['xref', `0 ${max + 1}`, '0000000000 65535 f '];
  for (let n = 1; n <= max; n++) rows.push(offsets.has(n) ? `${String(offsets.get(n)).padStart(10, '0')} 00000 n ` : '0000000000 65535 f ');
  parts.push(`${rows.join('\n')}\ntrailer\n<< /Size ${max + 1} /Root 1 0 R >>\nstartxref\n${pos}\n%%EOF\n`);
  return Buffer.from(parts.join(''), 'latin1');
}

describe('the completeness check is bounded', () => {
  const dir = tempDir('completeness-bounds');
  const bytes = deepChainPdf();
  let result: PrintPackageResult;
  let items: PrintItemRecord[];

  beforeAll(async () => {
    const file = path.join(dir, 'deep.pdf');
    fs.writeFileSync(file, bytes);
    result = await build([message({ attachments: [fileAttachment(file, 'deep.pdf', 'application/pdf')] })], path.join(dir, 'sbu'));
    items = result.items.filter((x) => x.kind === 'attachment');
  }, 120_000);

  it('walks a 100,000-deep chain without overflowing, cuts it and names the page', async () => {
    const doc = await loadSourcePdf(bytes);
    const c = checkCompleteness(doc);
    expect(c).toMatchObject({ pagesFound: 2, pagesDeclared: 2, damagedAfter: null, pagesMissingParts: [], pagesUnchecked: [2] });
    expect(isComplete(c)).toBe(false);
    expect(incompleteReason(c)).toBe("2 of 2 pages; the file's structure could not be checked (page 2 is built far deeper than a document needs), so it may print incomplete; ask the sender for a new copy");
    // The chain now ends within the bound: count what is left of it.
    let depth = 0;
    let link = doc.getPage(1).node.Resources()!.lookup(PDFName.of('Properties'), PDFDict).lookupMaybe(PDFName.of('Deep'), PDFDict);
    while (link !== undefined && depth < CHAIN) {
      depth += 1;
      const next = link.lookupMaybe(PDFName.of('Next'), PDFArray);
      link = next?.size() ? next.lookupMaybe(0, PDFDict) : undefined;
    }
    expect(depth).toBeGreaterThan(MAX_CHECK_DEPTH / 3);
    expect(depth).toBeLessThan(MAX_CHECK_DEPTH);
  });

  it('also walks objects nested directly (not through references) 100,000 deep', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    let inner: PDFArray = doc.context.obj([]);
    for (let k = 0; k < CHAIN; k++) inner = doc.context.obj([inner]);
    page.node.Resources()!.set(PDFName.of('Properties'), doc.context.obj({ Deep: inner }));
    const c = checkCompleteness(doc);
    expect(c.pagesUnchecked).toEqual([1]);
    expect(isComplete(c)).toBe(false);
  });

  it('fails closed: when the check itself throws, every page is unchecked and the item incomplete', async () => {
    const doc = await loadSourcePdf(bytes); // counts its pages (2) on loading
    doc.catalog.set(PDFName.of('Pages'), PDFNull); // the page tree can no longer be walked
    expect(() => checkCompleteness(doc)).toThrow();
    const c = completenessOf(doc);
    expect(c).toMatchObject({ pagesFound: 2, pagesDeclared: 2, pagesUnchecked: [1, 2] });
    expect(isComplete(c)).toBe(false);
    expect(incompleteReason(c)).toMatch(/^2 of 2 pages; the file's structure could not be checked \(it is built/);
  });

  it('prints the file as incomplete with that reason, both pages and a notice, readable by poppler', () => {
    const item = items[0]!;
    expect(item.status).toBe('incomplete');
    expect(item.reason).toMatch(/structure could not be checked/);
    const file = result.volumes[0]!.path;
    expect(pdfinfoPages(file)).toBeGreaterThanOrEqual(item.lastPage);
    const texts = pdftotextPages(file).slice(item.firstPage - 1, item.lastPage);
    expect(texts.join('\n')).toContain('Plain page one');
    expect(texts.join('\n')).toContain('Deep page two');
    expect(texts.join('\n')).toMatch(/structure could not be checked/);
  });
});
