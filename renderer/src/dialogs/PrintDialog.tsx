/**
 * Prints a message, or the whole case for Appeals, as one labelled PDF package: saved into the SBU
 * folder, and optionally sent to a printer. Shows progress; cancelling leaves no file.
 */
import { useEffect, useState } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import type { PrintOutcomeView, PrintProgressView, PrintRequest } from '../../../shared/ipc/print-schemas';
import { useBridge } from '../bridge/BridgeContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { useToasts } from '../feedback/Toasts';
import { Modal } from './Modal';
import { PackageViewer } from './PackageViewer';

export function PrintDialog({ scope, title, onClose }: { scope: PrintRequest['scope']; title: string; onClose: () => void }) {
  const bridge = useBridge();
  const [destination, setDestination] = useState<PrintRequest['destination']>('save');
  const [progress, setProgress] = useState<PrintProgressView | null>(null);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<PrintOutcomeView | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);
  const toasts = useToasts();

  useEffect(() => bridge.on('print.progress', setProgress), [bridge]);

  async function start() {
    setRunning(true);
    setError(null);
    setOutcome(null);
    setProgress(null);
    setCancelled(false);
    const r = await bridge.print.package({ scope, destination });
    setRunning(false);
    if (r.ok) setOutcome(r.value);
    else if (r.error.code === 'E_PRINT_CANCELLED') setCancelled(true); // the employee's own choice, not an error
    else setError(r.error);
  }

  async function showInFolder(fileName: string) {
    const r = await bridge.print.showInFolder({ fileName });
    if (!r.ok) toasts.error(`show-${fileName}`, r.error);
  }

  // The package opens in place of this dialog (one modal at a time) and comes back to it when closed.
  if (viewing) return <PackageViewer fileName={viewing} onClose={() => setViewing(null)} />;
  return (
    <Modal title={title} onClose={onClose} closeDisabled={running} className="print-panel">
        <p className="muted">
          One PDF: a cover sheet and index, then every message with its attachments, each page labelled with the
          server's receipt time, page number and set number. Files that cannot be printed get a page saying why.
        </p>
        <fieldset className="print-destination" disabled={running}>
          <legend>Destination</legend>
          <label><input type="radio" name="destination" checked={destination === 'save'} onChange={() => setDestination('save')} /> Save to the SBU folder</label>
          <label><input type="radio" name="destination" checked={destination === 'printer'} onChange={() => setDestination('printer')} /> Save and send to a printer</label>
        </fieldset>
        <div className="reply-tools">
          {running
            ? <button type="button" className="secondary" onClick={() => void bridge.print.cancel()}>Cancel</button>
            : <button type="button" onClick={() => void start()} data-autofocus>Build package</button>}
          {running && (
            <span role="status" data-testid="print-progress">
              {progress ? `${progress.phase === 'counting' ? 'Counting pages' : progress.phase === 'saving' ? 'Saving' : 'Building'}: ${progress.itemsDone} of ${progress.itemsTotal} items, ${progress.pagesDone} pages` : 'Starting…'}
            </span>
          )}
        </div>
        {outcome && (
          <div className="notice" role="status" data-testid="print-outcome">
            Saved {outcome.totalPages} pages ({outcome.attachments} attachment{outcome.attachments === 1 ? '' : 's'}
            {outcome.placeholders > 0 ? `, ${outcome.placeholders} as placeholder pages` : ''}
            {outcome.incomplete > 0 ? `, ${outcome.incomplete} damaged and printed incomplete (see the index)` : ''}) to the SBU folder as {outcome.files.join(', ')}.
            {outcome.printed === true && ' Sent to the printer.'}
            {outcome.printed === false && ' Printing was cancelled; the file is in the SBU folder.'}
            <ul className="package-files">
              {outcome.files.map((f) => (
                <li key={f}>
                  <span className="attachment-name">{f}</span>
                  <button type="button" className="link-button" onClick={() => setViewing(f)} aria-label={`Open ${f}`}>Open</button>
                  <button type="button" className="link-button" onClick={() => void showInFolder(f)} aria-label={`Show ${f} in folder`}>Show in folder</button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {cancelled && <p role="status" className="muted">Cancelled: no file was kept.</p>}
        {error && <ErrorNotice error={error} />}
    </Modal>
  );
}
