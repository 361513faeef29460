/**
 * Where a checklist line takes the employee: the message in the reading pane, the outbox below the
 * conversation, the requested item in the requests panel, or the print dialog. The checklist closes
 * first; focus moves once the dialog has given it back.
 */
import { useCallback } from 'react';
import type { ReadinessTarget } from '../../../shared/ipc/casework-schemas';
import { usePanes } from '../workspace/panes';
import { useWorkspaceState } from '../workspace/workspace-state';
import { useOpenItem } from './use-open-item';

export function useGoToTarget(caseId: number) {
  const { dispatch } = useWorkspaceState();
  const panes = usePanes();
  const openItem = useOpenItem();
  return useCallback((target: ReadinessTarget) => {
    if (target.kind === 'print-case') {
      dispatch({ type: 'dialog', dialog: { kind: 'print', scope: { kind: 'case', caseId }, title: 'Print the case for Appeals' } });
      return;
    }
    dispatch({ type: 'dialog', dialog: null });
    const after = (run: () => void) => setTimeout(run, 0);
    if (target.kind === 'message') {
      dispatch({ type: 'case', caseId, messageId: target.messageId });
      after(() => panes.focus('reading'));
    } else if (target.kind === 'outbox') {
      after(() => {
        panes.focus('conversation');
        document.querySelector('[data-testid="outbox-item"]')?.scrollIntoView({ block: 'nearest' });
      });
    } else {
      after(() => openItem(caseId, target.itemId));
    }
  }, [caseId, dispatch, panes, openItem]);
}
