/**
 * Reads packages back with pdf.js (the reader the preview uses), in Node: text with positions, and
 * rendered pixels through @napi-rs/canvas (pdf.js's own Node canvas) — no system packages needed.
 */
import fs from 'node:fs';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextItem { str: string; transform: number[]; width: number; height: number }

export async function openPdf(file: string | Uint8Array): Promise<PDFDocumentProxy> {
  const data = typeof file === 'string' ? new Uint8Array(fs.readFileSync(file)) : file;
  return getDocument({ data, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
}

export async function pageItems(doc: PDFDocumentProxy, pageNumber: number): Promise<TextItem[]> {
  const page = await doc.getPage(pageNumber);
  const content = await page.getTextContent();
  return content.items.filter((i): i is TextItem & typeof i => 'str' in i).map((i) => { const t = i as TextItem; return { str: t.str, transform: t.transform, width: t.width, height: t.height }; });
}

/** The text of each page, items joined with spaces (order as pdf.js reports them). */
export async function pageTexts(doc: PDFDocumentProxy): Promise<string[]> {
  const out: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) out.push(joinItems(await pageItems(doc, p)));
  return out;
}

/** Joins text items: no space between items that touch on the same line (a font change mid-word). */
export function joinItems(items: TextItem[]): string {
  let out = '';
  let prev: TextItem | undefined;
  for (const it of items) {
    if (prev) {
      const sameLine = Math.abs(prev.transform[5]! - it.transform[5]!) < 1;
      const gap = it.transform[4]! - (prev.transform[4]! + prev.width);
      out += sameLine && Math.abs(gap) < Math.abs(it.transform[3]!) * 0.1 ? '' : ' ';
    }
    out += it.str;
    prev = it;
  }
  return out;
}

export interface Rendered { width: number; height: number; data: Uint8ClampedArray; scale: number; pageHeightPt: number }

export async function renderPage(doc: PDFDocumentProxy, pageNumber: number, scale = 1): Promise<Rendered> {
  const page = await doc.getPage(pageNumber);
  const viewport = page.getViewport({ scale });
  const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: unknown; context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } } } }).canvasFactory;
  const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  await page.render({ canvas, canvasContext: context, viewport } as unknown as Parameters<typeof page.render>[0]).promise;
  const w = Math.ceil(viewport.width);
  const h = Math.ceil(viewport.height);
  return { width: w, height: h, data: context.getImageData(0, 0, w, h).data, scale, pageHeightPt: viewport.height / scale };
}

/** Fraction of pixels darker than `threshold` in a rectangle given in PDF points (origin bottom-left). */
export function darkFraction(img: Rendered, x: number, y: number, w: number, h: number, threshold = 160): number {
  const s = img.scale;
  const x0 = Math.max(0, Math.floor(x * s));
  const x1 = Math.min(img.width, Math.ceil((x + w) * s));
  const y0 = Math.max(0, Math.floor((img.pageHeightPt - y - h) * s));
  const y1 = Math.min(img.height, Math.ceil((img.pageHeightPt - y) * s));
  let dark = 0;
  let total = 0;
  for (let py = y0; py < y1; py++) {
    for (let px = x0; px < x1; px++) {
      const i = (py * img.width + px) * 4;
      const lum = 0.299 * img.data[i]! + 0.587 * img.data[i + 1]! + 0.114 * img.data[i + 2]!;
      if (lum < threshold) dark++;
      total++;
    }
  }
  return total === 0 ? 0 : dark / total;
}

/** Mean colour of a rectangle in PDF points. */
export function meanColour(img: Rendered, x: number, y: number, w: number, h: number): [number, number, number] {
  const s = img.scale;
  const x0 = Math.max(0, Math.floor(x * s)); const x1 = Math.min(img.width, Math.ceil((x + w) * s));
  const y0 = Math.max(0, Math.floor((img.pageHeightPt - y - h) * s)); const y1 = Math.min(img.height, Math.ceil((img.pageHeightPt - y) * s));
  const sum = [0, 0, 0]; let n = 0;
  for (let py = y0; py < y1; py++) for (let px = x0; px < x1; px++) {
    const i = (py * img.width + px) * 4;
    sum[0]! += img.data[i]!; sum[1]! += img.data[i + 1]!; sum[2]! += img.data[i + 2]!; n++;
  }
  return [sum[0]! / n, sum[1]! / n, sum[2]! / n];
}
