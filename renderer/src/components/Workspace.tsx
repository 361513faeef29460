/** The unlocked workspace: case list on the left, the open case on the right. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import type { SyncStatusView } from '../../../shared/ipc/sync-schemas';
import type { CaseSummary, SearchHitView } from '../../../shared/ipc/workspace-schemas';
import { getBridge } from '../bridge/scoic';
import { CaseList } from './CaseList';
import { CaseView } from './CaseView';
import { ErrorNotice } from './ErrorNotice';
import { SearchBox } from './SearchBox';
import { SignInForm } from './SignInForm';
import { SyncStatus } from './SyncStatus';

export function Workspace() {
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [focusMessage, setFocusMessage] = useState<number | null>(null);

  const [sync, setSync] = useState<SyncStatusView | null>(null);
  const [syncBusy, setSyncBusy] = useState(false);
  const lastStatus = useRef<SyncStatusView | null>(null);
  /** Bumped when sync brought or sent something, so the open case reloads. */
  const [dataVersion, setDataVersion] = useState(0);

  const refresh = useCallback(() => {
    void getBridge().cases.list().then((r) => {
      if (r.ok) { setCases(r.value); setError(null); } else setError(r.error);
    });
  }, []);
  useEffect(refresh, [refresh]);

  useEffect(() => {
    const scoic = getBridge();
    void scoic.sync.status().then((r) => { if (r.ok) setSync(r.value); });
    return scoic.on('sync.status', (status) => {
      const previous = lastStatus.current;
      lastStatus.current = status;
      const changed = previous?.lastSyncedAt !== status.lastSyncedAt || previous?.outbox.queued !== status.outbox.queued
        || previous?.downloads.pending !== status.downloads.pending;
      setSync(status);
      if (changed) { refresh(); setDataVersion((v) => v + 1); }
    });
  }, [refresh]);

  async function syncNow() {
    setSyncBusy(true);
    const r = await getBridge().sync.now();
    setSyncBusy(false);
    if (r.ok) { setSync(r.value); setError(null); refresh(); setDataVersion((v) => v + 1); } else setError(r.error);
  }

  function openHit(hit: SearchHitView) {
    setSelected(hit.caseId);
    setFocusMessage(hit.messageId);
  }

  return (
    <div className="workspace">
      <aside className="workspace-cases" aria-label="Case list">
        {sync && <SyncStatus status={sync} busy={syncBusy} onSyncNow={() => void syncNow()} />}
        {sync?.state === 'signed-out' && sync.server === 'policy' && <SignInForm onSignedIn={(s) => { setSync(s); refresh(); }} />}
        <SearchBox onOpen={openHit} />
        <h2 className="pane-heading">Cases</h2>
        {error && <ErrorNotice error={error} />}
        {cases && <CaseList cases={cases} selected={selected} onSelect={(id) => { setSelected(id); setFocusMessage(null); }} />}
      </aside>
      <div className="workspace-case">
        {selected === null
          ? <p className="muted">Select a case to see its messages.</p>
          : <CaseView key={selected} caseId={selected} focusMessageId={focusMessage} dataVersion={dataVersion} onChanged={refresh} />}
      </div>
    </div>
  );
}
