/**
 * "Due": every open requested item across cases, oldest deadline first (the main side orders them).
 * A listbox like the case list (arrows or j/k, Enter opens the item in its case).
 */
import { useState, type KeyboardEvent } from 'react';
import type { DueItemView } from '../../../shared/ipc/casework-schemas';
import { formatMonthDayYear } from '../../../shared/requests/calendar-date';
import { ErrorNotice } from '../components/ErrorNotice';
import { errorData } from '../data/bridge-error';
import { useCaseworkOverview } from '../data/queries';
import { handleListKey } from '../workspace/list-keys';
import { plural } from '../workspace/labels';
import { usePaneRef } from '../workspace/panes';
import { ItemStateBadge } from './ItemStateBadge';
import { useOpenItem } from './use-open-item';

const describe = (d: DueItemView) => `${d.label}, ${d.taxpayerName}, due ${formatMonthDayYear(d.dueDate)}${d.daysOverdue > 0 ? `, ${plural(d.daysOverdue, 'day')} overdue` : ''}`;

export function DueView() {
  const overview = useCaseworkOverview();
  const openItem = useOpenItem();
  const paneRef = usePaneRef('cases');
  const [active, setActive] = useState(0);
  const rows = overview.data?.due ?? [];
  const at = Math.min(active, Math.max(0, rows.length - 1));

  function onKeyDown(event: KeyboardEvent) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const next = handleListKey(event.key, at, rows.length, 8);
    if (next === null) return;
    event.preventDefault();
    if (next === 'open') { const d = rows[at]; if (d) openItem(d.caseId, d.itemId); return; }
    setActive(next);
    document.getElementById(`due-option-${rows[next]!.itemId}`)?.scrollIntoView({ block: 'nearest' });
  }

  return (
    <>
      {overview.error && <ErrorNotice error={errorData(overview.error)} />}
      {overview.data && rows.length === 0 && <p className="muted pane-empty">Nothing is due: every requested item is received or waived.</p>}
      <div ref={paneRef} className="case-scroll due-list" role="listbox" aria-label="Due items, oldest deadline first" tabIndex={0}
        aria-activedescendant={rows[at] ? `due-option-${rows[at].itemId}` : undefined} onKeyDown={onKeyDown} data-testid="due-list">
        {rows.map((d, i) => (
          <div key={d.itemId} id={`due-option-${d.itemId}`} role="option" aria-selected={i === at} aria-label={describe(d)}
            className={`case-item due-item${i === at ? ' active' : ''}`} onClick={() => { setActive(i); openItem(d.caseId, d.itemId); }} data-testid="due-item">
            <span className="case-row-line">
              <span className="case-name">{d.label}</span>
              <span className={`case-date${d.daysOverdue > 0 ? ' danger' : ''}`}>{formatMonthDayYear(d.dueDate)}</span>
            </span>
            <span className="case-row-line case-meta">
              <span className="case-ids">{d.taxpayerName}</span>
              {d.daysOverdue > 0 && <span>{plural(d.daysOverdue, 'day')} late</span>}
              <ItemStateBadge state={d.state} />
            </span>
          </div>
        ))}
      </div>
    </>
  );
}
