/**
 * Photos, scans and multi-page TIFF faxes, decoded page by page in the main process (sharp) to a bounded
 * preview: the renderer never decodes a taxpayer's image itself, so a 20,000-pixel photo or a
 * decompression bomb cannot exhaust it. Page n of N, fit / actual size / zoom, rotate the view.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { MAX_PREVIEW_EDGE } from '../../../shared/ipc/preview-schemas';
import { useBridge } from '../bridge/BridgeContext';
import { errorData, unwrap } from '../data/bridge-error';
import { ErrorNotice } from '../components/ErrorNotice';
import { stepZoom, turn } from './pdf/page-fit';
import { useElementSize } from './use-element-size';

type Zoom = { mode: 'fit' } | { mode: 'fit-width' } | { mode: 'scale'; scale: number };

/** The edge to ask the main side for: what the zoom shows on this screen, rounded up to a step. */
function wantedEdge(zoom: Zoom, box: { width: number; height: number }, source: { w: number; h: number } | null): number {
  const dpr = window.devicePixelRatio || 1;
  const fitEdge = Math.max(box.width, box.height, 256) * dpr;
  const edge = zoom.mode !== 'scale' || !source ? fitEdge : Math.max(source.w, source.h) * zoom.scale * dpr;
  const step = 512;
  return Math.min(MAX_PREVIEW_EDGE, Math.max(step, Math.ceil(edge / step) * step));
}

/** Faxes (TIFF) open at fit width, to be read line by line; photos at fit page. */
export function ImagePagesViewer({ attachmentId, fileName, fax }: { attachmentId: number; fileName: string; fax: boolean }) {
  const bridge = useBridge();
  const [page, setPage] = useState(0);
  const [zoom, setZoom] = useState<Zoom>(fax ? { mode: 'fit-width' } : { mode: 'fit' });
  const [rotation, setRotation] = useState(0);
  const stageRef = useRef<HTMLDivElement>(null);
  const box = useElementSize(stageRef);
  // The size the last answer reported (the previous page's while the next one decodes).
  const [source, setSource] = useState<{ w: number; h: number } | null>(null);
  const maxEdge = wantedEdge(zoom, box, source);
  const rendered = useQuery({
    queryKey: ['attachments.renderPage', { attachmentId, page, maxEdge }],
    queryFn: async () => {
      const decoded = await unwrap(bridge.attachments.renderPage({ attachmentId, page, maxEdge }));
      setSource({ w: decoded.sourceWidth, h: decoded.sourceHeight });
      return decoded;
    },
    enabled: box.width > 0,
    gcTime: 0,
    retry: false,
    placeholderData: (previous) => previous,
  });
  const data = rendered.data;
  const pageCount = data?.pageCount ?? 1;

  // Fit: the whole page in the stage; scale: source pixels × zoom (100 % = the scan's own pixels).
  const quarter = rotation % 180 !== 0;
  const upright = source ? { w: quarter ? source.h : source.w, h: quarter ? source.w : source.h } : null;
  const widthScale = upright ? Math.min((box.width - 24) / upright.w, 1) : 1;
  const fitScale = upright ? Math.min(widthScale, (box.height - 16) / upright.h) : 1;
  const scale = zoom.mode === 'fit' ? fitScale : zoom.mode === 'fit-width' ? widthScale : zoom.scale;
  const shown = source ? { w: source.w * scale, h: source.h * scale } : null;

  const go = (n: number) => setPage(Math.min(pageCount - 1, Math.max(0, n)));
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.target instanceof HTMLSelectElement) return;
    const keys: Record<string, () => void> = {
      PageDown: () => go(page + 1), ArrowRight: () => go(page + 1), PageUp: () => go(page - 1), ArrowLeft: () => go(page - 1),
      Home: () => go(0), End: () => go(pageCount - 1),
      '+': () => setZoom({ mode: 'scale', scale: stepZoom(scale, 1) }), '=': () => setZoom({ mode: 'scale', scale: stepZoom(scale, 1) }),
      '-': () => setZoom({ mode: 'scale', scale: stepZoom(scale, -1) }),
      r: () => setRotation((r) => turn(r, 1)), R: () => setRotation((r) => turn(r, -1)),
    };
    const action = keys[e.key];
    if (action) { e.preventDefault(); action(); }
  };

  return (
    <div className="image-viewer" onKeyDown={onKeyDown} data-testid="image-viewer" data-page={page + 1} data-page-count={pageCount}>
      <div className="viewer-toolbar" role="toolbar" aria-label="Image pages and view">
        {pageCount > 1 && (
          <>
            <button type="button" className="secondary" onClick={() => go(page - 1)} disabled={page <= 0} aria-label="Previous page">‹</button>
            <span data-testid="image-page-of">Page {page + 1} of {pageCount}</span>
            <button type="button" className="secondary" onClick={() => go(page + 1)} disabled={page >= pageCount - 1} aria-label="Next page">›</button>
          </>
        )}
        <select aria-label="Zoom" value={zoom.mode === 'scale' ? String(zoom.scale) : zoom.mode}
          onChange={(e) => { const v = e.target.value; setZoom(v === 'fit' || v === 'fit-width' ? { mode: v } : { mode: 'scale', scale: Number(v) }); }}>
          <option value="fit-width">Fit width</option>
          <option value="fit">Fit page</option>
          {zoom.mode === 'scale' && ![0.25, 0.5, 1, 2].includes(zoom.scale) && <option value={String(zoom.scale)}>{Math.round(zoom.scale * 100)} %</option>}
          {[0.25, 0.5, 1, 2].map((s) => <option key={s} value={String(s)}>{s * 100} %</option>)}
        </select>
        <button type="button" className="secondary" onClick={() => setZoom({ mode: 'scale', scale: stepZoom(scale, -1) })} aria-label="Zoom out">−</button>
        <button type="button" className="secondary" onClick={() => setZoom({ mode: 'scale', scale: stepZoom(scale, 1) })} aria-label="Zoom in">+</button>
        <button type="button" className="secondary" onClick={() => setRotation((r) => turn(r, 1))} aria-label="Rotate view clockwise">⟳</button>
        {source && <span className="muted">{source.w} × {source.h} px</span>}
      </div>
      <div ref={stageRef} className="image-stage" tabIndex={0} aria-label={`Page ${page + 1} of ${pageCount}`}>
        {rendered.error && <ErrorNotice error={errorData(rendered.error)} />}
        {!rendered.error && !data && <p className="muted">Decrypting…</p>}
        {data && shown && (
          <div className="image-frame" style={{ width: quarter ? shown.h : shown.w, height: quarter ? shown.w : shown.h }}>
            <DecodedImage bytes={data.bytes} type={data.mimeType} alt={`${fileName}, page ${page + 1} of ${pageCount}`}
              style={{ width: shown.w, height: shown.h, transform: `translate(-50%, -50%) rotate(${rotation}deg)` }} />
          </div>
        )}
      </div>
    </div>
  );
}

/** Decoded bytes shown through an object URL that lives exactly as long as the element shows them. */
function DecodedImage({ bytes, type, alt, style }: { bytes: Uint8Array; type: string; alt: string; style: CSSProperties }) {
  const ref = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
    if (ref.current) ref.current.src = url;
    return () => URL.revokeObjectURL(url);
  }, [bytes, type]);
  return <img ref={ref} alt={alt} data-testid="image-page" style={style} />;
}
