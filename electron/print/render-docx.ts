/**
 * Word (.docx) attachments as real pages: the shared converter (shared/documents/docx-to-html.ts, the
 * one the preview uses) turns the file into HTML, docx-blocks.ts reads that back into headings,
 * paragraphs, list items, tables and pictures, and they are laid down our own Letter pages with the
 * embedded fonts — bold and italic kept, tables as bordered grids with wrapped cells, PNG/JPEG/GIF
 * pictures inline. Word's own page layout (fonts, margins, page breaks) is not reproduced: the first
 * line of the item says the document was converted. A refused file (zip bomb, damaged, not Word)
 * throws UnprintableError with the converter's reason, and the caller prints a placeholder.
 */
import { DocumentRefusedError } from '../../shared/documents/document-refused';
import { docxToHtml } from '../../shared/documents/docx-to-html';
import { DocFlow, PageCapReached } from './doc-flow';
import { htmlToBlocks, type Block } from './docx-blocks';
import { columnWidths, drawGridRow, type GridRow, type GridStyle } from './grid-rows';
import { embedInlineImage } from './inline-image';
import { UnprintableError } from './render-pdf';
import { runsText, wrapRuns, type Run } from './styled-lines';
import type { VolumeDoc } from './volume-doc';

export interface OfficePrintLimits { maxPages: number; maxImagePixels: number }

const BODY = 10;
const HEADING_SIZE: Record<number, number> = { 1: 16, 2: 14, 3: 12.5, 4: 11.5, 5: 11, 6: 11 };
const LIST_INDENT = 18;
const CELL: GridStyle = { size: 9, pad: 3, lead: 9 * 1.3 };
const POINTS_PER_PIXEL = 0.75; // 96 dpi, as Word sizes pictures

export async function renderDocx(vol: VolumeDoc, label: string, bytes: Uint8Array, limits: OfficePrintLimits, signal?: AbortSignal): Promise<{ pages: number; note?: string }> {
  let converted: Awaited<ReturnType<typeof docxToHtml>>;
  try {
    converted = await docxToHtml(bytes);
  } catch (err) {
    if (err instanceof DocumentRefusedError) throw new UnprintableError(err.message);
    throw err;
  }
  signal?.throwIfAborted();
  const blocks = htmlToBlocks(converted.html);
  await vol.fonts.prepare(allText(blocks));
  const left = converted.warnings.filter((w) => /^a picture was left out|external image/.test(w)).length;

  const flow = new DocFlow(vol, label, limits.maxPages);
  let note: string | undefined;
  try {
    plain(flow, vol, [{ text: 'Word document, converted for printing: its text, tables and pictures; fonts and page layout differ from the original.', italic: true }], 8, 0, undefined, 0.4);
    flow.y -= 6;
    for (const block of blocks) {
      signal?.throwIfAborted();
      await layoutBlock(flow, vol, block, limits, signal);
    }
    if (left > 0) {
      flow.y -= 6;
      plain(flow, vol, [{ text: `[${left} picture${left === 1 ? ' was' : 's were'} not printed: linked from outside the file, or not a PNG, JPEG or GIF image]` }], 9, 0, undefined, 0.4);
    }
  } catch (err) {
    if (!(err instanceof PageCapReached)) throw err;
    note = `cut after ${limits.maxPages} pages: the rest of the document is not printed; print it on its own`;
    flow.note(`[${note}]`);
  }
  const pages = flow.finish();
  return note === undefined ? { pages } : { pages, note };
}

