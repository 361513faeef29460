/** An Excel workbook read by exceljs in a worker: one read-only grid per sheet, with sheet tabs. */
import { useMemo, useState } from 'react';
import { columnLetters } from '../../../shared/documents/column-letters';
import { GridTable } from './GridTable';
import { officeProblem, useOfficeConversion } from './office/use-office-conversion';

export function SheetViewer({ bytes, fileName }: { bytes: Uint8Array; fileName: string }) {
  const task = useMemo(() => ({ kind: 'xlsx' as const, bytes }), [bytes]);
  const result = useOfficeConversion(task);
  const [tab, setTab] = useState(0);
  if (!result) return <p className="muted">Opening the workbook…</p>;
  if (!result.ok) return <p className="preview-problem" role="alert">{officeProblem('xlsx', result.message)}</p>;
  if (result.kind !== 'xlsx') return null;
  const sheets = result.sheets;
  const sheet = sheets[Math.min(tab, sheets.length - 1)];
  if (!sheet) return <p className="muted">This workbook has no sheets.</p>;
  const header = Array.from({ length: sheet.columnCount }, (_, c) => columnLetters(c));
  return (
    <div className="sheet-viewer">
      <div role="tablist" aria-label="Sheets" className="sheet-tabs">
        {sheets.map((s, i) => (
          <button key={`${i}-${s.name}`} type="button" role="tab" aria-selected={i === tab} className="sheet-tab" onClick={() => setTab(i)}>{s.name}</button>
        ))}
      </div>
      {sheet.truncated && <p className="muted viewer-note">This sheet has {sheet.totalRows.toLocaleString('en-US')} rows and {sheet.totalColumns} columns; the first {sheet.rowCount.toLocaleString('en-US')} rows and {sheet.columnCount} columns are shown.</p>}
      <GridTable header={header} rows={sheet.rows} label={`${fileName}, sheet ${sheet.name}`} testId="sheet-grid" />
    </div>
  );
}
