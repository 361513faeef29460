/**
 * The command registry: the shared catalog (id, label, shortcuts, menu) joined with what each command
 * does and when it is enabled in the current state. Toolbar buttons, the command menu, the keyboard
 * handler, the application menu (through `command.invoke`) and the shortcuts dialog all read it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { COMMANDS, type CommandId, type CommandSpec } from '../../../shared/commands';
import type { CaseDetail, MessageView } from '../../../shared/ipc/workspace-schemas';
import { useBridge } from '../bridge/BridgeContext';
import { useReadMarks } from '../data/mutations';
import { useCaseDetail, useCaseworkOverview, useSyncStatus, useVaultStatus } from '../data/queries';
import { queryKeys } from '../data/query-keys';
import { useToasts } from '../feedback/Toasts';
import { useDraftFlush } from '../workspace/draft-flush';
import { usePanes } from '../workspace/panes';
import { useWorkspaceState, type Composer } from '../workspace/workspace-state';
import { copyText } from './copy-text';

export interface Command extends CommandSpec {
  readonly id: CommandId;
  readonly enabled: boolean;
  run(): void;
}

export function findMessage(detail: CaseDetail | undefined, messageId: number | null): { message: MessageView; threadId: number } | null {
  if (!detail || messageId === null) return null;
  for (const t of detail.threads) {
    const message = t.messages.find((m) => m.id === messageId);
    if (message) return { message, threadId: t.id };
  }
  return null;
}

const RegistryContext = createContext<ReadonlyMap<CommandId, Command> | null>(null);

export function CommandRegistryProvider({ children }: { children: ReactNode }) {
  const bridge = useBridge();
  const client = useQueryClient();
  const toasts = useToasts();
  const panes = usePanes();
  const { state, dispatch } = useWorkspaceState();
  const vault = useVaultStatus();
  const unlocked = vault.data?.state === 'unlocked';
  const sync = useSyncStatus(unlocked).data;
  const detail = useCaseDetail(unlocked ? state.caseId : null).data;
  const { markRead, markAllRead } = useReadMarks();
  const drafts = useDraftFlush();
  const casework = useCaseworkOverview(unlocked).data;

  const registry = useMemo(() => {
    const open = findMessage(detail, state.messageId);
    const inbound = open?.message.direction === 'inbound';
    const noDialog = state.dialog === null;
    // Printing, and the transfer's confirmation, can be reached from inside the Appeals checklist.
    const inAppeals = state.dialog?.kind === 'appeals';
    const transferred = !!detail && !!casework?.cases.find((c) => c.caseId === detail.case.id)?.transfer;
    type Behaviour = { enabled: boolean; run: () => void };
    // One composer: while one is open in this case, New and Reply take you to it instead of replacing it
    // (its text would be lost); drafts are kept in the vault, so one left in another case is not.
    const compose = (next: Composer) => {
      if (state.composer && state.composer.caseId === state.caseId) {
        panes.focus('composer');
        const same = JSON.stringify(state.composer) === JSON.stringify(next);
        if (!same) toasts.info('composer', 'Finish or close the message you are writing first (Esc closes it; the draft is kept).');
        return;
      }
      dispatch({ type: 'compose', composer: next });
    };
    const behaviour: Record<CommandId, Behaviour> = {
      'message.new': {
        enabled: unlocked && !!detail && detail.case.status !== 'closed',
        run: () => detail && compose({ mode: 'new', caseId: detail.case.id }),
      },
      'message.reply': {
        enabled: unlocked && !!open && detail?.case.status !== 'closed',
        run: () => open && detail && compose({ mode: 'reply', caseId: detail.case.id, threadId: open.threadId }),
      },
      'message.markRead': {
        enabled: unlocked && !!open && inbound && !open.message.read,
        run: () => open && detail && void markRead(detail.case.id, open.message.id, true),
      },
      'message.markUnread': {
        enabled: unlocked && !!open && inbound && open.message.read,
        run: () => open && detail && void markRead(detail.case.id, open.message.id, false),
      },
      'message.print': {
        enabled: unlocked && !!open && noDialog,
        run: () => open && dispatch({ type: 'dialog', dialog: { kind: 'print', scope: { kind: 'message', messageId: open.message.id }, title: `Print message: ${open.message.subject}` } }),
      },
      'case.markAllRead': {
        enabled: unlocked && !!detail && detail.case.unread > 0,
        run: () => detail && void markAllRead(detail.case.id),
      },
      'case.print': {
        enabled: unlocked && !!detail && (noDialog || inAppeals),
        run: () => detail && dispatch({ type: 'dialog', dialog: { kind: 'print', scope: { kind: 'case', caseId: detail.case.id }, title: 'Print the case for Appeals' } }),
      },
      'case.requestDocuments': {
        enabled: unlocked && !!detail && detail.case.status !== 'closed' && !transferred && noDialog,
        run: () => detail && dispatch({ type: 'dialog', dialog: { kind: 'requestDocuments', caseId: detail.case.id } }),
      },
      'case.prepareAppeals': {
        enabled: unlocked && !!detail && noDialog,
        run: () => detail && dispatch({ type: 'dialog', dialog: { kind: 'appeals', caseId: detail.case.id, confirmTransfer: false } }),
      },
      'case.markTransferred': {
        enabled: unlocked && !!detail && !transferred && (noDialog || inAppeals),
        run: () => detail && dispatch({ type: 'dialog', dialog: { kind: 'appeals', caseId: detail.case.id, confirmTransfer: true } }),
      },
      'view.due': {
        enabled: unlocked,
        run: () => {
          dispatch({ type: 'listView', view: state.listView === 'due' ? 'cases' : 'due' });
          panes.focus('cases');
        },
      },
      'search.focus': { enabled: unlocked, run: () => { panes.focus('search'); } },
      'pane.cases': { enabled: unlocked, run: () => { panes.focus('cases'); } },
      'pane.conversation': { enabled: unlocked && state.caseId !== null, run: () => { panes.focus('conversation'); } },
      'pane.reading': { enabled: unlocked && state.messageId !== null, run: () => { panes.focus('reading'); } },
      'pane.next': { enabled: unlocked, run: () => panes.focusNext() },
      'sync.now': {
        // Not disabled while a run is going: "Sync now" queues behind it (the engine serializes runs).
        enabled: unlocked && !!sync && sync.state !== 'signed-out',
        run: () => {
          void bridge.sync.now().then((r) => {
            if (r.ok) { client.setQueryData(queryKeys.sync, r.value); toasts.dismiss('sync'); return; }
            // The employee's own cancel (or a lock) is not a failure.
            if (r.error.code === 'E_CANCELLED' || r.error.code === 'E_LOCKED') toasts.info('sync', 'Sync was stopped.');
            else toasts.error('sync', r.error);
          });
        },
      },
      'account.copyAccessCode': {
        enabled: unlocked && !!sync?.account?.accessCode,
        run: () => {
          const code = sync?.account?.accessCode;
          if (code) void copyText(code).then((ok) => (ok ? toasts.info('copy', `e-Gain ID ${code} copied.`) : toasts.error('copy', { code: 'E_CLIPBOARD', message: 'The e-Gain ID could not be copied. Select it in the status bar and copy it by hand.' })));
        },
      },
      'session.lock': {
        enabled: unlocked,
        run: () => {
          // The draft being typed is saved first: after the lock the vault cannot take it.
          void drafts.flushAll().then(() => bridge.vault.lock()).then((r) => { if (!r.ok) toasts.error('lock', r.error); });
        },
      },
      'session.signIn': {
        enabled: unlocked && sync?.state === 'signed-out' && sync.server === 'policy' && noDialog,
        run: () => dispatch({ type: 'dialog', dialog: { kind: 'signIn' } }),
      },
      'session.signOut': {
        enabled: unlocked && !!sync && sync.state !== 'signed-out',
        run: () => {
          void bridge.sync.signOut().then((r) => {
            if (r.ok) { client.setQueryData(queryKeys.sync, r.value); toasts.info('sign-out', 'Signed out. Cases on this laptop stay available; sign in again to sync.'); } else toasts.error('sign-out', r.error);
          });
        },
      },
      'help.shortcuts': { enabled: noDialog, run: () => dispatch({ type: 'dialog', dialog: { kind: 'shortcuts' } }) },
    };
    return new Map<CommandId, Command>(COMMANDS.map((spec) => [spec.id, { ...spec, ...behaviour[spec.id] }]));
  }, [detail, casework, state.messageId, state.caseId, state.dialog, state.composer, state.listView, unlocked, sync, bridge, client, toasts, panes, drafts, dispatch, markRead, markAllRead]);

  return <RegistryContext.Provider value={registry}>{children}</RegistryContext.Provider>;
}

export function useCommands(): ReadonlyMap<CommandId, Command> {
  const registry = useContext(RegistryContext);
  if (!registry) throw new Error('useCommands() outside <CommandRegistryProvider>.');
  return registry;
}

export function useCommand(id: CommandId): Command {
  return useCommands().get(id)!;
}
