/**
 * The case list: virtualized (only the rows in view are in the page, so 10,000 cases scroll like 10),
 * sorted and filtered here, one listbox operated by arrows or j/k and Enter.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { CaseStatusViewSchema, type CaseSummary } from '../../../shared/ipc/workspace-schemas';
import { CaseworkBadge, type CaseworkEntry } from '../casework/CaseworkBadge';
import { DueView } from '../casework/DueView';
import { useOpenCase } from '../commands/use-open-case';
import { CommandButton } from '../components/CommandButton';
import { errorData } from '../data/bridge-error';
import { useCases, useCaseworkOverview } from '../data/queries';
import { ErrorNotice } from '../components/ErrorNotice';
import { arrangeCases, SORTS, type CaseFilter, type CaseSort, type CaseworkByCase } from './case-order';
import { STATUS_LABEL, plural, shortDate } from './labels';
import { handleListKey } from './list-keys';
import { usePaneRef } from './panes';
import { useWorkspaceState } from './workspace-state';

const ROW_HEIGHT = 50;

function CaseRow({ c, work }: { c: CaseSummary; work: CaseworkEntry | undefined }) {
  return (
    <>
      <span className="case-row-line">
        <span className={`case-name${c.unread > 0 ? ' has-unread' : ''}`}>{c.taxpayerName}</span>
        <span className="case-date">{shortDate(c.lastActivityAt)}</span>
      </span>
      <span className="case-row-line case-meta">
        <span className={`status-chip status-${c.status}`}>{STATUS_LABEL[c.status]}</span>
        <span className="case-ids">{c.tinMasked} · {c.offerNumber}</span>
        <CaseworkBadge entry={work} />
        {c.pendingDownloads > 0 && <span className="case-downloads" title="Files not yet on this laptop">↓{c.pendingDownloads}</span>}
        {c.unread > 0 && <span className="unread-badge" aria-label={`${c.unread} unread`}>{c.unread}</span>}
      </span>
    </>
  );
}

/** The case list, or (view.due) every open requested item across cases; the sort and filter outlive the switch. */
export function CaseListPane() {
  const { state } = useWorkspaceState();
  const cases = useCases();
  const overview = useCaseworkOverview();
  const work: CaseworkByCase = useMemo(() => new Map((overview.data?.cases ?? []).map((c) => [c.caseId, c])), [overview.data]);
  const [sort, setSort] = useState<CaseSort>('activity');
  const [filter, setFilter] = useState<CaseFilter>('all');
  const rows = useMemo(() => arrangeCases(cases.data ?? [], sort, filter, work), [cases.data, sort, filter, work]);
  const dueCount = overview.data?.due.length ?? 0;
  const unreadTotal = (cases.data ?? []).reduce((n, c) => n + c.unread, 0);
  const due = state.listView === 'due';
  return (
    <section className="pane pane-cases" aria-labelledby="cases-heading">
      <div className="pane-head">
        <h2 id="cases-heading">{due ? 'Due' : 'Cases'}</h2>
        <span className="muted pane-count">{due ? plural(dueCount, 'open item') : `${plural(rows.length, 'case')}${unreadTotal > 0 ? ` · ${unreadTotal} unread` : ''}`}</span>
        <CommandButton id="view.due" className="secondary pane-head-toggle" label={due ? 'Cases' : `Due${dueCount > 0 ? ` (${dueCount})` : ''}`} />
      </div>
      {due ? <DueView /> : (
        <>
          <div className="case-tools">
            <label>Sort
              <select value={sort} onChange={(e) => setSort(e.target.value as CaseSort)}>
                {Object.entries(SORTS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
              </select>
            </label>
            <label>Show
              <select value={filter} onChange={(e) => setFilter(e.target.value as CaseFilter)}>
                <option value="all">All cases</option>
                <option value="unread">Unread</option>
                <option value="downloads">Files downloading</option>
                <option value="overdue">Overdue items</option>
                <option value="due-soon">Items due soon</option>
                {CaseStatusViewSchema.options.map((s) => <option key={s} value={`status:${s}`}>{STATUS_LABEL[s]}</option>)}
              </select>
            </label>
          </div>
          {cases.error && <ErrorNotice error={errorData(cases.error)} />}
          {cases.data?.length === 0 && <p className="muted pane-empty">No cases on this laptop yet. Cases assigned to you appear here after the first sync.</p>}
          {cases.data && cases.data.length > 0 && rows.length === 0 && <p className="muted pane-empty">No case matches this filter.</p>}
          <CaseList rows={rows} work={work} />
        </>
      )}
    </section>
  );
}

function CaseList({ rows, work }: { rows: CaseSummary[]; work: CaseworkByCase }) {
  const { state } = useWorkspaceState();
  const openCase = useOpenCase();
  const [active, setActive] = useState(0);
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const paneRef = usePaneRef('cases');

  // The virtualizer's functions are used during this render only and never passed to memoized children.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));

  // Keep the keyboard cursor on the open case when the list reorders or the case is opened elsewhere.
  useEffect(() => {
    const at = rows.findIndex((c) => c.id === state.caseId);
    if (at >= 0) setActive(at);
  }, [rows, state.caseId]);

  function onKeyDown(event: KeyboardEvent) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const pageSize = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 500) / ROW_HEIGHT) - 1);
    const next = handleListKey(event.key, activeIndex, rows.length, pageSize);
    if (next === null) return;
    event.preventDefault();
    if (next === 'open') { const c = rows[activeIndex]; if (c) openCase(c.id); return; }
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  }

  const optionId = (c: CaseSummary) => `case-option-${c.id}`;
  return (
    <>
      <div
        ref={(el) => { scrollRef.current = el; paneRef(el); }}
        className="case-scroll"
        role="listbox"
        aria-label="Cases"
        tabIndex={0}
        aria-activedescendant={rows[activeIndex] ? optionId(rows[activeIndex]) : undefined}
        onKeyDown={onKeyDown}
        data-testid="case-list"
      >
        <div className="virtual-space" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const c = rows[item.index]!;
            return (
              <div
                key={c.id}
                id={optionId(c)}
                role="option"
                aria-selected={c.id === state.caseId}
                aria-setsize={rows.length}
                aria-posinset={item.index + 1}
                className={`case-item${item.index === activeIndex ? ' active' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => { setActive(item.index); openCase(c.id); }}
              >
                <CaseRow c={c} work={work.get(c.id)} />
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
