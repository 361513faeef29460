/**
 * What the employee has open: the case, the message in the reading pane, the composer and the open
 * dialog. It lives above the vault gate, so an idle lock and unlock bring back the same case and
 * message (the data itself is dropped at the lock and read again from the vault).
 */
import { createContext, useContext, useMemo, useReducer, type Dispatch, type ReactNode } from 'react';
import type { PrintRequest } from '../../../shared/ipc/print-schemas';

export type Composer =
  | { mode: 'reply'; caseId: number; threadId: number }
  | { mode: 'new'; caseId: number };

export type Dialog =
  | { kind: 'print'; scope: PrintRequest['scope']; title: string }
  | { kind: 'shortcuts' }
  | { kind: 'signIn' };

export interface WorkspaceState {
  caseId: number | null;
  messageId: number | null;
  composer: Composer | null;
  dialog: Dialog | null;
  /** The attachment shown in the reading pane's document area. */
  previewId: number | null;
}

export type WorkspaceAction =
  | { type: 'case'; caseId: number | null; messageId?: number | null }
  | { type: 'message'; messageId: number | null }
  | { type: 'compose'; composer: Composer | null }
  | { type: 'dialog'; dialog: Dialog | null }
  | { type: 'preview'; attachmentId: number | null };

export const initialWorkspaceState: WorkspaceState = { caseId: null, messageId: null, composer: null, dialog: null, previewId: null };

export function workspaceReducer(state: WorkspaceState, action: WorkspaceAction): WorkspaceState {
  switch (action.type) {
    case 'case':
      if (action.caseId === state.caseId) return action.messageId ? { ...state, messageId: action.messageId, previewId: null } : state;
      return { ...state, caseId: action.caseId, messageId: action.messageId ?? null, previewId: null, composer: state.composer?.caseId === action.caseId ? state.composer : null };
    case 'message':
      return action.messageId === state.messageId ? state : { ...state, messageId: action.messageId, previewId: null };
    case 'compose':
      return { ...state, composer: action.composer };
    case 'dialog':
      return { ...state, dialog: action.dialog };
    case 'preview':
      return { ...state, previewId: action.attachmentId };
  }
}

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
