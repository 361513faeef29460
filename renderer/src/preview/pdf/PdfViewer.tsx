/**
 * The in-app PDF viewer: page n of N, thumbnails, fit width / fit page / zoom, rotate the view, find in
 * the text and keyboard paging. pdf.js runs with eval off and reads the file by range through the bridge;
 * nothing on a page is interactive (no link is followed, no script runs, forms are drawn read-only).
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ByteSource } from '../byte-source';
import { useElementSize } from '../use-element-size';
import { scaleFor, stepZoom, turn, ZOOM_STEPS, type ZoomChoice } from './page-fit';
import { PdfPageCanvas } from './PdfPageCanvas';
import { pdfErrorMessage } from './pdf-errors';
import { PdfThumbnails } from './PdfThumbnails';
import { loadPdfJs } from './pdfjs';
import { openRangeTransport, RANGE_CHUNK } from './range-transport';
import { usePdfFind } from './use-pdf-find';

type PdfJs = Awaited<ReturnType<typeof loadPdfJs>>;
type Loaded = { pdfjs: PdfJs; doc: PDFDocumentProxy; bytesRead: () => number; size: number };

function usePdfDocument(source: ByteSource): { loaded: Loaded | null; error: string | null } {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    let destroy: (() => void) | null = null;
    (async () => {
      const pdfjs = await loadPdfJs();
      const range = await openRangeTransport(pdfjs, source, (e) => {
        if (cancelled) return;
        setError(`The file could not be read from the vault: ${(e as Error)?.message ?? 'unknown error'}`);
        destroy?.();
      });
      const task = pdfjs.getDocument({
        range: range.transport, length: range.size, rangeChunkSize: RANGE_CHUNK,
        disableAutoFetch: true, disableStream: true,
        isEvalSupported: false, enableXfa: false,
        // A page image larger than this is skipped by pdf.js instead of exhausting memory.
        maxImageSize: 100_000_000,
      });
      destroy = () => { void task.destroy(); };
      // Closed while pdf.js was starting: end the task now, or its worker keeps the file and reads on.
      if (cancelled) { destroy(); return; }
      const doc = await task.promise;
      if (cancelled) { destroy(); return; }
      setLoaded({ pdfjs, doc, bytesRead: range.bytesRead, size: range.size });
    })().catch((e: unknown) => { if (!cancelled) setError(pdfErrorMessage(e)); });
    return () => { cancelled = true; destroy?.(); };
  }, [source]);
  return { loaded, error };
}

export function PdfViewer({ source }: { source: ByteSource }) {
  const { loaded, error } = usePdfDocument(source);
  if (error) return <p className="preview-problem" role="alert">{error}</p>;
  if (!loaded) return <p className="muted">Opening the PDF…</p>;
  return <LoadedPdf loaded={loaded} />;
}

function LoadedPdf({ loaded }: { loaded: Loaded }) {
  const { pdfjs, doc } = loaded;
  const count = doc.numPages;
  const [page, setPage] = useState(1);
  const [pageInput, setPageInput] = useState('1');
  const [zoom, setZoom] = useState<ZoomChoice>({ mode: 'fit-width' });
  const [rotation, setRotation] = useState(0);
  const [thumbs, setThumbs] = useState(count > 1);
  const [query, setQuery] = useState('');
  const [drawError, setDrawError] = useState<string | null>(null);
  const [pageSize, setPageSize] = useState<{ width: number; height: number; aspect1: number } | null>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const box = useElementSize(stageRef);
  const find = usePdfFind(doc, query);

  const go = (n: number) => {
    const next = Math.min(count, Math.max(1, Math.round(n)));
    setPage(next);
    setPageInput(String(next));
    setDrawError(null);
  };

  useEffect(() => {
    let cancelled = false;
    void Promise.all([doc.getPage(page), doc.getPage(1)]).then(([p, first]) => {
      if (cancelled) return;
      const v = p.getViewport({ scale: 1, rotation: (p.rotate + rotation) % 360 });
      const v1 = first.getViewport({ scale: 1, rotation: (first.rotate + rotation) % 360 });
      setPageSize({ width: v.width, height: v.height, aspect1: v1.height / v1.width });
    }).catch(() => undefined);
    return () => { cancelled = true; };
  }, [doc, page, rotation]);

  const scale = pageSize ? scaleFor(zoom, pageSize.width, pageSize.height, box.width - 16, box.height - 16) : null;
  const shownScale = scale ?? 1;
  const hitIndex = find.hits.findIndex((h) => h.page === page);
  const nextHit = (direction: 1 | -1) => {
    if (find.hits.length === 0) return;
    const after = direction > 0 ? find.hits.find((h) => h.page > page) ?? find.hits[0] : [...find.hits].reverse().find((h) => h.page < page) ?? find.hits.at(-1);
    if (after) go(after.page);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const inField = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') { e.preventDefault(); findRef.current?.focus(); findRef.current?.select(); return; }
    if (inField) return;
    const keys: Record<string, () => void> = {
      PageDown: () => go(page + 1), ArrowRight: () => go(page + 1), ' ': () => go(page + 1),
      PageUp: () => go(page - 1), ArrowLeft: () => go(page - 1),
      Home: () => go(1), End: () => go(count),
      '+': () => setZoom({ mode: 'scale', scale: stepZoom(shownScale, 1) }), '=': () => setZoom({ mode: 'scale', scale: stepZoom(shownScale, 1) }),
      '-': () => setZoom({ mode: 'scale', scale: stepZoom(shownScale, -1) }),
      r: () => setRotation((r) => turn(r, 1)), R: () => setRotation((r) => turn(r, -1)),
    };
    const action = !e.ctrlKey && !e.metaKey && !e.altKey ? keys[e.key] : undefined;
    if (action) { e.preventDefault(); action(); }
  };

  const zoomValue = zoom.mode === 'scale' ? String(zoom.scale) : zoom.mode;
  return (
    <div className="pdf-viewer" onKeyDown={onKeyDown} data-testid="pdf-viewer" data-page-count={count} data-page={page}>
      <div className="viewer-toolbar" role="toolbar" aria-label="PDF pages and view">
        {count > 1 && <button type="button" className="secondary" aria-pressed={thumbs} onClick={() => setThumbs((t) => !t)}>Pages</button>}
        <button type="button" className="secondary" onClick={() => go(page - 1)} disabled={page <= 1} aria-label="Previous page" title="Previous page (Page Up)">‹</button>
        <label className="page-of">
          <span className="visually-hidden">Page</span>
          <input aria-label="Page number" inputMode="numeric" value={pageInput} size={Math.max(2, String(count).length)}
            onChange={(e) => setPageInput(e.target.value)}
            onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); const n = Number(pageInput); if (Number.isFinite(n)) go(n); else setPageInput(String(page)); } }}
            onBlur={() => setPageInput(String(page))} />
          <span data-testid="pdf-page-of"> of {count}</span>
        </label>
        <button type="button" className="secondary" onClick={() => go(page + 1)} disabled={page >= count} aria-label="Next page" title="Next page (Page Down)">›</button>
        <select aria-label="Zoom" value={zoomValue} onChange={(e) => {
          const v = e.target.value;
          setZoom(v === 'fit-width' || v === 'fit-page' ? { mode: v } : { mode: 'scale', scale: Number(v) });
        }}>
          <option value="fit-width">Fit width</option>
          <option value="fit-page">Fit page</option>
          {zoom.mode === 'scale' && !(ZOOM_STEPS as readonly number[]).includes(zoom.scale) && <option value={String(zoom.scale)}>{Math.round(zoom.scale * 100)} %</option>}
          {ZOOM_STEPS.map((s) => <option key={s} value={String(s)}>{Math.round(s * 100)} %</option>)}
        </select>
        <button type="button" className="secondary" onClick={() => setZoom({ mode: 'scale', scale: stepZoom(shownScale, -1) })} aria-label="Zoom out" title="Zoom out (−)">−</button>
        <button type="button" className="secondary" onClick={() => setZoom({ mode: 'scale', scale: stepZoom(shownScale, 1) })} aria-label="Zoom in" title="Zoom in (+)">+</button>
        <button type="button" className="secondary" onClick={() => setRotation((r) => turn(r, 1))} aria-label="Rotate view clockwise" title="Rotate the view (R)">⟳</button>
        <span className="viewer-find">
          <input ref={findRef} type="search" aria-label="Find in document" placeholder="Find (Ctrl+F)" value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); nextHit(e.shiftKey ? -1 : 1); } }} />
          <span className="muted" aria-live="polite" data-testid="pdf-find-status">
            {query.trim().length >= 2 ? findSummary(find, hitIndex) : ''}
          </span>
        </span>
      </div>
      <div className="pdf-body">
        {thumbs && pageSize && <PdfThumbnails pdfjs={pdfjs} doc={doc} current={page} aspect={pageSize.aspect1} rotation={rotation} onPick={go} />}
        <div ref={stageRef} className="pdf-stage" tabIndex={0} aria-label={`Page ${page} of ${count}`} data-testid="pdf-stage">
          {drawError && <p className="preview-problem" role="alert">{drawError}</p>}
          {scale !== null && (
            <PdfPageCanvas key={page} pdfjs={pdfjs} doc={doc} pageNumber={page} scale={scale} rotation={rotation} textLayer query={query}
              onError={(e) => setDrawError(`Page ${page} could not be drawn: ${pdfErrorMessage(e)}`)} />
          )}
        </div>
      </div>
    </div>
  );
}

function findSummary(find: ReturnType<typeof usePdfFind>, hitIndex: number): string {
  const total = find.hits.reduce((n, h) => n + h.count, 0);
  const where = find.hits.length === 0 ? '' : ` on ${find.hits.length} page${find.hits.length === 1 ? '' : 's'}`;
  const here = hitIndex >= 0 ? ` (this page: ${find.hits[hitIndex]?.count ?? 0})` : '';
  return `${find.searching ? 'Searching… ' : ''}${total} match${total === 1 ? '' : 'es'}${where}${here}`;
}
