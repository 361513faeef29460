/**
 * A spreadsheet cell's value as the text Excel would show, for the preview grid and the printed sheet:
 * a formula shows its cached result (the value Excel saved), a date MM/DD/YYYY, rich text joined, a
 * hyperlink its text only, an error its code (#DIV/0!). Numbers follow the cell's number format when it
 * is a simple one (percent, currency, thousands, fixed decimals); anything more elaborate shows the
 * plain number, which is never wrong, only less pretty.
 */
import type { CellValue } from 'exceljs';

type Scalar = number | string | boolean | Date | { error: string } | null | undefined;

export function cellText(value: CellValue, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object' || value instanceof Date) return scalarText(value, numFmt);
  if ('error' in value) return String(value.error);
  if ('richText' in value) return value.richText.map((r) => r.text ?? '').join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as CellValue, numFmt);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: Scalar }).result;
    if (result === undefined || result === null) return `=${(value as { formula?: string }).formula ?? (value as { sharedFormula?: string }).sharedFormula ?? ''}`;
    return scalarText(result, numFmt);
  }
  return '';
}

function scalarText(v: Scalar, numFmt?: string): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : usDate(v);
  if (typeof v === 'object') return 'error' in v ? String(v.error) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  return numberText(v, numFmt);
}

/** Excel stores dates as UTC-less serials; exceljs hands them over as UTC instants. */
function usDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()}`;
}

export function numberText(n: number, numFmt?: string): string {
  if (!Number.isFinite(n)) return String(n);
  const fmt = (numFmt ?? '').split(';')[0]!.replace(/"([^"]*)"/g, '$1').replace(/\[[^\]]*\]/g, '').replace(/\\(.)/g, '$1');
  const decimals = /\.(0+)/.exec(fmt)?.[1]?.length ?? 0;
  if (/%/.test(fmt)) return `${grouped(n * 100, decimals, false)}%`;
  const currency = /[$€£¥]/.exec(fmt)?.[0];
  const thousands = /#,##0|0,000/.test(fmt);
  if (currency) return `${n < 0 ? '-' : ''}${currency}${grouped(Math.abs(n), decimals, true)}`;
  if (thousands || /^0(\.0+)?$/.test(fmt.trim())) return grouped(n, decimals, thousands);
  // General: up to 15 significant digits, as Excel shows.
  return String(Number(n.toPrecision(15)));
}

function grouped(n: number, decimals: number, thousands: boolean): string {
  const fixed = Math.abs(n).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const intText = thousands ? int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int!;
  const sign = n < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${intText}${frac ? `.${frac}` : ''}`;
}
