/** A Word document converted by mammoth in a worker, sanitised, and shown as a read-only page. */
import { useEffect, useMemo, useRef } from 'react';
import { officeProblem, useOfficeConversion } from './office/use-office-conversion';
import { sanitizeDocxHtml } from './office/sanitize-docx-html';

export function DocxViewer({ bytes }: { bytes: Uint8Array }) {
  const task = useMemo(() => ({ kind: 'docx' as const, bytes }), [bytes]);
  const result = useOfficeConversion(task);
  const pageRef = useRef<HTMLDivElement>(null);
  const fragment = useMemo(() => (result?.ok && result.kind === 'docx' ? sanitizeDocxHtml(result.docx.html) : null), [result]);
  useEffect(() => {
    // The sanitised nodes are adopted as DOM, never re-parsed from a string.
    if (pageRef.current && fragment) pageRef.current.replaceChildren(fragment.cloneNode(true));
  }, [fragment]);
  if (!result) return <p className="muted">Opening the document…</p>;
  if (!result.ok) return <p className="preview-problem" role="alert">{officeProblem('docx', result.message)}</p>;
  return (
    <div className="docx-viewer" tabIndex={0}>
      {result.kind === 'docx' && result.docx.warnings.length > 0 && (
        <p className="muted viewer-note">Some parts could not be shown here: {result.docx.warnings.slice(0, 3).join('; ')}{result.docx.warnings.length > 3 ? '…' : ''}</p>
      )}
      <div ref={pageRef} className="docx-page" data-testid="docx-page" />
    </div>
  );
}
