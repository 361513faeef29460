/** What is known about a file without opening it: for types no viewer shows, and under every preview. */
import type { AttachmentView } from '../../../shared/ipc/workspace-schemas';
import { formatBytes } from './TextViewer';

export function FileFacts({ attachment, onSave }: { attachment: AttachmentView; onSave: () => void }) {
  return (
    <dl className="facts file-facts" data-testid="file-facts">
      <dt>Name</dt><dd>{attachment.fileName}</dd>
      <dt>Size</dt><dd>{formatBytes(attachment.size)} ({attachment.size.toLocaleString('en-US')} bytes)</dd>
      <dt>Detected type</dt><dd>{attachment.detectedType}{attachment.declaredType !== attachment.detectedType ? ` (the sender said ${attachment.declaredType})` : ''}</dd>
      <dt>SHA-256</dt><dd className="hash">{attachment.sha256}</dd>
      <dt>Copy</dt><dd>{attachment.blocked
        ? 'Blocked file type: it is never opened or saved here. Ask the taxpayer to send it as a PDF.'
        : <button type="button" className="link-button" onClick={onSave}>Save to SBU folder</button>}</dd>
    </dl>
  );
}
