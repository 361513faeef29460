/**
 * An Excel workbook (.xlsx) as one grid of displayed text per sheet, through exceljs (the registry's
 * `xlsx` package carries unfixed CVEs), for the preview grid and the printed sheets. The zip budget is
 * checked before exceljs inflates anything; each sheet is cut at the row and column limits and says so
 * (`truncated`). Values are what Excel shows (cell-text.ts); formulas are never evaluated here, their
 * cached results are shown.
 */
import ExcelJS from 'exceljs';
import { SHEET_GRID_MAX_COLUMNS, SHEET_GRID_MAX_ROWS } from '../limits';
import { cellText } from './cell-text';
import { DocumentRefusedError } from './document-refused';
import { checkZipBudget } from './zip-budget';

export interface SheetGrid {
  name: string;
  /** rows[r][c]: the text of row r+1, column c+1 (every row has columnCount entries). */
  rows: string[][];
  /** Columns and rows shown (after the cut). */
  columnCount: number;
  rowCount: number;
  /** True when the sheet has more rows or columns than were kept. */
  truncated: boolean;
  /** The sheet's own extent, before the cut. */
  totalRows: number;
  totalColumns: number;
}

export interface SheetLimits { maxRows: number; maxColumns: number }

export const SHEET_LIMITS: SheetLimits = { maxRows: SHEET_GRID_MAX_ROWS, maxColumns: SHEET_GRID_MAX_COLUMNS };

export async function workbookToGrids(bytes: Uint8Array, limits: SheetLimits = SHEET_LIMITS): Promise<SheetGrid[]> {
  const budget = await checkZipBudget(bytes);
  if (!budget.ok) throw new DocumentRefusedError(budget.reason);
  if (!budget.entries.some((e) => e.name.toLowerCase() === 'xl/workbook.xml')) {
    throw new DocumentRefusedError('the file is a zip package but not an Excel workbook (it has no xl/workbook.xml part), so it was not opened');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    throw new DocumentRefusedError('the Excel workbook is damaged and could not be read; ask the sender for a new copy');
  }
  return workbook.worksheets.map((sheet) => sheetGrid(sheet, limits));
}

function sheetGrid(sheet: ExcelJS.Worksheet, limits: SheetLimits): SheetGrid {
  const totalRows = sheet.rowCount;
  const totalColumns = sheet.columnCount;
  const rowCount = Math.min(totalRows, limits.maxRows);
  const columnCount = Math.min(totalColumns, limits.maxColumns);
  const rows: string[][] = Array.from({ length: rowCount }, () => new Array<string>(columnCount).fill(''));
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber > rowCount) return;
    const out = rows[rowNumber - 1]!;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col > columnCount) return;
      // A merged range shows its value once, in its top-left cell.
      if (cell.isMerged && cell.master.address !== cell.address) return;
      out[col - 1] = cellText(cell.value, cell.numFmt);
    });
  });
  return { name: sheet.name, rows, columnCount, rowCount, truncated: rowCount < totalRows || columnCount < totalColumns, totalRows, totalColumns };
}

// Column names live apart from exceljs so the renderer can use them without bundling it.
export { columnLetters } from './column-letters';
