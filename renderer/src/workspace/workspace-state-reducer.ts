/** The workspace state and how actions change it (pure: tested in Node). */
import type { PrintRequest } from '../../../shared/ipc/print-schemas';

export type Composer =
  | { mode: 'reply'; caseId: number; threadId: number }
  | { mode: 'new'; caseId: number };

export type Dialog =
  | { kind: 'print'; scope: PrintRequest['scope']; title: string }
  | { kind: 'shortcuts' }
  | { kind: 'signIn' }
  | { kind: 'requestDocuments'; caseId: number }
  /** The "Prepare for Appeals" checklist; `confirmTransfer` shows the "Mark transferred" confirmation. */
  | { kind: 'appeals'; caseId: number; confirmTransfer: boolean };

/** What the case list pane shows: the cases, or every open requested item across cases ("Due"). */
export type ListView = 'cases' | 'due';

export interface WorkspaceState {
  caseId: number | null;
  messageId: number | null;
  composer: Composer | null;
  dialog: Dialog | null;
  /** The attachment shown in the reading pane's document area. */
  previewId: number | null;
  listView: ListView;
  /** The open case's document requests shown in the reading pane, scrolled to `itemId` when set. */
  requestsPanel: { itemId: number | null } | null;
}

export type WorkspaceAction =
  | { type: 'case'; caseId: number | null; messageId?: number | null }
  /** `keepPanel`: the case opening at its first unread message leaves the requests panel shown. */
  | { type: 'message'; messageId: number | null; keepPanel?: boolean }
  | { type: 'listView'; view: ListView }
  | { type: 'requests'; open: boolean; itemId?: number | null }
  | { type: 'compose'; composer: Composer | null }
  | { type: 'dialog'; dialog: Dialog | null }
  | { type: 'preview'; attachmentId: number | null };

export const initialWorkspaceState: WorkspaceState = { caseId: null, messageId: null, composer: null, dialog: null, previewId: null, listView: 'cases', requestsPanel: null };

export function workspaceReducer(state: WorkspaceState, action: WorkspaceAction): WorkspaceState {
  switch (action.type) {
    case 'case':
      if (action.caseId === state.caseId) return action.messageId ? { ...state, messageId: action.messageId, previewId: null, requestsPanel: null } : state;
      return { ...state, caseId: action.caseId, messageId: action.messageId ?? null, previewId: null, requestsPanel: null, composer: state.composer?.caseId === action.caseId ? state.composer : null };
    case 'message':
      if (action.messageId === state.messageId) return action.keepPanel || !state.requestsPanel ? state : { ...state, requestsPanel: null };
      return { ...state, messageId: action.messageId, previewId: null, requestsPanel: action.keepPanel ? state.requestsPanel : null };
    case 'listView':
      return { ...state, listView: action.view };
    case 'requests':
      return { ...state, requestsPanel: action.open ? { itemId: action.itemId ?? null } : null };
    case 'compose':
      return { ...state, composer: action.composer };
    case 'dialog':
      return { ...state, dialog: action.dialog };
    case 'preview':
      return { ...state, previewId: action.attachmentId };
  }
}
