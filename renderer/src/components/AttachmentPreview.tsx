/**
 * The reading pane's document area: shows an attachment without writing it to disk, in the viewer its
 * detected type calls for. Bytes come decrypted from the main side in slices and live only in this
 * window's memory, released when the preview closes (the query cache keeps nothing: gcTime 0).
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { previewKindOf, type PreviewKind } from '../../../shared/content-type/preview-kind';
import type { AttachmentView } from '../../../shared/ipc/workspace-schemas';
import { PREVIEW_READ_LIMITS } from '../../../shared/limits';
import { useBridge } from '../bridge/BridgeContext';
import { AttachmentAnswers } from '../casework/AttachmentAnswers';
import { errorData } from '../data/bridge-error';
import { useToasts } from '../feedback/Toasts';
import { attachmentSource, readPrefix, type ByteSource } from '../preview/byte-source';
import { CsvViewer } from '../preview/CsvViewer';
import { DocxViewer } from '../preview/DocxViewer';
import { FileFacts } from '../preview/FileFacts';
import { ImagePagesViewer } from '../preview/ImagePagesViewer';
import { PdfViewer } from '../preview/pdf/PdfViewer';
import { SheetViewer } from '../preview/SheetViewer';
import { TextViewer } from '../preview/TextViewer';
import { ErrorNotice } from './ErrorNotice';

/** The first `limit` bytes (whole-file viewers: text, CSV, Office), through the query cache. */
function usePrefix(source: ByteSource, attachmentId: number, limit: number, enabled: boolean) {
  return useQuery({
    queryKey: ['attachments.read', { attachmentId, limit }],
    queryFn: () => readPrefix(source, limit),
    enabled,
    gcTime: 0,
    retry: false,
  });
}

function WholeFileViewer({ source, attachment, kind }: { source: ByteSource; attachment: AttachmentView; kind: PreviewKind }) {
  const limit = kind === 'text' ? PREVIEW_READ_LIMITS.text : kind === 'csv' ? PREVIEW_READ_LIMITS.csv : PREVIEW_READ_LIMITS.office;
  const tooBig = (kind === 'docx' || kind === 'xlsx') && attachment.size > limit;
  const read = usePrefix(source, attachment.id, limit, !tooBig);
  if (tooBig) return <p className="preview-problem">This file is too large to preview here. Save it to the SBU folder to open it.</p>;
  if (read.error) return <ErrorNotice error={errorData(read.error)} />;
  if (!read.data) return <p className="muted">Decrypting…</p>;
  const { bytes, size } = read.data;
  switch (kind) {
    case 'text': return <TextViewer bytes={bytes} size={size} />;
    case 'csv': return <CsvViewer bytes={bytes} size={size} fileName={attachment.fileName} tabs={attachment.detectedType === 'text/tab-separated-values'} />;
    case 'docx': return <DocxViewer bytes={bytes} />;
    case 'xlsx': return <SheetViewer bytes={bytes} fileName={attachment.fileName} />;
    default: return null;
  }
}

export function AttachmentPreview({ attachment, onClose }: { attachment: AttachmentView; onClose: () => void }) {
  const bridge = useBridge();
  const toasts = useToasts();
  const kind = attachment.blocked ? 'none' : previewKindOf(attachment.detectedType);
  const source = useMemo(() => attachmentSource(bridge, attachment.id, attachment.fileName), [bridge, attachment.id, attachment.fileName]);
  const [expanded, setExpanded] = useState(false);
  const closeRef = useRef<HTMLButtonElement>(null);
  const areaRef = useRef<HTMLElement>(null);
  useEffect(() => {
    // The document area opens at the top of the reading pane, however long the attachment list is.
    areaRef.current?.scrollIntoView({ block: 'start' });
    closeRef.current?.focus({ preventScroll: true });
  }, []);
  async function save() {
    const r = await bridge.attachments.export({ attachmentId: attachment.id });
    if (r.ok) toasts.info(`export-${attachment.id}`, `Saved to the SBU folder as ${r.value.fileName}.`); else toasts.error(`export-${attachment.id}`, r.error);
  }

  let viewer: ReactNode;
  if (kind === 'pdf') viewer = <PdfViewer source={source} />;
  else if (kind === 'image' || kind === 'tiff') viewer = <ImagePagesViewer attachmentId={attachment.id} fileName={attachment.fileName} fax={kind === 'tiff'} />;
  else if (kind === 'none') viewer = <p className="muted">{attachment.blocked ? 'Blocked file types are never opened.' : `No viewer here shows ${attachment.detectedType} files. Save it to the SBU folder to open it in another program.`}</p>;
  else viewer = <WholeFileViewer source={source} attachment={attachment} kind={kind} />;

  return (
    <section ref={areaRef} className={`document-area${kind === 'none' ? ' document-area-facts' : ''}${expanded ? ' document-area-expanded' : ''}`} aria-labelledby="preview-heading" data-testid="document-area" data-preview-kind={kind}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.stopPropagation();
        if (expanded) setExpanded(false); else onClose();
      }}>
      <div className="preview-head">
        <h3 id="preview-heading">{attachment.fileName}</h3>
        <AttachmentAnswers attachmentId={attachment.id} />
        <span className="preview-head-actions">
          {kind !== 'none' && <button type="button" className="secondary" aria-pressed={expanded} onClick={() => setExpanded((x) => !x)}>{expanded ? 'Back to pane' : 'Full window'}</button>}
          <button type="button" className="secondary" ref={closeRef} onClick={onClose}>Close preview</button>
        </span>
      </div>
      <div className="preview-body">{viewer}</div>
      <details className="preview-details" open={kind === 'none'}>
        <summary>File details</summary>
        <FileFacts attachment={attachment} onSave={() => void save()} />
      </details>
    </section>
  );
}
