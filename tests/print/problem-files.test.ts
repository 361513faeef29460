/**
 * Files that cannot be printed as they are never break the package and never go missing: each gets a
 * placeholder page naming it, with the reason. An encrypted PDF that opens without a password is
 * printed, and its pages are not blank (checked on rendered pixels, since pdf-lib once copied such
 * pages as blank pages without an error).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrintPackageResult } from '../../electron/print/print-result';
import { build } from './helpers/build';
import { tempDir, writeDeflateTiff, writeHugePng } from './helpers/fixtures';
import { fileAttachment, message, type AttachmentData } from './helpers/print-set-from-files';
import { darkFraction, openPdf, pageTexts, renderPage } from './helpers/read-pdf';

/** A PNG with bytes flipped inside its image data (its chunk CRC no longer matches). */
async function damagedPng(): Promise<Buffer> {
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#3366cc' } }).png().toBuffer();
  const idat = png.indexOf('IDAT');
  for (let i = idat + 6; i < idat + 16; i++) png[i] = png[i]! ^ 0xff;
  return png;
}

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

describe('problem attachments', () => {
  const dir = tempDir('problems');
  let atts: AttachmentData[];
  let result: PrintPackageResult;
  let texts: string[];
  let doc: Awaited<ReturnType<typeof openPdf>>;

  beforeAll(async () => {
    const f = (name: string, bytes: Buffer | string) => { const p = path.join(dir, name); fs.writeFileSync(p, bytes); return p; };
    const tif = fs.readFileSync(await writeDeflateTiff(path.join(dir, 'good.tif')));
    atts = [
      fileAttachment(path.join(fixtures, 'encrypted-empty-password.pdf'), 'encrypted-open.pdf', 'application/pdf'),
      fileAttachment(path.join(fixtures, 'encrypted-needs-password.pdf'), 'locked.pdf', 'application/pdf'),
      fileAttachment(f('malformed.pdf', '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj << /Type /Pa'), 'malformed.pdf', 'application/pdf'),
      fileAttachment(f('empty.pdf', ''), 'empty.pdf', 'application/pdf'),
      fileAttachment(f('page.pdf', '<!DOCTYPE html>\n<html><body><h1>Login</h1></body></html>'), 'statement.pdf', 'application/pdf'),
      fileAttachment(await writeHugePng(path.join(dir, 'huge.png'), 20000, 20000), 'scan-huge.png', 'image/png'),
      fileAttachment(f('corrupt.tif', Buffer.concat([tif.subarray(0, 16), Buffer.alloc(4000, 0x5a)])), 'corrupt.tif', 'image/tiff'),
      { ...fileAttachment(f('altered.txt', 'changed after download')), name: 'altered.txt', sha256: 'a'.repeat(64) },
      fileAttachment(f('damaged.png', await damagedPng()), 'damaged.png', 'image/png'),
    ];
    result = await build([message({ attachments: atts })], path.join(dir, 'sbu'));
    doc = await openPdf(result.volumes[0]!.path);
    texts = await pageTexts(doc);
  });

  it('never drops an item: every attachment is in the index and has pages', () => {
    const attItems = result.items.filter((i) => i.kind === 'attachment');
    expect(attItems).toHaveLength(atts.length);
    for (const it of attItems) expect(it.lastPage).toBeGreaterThanOrEqual(it.firstPage);
  });

  it('prints an encrypted PDF that opens with an empty password, and its page is not blank', async () => {
    const it0 = result.items.filter((i) => i.kind === 'attachment')[0]!;
    expect(it0.status).toBe('included');
    expect(texts[it0.firstPage - 1]).toContain('ENCRYPTED FIXTURE CONTENT');
    const img = await renderPage(doc, it0.firstPage, 1);
    // The fixture's black 400×300 block, shrunk by ~0.94 into the content area, centred near (300, 353).
    expect(darkFraction(img, 260, 313, 80, 80)).toBeGreaterThan(0.9);
    expect(darkFraction(img, 0, 0, 612, 792)).toBeGreaterThan(0.15);
    expect(darkFraction(img, 450, 600, 80, 60)).toBeLessThan(0.02); // and the check can tell white from black
  });

  const expectations: Array<[number, RegExp]> = [
    [1, /protected by a password/],
    [2, /damaged|no readable pages/],
    [3, /empty \(0 bytes\)/],
    [4, /content is not a PDF \(it is an HTML web page\)/],
    [5, /20000 × 20000 pixels \(400 megapixels\), above the 100-megapixel limit/],
    [6, /damaged/],
    [7, /does not match its recorded SHA-256/],
    [8, /damaged/],
  ];
  it.each(expectations)('attachment %i becomes a placeholder page naming the file, its size, type, SHA-256 and the reason', (i, reason) => {
    const att = atts[i]!;
    const item = result.items.filter((x) => x.kind === 'attachment')[i]!;
    expect(item.status).toBe('placeholder');
    expect(item.reason).toMatch(reason);
    expect(item.lastPage).toBe(item.firstPage);
    const page = texts[item.firstPage - 1]!;
    expect(page).toContain('ATTACHMENT NOT PRINTED');
    expect(page).toContain(att.name);
    expect(page).toContain(`${att.size.toLocaleString('en-US')} bytes`);
    expect(page).toContain(att.declaredType);
    expect(page).toContain(att.sha256);
    expect(page.replace(/\s+/g, ' ')).toMatch(reason);
  });
});
