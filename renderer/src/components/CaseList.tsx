/** The employee's cases, newest activity first, with unread counts. */
import type { CaseSummary } from '../../../shared/ipc/workspace-schemas';

export function CaseList({ cases, selected, onSelect }: { cases: CaseSummary[]; selected: number | null; onSelect: (id: number) => void }) {
  if (cases.length === 0) {
    return <p className="muted case-list-empty">No cases on this laptop yet. Cases assigned to you appear here after the first sync.</p>;
  }
  return (
    <ul className="case-list" aria-label="Cases">
      {cases.map((c) => (
        <li key={c.id}>
          <button type="button" className="case-item" aria-current={c.id === selected ? 'true' : undefined} onClick={() => onSelect(c.id)}>
            <span className="case-name">{c.taxpayerName}</span>
            {c.unread > 0 && <span className="unread-badge" aria-label={`${c.unread} unread`}>{c.unread}</span>}
            <span className="case-meta">{c.tinMasked} · {c.offerNumber}</span>
            <span className="case-meta">{c.status} · {c.assignedRole} · {c.messages} message{c.messages === 1 ? '' : 's'}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
