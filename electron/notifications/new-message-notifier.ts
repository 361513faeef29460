/**
 * Desktop notifications for new inbound messages. A notification can show on a locked screen or a
 * shared display, so it carries no taxpayer data at all: a fixed title, a count, and (not shown) the
 * vault case to open when it is clicked. The glue (main.ts) shows it with Electron's Notification.
 */
import type { InboundReport } from '../sync';

export interface DesktopNotification {
  title: string;
  body: string;
  /** The case to open when the employee clicks it: the one with the newest message. */
  caseId: number;
}

export const NOTIFICATION_TITLE = 'SCOIC Secure Messaging';

export interface NewMessageNotifierOptions {
  /** The machine policy's `desktopNotifications`. */
  enabled: boolean;
  notify: (notification: DesktopNotification) => void;
}

export function newMessagesText(count: number): string {
  return count === 1 ? '1 new secure message' : `${count} new secure messages`;
}

/** Turns what a sync run applied into at most one notification. */
export function createNewMessageNotifier(options: NewMessageNotifierOptions): (report: InboundReport) => void {
  return (report) => {
    if (!options.enabled || report.count <= 0 || report.newestCaseId === null) return;
    // The very first sync fills an empty vault with the case history: nothing in it is new to the
    // employee, and "240 new secure messages" would only be noise.
    if (report.firstSync) return;
    options.notify({ title: NOTIFICATION_TITLE, body: newMessagesText(report.count), caseId: report.newestCaseId });
  };
}
