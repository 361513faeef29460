/** Fixture files generated in the tests (pdf-lib, sharp, zlib): nothing here needs a system package. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PDFDocument, PDFName, StandardFonts, degrees, rgb } from '@cantoo/pdf-lib';
import sharp from 'sharp';
import { afterAll } from 'vitest';

/** A temporary folder removed after the enclosing describe block (call it inside `describe`). */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `scoic-print-${prefix}-`));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A PDF whose page i carries the text `${tag} page ${i + 1}` (pdf.js can find every page). */
export async function writeTextPdf(file: string, tag: string, pages: number, opts: { rotate?: number; cropBox?: [number, number, number, number]; size?: [number, number] } = {}): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage(opts.size ?? [612, 792]);
    page.drawText(`${tag} page ${i + 1}`, { x: 150, y: 400, size: 18, font });
    page.drawRectangle({ x: 150, y: 300, width: 200, height: 60, color: rgb(0.1, 0.1, 0.1) });
    if (opts.rotate) page.setRotation(degrees(opts.rotate));
    if (opts.cropBox) {
      // Something outside the crop box, which must not show.
      page.drawRectangle({ x: 0, y: 0, width: 90, height: 90, color: rgb(0, 0, 0) });
      page.node.set(PDFName.of('CropBox'), doc.context.obj(opts.cropBox));
    }
  }
  fs.writeFileSync(file, await doc.save());
  return file;
}

/** A 400×200 JPEG stored left red / right blue, tagged EXIF orientation 6 (display rotated 90° CW). */
export async function writeExifRotatedJpeg(file: string): Promise<string> {
  const w = 400; const h = 200;
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const i = (y * w + x) * 3;
    if (x < w / 2) raw[i] = 220; else raw[i + 2] = 220;
  }
  await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toFile(file);
  return file;
}

/** A scanned-document-like greyscale page: white with a black block in the middle. */
export async function scanGrey(w: number, h: number): Promise<Buffer> {
  const raw = Buffer.alloc(w * h, 255);
  for (let y = Math.floor(h * 0.4); y < Math.floor(h * 0.6); y++) raw.fill(0, y * w + Math.floor(w * 0.3), y * w + Math.floor(w * 0.7));
  return raw;
}

export async function writeDeflateTiff(file: string): Promise<string> {
  const w = 850; const h = 1100;
  await sharp(await scanGrey(w, h), { raw: { width: w, height: h, channels: 1 } }).toColourspace('b-w').tiff({ compression: 'deflate' }).toFile(file);
  return file;
}

/** A two-page bilevel TIFF compressed with CCITT Group 4, like a fax. */
export async function writeG4Tiff(file: string, pages = 2): Promise<string> {
  const w = 1728; const h = 1100;
  const page = await scanGrey(w, h);
  const all = Buffer.concat(Array.from({ length: pages }, () => page));
  await sharp(all, { raw: { width: w, height: h * pages, channels: 1, pageHeight: h } as never }).toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1 }).toFile(file);
  return file;
}

/** A valid greyscale PNG of width×height (rows of zeros deflate to almost nothing). */
export async function writeHugePng(file: string, width: number, height: number): Promise<string> {
  const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
  const crc = (buf: Buffer) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type: string, data: Buffer) => {
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // 8-bit greyscale, no interlace
  // Stream the scanlines through deflate in blocks, so the 400 MB image never exists in memory.
  const deflate = zlib.createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (d: Buffer) => parts.push(d));
  const done = new Promise<void>((resolve, reject) => { deflate.on('end', resolve); deflate.on('error', reject); });
  const rowsPerBlock = 256;
  const block = Buffer.alloc((width + 1) * rowsPerBlock);
  for (let y = 0; y < height; y += rowsPerBlock) {
    if (!deflate.write(block.subarray(0, (width + 1) * Math.min(rowsPerBlock, height - y)))) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  fs.writeFileSync(file, Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', ihdr), chunk('IDAT', Buffer.concat(parts)), chunk('IEND', Buffer.alloc(0))]));
  return file;
}

/** The Compression tag (259) of a TIFF's first page: 4 = CCITT G4, 8 or 32946 = Deflate. */
export function tiffCompression(file: string): number | undefined {
  const b = fs.readFileSync(file);
  const le = b.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const ifd = u32(4);
  for (let i = 0; i < u16(ifd); i++) {
    const e = ifd + 2 + i * 12;
    if (u16(e) === 259) return u16(e + 8);
  }
  return undefined;
}
