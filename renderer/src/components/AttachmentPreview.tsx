/**
 * The reading pane's document area: shows an attachment without writing it to disk. Bytes come
 * decrypted from the main side in slices and live only in this window's memory. Images and text are
 * shown here; other types are named with a hint to save them to the SBU folder (the preview issue adds
 * viewers for PDF, TIFF and Office files here).
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { MAX_ATTACHMENT_SLICE, type AttachmentView } from '../../../shared/ipc/workspace-schemas';
import type { ScoicApi } from '../../../shared/ipc/bridge';
import { useBridge } from '../bridge/BridgeContext';
import { errorData, unwrap } from '../data/bridge-error';
import { ErrorNotice } from './ErrorNotice';

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
const TEXT_TYPES = new Set(['text/plain', 'text/csv']);
/** Previews read at most this much; larger files are saved and opened from the SBU folder. */
const PREVIEW_LIMIT = 64 * 1024 * 1024;
const TEXT_LIMIT = 256 * 1024;

/** Reads the first `limit` bytes in slices; throws the bridge's error as a BridgeError. */
async function readAll(bridge: ScoicApi, attachmentId: number, limit: number): Promise<{ bytes: Uint8Array; size: number }> {
  const parts: Uint8Array[] = [];
  let offset = 0;
  let size = Infinity;
  while (offset < Math.min(size, limit)) {
    const slice = await unwrap(bridge.attachments.read({ attachmentId, offset, length: Math.min(MAX_ATTACHMENT_SLICE, limit - offset) }));
    size = slice.size;
    if (slice.bytes.length === 0) break;
    parts.push(slice.bytes);
    offset += slice.bytes.length;
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

/** Decrypted bytes through the query cache: one read per shown file, dropped as soon as it is closed. */
function usePreviewBytes(attachment: AttachmentView, enabled: boolean) {
  const bridge = useBridge();
  const limit = TEXT_TYPES.has(attachment.detectedType) ? TEXT_LIMIT : PREVIEW_LIMIT;
  return useQuery({
    queryKey: ['attachments.read', { attachmentId: attachment.id, limit }],
    queryFn: () => readAll(bridge, attachment.id, limit),
    enabled,
    gcTime: 0,
  });
}

/** Image bytes shown through an object URL that lives exactly as long as the element shows them. */
function BlobImage({ bytes, type, alt }: { bytes: Uint8Array; type: string; alt: string }) {
  const ref = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
    if (ref.current) ref.current.src = url;
    return () => URL.revokeObjectURL(url);
  }, [bytes, type]);
  return <img ref={ref} className="preview-image" alt={alt} />;
}

export function AttachmentPreview({ attachment, onClose }: { attachment: AttachmentView; onClose: () => void }) {
  const unavailable = noPreviewReason(attachment);
  const image = IMAGE_TYPES.has(attachment.detectedType);
  const read = usePreviewBytes(attachment, unavailable === null);
  const text = useMemo(() => (!image && read.data ? new TextDecoder('utf-8', { fatal: false }).decode(read.data.bytes) : null), [image, read.data]);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => { closeRef.current?.focus(); }, []);

  return (
    <section className="document-area" aria-labelledby="preview-heading" data-testid="document-area"
      onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); onClose(); } }}>
      <div className="preview-head">
        <h3 id="preview-heading">{attachment.fileName}</h3>
        <button type="button" className="secondary" ref={closeRef} onClick={onClose}>Close preview</button>
      </div>
      <div className="preview-body">
        {unavailable && <p>{unavailable}</p>}
        {read.error && <ErrorNotice error={errorData(read.error)} />}
        {!unavailable && read.isPending && <p className="muted">Decrypting…</p>}
        {image && read.data && <BlobImage bytes={read.data.bytes} type={attachment.detectedType} alt={`Preview of ${attachment.fileName}`} />}
        {text !== null && read.data && (
          <>
            <pre className="preview-text" data-testid="preview-text">{text}</pre>
            {read.data.size > read.data.bytes.length && <p className="muted">Only the beginning is shown. Save the file to the SBU folder to see all of it.</p>}
          </>
        )}
      </div>
    </section>
  );
}
