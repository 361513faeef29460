/**
 * "Mark transferred to Appeals", confirmed: it records the transfer with the package's SHA-256 and
 * starts the retention clock, after which the laptop copy is purged. Open checks are named, and the
 * employee must say they transfer anyway.
 */
import { useEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import type { AppealsReadinessView } from '../../../shared/ipc/casework-schemas';
import { CommandButton } from '../components/CommandButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { useCaseworkActions } from '../data/mutations';
import { useWorkspaceState } from '../workspace/workspace-state';

export function TransferConfirm({ readiness, retentionDays }: { readiness: AppealsReadinessView; retentionDays: number | null }) {
  const { markTransferred } = useCaseworkActions();
  const { dispatch } = useWorkspaceState();
  const [acknowledged, setAcknowledged] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => { ref.current?.scrollIntoView({ block: 'nearest' }); ref.current?.focus({ preventScroll: true }); }, []);
  const open = readiness.checks.filter((c) => !c.ok);
  const cancel = () => dispatch({ type: 'dialog', dialog: { kind: 'appeals', caseId: readiness.caseId, confirmTransfer: false } });

  async function confirm() {
    setBusy(true);
    setError(null);
    const r = await markTransferred({ caseId: readiness.caseId, acknowledgeOpenChecks: open.length > 0 && acknowledged });
    setBusy(false);
    if (r.ok) cancel(); else setError(r.error);
  }

  return (
    <section ref={ref} tabIndex={-1} className="transfer-confirm" aria-labelledby="transfer-confirm-heading" data-testid="transfer-confirm">
      <h3 id="transfer-confirm-heading" className="modal-section">Mark transferred to Appeals?</h3>
      {!readiness.latestPackage ? (
        <>
          <p>A transfer records the case package sent to Appeals, and none was built after the last message. Build it first.</p>
          <CommandButton id="case.print" />
        </>
      ) : (
        <>
          <p>
            This records the transfer in the audit log with the package’s SHA-256 ({readiness.latestPackage.files.join(', ')}), and the laptop
            copy of this case is purged {retentionDays !== null ? `${retentionDays} days` : 'the policy’s retention days'} after today. New messages still sync and are flagged.
          </p>
          {open.length > 0 && (
            <div className="notice transfer-open" role="group" aria-labelledby="transfer-open-heading">
              <p id="transfer-open-heading"><strong>{open.length === 1 ? '1 check is' : `${open.length} checks are`} not done:</strong></p>
              <ul>{open.map((c) => <li key={c.id}>{c.title} — {c.detail}</li>)}</ul>
              <label><input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} /> Transfer anyway: I know these are not done</label>
            </div>
          )}
          <div className="reply-tools">
            <button type="button" onClick={() => void confirm()} disabled={busy || (open.length > 0 && !acknowledged)}>Mark transferred</button>
            <button type="button" className="secondary" onClick={cancel} disabled={busy}>Cancel</button>
          </div>
        </>
      )}
      {error && <ErrorNotice error={error} />}
    </section>
  );
}
