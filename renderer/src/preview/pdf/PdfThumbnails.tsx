/** Page thumbnails beside the page: only the ones scrolled into view are drawn (300 pages stay light). */
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useRef } from 'react';
import { PdfPageCanvas } from './PdfPageCanvas';
import type { loadPdfJs } from './pdfjs';

const THUMB_WIDTH = 96;

export function PdfThumbnails({ pdfjs, doc, current, aspect, rotation, onPick }: {
  pdfjs: Awaited<ReturnType<typeof loadPdfJs>>; doc: PDFDocumentProxy; current: number;
  /** Height / width of page 1 (rotated), to size the rows before each page is read. */
  aspect: number; rotation: number; onPick: (page: number) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowHeight = Math.round(THUMB_WIDTH * aspect) + 28;
  // The virtualizer's functions are used during this render only and never passed to memoized children.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: doc.numPages, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 2 });
  useEffect(() => { virtualizer.scrollToIndex(current - 1, { align: 'auto' }); }, [current, virtualizer]);

  return (
    <nav ref={scrollRef} className="pdf-thumbnails" aria-label="Pages" tabIndex={0}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const page = row.index + 1;
          return (
            <button key={row.key} type="button" className="pdf-thumb" aria-current={page === current ? 'page' : undefined}
              aria-label={`Page ${page}`} tabIndex={-1} onClick={() => onPick(page)}
              style={{ position: 'absolute', top: row.start, height: rowHeight, width: '100%' }}>
              <ThumbnailCanvas pdfjs={pdfjs} doc={doc} page={page} rotation={rotation} />
              <span className="pdf-thumb-number">{page}</span>
            </button>
          );
        })}
      </div>
    </nav>
  );
}

function ThumbnailCanvas({ pdfjs, doc, page, rotation }: { pdfjs: Awaited<ReturnType<typeof loadPdfJs>>; doc: PDFDocumentProxy; page: number; rotation: number }) {
  // Thumbnails are drawn at a fixed small scale: a US letter page is 612 pt wide.
  return <PdfPageCanvas pdfjs={pdfjs} doc={doc} pageNumber={page} scale={THUMB_WIDTH / 612} rotation={rotation} textLayer={false} className="pdf-thumb-page" />;
}
