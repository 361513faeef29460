/**
 * A read-only grid of cell text with a sticky header row and row numbers; only the rows in view are in
 * the DOM (a 100,000-row CSV scrolls like a 10-row one). Cell text is shown as text, never as markup.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';

const ROW_HEIGHT = 24;

export function GridTable({ header, rows, label, testId }: { header: string[]; rows: string[][]; label: string; testId?: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer's functions are used during this render only and never passed to memoized children.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const template = useMemo(() => columnTemplate(header, rows), [header, rows]);
  const columns = template.columns;
  return (
    <div ref={scrollRef} className="grid-table" role="table" aria-label={label} aria-rowcount={rows.length + 1} tabIndex={0} data-testid={testId}>
      <div className="grid-row grid-head" role="row" style={{ gridTemplateColumns: template.css }}>
        <span role="columnheader" className="grid-rownum">#</span>
        {Array.from({ length: columns }, (_, c) => <span key={c} role="columnheader">{header[c] ?? ''}</span>)}
      </div>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((v) => {
          const row = rows[v.index] ?? [];
          return (
            <div key={v.key} className="grid-row" role="row" aria-rowindex={v.index + 2}
              style={{ gridTemplateColumns: template.css, position: 'absolute', top: v.start, height: ROW_HEIGHT, left: 0, minWidth: '100%' }}>
              <span role="rowheader" className="grid-rownum">{v.index + 1}</span>
              {Array.from({ length: columns }, (_, c) => <span key={c} role="cell">{row[c] ?? ''}</span>)}
            </div>
          );
        })}
      </div>
    </div>
  );
}


/**
 * One set of column widths for every row (the header lines up with the cells), from the longest text
 * in the first rows: at least 6 and at most 40 characters wide.
 */
function columnTemplate(header: string[], rows: string[][]): { columns: number; css: string } {
  const sample = rows.slice(0, 300);
  const columns = Math.max(header.length, ...sample.map((r) => r.length), 0);
  const widths = Array.from({ length: columns }, (_, c) => {
    const longest = Math.max((header[c] ?? '').length, ...sample.map((r) => (r[c] ?? '').length));
    return Math.min(40, Math.max(6, longest + 2));
  });
  const rowNumbers = Math.max(3, String(rows.length).length + 1);
  // Each cell has 8 px of padding on both sides, on top of its text.
  return { columns, css: [rowNumbers, ...widths].map((w) => `calc(${w}ch + 16px)`).join(' ') };
}
