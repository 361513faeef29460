/** Opening a requested item: its case (an audited opening, if another case) and the requests panel on it. */
import { useCallback } from 'react';
import { useOpenCase } from '../commands/use-open-case';
import { usePanes } from '../workspace/panes';
import { useWorkspaceState } from '../workspace/workspace-state';

export function useOpenItem() {
  const openCase = useOpenCase();
  const panes = usePanes();
  const { state, dispatch } = useWorkspaceState();
  return useCallback((caseId: number, itemId: number | null) => {
    if (caseId !== state.caseId) openCase(caseId);
    dispatch({ type: 'requests', open: true, itemId });
    if (itemId === null) panes.focus('reading');
  }, [openCase, panes, dispatch, state.caseId]);
}
