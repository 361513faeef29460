/** The workspace state and how actions change it (pure: tested in Node). */
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
