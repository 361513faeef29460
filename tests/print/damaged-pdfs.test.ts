/**
 * Honest completeness: each damaged PDF of the corpus (cut at several points, broken xref, wrong
 * stream lengths, broken object streams, missing objects, a lying /Count) prints as what it is —
 * included, incomplete with the right numbers (the pages that could be read, then a notice page), or a
 * placeholder — read back with poppler (pdfinfo, pdftotext) and checked in the index and the result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrintItemRecord, PrintPackageResult } from '../../electron/print/print-result';
import { PrintOutcomeViewSchema } from '../../shared/ipc/print-schemas';
import { damagedCorpus, type DamagedCase } from './fixtures/damaged-pdfs';
import { pdfinfoPages, pdftotextPages } from './fixtures/independent-readers';
import { build } from './helpers/build';
import { tempDir } from './helpers/fixtures';
import { fileAttachment, message } from './helpers/print-set-from-files';

const corpus = damagedCorpus();

describe('damaged PDFs print as what they are', () => {
  const dir = tempDir('damaged');
  let result: PrintPackageResult;
  let texts: string[];
  let items: PrintItemRecord[];

  beforeAll(async () => {
    const attachments = corpus.map((c, i) => {
      const file = path.join(dir, `damaged-${String(i).padStart(2, '0')}.pdf`);
      fs.writeFileSync(file, c.bytes);
      return fileAttachment(file, `statement-${i}.pdf`, 'application/pdf');
    });
    result = await build([message({ attachments })], path.join(dir, 'sbu'));
    texts = pdftotextPages(result.volumes[0]!.path);
    items = result.items.filter((x) => x.kind === 'attachment');
  }, 120_000);

  it('has at least 12 damaged files besides the controls', () => {
    expect(corpus.filter((c) => !/control/.test(c.name)).length).toBeGreaterThanOrEqual(12);
  });

  it('poppler reads the package whole: every page the result counts', () => {
    expect(pdfinfoPages(result.volumes[0]!.path)).toBe(result.totalPages);
    expect(texts).toHaveLength(result.totalPages);
  });

  const docPages = (text: string) => [...text.matchAll(/Doc page (\d+)\b/g)].map((m) => Number(m[1]));

  it.each(corpus.map((c, i) => [c.name, i, c] as [string, number, DamagedCase]))('%s', (_name, i, c) => {
    const item = items[i]!;
    const pages = texts.slice(item.firstPage - 1, item.lastPage);
    const e = c.expect;
    expect(item.status).toBe(e.status);
    if (e.status === 'included') {
      expect(pages).toHaveLength(e.pages);
      expect(item.reason).toBeUndefined();
    } else if (e.status === 'incomplete') {
      // The pages that could be read, then the notice page.
      expect(pages).toHaveLength(e.printed + 1);
      expect(item.reason).toMatch(new RegExp(`^${e.printed} of ${e.declared} pages`));
      if (e.damagedAfter !== undefined) expect(item.reason).toContain(`${e.printed} of ${e.declared} pages; the file is damaged after page ${e.damagedAfter}`);
      else expect(item.reason).not.toContain('damaged after');
      if (e.damagedPages) {
        const d = e.damagedPages;
        const which = d.length === 1 ? `page ${d[0]} has` : `pages ${d.slice(0, -1).join(', ')} and ${d.at(-1)} have`;
        expect(item.reason).toContain(`${which} parts missing or damaged in the file`);
      }
      else expect(item.reason).not.toContain('missing or damaged');
      const notice = pages.at(-1)!.replace(/\s+/g, ' ');
      expect(notice).toContain('ATTACHMENT INCOMPLETE');
      expect(notice).toContain(`${e.printed} of ${e.declared} pages`);
      expect(notice).toContain(`statement-${i}.pdf`);
    } else {
      expect(pages).toHaveLength(1);
      expect(pages[0]).toContain('ATTACHMENT NOT PRINTED');
    }
    // What is printed is exactly the source pages that could be read, in order.
    expect(pages.flatMap(docPages)).toEqual(c.printedPages);
  });

  it('the index marks each item with its status, and incomplete ones with their numbers', () => {
    const cover = texts.slice(0, items[0]!.firstPage - 2).join('\n');
    const statuses = [...cover.matchAll(/SHA-256 [0-9a-f]{64}\s+(.+?)\s*$/gm)].map((m) => m[1]);
    expect(statuses).toEqual(corpus.map((c) => (c.expect.status === 'included' ? 'printed'
      : c.expect.status === 'placeholder' ? 'placeholder page' : `INCOMPLETE: ${c.expect.printed} of ${c.expect.declared} pp.`)));
  });

  it('the print result counts them for the renderer (PrintOutcomeView.incomplete)', () => {
    const incomplete = items.filter((x) => x.status === 'incomplete').length;
    expect(incomplete).toBe(corpus.filter((c) => c.expect.status === 'incomplete').length);
    const view = PrintOutcomeViewSchema.parse({ files: ['x.pdf'], totalPages: result.totalPages, attachments: items.length, placeholders: 2, incomplete, printed: null });
    expect(view.incomplete).toBe(incomplete);
    expect(() => PrintOutcomeViewSchema.parse({ files: [], totalPages: 1, attachments: 0, placeholders: 0, printed: null })).toThrow();
  });
});
