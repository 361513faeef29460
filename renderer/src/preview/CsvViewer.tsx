/** A CSV (or TSV) file as a table: the first row is the header, quoted fields and line breaks parsed right. */
import Papa from 'papaparse';
import { useMemo } from 'react';
import { decodeText } from '../../../shared/text/decode-text';
import { GridTable } from './GridTable';
import { formatBytes } from './TextViewer';

export function CsvViewer({ bytes, size, fileName, tabs }: { bytes: Uint8Array; size: number; fileName: string; tabs: boolean }) {
  const parsed = useMemo(() => {
    const { text, encoding } = decodeText(bytes);
    const result = Papa.parse<string[]>(text, { delimiter: tabs ? '\t' : '', skipEmptyLines: 'greedy' });
    // A prefix of a larger file ends mid-row: drop the last, partial row.
    const rows = size > bytes.length ? result.data.slice(0, -1) : result.data;
    return { header: rows[0] ?? [], body: rows.slice(1), encoding };
  }, [bytes, size, tabs]);
  return (
    <div className="csv-viewer">
      <p className="muted viewer-note" data-testid="csv-summary">
        {parsed.body.length.toLocaleString('en-US')} rows · {parsed.encoding}
        {size > bytes.length ? ` · the first ${formatBytes(bytes.length)} of ${formatBytes(size)}; save the file to the SBU folder to see all of it` : ''}
      </p>
      <GridTable header={parsed.header} rows={parsed.body} label={`${fileName} as a table`} testId="csv-table" />
    </div>
  );
}