async function layoutBlock(flow: DocFlow, vol: VolumeDoc, block: Block, limits: OfficePrintLimits, signal?: AbortSignal): Promise<void> {
  switch (block.kind) {
    case 'heading': {
      const size = HEADING_SIZE[block.level] ?? BODY;
      if (!flow.atTop) flow.y -= size * 0.6;
      // Keep a heading with at least two lines of what follows.
      flow.ensureRoom(size * 1.35 + BODY * 2.7);
      plain(flow, vol, block.runs.map((r) => ({ ...r, bold: true })), size, 0);
      flow.y -= 3;
      return;
    }
    case 'paragraph':
      plain(flow, vol, block.runs, BODY, block.indent, block.marker);
      flow.y -= 4;
      return;
    case 'image': {
      const img = await embedInlineImage(vol, block.bytes, limits.maxImagePixels);
      if (!img) { plain(flow, vol, [{ text: `[picture${block.alt ? ` "${block.alt}"` : ''} could not be decoded for printing]` }], 9, 0, undefined, 0.4); return; }
      const w0 = img.pixelWidth * POINTS_PER_PIXEL;
      const h0 = img.pixelHeight * POINTS_PER_PIXEL;
      const scale = Math.min(1, flow.width / w0, (DocFlow.pageHeight - 8) / h0);
      const w = w0 * scale;
      const h = h0 * scale;
      flow.ensureRoom(h + 8);
      flow.y -= h + 4;
      flow.drawImage(img.ref, flow.left, flow.y, w, h);
      flow.y -= 4;
      return;
    }
    case 'table':
      layoutTable(flow, vol, block.rows, signal);
      flow.y -= 8;
      return;
  }
}

/** Wrapped runs at `size`, indented by list level, with the list marker before the first line. */
function plain(flow: DocFlow, vol: VolumeDoc, runs: Run[], size: number, indent: number, marker?: string, gray = 0): void {
  const x = flow.left + indent * LIST_INDENT;
  const lead = size * 1.35;
  wrapRuns(vol.fonts, runs, size, flow.right - x).forEach((line, i) => {
    flow.ensureRoom(lead);
    flow.y -= lead;
    if (i === 0 && marker) flow.drawLine([{ text: marker, bold: false, italic: false, width: 0 }], x - 12 - (marker.length > 1 ? 6 : 0), flow.y, size);
    flow.drawLine(line, x, flow.y, size, gray);
  });
}

function layoutTable(flow: DocFlow, vol: VolumeDoc, rows: Array<{ header: boolean; cells: Block[][] }>, signal?: AbortSignal): void {
  const columns = Math.max(...rows.map((r) => r.cells.length));
  if (columns === 0) return;
  const cellRuns = rows.map((r) => Array.from({ length: columns }, (_, c) => blocksToRuns(r.cells[c] ?? [])));
  const natural = Array.from({ length: columns }, (_, c) => Math.min(220, Math.max(...cellRuns.map((r) => vol.fonts.width(runsText(r[c]!).split('\n').reduce((a, b) => (a.length > b.length ? a : b), ''), CELL.size)))) + 2 * CELL.pad);
  const widths = columnWidths(natural, flow.width, 36);
  const headers: GridRow[] = [];
  rows.forEach((row, ri) => {
    if (ri % 50 === 0) signal?.throwIfAborted();
    const grid: GridRow = { cells: cellRuns[ri]!.map((runs, c) => wrapRuns(vol.fonts, runs, CELL.size, widths[c]! - 2 * CELL.pad)), ...(row.header ? { fill: 0.9 } : {}) };
    drawGridRow(flow, flow.left, widths, grid, CELL, row.header ? [] : headers);
    if (row.header && headers.length === ri) headers.push(grid);
  });
}

/** The blocks of one cell as runs, one line per paragraph (pictures inside cells are named, not drawn). */
function blocksToRuns(blocks: Block[]): Run[] {
  const runs: Run[] = [];
  blocks.forEach((b, i) => {
    if (i > 0) runs.push({ text: '\n' });
    if (b.kind === 'paragraph' || b.kind === 'heading') {
      if (b.kind === 'paragraph' && b.marker) runs.push({ text: `${b.marker} ` });
      runs.push(...(b.kind === 'heading' ? b.runs.map((r) => ({ ...r, bold: true })) : b.runs));
    } else if (b.kind === 'image') runs.push({ text: '[picture]', italic: true });
  });
  return runs;
}

function allText(blocks: Block[]): string {
  return blocks.map((b) => (b.kind === 'table' ? b.rows.map((r) => r.cells.map((c) => allText(c)).join(' ')).join(' ') : b.kind === 'image' ? b.alt : runsText(b.runs))).join('\n');
}
