/**
 * Bordered table rows on a DocFlow, for Word tables and spreadsheet grids: each cell's text already
 * wrapped to its column, the row as tall as its tallest cell, a new page before a row that does not
 * fit (with the header rows drawn again at the top of it). A row taller than a whole page is cut to
 * one page with a "…" line, so no row can make the layout loop.
 */
import { num } from './doc-fonts';
import { DocFlow } from './doc-flow';
import type { StyledLine } from './styled-lines';

export interface GridStyle { size: number; pad: number; lead: number }

/** `rightAligned[i]`: cell i's lines end at the right of its column (numbers in a sheet). */
export interface GridRow { cells: StyledLine[][]; fill?: number; gray?: number; rightAligned?: readonly boolean[] }

export function rowHeight(row: GridRow, style: GridStyle): number {
  const lines = Math.max(1, ...row.cells.map((c) => c.length));
  return lines * style.lead + 2 * style.pad;
}

/** Draws `row` at x positions from `left` with `widths`; `headers` are redrawn after a page break. */
export function drawGridRow(flow: DocFlow, left: number, widths: readonly number[], row: GridRow, style: GridStyle, headers: readonly GridRow[] = []): void {
  const maxLines = Math.floor((DocFlow.pageHeight - 2 * style.pad - headers.reduce((s, h) => s + rowHeight(h, style), 0)) / style.lead);
  const fitted = { ...row, cells: row.cells.map((c) => (c.length > maxLines ? [...c.slice(0, Math.max(1, maxLines - 1)), [{ text: '…', bold: false, italic: false, width: 0 }]] : c)) };
  const height = rowHeight(fitted, style);
  if (flow.room < height && !flow.atTop) {
    flow.newPage();
    for (const h of headers) paint(flow, left, widths, h, style, rowHeight(h, style));
  }
  paint(flow, left, widths, fitted, style, height);
}

function paint(flow: DocFlow, left: number, widths: readonly number[], row: GridRow, style: GridStyle, height: number): void {
  const top = flow.y;
  const bottom = top - height;
  let x = left;
  let ops = '';
  if (row.fill !== undefined) ops += `${num(row.fill)} g ${num(left)} ${num(bottom)} ${num(widths.reduce((a, b) => a + b, 0))} ${num(height)} re f 0 g\n`;
  ops += '0.45 G 0.5 w';
  for (const w of widths) { ops += ` ${num(x)} ${num(bottom)} ${num(w)} ${num(height)} re`; x += w; }
  flow.draw(`${ops} S 0 G\n`);
  x = left;
  widths.forEach((w, i) => {
    const right = row.rightAligned?.[i] === true;
    (row.cells[i] ?? []).forEach((line, li) => {
      const lx = right ? x + w - style.pad - line.reduce((s, seg) => s + seg.width, 0) : x + style.pad;
      flow.drawLine(line, lx, top - style.pad - style.size * 0.95 - li * style.lead, style.size, row.gray ?? 0);
    });
    x += w;
  });
  flow.y = bottom;
}

/** Column widths: each column's natural width (capped), scaled to fill `total`, none below `min`. */
export function columnWidths(natural: readonly number[], total: number, min: number): number[] {
  const sum = natural.reduce((a, b) => a + b, 0) || 1;
  const scaled = natural.map((n) => Math.max(min, (n / sum) * total));
  const over = scaled.reduce((a, b) => a + b, 0) / total;
  return over > 1 ? scaled.map((w) => w / over) : scaled;
}
