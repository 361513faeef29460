/**
 * The workspace's commands, declared once: id, label, shortcut and menu. The renderer's command
 * registry adds what each does and when it is enabled; the application menu (main process), the
 * toolbar, the shortcut handler and the "Keyboard shortcuts" dialog all read this list.
 *
 * Shortcuts follow Outlook where it has one (Ctrl+N, Ctrl+R, Ctrl+Q, Ctrl+U, Ctrl+E / F3, F9, Ctrl+P).
 * "Ctrl" means Command on macOS.
 */
import { z } from 'zod';

export interface CommandSpec {
  readonly id: string;
  readonly label: string;
  /** Key chords, e.g. 'Ctrl+R', 'F3', 'Ctrl+Shift+P'; the first is the one shown (none: menu and button only). */
  readonly shortcuts: readonly string[];
  readonly menu: 'Message' | 'Case' | 'View' | 'Session' | 'Help';
}

export const COMMANDS = [
  { id: 'message.new', label: 'New message', shortcuts: ['Ctrl+N'], menu: 'Message' },
  { id: 'message.reply', label: 'Reply', shortcuts: ['Ctrl+R'], menu: 'Message' },
  { id: 'message.markRead', label: 'Mark as read', shortcuts: ['Ctrl+Q'], menu: 'Message' },
  { id: 'message.markUnread', label: 'Mark as unread', shortcuts: ['Ctrl+U'], menu: 'Message' },
  { id: 'message.print', label: 'Print message…', shortcuts: ['Ctrl+P'], menu: 'Message' },
  { id: 'case.markAllRead', label: 'Mark all read in case', shortcuts: ['Ctrl+Shift+Q'], menu: 'Case' },
  { id: 'case.print', label: 'Print case for Appeals…', shortcuts: ['Ctrl+Shift+P'], menu: 'Case' },
  { id: 'case.requestDocuments', label: 'Request documents…', shortcuts: ['Ctrl+Shift+D'], menu: 'Case' },
  { id: 'case.prepareAppeals', label: 'Prepare for Appeals…', shortcuts: ['Ctrl+Shift+A'], menu: 'Case' },
  { id: 'case.markTransferred', label: 'Mark transferred to Appeals…', shortcuts: [], menu: 'Case' },
  // Alt+4 next to the panes' Alt+1..3: the Due view takes the case list pane's place. Not Ctrl+Shift+U,
  // which IBus (Linux) takes for typing a Unicode character before the app sees it.
  { id: 'view.due', label: 'Due items', shortcuts: ['Alt+4'], menu: 'View' },
  { id: 'search.focus', label: 'Search', shortcuts: ['Ctrl+E', 'F3'], menu: 'View' },
  { id: 'pane.cases', label: 'Go to case list', shortcuts: ['Alt+1'], menu: 'View' },
  { id: 'pane.conversation', label: 'Go to conversation', shortcuts: ['Alt+2'], menu: 'View' },
  { id: 'pane.reading', label: 'Go to reading pane', shortcuts: ['Alt+3'], menu: 'View' },
  { id: 'pane.next', label: 'Next pane', shortcuts: ['F6'], menu: 'View' },
  { id: 'sync.now', label: 'Sync now', shortcuts: ['F9'], menu: 'Session' },
  { id: 'account.copyAccessCode', label: 'Copy e-Gain ID', shortcuts: ['Ctrl+Shift+C'], menu: 'Session' },
  { id: 'session.lock', label: 'Lock', shortcuts: ['Ctrl+L'], menu: 'Session' },
  { id: 'session.signIn', label: 'Sign in to Secure Messaging…', shortcuts: [], menu: 'Session' },
  // No shortcut on purpose: signing out should never happen by a slip of the fingers.
  { id: 'session.signOut', label: 'Sign out of Secure Messaging', shortcuts: [], menu: 'Session' },
  { id: 'help.shortcuts', label: 'Keyboard shortcuts', shortcuts: ['F1', 'Ctrl+/'], menu: 'Help' },
] as const satisfies readonly CommandSpec[];

export type CommandId = (typeof COMMANDS)[number]['id'];
export const CommandIdSchema = z.enum(COMMANDS.map((c) => c.id) as [CommandId, ...CommandId[]]);

/** A key chord normalised the same way for declared shortcuts and keyboard events: 'Ctrl+Shift+P'. */
export function chordOf(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; code?: string }, mac = false): string {
  const parts: string[] = [];
  if (mac ? event.metaKey : event.ctrlKey) parts.push('Ctrl');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey) parts.push('Shift');
  // Letters by the letter typed (Ctrl+P is P on Dvorak and AZERTY too); digits by the physical key,
  // because Alt+1 types another character on some layouts.
  let key = event.key;
  if (event.code?.startsWith('Digit')) key = event.code.slice(5);
  else if (key.length === 1) key = key.toUpperCase();
  parts.push(key);
  return parts.join('+');
}

export function commandForChord(chord: string): (typeof COMMANDS)[number] | undefined {
  return COMMANDS.find((c) => (c.shortcuts as readonly string[]).includes(chord));
}
