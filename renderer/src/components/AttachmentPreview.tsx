/**
 * The reading pane's document area: shows an attachment without writing it to disk. Bytes come
 * decrypted from the main side in slices and live only in this window's memory. Images and text are
 * shown here; other types are named with a hint to save them to the SBU folder (the preview issue adds
 * viewers for PDF, TIFF and Office files here).
 */
import { useEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import { MAX_ATTACHMENT_SLICE, type AttachmentView } from '../../../shared/ipc/workspace-schemas';
import type { ScoicApi } from '../../../shared/ipc/bridge';
import { useBridge } from '../bridge/BridgeContext';
import { ErrorNotice } from './ErrorNotice';

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
const TEXT_TYPES = new Set(['text/plain', 'text/csv']);
/** Previews read at most this much; larger files are saved and opened from the SBU folder. */
const PREVIEW_LIMIT = 64 * 1024 * 1024;
const TEXT_LIMIT = 256 * 1024;

async function readAll(bridge: ScoicApi, attachmentId: number, limit: number): Promise<{ bytes: Uint8Array; size: number } | AppErrorData> {
  const parts: Uint8Array[] = [];
  let offset = 0;
  let size = Infinity;
  while (offset < Math.min(size, limit)) {
    const r = await bridge.attachments.read({ attachmentId, offset, length: Math.min(MAX_ATTACHMENT_SLICE, limit - offset) });
    if (!r.ok) return r.error;
    size = r.value.size;
    if (r.value.bytes.length === 0) break;
    parts.push(r.value.bytes);
    offset += r.value.bytes.length;
  }
  const bytes = new Uint8Array(offset);
  let at = 0;
  for (const p of parts) { bytes.set(p, at); at += p.length; }
  return { bytes, size: size === Infinity ? offset : size };
}

/** Why a file is not previewed here, or null when it is. */
function noPreviewReason(a: AttachmentView): string | null {
  if (!IMAGE_TYPES.has(a.detectedType) && !TEXT_TYPES.has(a.detectedType)) {
    return `Preview is not available for ${a.detectedType} files here. Save it to the SBU folder to open it.`;
  }
  if (IMAGE_TYPES.has(a.detectedType) && a.size > PREVIEW_LIMIT) return 'This image is too large to preview. Save it to the SBU folder to open it.';
  return null;
}

type Loaded = { kind: 'image'; url: string } | { kind: 'text'; text: string; truncated: boolean };

export function AttachmentPreview({ attachment, onClose }: { attachment: AttachmentView; onClose: () => void }) {
  const unavailable = noPreviewReason(attachment);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const content = unavailable ? { kind: 'none' as const, why: unavailable } : loaded;
  const [error, setError] = useState<AppErrorData | null>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const bridge = useBridge();

  useEffect(() => {
    closeRef.current?.focus();
    let live = true;
    let url: string | null = null;
    const type = attachment.detectedType;
    if (noPreviewReason(attachment)) return;
    void readAll(bridge, attachment.id, TEXT_TYPES.has(type) ? TEXT_LIMIT : PREVIEW_LIMIT).then((r) => {
      if (!live) return;
      if ('code' in r) { setError(r); return; }
      if (IMAGE_TYPES.has(type)) {
        url = URL.createObjectURL(new Blob([r.bytes as Uint8Array<ArrayBuffer>], { type }));
        setLoaded({ kind: 'image', url });
      } else {
        setLoaded({ kind: 'text', text: new TextDecoder('utf-8', { fatal: false }).decode(r.bytes), truncated: r.size > r.bytes.length });
      }
    });
    return () => { live = false; if (url) URL.revokeObjectURL(url); };
  }, [attachment, bridge]);

  return (
    <section className="document-area" aria-labelledby="preview-heading" data-testid="document-area"
      onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); onClose(); } }}>
      <div className="preview-head">
        <h3 id="preview-heading">{attachment.fileName}</h3>
        <button type="button" className="secondary" ref={closeRef} onClick={onClose}>Close preview</button>
      </div>
      <div className="preview-body">
        {error && <ErrorNotice error={error} />}
        {!content && !error && <p className="muted">Decrypting…</p>}
        {content?.kind === 'image' && <img className="preview-image" src={content.url} alt={`Preview of ${attachment.fileName}`} />}
        {content?.kind === 'text' && (
          <>
            <pre className="preview-text" data-testid="preview-text">{content.text}</pre>
            {content.truncated && <p className="muted">Only the beginning is shown. Save the file to the SBU folder to see all of it.</p>}
          </>
        )}
        {content?.kind === 'none' && <p>{content.why}</p>}
      </div>
    </section>
  );
}
