/**
 * One PDF page drawn on a canvas by pdf.js, with its text layer on top (select, copy, find). Forms and
 * annotations are drawn as part of the page image only: nothing on it is interactive, so no link can be
 * followed and no field edited.
 */
import type { PDFDocumentProxy, PDFPageProxy, RenderTask } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import type { loadPdfJs } from './pdfjs';
import { highlightMatches } from './text-highlight';

type PdfJs = Awaited<ReturnType<typeof loadPdfJs>>;

/** A canvas larger than this many device pixels is drawn at a lower resolution (memory per page). */
const MAX_CANVAS_PIXELS = 16_000_000;

export interface PageDrawn { pageNumber: number; width: number; height: number }

export function PdfPageCanvas({ pdfjs, doc, pageNumber, scale, rotation, textLayer, query, onDrawn, onError, className }: {
  pdfjs: PdfJs; doc: PDFDocumentProxy; pageNumber: number; scale: number; rotation: number;
  textLayer: boolean; query?: string; className?: string;
  onDrawn?: (drawn: PageDrawn) => void; onError?: (error: unknown) => void;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const pageRef = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState<{ width: number; height: number } | null>(null);
  const latest = useRef({ onDrawn, onError, query });
  useEffect(() => { latest.current = { onDrawn, onError, query }; });

  useEffect(() => {
    let cancelled = false;
    let task: RenderTask | null = null;
    let page: PDFPageProxy | null = null;
    let text: InstanceType<PdfJs['TextLayer']> | null = null;
    (async () => {
      page = await doc.getPage(pageNumber);
      if (cancelled) return;
      const viewport = page.getViewport({ scale, rotation: (page.rotate + rotation) % 360 });
      const ratio = Math.min(window.devicePixelRatio || 1, Math.sqrt(MAX_CANVAS_PIXELS / (viewport.width * viewport.height)));
      const canvas = canvasRef.current;
      if (!canvas) return;
      canvas.width = Math.max(1, Math.floor(viewport.width * ratio));
      canvas.height = Math.max(1, Math.floor(viewport.height * ratio));
      setBox({ width: viewport.width, height: viewport.height });
      task = page.render({
        canvas, viewport, annotationMode: pdfjs.AnnotationMode.ENABLE,
        transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
      });
      await task.promise;
      if (cancelled) return;
      if (pageRef.current) pageRef.current.dataset.drawn = 'true';
      if (textLayer && textRef.current) {
        const container = textRef.current;
        container.replaceChildren();
        container.style.setProperty('--total-scale-factor', String(scale));
        text = new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container, viewport });
        await text.render();
        if (cancelled) return;
        container.dataset.ready = 'true';
        highlightMatches(container, latest.current.query ?? '');
      }
      latest.current.onDrawn?.({ pageNumber, width: viewport.width, height: viewport.height });
    })().catch((error: unknown) => {
      if (!cancelled && (error as Error)?.name !== 'RenderingCancelledException') latest.current.onError?.(error);
    });
    return () => {
      cancelled = true;
      task?.cancel();
      text?.cancel();
      // Drops the page's decoded images and fonts from the worker: paging through 300 pages stays small.
      page?.cleanup();
    };
  }, [pdfjs, doc, pageNumber, scale, rotation, textLayer]);

  useEffect(() => {
    const container = textRef.current;
    if (!container || container.dataset.ready !== 'true') return;
    highlightMatches(container, query ?? '');
  });

  return (
    <div ref={pageRef} className={className ?? 'pdf-page'} style={box ? { width: box.width, height: box.height } : undefined} data-page-number={pageNumber}>
      <canvas ref={canvasRef} style={box ? { width: box.width, height: box.height } : undefined} aria-hidden="true" />
      {textLayer && <div ref={textRef} className="textLayer" data-testid="pdf-text-layer" />}
    </div>
  );
}
