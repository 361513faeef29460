/** The unlocked workspace: case list on the left, the open case on the right. */
import { useCallback, useEffect, useState } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import type { CaseSummary, SearchHitView } from '../../../shared/ipc/workspace-schemas';
import { getBridge } from '../bridge/scoic';
import { CaseList } from './CaseList';
import { CaseView } from './CaseView';
import { ErrorNotice } from './ErrorNotice';
import { SearchBox } from './SearchBox';

export function Workspace() {
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [focusMessage, setFocusMessage] = useState<number | null>(null);

  const refresh = useCallback(() => {
    void getBridge().cases.list().then((r) => {
      if (r.ok) { setCases(r.value); setError(null); } else setError(r.error);
    });
  }, []);
  useEffect(refresh, [refresh]);

  function openHit(hit: SearchHitView) {
    setSelected(hit.caseId);
    setFocusMessage(hit.messageId);
  }

  return (
    <div className="workspace">
      <aside className="workspace-cases" aria-label="Case list">
        <SearchBox onOpen={openHit} />
        <h2 className="pane-heading">Cases</h2>
        {error && <ErrorNotice error={error} />}
        {cases && <CaseList cases={cases} selected={selected} onSelect={(id) => { setSelected(id); setFocusMessage(null); }} />}
      </aside>
      <div className="workspace-case">
        {selected === null
          ? <p className="muted">Select a case to see its messages.</p>
          : <CaseView key={selected} caseId={selected} focusMessageId={focusMessage} onChanged={refresh} />}
      </div>
    </div>
  );
}
