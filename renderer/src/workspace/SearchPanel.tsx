/**
 * Search (Ctrl+E, F3): cases by taxpayer name, offer number or TIN last four, and messages by subject,
 * body or attachment name, grouped by case with sender, server date and a snippet. A combobox: type,
 * ↓/↑ move through the hits, Enter opens the hit (a message opens in the reading pane), Esc closes.
 */
import { useEffect, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { formatEasternTime } from '../../../shared/fax-label';
import type { CaseHitView, SearchHitView } from '../../../shared/ipc/workspace-schemas';
import { useOpenCase } from '../commands/use-open-case';
import { ErrorNotice } from '../components/ErrorNotice';
import { errorData } from '../data/bridge-error';
import { useSearch } from '../data/queries';
import { STATUS_LABEL } from './labels';
import { usePaneRef, usePanes } from './panes';
import { Snippet } from './Snippet';

type Hit = { kind: 'case'; id: string; hit: CaseHitView } | { kind: 'message'; id: string; hit: SearchHitView };
const MATCHED = { 'taxpayer-name': 'taxpayer name', 'offer-number': 'offer number', 'tin-last-four': 'TIN last four' } as const;

export function SearchPanel() {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  /** The highlighted hit; -1 until ↓ is pressed (Enter then opens the first). */
  const [active, setActive] = useState(-1);
  const results = useSearch(query);
  const openCase = useOpenCase();
  const inputRef = usePaneRef('search');
  const panes = usePanes();

  // Searching as one types, a moment after the last key.
  useEffect(() => {
    const timer = setTimeout(() => { setQuery(text.trim()); setActive(-1); }, 200);
    return () => clearTimeout(timer);
  }, [text]);

  const { hits, groups } = useMemo(() => {
    const data = results.data;
    const list: Hit[] = [];
    const byCase = new Map<number, { name: string; hits: Hit[] }>();
    for (const h of data?.cases ?? []) list.push({ kind: 'case', id: `hit-case-${h.caseId}`, hit: h });
    for (const h of data?.messages ?? []) {
      const entry: Hit = { kind: 'message', id: `hit-msg-${h.messageId}`, hit: h };
      const group = byCase.get(h.caseId) ?? { name: h.taxpayerName, hits: [] };
      group.hits.push(entry);
      byCase.set(h.caseId, group);
    }
    for (const g of byCase.values()) list.push(...g.hits);
    return { hits: list, groups: [...byCase.entries()] };
  }, [results.data]);

  function choose(h: Hit | undefined) {
    if (!h) return;
    setOpen(false);
    if (h.kind === 'case') { openCase(h.hit.caseId); panes.focus('conversation'); } else { openCase(h.hit.caseId, h.hit.messageId); panes.focus('reading'); }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') { if (open) { event.preventDefault(); setOpen(false); } return; }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      setActive((a) => Math.max(0, Math.min(hits.length - 1, a + (event.key === 'ArrowDown' ? 1 : -1))));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (text.trim() !== query) { setQuery(text.trim()); setOpen(true); return; }
      choose(hits[Math.max(0, active)]);
    }
  }

  const showing = open && query !== '';
  const count = hits.length;
  const option = (h: Hit, children: ReactNode) => (
    <li key={h.id} id={h.id} role="option" aria-selected={hits[active]?.id === h.id} className={`search-hit${hits[active]?.id === h.id ? ' active' : ''}`}
      onMouseDown={(e) => e.preventDefault()} onClick={() => choose(h)}>
      {children}
    </li>
  );
  return (
    <div className="search" role="search">
      <input
        ref={inputRef}
        type="search"
        role="combobox"
        aria-label="Search cases and messages"
        aria-expanded={showing}
        aria-controls="search-results"
        aria-autocomplete="list"
        aria-activedescendant={showing && hits[active] ? hits[active].id : undefined}
        placeholder="Search (Ctrl+E): name, offer number, TIN last 4, words"
        value={text}
        onChange={(e) => { setText(e.target.value); setOpen(true); }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {showing && (
        <div className="search-results" data-testid="search-results">
          <div className="search-results-head" role="status">
            {results.isFetching && !results.data ? 'Searching…' : count === 0 ? 'No matches.' : `${count} match${count === 1 ? '' : 'es'}`}
          </div>
          {results.error && <ErrorNotice error={errorData(results.error)} />}
          <ul id="search-results" role="listbox" aria-label="Search results">
            {(results.data?.cases.length ?? 0) > 0 && (
              <li role="group" aria-label="Cases">
                <div className="search-group" aria-hidden="true">Cases</div>
                <ul role="none">
                  {hits.filter((h): h is Extract<Hit, { kind: 'case' }> => h.kind === 'case').map((h) => option(h, (
                    <>
                      <span className="hit-title">{h.hit.taxpayerName}</span>
                      <span className="case-meta">{h.hit.tinMasked} · {h.hit.offerNumber} · {STATUS_LABEL[h.hit.status]} · matched {MATCHED[h.hit.matched]}</span>
                    </>
                  )))}
                </ul>
              </li>
            )}
            {groups.map(([caseId, g]) => (
              <li key={caseId} role="group" aria-label={`Messages in the case of ${g.name}`}>
                <div className="search-group" aria-hidden="true">{g.name}</div>
                <ul role="none">
                  {g.hits.map((h) => h.kind === 'message' && option(h, (
                    <>
                      <span className="hit-title">{h.hit.from} · {formatEasternTime(h.hit.serverReceivedAt)}</span>
                      <span className="case-meta">{h.hit.subject}</span>
                      <span className="hit-snippet"><Snippet text={h.hit.snippet} /></span>
                    </>
                  )))}
                </ul>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
