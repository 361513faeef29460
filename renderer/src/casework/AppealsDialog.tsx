/**
 * "Prepare for Appeals": the checklist the main side computes from the vault (every message read, every
 * file stored, outbox empty, every requested item received or waived, a package built after the last
 * message), each line a link to what needs attention; then the transfer, or once done, its countdown.
 */
import type { AppealsReadinessView } from '../../../shared/ipc/casework-schemas';
import { formatMonthDayYear } from '../../../shared/requests/calendar-date';
import { formatEasternTime } from '../../../shared/fax-label';
import { CommandButton } from '../components/CommandButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { errorData } from '../data/bridge-error';
import { useAppealsReadiness, usePolicy } from '../data/queries';
import { Modal } from '../dialogs/Modal';
import { plural } from '../workspace/labels';
import { ReadinessCheckRow } from './ReadinessCheckRow';
import { TransferConfirm } from './TransferConfirm';
import { useGoToTarget } from './use-go-to-target';

function TransferFacts({ transfer }: { transfer: NonNullable<AppealsReadinessView['transfer']> }) {
  return (
    <div className="notice" role="status" data-testid="transfer-facts">
      <p><strong>Transferred to Appeals</strong> {formatEasternTime(transfer.transferredAt)}.</p>
      <p>The laptop copy of this case is purged on {formatMonthDayYear(transfer.purgeOn)} — in {plural(transfer.daysLeft, 'day')}.</p>
      {transfer.inboundSinceTransfer > 0 && <p className="since-transfer">{plural(transfer.inboundSinceTransfer, 'new message')} since the transfer: forward {transfer.inboundSinceTransfer === 1 ? 'it' : 'them'} to Appeals.</p>}
      <p className="case-meta">Package SHA-256: <code className="sha">{transfer.packageSha256s.join(', ')}</code></p>
    </div>
  );
}

export function AppealsDialog({ caseId, confirmTransfer, onClose }: { caseId: number; confirmTransfer: boolean; onClose: () => void }) {
  const readiness = useAppealsReadiness(caseId);
  const policy = usePolicy();
  const go = useGoToTarget(caseId);
  const r = readiness.data;
  const open = r ? r.checks.filter((c) => !c.ok).length : 0;
  return (
    <Modal title="Prepare for Appeals" onClose={onClose} className="appeals-dialog">
      {readiness.error && <ErrorNotice error={errorData(readiness.error)} />}
      {!r && !readiness.error && <p className="muted">Checking the case…</p>}
      {r && (
        <>
          <p className={r.ready ? 'readiness-ready' : 'readiness-open'} data-testid="readiness-summary" role="status">
            {r.ready ? 'Ready for Appeals: every check is done.' : `${plural(open, 'check')} of ${r.checks.length} need${open === 1 ? 's' : ''} attention.`}
          </p>
          <ol className="readiness-list" aria-label="Appeals checklist">
            {r.checks.map((c) => <ReadinessCheckRow key={c.id} check={c} onGo={go} />)}
          </ol>
          <p className="case-meta" data-testid="latest-package">
            {r.latestPackage
              ? `Case package built ${formatEasternTime(r.latestPackage.builtAt)}: ${r.latestPackage.files.join(', ')}.`
              : 'No case package built after the last message yet.'}
          </p>
          {r.transfer ? <TransferFacts transfer={r.transfer} /> : (
            <div className="reply-tools">
              <CommandButton id="case.print" className="secondary" />
              {!confirmTransfer && <CommandButton id="case.markTransferred" />}
            </div>
          )}
          {!r.transfer && confirmTransfer && <TransferConfirm readiness={r} retentionDays={policy.data?.retentionDays ?? null} />}
        </>
      )}
    </Modal>
  );
}
