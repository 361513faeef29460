/**
 * The unlocked workspace: case list | conversation | reading pane, with splitters whose widths are
 * kept in preferences. After an unlock the case and message that were open come back (their selection
 * outlives the lock; the data is read again, the case reopened as an audited view: see App's unlock).
 */
import { useEffect, useState } from 'react';
import { DEFAULT_PREFERENCES, PaneWidthsSchema, type PaneWidths } from '../../../shared/ipc/contract';
import { useBridge } from '../bridge/BridgeContext';
import { useUpdatePrefs } from '../data/mutations';
import { usePrefs } from '../data/queries';
import { CaseListPane } from './CaseListPane';
import { ConversationPane } from './ConversationPane';
import { ReadingPane } from './ReadingPane';
import { Splitter } from './Splitter';
import { useOpenCase } from '../commands/use-open-case';
import { AppealsDialog } from '../casework/AppealsDialog';
import { RequestDocumentsDialog } from '../casework/RequestDocumentsDialog';
import { useWorkspaceState } from './workspace-state';
import { loadPdfJs } from '../preview/pdf/pdfjs';

const LIMITS = PaneWidthsSchema.shape;

export function Workspace() {
  const bridge = useBridge();
  const prefs = usePrefs();
  const updatePrefs = useUpdatePrefs();
  const open = useOpenCase();
  const { state, dispatch } = useWorkspaceState();
  const closeDialog = () => dispatch({ type: 'dialog', dialog: null });
  const [dragging, setDragging] = useState<PaneWidths | null>(null);
  const widths = dragging ?? prefs.data?.panes ?? DEFAULT_PREFERENCES.panes;

  // A desktop notification was clicked: open its case.
  useEffect(() => bridge.on('workspace.openCase', ({ caseId }) => open(caseId)), [bridge, open]);
  // pdf.js and its worker start while the examiner reads the case list, not on the first PDF opened.
  useEffect(() => {
    const id = requestIdleCallback(() => { void loadPdfJs().catch(() => undefined); }, { timeout: 5_000 });
    return () => cancelIdleCallback(id);
  }, []);

  function commit(next: PaneWidths) {
    setDragging(null);
    void updatePrefs({ panes: next });
  }

  return (
    <div className="workspace" style={{ gridTemplateColumns: `${widths.cases}px 6px ${widths.conversation}px 6px minmax(280px, 1fr)` }}>
      <CaseListPane />
      <Splitter label="Resize the case list" value={widths.cases} min={LIMITS.cases.minValue ?? 200} max={LIMITS.cases.maxValue ?? 900}
        onChange={(cases) => setDragging({ ...widths, cases })} onCommit={(cases) => commit({ ...widths, cases })} />
      <ConversationPane />
      <Splitter label="Resize the conversation" value={widths.conversation} min={LIMITS.conversation.minValue ?? 260} max={LIMITS.conversation.maxValue ?? 1200}
        onChange={(conversation) => setDragging({ ...widths, conversation })} onCommit={(conversation) => commit({ ...widths, conversation })} />
      <ReadingPane />
      {/* Case-work dialogs live with the workspace: they exist only while it is unlocked. */}
      {state.dialog?.kind === 'requestDocuments' && <RequestDocumentsDialog caseId={state.dialog.caseId} onClose={closeDialog} />}
      {state.dialog?.kind === 'appeals' && <AppealsDialog caseId={state.dialog.caseId} confirmTransfer={state.dialog.confirmTransfer} onClose={closeDialog} />}
    </div>
  );
}
