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
            <>
              <progress className="print-progress-bar" max={1} value={progress ? progressFraction(progress) : 0} aria-label="Print package progress"
                aria-valuetext={progress ? progressText(progress) : 'Starting'} data-testid="print-progress-bar" />
              {/* Only the step is announced (it changes once per item); the page count, which moves up to
                  10 times a second, is shown beside it and read from the bar's value on demand. */}
              <span data-testid="print-progress">
                <span role="status">{progress ? progressStep(progress) : 'Starting…'}</span>
                {progress && progressPages(progress)}
              </span>
            </>
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

/** How far the whole build is: items done, plus the share of the one being built. */
function progressFraction(p: PrintProgressView): number {
  if (p.itemsTotal === 0 || p.phase === 'saving') return p.phase === 'saving' ? 1 : 0;
  return Math.min(1, (p.itemsDone + p.itemFraction) / p.itemsTotal);
}

/** "Building: item 10 of 14 · page 212 · 230 pages so far": the page count moves inside a long item. */
function progressText(p: PrintProgressView): string {
  return `${progressStep(p)}${progressPages(p)}`;
}

/** The step, which changes once per item: "Building: item 10 of 14", "Saving". */
function progressStep(p: PrintProgressView): string {
  if (p.phase === 'saving') return 'Saving';
  const what = p.phase === 'counting' ? 'Counting pages' : 'Building';
  return `${what}: item ${Math.min(p.itemsDone + 1, p.itemsTotal)} of ${p.itemsTotal}`;
}

/** The pages so far: ": 230 pages" while saving, " · page 212 · 230 pages so far" while building. */
function progressPages(p: PrintProgressView): string {
  const pages = p.pagesDone + p.itemPagesDone;
  if (p.phase === 'saving') return `: ${pages} pages`;
  const inItem = p.itemPagesDone > 0 ? ` · page ${p.itemPagesDone}` : '';
  return `${inItem} · ${pages} page${pages === 1 ? '' : 's'} so far`;
}
