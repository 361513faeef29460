/** Plain text, decoded as UTF-8, UTF-16 (BOM) or Windows-1252, shown without any markup interpretation. */
import { useMemo } from 'react';
import { decodeText } from '../../../shared/text/decode-text';

export function TextViewer({ bytes, size }: { bytes: Uint8Array; size: number }) {
  const { text, encoding } = useMemo(() => decodeText(bytes), [bytes]);
  return (
    <div className="text-viewer">
      <p className="muted viewer-note" data-testid="text-encoding">{encoding}{size > bytes.length ? ` · the first ${formatBytes(bytes.length)} of ${formatBytes(size)}` : ''}</p>
      <pre className="preview-text" data-testid="preview-text" tabIndex={0}>{text}</pre>
      {size > bytes.length && <p className="muted">Only the beginning is shown. Save the file to the SBU folder to see all of it.</p>}
    </div>
  );
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}
