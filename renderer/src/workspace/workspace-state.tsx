/**
 * What the employee has open: the case, the message in the reading pane, the composer and the open
 * dialog. It lives above the vault gate, so an idle lock and unlock bring back the same case and
 * message (the data itself is dropped at the lock and read again from the vault).
 */
import { createContext, useContext, useMemo, useReducer, type Dispatch, type ReactNode } from 'react';
import { initialWorkspaceState, workspaceReducer, type WorkspaceAction, type WorkspaceState } from './workspace-state-reducer';

export type { Composer, Dialog, WorkspaceAction, WorkspaceState } from './workspace-state-reducer';

const StateContext = createContext<{ state: WorkspaceState; dispatch: Dispatch<WorkspaceAction> } | null>(null);

export function WorkspaceStateProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(workspaceReducer, initialWorkspaceState);
  const value = useMemo(() => ({ state, dispatch }), [state]);
  return <StateContext.Provider value={value}>{children}</StateContext.Provider>;
}

export function useWorkspaceState() {
  const value = useContext(StateContext);
  if (!value) throw new Error('useWorkspaceState() outside <WorkspaceStateProvider>.');
  return value;
}
