/**
 * The open case's document requests, in the reading pane (the widest, where an examiner checks what came
 * back against what was asked): the summary, each request with its items and their actions.
 */
import { CommandButton } from '../components/CommandButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { errorData } from '../data/bridge-error';
import { useCaseRequests } from '../data/queries';
import { usePaneRef } from '../workspace/panes';
import { useWorkspaceState } from '../workspace/workspace-state';
import { RequestCard } from './RequestCard';

export function RequestPanel({ caseId, focusItem }: { caseId: number; focusItem: number | null }) {
  const requests = useCaseRequests(caseId);
  const { state, dispatch } = useWorkspaceState();
  const paneRef = usePaneRef('reading');
  const data = requests.data;
  return (
    <section ref={paneRef} tabIndex={-1} className="request-panel" aria-labelledby="requests-heading" data-testid="request-panel"
      onKeyDown={(e) => { if (e.key === 'Escape' && !e.defaultPrevented && e.target === e.currentTarget) dispatch({ type: 'requests', open: false }); }}>
      <div className="request-panel-head">
        <h2 id="requests-heading">Document requests</h2>
        <span className="request-panel-tools">
          <CommandButton id="case.requestDocuments" className="secondary" />
          <button type="button" className="secondary" onClick={() => dispatch({ type: 'requests', open: false })}>{state.messageId !== null ? 'Back to message' : 'Close'}</button>
        </span>
      </div>
      {requests.error && <ErrorNotice error={errorData(requests.error)} />}
      {!data && !requests.error && <p className="muted">Loading…</p>}
      {data && (
        <>
          <p className="request-summary" data-testid="request-panel-summary">{data.requests.length === 0 ? 'No documents requested in this case yet.' : data.summary.text}</p>
          {data.requests.map((r) => <RequestCard key={r.id} request={r} today={data.today} focusItem={focusItem} />)}
        </>
      )}
    </section>
  );
}
