/**
 * The case header's case-work line: the request summary ("4 of 6 items received · 2 due 04/30") as the
 * way into the requests panel, and once the case went to Appeals, the transfer, the purge countdown and
 * any messages that came in since.
 */
import { formatMonthDayYear } from '../../../shared/requests/calendar-date';
import { useCaseRequests, useCaseworkOverview } from '../data/queries';
import { plural, shortDate } from '../workspace/labels';
import { useWorkspaceState } from '../workspace/workspace-state';

export function CaseRequestSummary({ caseId }: { caseId: number }) {
  const requests = useCaseRequests(caseId);
  const overview = useCaseworkOverview();
  const { state, dispatch } = useWorkspaceState();
  const transfer = overview.data?.cases.find((c) => c.caseId === caseId)?.transfer ?? null;
  const summary = requests.data?.summary;
  const shown = state.requestsPanel !== null;
  return (
    <>
      {transfer && (
        <p className="case-meta transfer-line" data-testid="transfer-line">
          <span className="casework-badge transferred">Transferred to Appeals {shortDate(transfer.transferredAt)}</span>
          {' '}Laptop copy purged {formatMonthDayYear(transfer.purgeOn)} (in {plural(transfer.daysLeft, 'day')})
          {transfer.inboundSinceTransfer > 0 && <strong className="since-transfer" data-testid="since-transfer"> · {plural(transfer.inboundSinceTransfer, 'new message')} since transfer</strong>}
        </p>
      )}
      {summary && summary.total > 0 && (
        <p className="case-meta request-line">
          <button type="button" className={`link-button request-summary-button${summary.overdue > 0 ? ' danger' : ''}`} aria-expanded={shown} data-testid="request-summary"
            onClick={() => dispatch({ type: 'requests', open: !shown })}>
            {summary.text}
          </button>
        </p>
      )}
    </>
  );
}
