/**
 * The conversation as rows: threads newest activity first, each thread's messages oldest first (read
 * like a conversation), and the message to open when the case opens: the first unread one, else the newest.
 */
import type { CaseDetail, MessageView, ThreadView } from '../../../shared/ipc/workspace-schemas';
import { compareInstants } from './labels';

export type ConversationRow =
  | { kind: 'thread'; key: string; thread: ThreadView }
  | { kind: 'message'; key: string; thread: ThreadView; message: MessageView };

const lastAt = (t: ThreadView) => t.messages.at(-1)?.serverReceivedAt ?? '';

export function conversationRows(detail: CaseDetail): ConversationRow[] {
  const threads = [...detail.threads].sort((a, b) => compareInstants(lastAt(b), lastAt(a)) || b.id - a.id);
  const rows: ConversationRow[] = [];
  for (const thread of threads) {
    rows.push({ kind: 'thread', key: `t${thread.id}`, thread });
    for (const message of thread.messages) rows.push({ kind: 'message', key: `m${message.id}`, thread, message });
  }
  return rows;
}

export const isUnread = (m: MessageView) => m.direction === 'inbound' && !m.read;

export function messageToOpen(detail: CaseDetail): number | null {
  const all = detail.threads.flatMap((t) => t.messages).sort((a, b) => compareInstants(a.serverReceivedAt, b.serverReceivedAt) || a.id - b.id);
  return (all.find(isUnread) ?? all.at(-1))?.id ?? null;
}
