/**
 * One output PDF (a volume) under construction. Pages come in three ways — drawn by us, copied from
 * a source PDF, or holding an image — and each records the label it must carry. Stamping (label,
 * `Page n of N`, set number, SBU marking) happens once the numbering is known, by appending one
 * small content stream per page; the source content is wrapped in q/Q so nothing it leaves in the
 * graphics state can move our stamp. Content streams are written directly (pdf-lib's drawText runs a
 * fontkit layout per call; the stamp strings are encoded once per document and cached).
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFNumber, type PDFPage, PDFRef } from '@cantoo/pdf-lib';
import { DocFonts, num, type FontFiles } from './doc-fonts';
import { makeInert, makeOutputInert } from './make-inert';
import { writePdfToFile } from './pdf-file-writer';
import { BAND, LETTER, multiply, SIDE_MARGIN, uprightMatrix, type Matrix } from './page-geometry';

export interface PageRecord { page: PDFPage; width: number; height: number; label: string }

export interface StampInfo {
  pageNumber: number;
  totalPages: number;
  setNumber: string;
  volume: { index: number; count: number };
  sbuMarking: string;
}

const STAMP_SIZE = 7.5;

export class VolumeDoc {
  readonly pages: PageRecord[] = [];
  private imageCount = 0;
  /** Called after every page added (the builder reports progress inside a long item from it). */
  onPageAdded: (() => void) | null = null;

  private constructor(readonly doc: PDFDocument, readonly fonts: DocFonts) {}

  static async create(files: FontFiles): Promise<VolumeDoc> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.setProducer('SCOIC Secure Messaging');
    doc.setCreator('SCOIC Secure Messaging print package');
    return new VolumeDoc(doc, await DocFonts.create(doc, files));
  }

  get pageCount(): number { return this.pages.length; }

  /** Removes pages added after the first `count` (an item that failed halfway). */
  truncate(count: number): void {
    while (this.pages.length > count) {
      this.pages.pop();
      this.doc.removePage(this.doc.getPageCount() - 1);
    }
  }

  private stream(content: string | Uint8Array, compress: boolean): PDFRef {
    const ctx = this.doc.context;
    const bytes = typeof content === 'string' ? Buffer.from(content, 'latin1') : content;
    // Native zlib: pdf-lib's own flateStream uses pako (pure JS), several times slower.
    const s = compress && bytes.length > 512
      ? ctx.stream(zlib.deflateSync(bytes, { level: 6 }), { Filter: 'FlateDecode' })
      : ctx.stream(bytes);
    return ctx.register(s);
  }

  private attachFonts(page: PDFPage): void {
    for (const { name, font } of this.fonts.usedFonts()) page.node.setFontDictionary(PDFName.of(name), font.ref);
  }

  /** A US Letter page drawn by us; `ops` are content-stream operators in page space. */
  addDrawnPage(label: string, ops: string, insertAt?: number): PDFPage {
    const page = insertAt === undefined ? this.doc.addPage([LETTER.width, LETTER.height]) : this.doc.insertPage(insertAt, [LETTER.width, LETTER.height]);
    page.node.set(PDFName.of('Contents'), this.doc.context.obj([this.stream(`q\n${ops}`, true)]));
    this.attachFonts(page);
    const record = { page, width: LETTER.width, height: LETTER.height, label };
    if (insertAt === undefined) this.pages.push(record); else this.pages.splice(insertAt, 0, record);
    this.onPageAdded?.();
    return page;
  }

  /** Adds an image XObject (already encoded) fitted into a page of its own. */
  addImagePage(label: string, image: PDFRef, pixelW: number, pixelH: number, placement: Matrix | null, ops = ''): void {
    const name = `SMIm${this.imageCount++}`;
    const page = this.doc.addPage([LETTER.width, LETTER.height]);
    page.node.setXObject(PDFName.of(name), image);
    // Images are placed on a portrait or landscape Letter page, whichever fits the picture better.
    const landscape = pixelW > pixelH;
    const W = landscape ? LETTER.height : LETTER.width;
    const H = landscape ? LETTER.width : LETTER.height;
    if (landscape) page.setSize(W, H);
    const availW = W - 2 * SIDE_MARGIN;
    const availH = H - 2 * BAND - 4;
    const scale = Math.min(availW / pixelW, availH / pixelH, 72 / 96 * 4); // never blow tiny images up more than 4 px → 3 pt
    const dw = pixelW * scale;
    const dh = pixelH * scale;
    const x = (W - dw) / 2;
    const y = BAND + 2 + (availH - dh) / 2;
    // `placement` maps the unit square as stored to the picture as it should be seen (EXIF orientation).
    const m: Matrix = multiply(placement ?? [1, 0, 0, 1, 0, 0], [dw, 0, 0, dh, x, y]);
    const content = `q\n${ops}q ${m.map(num).join(' ')} cm /${name} Do Q\n`;
    page.node.set(PDFName.of('Contents'), this.doc.context.obj([this.stream(content, false)]));
    this.attachFonts(page);
    this.pages.push({ page, width: W, height: H, label });
    this.onPageAdded?.();
  }

  /** Registers an image stream (JPEG bytes as DCTDecode, or raw pixels deflated). */
  embedJpeg(bytes: Uint8Array, width: number, height: number, channels: number): PDFRef {
    const cs = channels === 1 ? 'DeviceGray' : channels === 4 ? 'DeviceCMYK' : 'DeviceRGB';
    const dict: Record<string, unknown> = { Type: 'XObject', Subtype: 'Image', Width: width, Height: height, ColorSpace: cs, BitsPerComponent: 8, Filter: 'DCTDecode' };
    // Adobe CMYK JPEGs are stored inverted.
    if (channels === 4) dict.Decode = [1, 0, 1, 0, 1, 0, 1, 0];
    return this.doc.context.register(this.doc.context.stream(bytes, dict as never));
  }

  /** A PNG's own zlib stream, with the PNG row filters undone by the reader (see png-passthrough.ts). */
  embedPngData(data: Uint8Array, width: number, height: number, colors: 1 | 3, bitDepth: number): PDFRef {
    const dict = {
      Type: 'XObject', Subtype: 'Image', Width: width, Height: height, ColorSpace: colors === 1 ? 'DeviceGray' : 'DeviceRGB',
      BitsPerComponent: bitDepth, Filter: 'FlateDecode', DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: bitDepth, Columns: width },
    };
    return this.doc.context.register(this.doc.context.stream(data, dict as never));
  }

  embedRawPixels(pixels: Uint8Array, width: number, height: number, channels: 1 | 3, bitsPerComponent: 1 | 8 = 8): PDFRef {
    const dict = { Type: 'XObject', Subtype: 'Image', Width: width, Height: height, ColorSpace: channels === 1 ? 'DeviceGray' : 'DeviceRGB', BitsPerComponent: bitsPerComponent, Filter: 'FlateDecode' };
    // Level 3: nearly the size of level 6 on scans and screenshots, in about half the time.
    return this.doc.context.register(this.doc.context.stream(zlib.deflateSync(pixels, { level: 3 }), dict as never));
  }

  /**
   * Copies every page of `src` into this volume: each page becomes upright (its /Rotate and crop box
   * turned into a transform), shrunk between the header and footer bands, clipped to its crop box.
   * The source is made inert first (make-inert.ts): annotations flattened, actions, scripts and files
   * removed, so nothing that acts is ever copied.
   */
  async copyPdfPages(src: PDFDocument, label: string): Promise<number> {
    makeInert(src);
    const copied = await this.doc.copyPages(src, src.getPageIndices());
    const ctx = this.doc.context;
    for (const page of copied) {
      const node = page.node;
      const box = boxOf(node.CropBox() ?? node.MediaBox(), node.MediaBox());
      const rotate = node.Rotate()?.asNumber() ?? 0;
      const sideways = (((rotate % 360) + 360) % 360) % 180 === 90;
      const w = sideways ? box.h : box.w;
      const h = sideways ? box.w : box.h;
      // Small pages (receipts, cropped scans) sit on a Letter sheet so the stamps fit and print
      // at their true size; larger pages keep theirs and are shrunk just enough to clear the bands.
      const landscape = w > h;
      const W = Math.max(w, landscape ? LETTER.height : LETTER.width);
      const H = Math.max(h, landscape ? LETTER.width : LETTER.height);
      const scale = Math.min((W - 2 * SIDE_MARGIN) / w, (H - 2 * BAND) / h, 1);
      const ox = (W - w * scale) / 2;
      const oy = BAND + (H - 2 * BAND - h * scale) / 2;
      const m = multiply(uprightMatrix(box.x, box.y, box.w, box.h, rotate), [scale, 0, 0, scale, ox, oy]);
      const pre = this.stream(`q ${m.map(num).join(' ')} cm ${num(box.x)} ${num(box.y)} ${num(box.w)} ${num(box.h)} re W n\n`, false);
      const contents = node.Contents();
      const list: PDFRef[] = [pre];
      const raw = node.get(PDFName.of('Contents'));
      if (contents instanceof PDFArray) {
        for (let i = 0; i < contents.size(); i++) { const r = contents.get(i); if (r instanceof PDFRef) list.push(r); }
      } else if (raw instanceof PDFRef) list.push(raw);
      node.set(PDFName.of('Contents'), ctx.obj(list));
      node.set(PDFName.of('MediaBox'), ctx.obj([0, 0, W, H]));
      for (const k of ['CropBox', 'BleedBox', 'TrimBox', 'ArtBox', 'Rotate']) node.delete(PDFName.of(k));
      this.doc.addPage(page);
      this.attachFonts(page);
      this.pages.push({ page, width: W, height: H, label });
      this.onPageAdded?.();
    }
    return copied.length;
  }

  /** Ensures every page lists the fonts the stamps use (a font may be embedded after pages exist). */
  private stampOps(rec: PageRecord, info: StampInfo): string {
    const f = this.fonts;
    const s = STAMP_SIZE;
    const top = rec.height - 15;
    const right = rec.width - SIDE_MARGIN;
    let ops = '0 g\n';
    ops += f.show(rec.label, SIDE_MARGIN, top, s);
    ops += f.show(info.sbuMarking, right - f.width(info.sbuMarking, s), top, s);
    const vol = info.volume.count > 1 ? ` · Volume ${info.volume.index} of ${info.volume.count}` : '';
    ops += f.show(`Page ${info.pageNumber} of ${info.totalPages}${vol}`, SIDE_MARGIN, 9, s);
    ops += f.show(info.sbuMarking, (rec.width - f.width(info.sbuMarking, s)) / 2, 9, s);
    ops += f.show(info.setNumber, right - f.width(info.setNumber, s), 9, s);
    // Hairlines separating the bands from the content.
    ops += `0.6 G 0.5 w ${SIDE_MARGIN} ${rec.height - BAND + 3} m ${num(right)} ${rec.height - BAND + 3} l S ${SIDE_MARGIN} ${BAND - 3} m ${num(right)} ${BAND - 3} l S\n`;
    return ops;
  }

  /** Appends the stamp to page `index` (0-based within this volume). */
  stamp(index: number, info: StampInfo): void {
    const rec = this.pages[index]!;
    const ops = this.stampOps(rec, info);
    this.attachFonts(rec.page);
    const ref = this.stream(`Q\n${ops}`, false);
    const contents = rec.page.node.get(PDFName.of('Contents'));
    const arr = contents instanceof PDFArray ? contents : this.doc.context.obj(contents ? [contents] : []);
    arr.push(ref);
    rec.page.node.set(PDFName.of('Contents'), arr);
  }

  /** Writes the volume to a new file (created exclusively, mode 0600, fsynced). */
  async writeTo(file: string): Promise<{ sha256: string; bytes: number }> {
    makeOutputInert(this.doc);
    const fd = fs.openSync(file, 'wx', 0o600);
    try {
      const r = await writePdfToFile(this.doc, fd);
      fs.fsyncSync(fd);
      return r;
    } finally {
      fs.closeSync(fd);
    }
  }
}

function boxOf(box: PDFArray, media: PDFArray): { x: number; y: number; w: number; h: number } {
  const rect = (a: PDFArray) => {
    const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = a.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : 0));
    return { l: Math.min(x1, x2), b: Math.min(y1, y2), r: Math.max(x1, x2), t: Math.max(y1, y2) };
  };
  // The visible area is the crop box clipped to the media box.
  const c = rect(box);
  const m = rect(media);
  const l = Math.max(c.l, m.l);
  const b = Math.max(c.b, m.b);
  const w = Math.min(c.r, m.r) - l;
  const h = Math.min(c.t, m.t) - b;
  if (!(w > 1 && h > 1)) return { x: 0, y: 0, w: LETTER.width, h: LETTER.height };
  return { x: l, y: b, w, h };
}
