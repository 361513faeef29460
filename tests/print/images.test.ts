/**
 * Images through sharp: a phone photo with EXIF orientation comes out upright; Deflate and CCITT G4
 * TIFFs (which pure-JS decoders turn black) are rendered and checked for being white paper with a
 * black block, on every TIFF page; WebP and GIF are converted.
 */
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrintPackageResult } from '../../electron/print/print-result';
import { build } from './helpers/build';
import { scanGrey, tempDir, tiffCompression, writeDeflateTiff, writeExifRotatedJpeg, writeG4Tiff } from './helpers/fixtures';
import { fileAttachment, message } from './helpers/print-set-from-files';
import { darkFraction, meanColour, openPdf, renderPage } from './helpers/read-pdf';

describe('image attachments', () => {
  const dir = tempDir('images');
  let result: PrintPackageResult;
  let doc: Awaited<ReturnType<typeof openPdf>>;
  const att = (i: number) => result.items.filter((x) => x.kind === 'attachment')[i]!;

  beforeAll(async () => {
    const deflate = await writeDeflateTiff(path.join(dir, 'scan.tif'));
    const g4 = await writeG4Tiff(path.join(dir, 'fax.tif'), 2);
    expect(tiffCompression(deflate)).toBe(8);
    expect(tiffCompression(g4)).toBe(4);
    const green = { create: { width: 300, height: 200, channels: 3 as const, background: { r: 0, g: 180, b: 0 } } };
    await sharp(green).webp().toFile(path.join(dir, 'pic.webp'));
    await sharp(green).gif().toFile(path.join(dir, 'pic.gif'));
    // PNGs: plain RGB and 1-bit grey (embedded undecoded), RGBA (decoded, flattened onto white).
    const halves = Buffer.alloc(200 * 300 * 3);
    for (let y = 0; y < 300; y++) for (let x = 0; x < 200; x++) halves[(y * 200 + x) * 3 + (y < 150 ? 0 : 2)] = 230;
    await sharp(halves, { raw: { width: 200, height: 300, channels: 3 } }).png().toFile(path.join(dir, 'halves.png'));
    await sharp(await scanGrey(850, 1100), { raw: { width: 850, height: 1100, channels: 1 } }).png({ palette: false, colours: 2 }).toColourspace('b-w').toFile(path.join(dir, 'scan.png'));
    await sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 200, alpha: 0.5 } } }).png().toFile(path.join(dir, 'alpha.png'));
    result = await build([message({ attachments: [
      fileAttachment(await writeExifRotatedJpeg(path.join(dir, 'IMG_1234.jpg')), 'IMG_1234.jpg', 'image/jpeg'),
      fileAttachment(deflate, 'scan.tif', 'image/tiff'),
      fileAttachment(g4, 'fax.tif', 'image/tiff'),
      fileAttachment(path.join(dir, 'pic.webp'), 'pic.webp', 'image/webp'),
      fileAttachment(path.join(dir, 'pic.gif'), 'pic.gif', 'image/gif'),
      fileAttachment(path.join(dir, 'halves.png'), 'halves.png', 'image/png'),
      fileAttachment(path.join(dir, 'scan.png'), 'scan.png', 'image/png'),
      fileAttachment(path.join(dir, 'alpha.png'), 'alpha.png', 'image/png'),
    ] })], path.join(dir, 'sbu'));
    doc = await openPdf(result.volumes[0]!.path);
  });

  it('turns an EXIF-rotated phone photo upright: portrait, red on top, blue below', async () => {
    const item = att(0);
    expect(item.status).toBe('included');
    const page = await doc.getPage(item.firstPage);
    expect(page.view).toEqual([0, 0, 612, 792]);
    const img = await renderPage(doc, item.firstPage, 0.5);
    const top = meanColour(img, 286, 560, 40, 80);
    const bottom = meanColour(img, 286, 150, 40, 80);
    expect(top[0]).toBeGreaterThan(150); expect(top[2]).toBeLessThan(80);
    expect(bottom[2]).toBeGreaterThan(150); expect(bottom[0]).toBeLessThan(80);
  });

  it('renders a Deflate TIFF as white paper with its black block, not black', async () => {
    const item = att(1);
    expect(item.status).toBe('included');
    const img = await renderPage(doc, item.firstPage, 0.5);
    expect(darkFraction(img, 286, 376, 40, 40)).toBeGreaterThan(0.9);
    expect(darkFraction(img, 12, 24, 588, 744)).toBeLessThan(0.2);
    expect(darkFraction(img, 100, 120, 60, 60)).toBeLessThan(0.01);
  });

  it('renders both pages of a G4 fax TIFF, not black', async () => {
    const item = att(2);
    expect(item.status).toBe('included');
    expect(item.lastPage - item.firstPage + 1).toBe(2);
    for (let p = item.firstPage; p <= item.lastPage; p++) {
      const page = await doc.getPage(p);
      expect(page.view).toEqual([0, 0, 792, 612]); // landscape fits a 1728×1100 fax page better
      const img = await renderPage(doc, p, 0.5);
      expect(darkFraction(img, 376, 286, 40, 40)).toBeGreaterThan(0.9);
      expect(darkFraction(img, 12, 24, 768, 564)).toBeLessThan(0.2);
      expect(darkFraction(img, 100, 100, 60, 60)).toBeLessThan(0.01);
    }
  });

  it('embeds a plain RGB PNG with its colours where they belong (red top, blue bottom)', async () => {
    const img = await renderPage(doc, att(5).firstPage, 0.5);
    const top = meanColour(img, 286, 560, 40, 80);
    const bottom = meanColour(img, 286, 150, 40, 80);
    expect(top[0]).toBeGreaterThan(150); expect(top[2]).toBeLessThan(80);
    expect(bottom[2]).toBeGreaterThan(150); expect(bottom[0]).toBeLessThan(80);
  });

  it('embeds a greyscale scan PNG: white paper with its black block', async () => {
    const img = await renderPage(doc, att(6).firstPage, 0.5);
    expect(darkFraction(img, 286, 376, 40, 40)).toBeGreaterThan(0.9);
    expect(darkFraction(img, 100, 120, 60, 60)).toBeLessThan(0.01);
  });

  it('flattens a half-transparent PNG onto white', async () => {
    const [r, g, b] = meanColour(await renderPage(doc, att(7).firstPage, 0.5), 376, 286, 40, 40);
    expect(b).toBeGreaterThan(200); expect(r).toBeGreaterThan(100); expect(r).toBeLessThan(160); expect(g).toBeGreaterThan(100);
  });

  it.each([[3, 'WebP'], [4, 'GIF']])('converts attachment %i (%s)', async (i) => {
    const item = att(i);
    expect(item.status).toBe('included');
    const [r, g, b] = meanColour(await renderPage(doc, item.firstPage, 0.5), 286, 376, 40, 40);
    expect(g).toBeGreaterThan(140); expect(r).toBeLessThan(60); expect(b).toBeLessThan(60);
  });
});
