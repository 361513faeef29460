/**
 * Excel (.xlsx) attachments as real pages, from the shared converter the preview uses
 * (shared/documents/sheet-grid.ts): each sheet starts on a new page with its name, size and any cut
 * stated, then its cells as a bordered table with the column letters on top of every page and the
 * row numbers on the left; cells wrap. A sheet wider than the page is printed in bands of columns, one
 * after the other, each band with the row numbers. Empty rows are left out (the row numbers show the
 * gap). A refused file throws UnprintableError with the converter's reason.
 */
import { DocumentRefusedError } from '../../shared/documents/document-refused';
import { columnLetters, workbookToGrids, type SheetGrid } from '../../shared/documents/sheet-grid';
import { DocFlow, PageCapReached } from './doc-flow';
import { drawGridRow, type GridRow, type GridStyle } from './grid-rows';
import type { OfficePrintLimits } from './render-docx';
import { UnprintableError } from './render-pdf';
import { wrapRuns, type Run, type StyledLine } from './styled-lines';
import type { VolumeDoc } from './volume-doc';

const CELL: GridStyle = { size: 7.5, pad: 2.5, lead: 7.5 * 1.3 };
const MAX_COLUMN_WIDTH = 160;
const MIN_COLUMN_WIDTH = 28;
const MAX_CELL_LINES = 12;
const SIDE_MARGIN = 36;
/** Displayed numbers (currency, thousands, percent, dates) sit at the right of their cell, as in Excel. */
const NUMERIC = /^-?[$€£¥]?-?[\d,]*\.?\d+%?$|^\d{2}\/\d{2}\/\d{4}$/;

export async function renderXlsx(vol: VolumeDoc, label: string, bytes: Uint8Array, limits: Pick<OfficePrintLimits, 'maxPages'>, signal?: AbortSignal): Promise<{ pages: number; note?: string }> {
  let grids: SheetGrid[];
  try {
    grids = await workbookToGrids(bytes);
  } catch (err) {
    if (err instanceof DocumentRefusedError) throw new UnprintableError(err.message);
    throw err;
  }
  signal?.throwIfAborted();
  await vol.fonts.prepare(grids.map((g) => `${g.name}\n${g.rows.map((r) => r.join(' ')).join('\n')}`).join('\n'));

  const flow = new DocFlow(vol, label, limits.maxPages, SIDE_MARGIN);
  let note: string | undefined;
  try {
    line(flow, vol, [{ text: `Excel workbook, converted for printing: ${grids.length} sheet${grids.length === 1 ? '' : 's'}. Values as Excel last saved them (formulas show their saved results).`, italic: true }], 8, 0.4);
    flow.y -= 4;
    for (let i = 0; i < grids.length; i++) {
      if (i > 0) flow.newPage();
      layoutSheet(flow, vol, grids[i]!, i, grids.length, signal);
    }
  } catch (err) {
    if (!(err instanceof PageCapReached)) throw err;
    note = `cut after ${limits.maxPages} pages: the rest of the workbook is not printed; print it on its own`;
    flow.note(`[${note}]`);
  }
  const pages = flow.finish();
  return note === undefined ? { pages } : { pages, note };
}

function layoutSheet(flow: DocFlow, vol: VolumeDoc, grid: SheetGrid, index: number, count: number, signal?: AbortSignal): void {
  line(flow, vol, [{ text: `Sheet ${index + 1} of ${count}: ${grid.name}`, bold: true }], 12);
  line(flow, vol, [{ text: `${grid.totalRows} row${grid.totalRows === 1 ? '' : 's'} × ${grid.totalColumns} column${grid.totalColumns === 1 ? '' : 's'}` }], 8, 0.35);
  if (grid.truncated) {
    line(flow, vol, [{ text: `Only rows 1–${grid.rowCount} and columns A–${columnLetters(Math.max(0, grid.columnCount - 1))} are printed (the sheet has ${grid.totalRows} rows and ${grid.totalColumns} columns); open the file in Excel for the rest.`, bold: true }], 8);
  }
  const rows = grid.rows.map((r, i) => ({ number: i + 1, cells: r })).filter((r) => r.cells.some((c) => c !== ''));
  if (rows.length === 0 || grid.columnCount === 0) { line(flow, vol, [{ text: '(this sheet is empty)', italic: true }], 9, 0.35); return; }

  const numberWidth = Math.max(22, vol.fonts.width(String(grid.rowCount), CELL.size) + 2 * CELL.pad + 2);
  const natural = Array.from({ length: grid.columnCount }, (_, c) => {
    let w = vol.fonts.width(columnLetters(c), CELL.size);
    for (const r of rows) { const t = r.cells[c]!; if (t) w = Math.max(w, vol.fonts.width(t.length > 200 ? t.slice(0, 200) : t, CELL.size)); if (w >= MAX_COLUMN_WIDTH) break; }
    return Math.max(MIN_COLUMN_WIDTH, Math.min(MAX_COLUMN_WIDTH, w + 2 * CELL.pad + 1));
  });
  const bands = columnBands(natural, flow.width - numberWidth);
  if (bands.length > 1) {
    line(flow, vol, [{ text: `This sheet is wider than a page: its columns are printed in ${bands.length} bands, one after the other, each with the row numbers.` }], 8, 0.35);
  }
  flow.y -= 4;
  bands.forEach((band, b) => {
    if (b > 0) flow.newPage();
    if (bands.length > 1) line(flow, vol, [{ text: `${grid.name}: columns ${columnLetters(band[0]!)}–${columnLetters(band[band.length - 1]!)} (band ${b + 1} of ${bands.length})`, bold: true }], 9);
    flow.y -= 3;
    const widths = [numberWidth, ...band.map((c) => natural[c]!)];
    const header: GridRow = { cells: [[], ...band.map((c) => [seg(columnLetters(c), true)])], fill: 0.9 };
    drawGridRow(flow, flow.left, widths, header, CELL);
    rows.forEach((row, ri) => {
      if (ri % 100 === 0) signal?.throwIfAborted();
      const cells: StyledLine[][] = [[seg(String(row.number), true)], ...band.map((c, k) => capped(wrapRuns(vol.fonts, [{ text: row.cells[c]! }], CELL.size, widths[k + 1]! - 2 * CELL.pad)))];
      const rightAligned = [false, ...band.map((c) => NUMERIC.test(row.cells[c]!))];
      drawGridRow(flow, flow.left, widths, { cells, rightAligned }, CELL, [header]);
    });
    flow.y -= 6;
  });
}

/** Greedy bands of whole columns that fit `width` (a column wider than the page gets a band of its own). */
function columnBands(widths: readonly number[], width: number): number[][] {
  const bands: number[][] = [];
  let band: number[] = [];
  let used = 0;
  widths.forEach((w, c) => {
    if (band.length > 0 && used + w > width) { bands.push(band); band = []; used = 0; }
    band.push(c);
    used += w;
  });
  if (band.length > 0) bands.push(band);
  return bands;
}

const seg = (text: string, bold = false): StyledLine => [{ text, bold, italic: false, width: 0 }];

function capped(lines: StyledLine[]): StyledLine[] {
  return lines.length > MAX_CELL_LINES ? [...lines.slice(0, MAX_CELL_LINES - 1), seg('…')] : lines;
}

function line(flow: DocFlow, vol: VolumeDoc, runs: Run[], size: number, gray = 0): void {
  const lead = size * 1.35;
  for (const l of wrapRuns(vol.fonts, runs, size, flow.width)) {
    flow.ensureRoom(lead);
    flow.y -= lead;
    flow.drawLine(l, flow.left, flow.y, size, gray);
  }
}

