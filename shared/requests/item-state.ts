/**
 * The state machine of one requested item. Only facts are stored (due date, waiver, how many
 * attachments are linked, whether the employee confirmed the item complete); the state is derived
 * for a given day, so an item goes overdue by the calendar alone, with nothing to write.
 *
 * Past the due date an item that is not received or waived is `overdue`, even when some attachments
 * are linked: the deadline is what the employee acts on, and the screens still say "partly received"
 * from `linkedAttachments`.
 *
 * Every transition returns the new facts and the history entry to keep; an invalid one throws an
 * ItemTransitionError saying what to do instead.
 */
import { addBusinessDays, nextBusinessDay } from './due-date';
import { dayOfWeek, formatMonthDay, formatMonthDayYear, parseCalendarDate } from './calendar-date';
import { federalHolidayOn } from './federal-holidays';
import { type ItemHistoryEntry, type RequestItemState } from './request-schemas';

export interface ItemFacts {
  dueDate: string;
  waived: { reason: string } | null;
  linkedAttachments: number;
  /** The employee confirmed the item is fully received. */
  receivedComplete: boolean;
}

export interface ItemTransition {
  facts: ItemFacts;
  entry: ItemHistoryEntry;
}

export interface DueDateTransition extends ItemTransition {
  /** The date was not a business day and was moved forward to `facts.dueDate`. */
  moved: boolean;
  /** Says so, for the dialog: "Saturday 07/04/2026 is not a business day (a weekend): the item is due Monday 07/06/2026." */
  note: string | null;
}

export class ItemTransitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ItemTransitionError';
  }
}

const MAX_REASON = 500;

export function itemState(facts: ItemFacts, today: string): RequestItemState {
  if (facts.waived) return 'waived';
  if (facts.receivedComplete) return 'received';
  if (today > facts.dueDate) return 'overdue';
  return facts.linkedAttachments > 0 ? 'partly-received' : 'requested';
}

function requireReason(reason: string | null | undefined, what: string): string {
  const trimmed = (reason ?? '').trim();
  if (trimmed === '') throw new ItemTransitionError(`A reason is required to ${what}: say why (for example, "the taxpayer asked for more time").`);
  if (trimmed.length > MAX_REASON) throw new ItemTransitionError(`The reason is ${trimmed.length} characters; keep it to ${MAX_REASON}.`);
  return trimmed;
}

function requireInstant(at: string): string {
  if (Number.isNaN(Date.parse(at)) || !/^\d{4}-\d{2}-\d{2}T/.test(at)) throw new ItemTransitionError(`The time of the change is not an ISO 8601 instant: ${JSON.stringify(at)}.`);
  return at;
}

function requireNotWaived(facts: ItemFacts, what: string): void {
  if (facts.waived) throw new ItemTransitionError(`The item is waived, so you cannot ${what}. Reopen it first.`);
}

const WEEKDAY = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const longDay = (date: string) => `${WEEKDAY[dayOfWeek(date)]} ${formatMonthDayYear(date)}`;

/** Why a day is not a business day: "a weekend", "Memorial Day, a federal holiday". */
function whyNotBusinessDay(date: string): string {
  const holiday = federalHolidayOn(date);
  if (!holiday) return 'a weekend';
  return `${holiday.name}${holiday.date === holiday.actualDate ? '' : ' observed'}, a federal holiday`;
}

/**
 * A due date asked for, moved to a business day, with the note saying so when it moved:
 * "Saturday 07/04/2026 is not a business day (a weekend): the item is due Monday 07/06/2026."
 * The dialogs show this note as the employee picks a date; the vault applies the same rule.
 */
export function businessDueDate(asked: string): { dueDate: string; moved: boolean; note: string | null } {
  try { parseCalendarDate(asked); } catch (error) { throw new ItemTransitionError((error as Error).message); }
  const dueDate = nextBusinessDay(asked);
  const moved = dueDate !== asked;
  return { dueDate, moved, note: moved ? `${longDay(asked)} is not a business day (${whyNotBusinessDay(asked)}): the item is due ${longDay(dueDate)}.` : null };
}

/** A new item, due on `dueDate` moved to a business day: its first facts and its `requested` entry. */
export function requestItem(dueDate: string, at: string): DueDateTransition {
  const due = businessDueDate(dueDate);
  return {
    facts: { dueDate: due.dueDate, waived: null, linkedAttachments: 0, receivedComplete: false },
    entry: { at: requireInstant(at), kind: 'requested', toDueDate: due.dueDate, ...(due.moved ? { askedDueDate: dueDate } : {}) },
    moved: due.moved,
    note: due.note,
  };
}

/** A new due date (the taxpayer asked for more time): the old date and the reason stay in the entry. */
export function changeDueDate(facts: ItemFacts, newDueDate: string, reason: string, at: string): DueDateTransition {
  requireNotWaived(facts, 'change its due date');
  if (facts.receivedComplete) throw new ItemTransitionError('The item is already received, so nothing is due. Reopen it first if more is needed.');
  const why = requireReason(reason, 'change a due date');
  const due = businessDueDate(newDueDate);
  if (due.dueDate === facts.dueDate) {
    throw new ItemTransitionError(`The item is already due ${longDay(facts.dueDate)}${due.moved ? ` (${longDay(newDueDate)} is not a business day)` : ''}. Pick another date.`);
  }
  return {
    facts: { ...facts, dueDate: due.dueDate },
    entry: {
      at: requireInstant(at), kind: 'due-date-changed', fromDueDate: facts.dueDate, toDueDate: due.dueDate, reason: why,
      ...(due.moved ? { askedDueDate: newDueDate } : {}),
    },
    moved: due.moved,
    note: due.note,
  };
}

/** The employee no longer needs the item. */
export function waiveItem(facts: ItemFacts, reason: string, at: string): ItemTransition {
  if (facts.waived) throw new ItemTransitionError('The item is already waived.');
  if (facts.receivedComplete) throw new ItemTransitionError('The item is already received; there is nothing to waive. Reopen it first if it should be waived instead.');
  const why = requireReason(reason, 'waive an item');
  return { facts: { ...facts, waived: { reason: why } }, entry: { at: requireInstant(at), kind: 'waived', reason: why } };
}

/** Back to open, from waived or received (the linked attachments stay linked). */
export function reopenItem(facts: ItemFacts, reason: string | null, at: string): ItemTransition {
  if (!facts.waived && !facts.receivedComplete) throw new ItemTransitionError('The item is still open; only a received or waived item can be reopened.');
  const why = reason === null || reason.trim() === '' ? null : requireReason(reason, 'reopen an item');
  return {
    facts: { ...facts, waived: null, receivedComplete: false },
    entry: { at: requireInstant(at), kind: 'reopened', ...(why ? { reason: why } : {}) },
  };
}

function requireAttachmentId(attachmentId: number): number {
  if (!Number.isInteger(attachmentId) || attachmentId <= 0) throw new ItemTransitionError(`Not an attachment id: ${attachmentId}.`);
  return attachmentId;
}

/**
 * An inbound attachment answers (part of) the item. The caller (the vault) keeps which attachments
 * are linked and refuses a second link of the same one; here only the count is known.
 */
export function linkAttachment(facts: ItemFacts, attachmentId: number, at: string): ItemTransition {
  requireNotWaived(facts, 'link an attachment to it');
  return {
    facts: { ...facts, linkedAttachments: facts.linkedAttachments + 1 },
    entry: { at: requireInstant(at), kind: 'attachment-linked', attachmentId: requireAttachmentId(attachmentId) },
  };
}

/** The attachment does not answer the item after all. Unlinking the last one also undoes "received". */
export function unlinkAttachment(facts: ItemFacts, attachmentId: number, at: string): ItemTransition {
  if (facts.linkedAttachments <= 0) throw new ItemTransitionError('No attachment is linked to this item.');
  const linkedAttachments = facts.linkedAttachments - 1;
  return {
    facts: { ...facts, linkedAttachments, receivedComplete: facts.receivedComplete && linkedAttachments > 0 },
    entry: { at: requireInstant(at), kind: 'attachment-unlinked', attachmentId: requireAttachmentId(attachmentId) },
  };
}

/**
 * The employee's judgement on what is linked: complete (received) or not yet (partly received).
 * Either needs at least one linked attachment, since the Appeals package names what answered the item;
 * a document that came another way (fax, mail) is recorded by waiving the item with that reason.
 */
export function markReceived(facts: ItemFacts, complete: boolean, at: string): ItemTransition {
  requireNotWaived(facts, 'mark it received');
  if (facts.linkedAttachments <= 0) {
    throw new ItemTransitionError('Link the attachment that answers this item first. If it came another way (fax, mail), waive the item and say so in the reason.');
  }
  if (complete && facts.receivedComplete) throw new ItemTransitionError('The item is already marked received.');
  if (!complete && !facts.receivedComplete) throw new ItemTransitionError('The item is already partly received; link more attachments or mark it received.');
  return {
    facts: { ...facts, receivedComplete: complete },
    entry: { at: requireInstant(at), kind: complete ? 'received' : 'partly-received' },
  };
}

// ---- summaries ---------------------------------------------------------------------------------------

export interface RequestSummary {
  total: number;
  received: number;
  waived: number;
  /** Neither received nor waived (includes overdue and partly received). */
  open: number;
  overdue: number;
  /** The earliest due date of an open item (overdue ones included): what the case list sorts by. */
  nextDue: string | null;
  /** Open items not overdue, due from today to the 3rd business day after today. */
  dueSoon: number;
  /** The earliest due date of an open item that is not overdue, and how many open items share it. */
  nextUpcomingDue: string | null;
  dueOnNextUpcoming: number;
  /** The earliest due date of an overdue item. */
  oldestOverdue: string | null;
  /** The day the summary is for (the year decides how dates are written). */
  today: string;
}

/** The business days ahead that count as "due soon". */
export const DUE_SOON_BUSINESS_DAYS = 3;

const earliest = (dates: string[]) => (dates.length === 0 ? null : dates.reduce((a, b) => (b < a ? b : a)));

export function summarizeRequests(items: ReadonlyArray<{ state: RequestItemState; dueDate: string }>, today: string): RequestSummary {
  parseCalendarDate(today);
  const open = items.filter((item) => item.state !== 'received' && item.state !== 'waived');
  const overdue = open.filter((item) => item.state === 'overdue');
  const upcoming = open.filter((item) => item.state !== 'overdue');
  const soonLimit = addBusinessDays(today, DUE_SOON_BUSINESS_DAYS);
  const nextUpcomingDue = earliest(upcoming.map((item) => item.dueDate));
  return {
    total: items.length,
    received: items.filter((item) => item.state === 'received').length,
    waived: items.filter((item) => item.state === 'waived').length,
    open: open.length,
    overdue: overdue.length,
    nextDue: earliest(open.map((item) => item.dueDate)),
    dueSoon: upcoming.filter((item) => item.dueDate >= today && item.dueDate <= soonLimit).length,
    nextUpcomingDue,
    dueOnNextUpcoming: upcoming.filter((item) => item.dueDate === nextUpcomingDue).length,
    oldestOverdue: earliest(overdue.map((item) => item.dueDate)),
    today,
  };
}

/**
 * The case header's line, parts joined by " · ":
 * `4 of 6 items received · 2 due 04/30`, `3 of 6 items received · 1 waived · 2 overdue since 04/15 · 1 due 05/04`,
 * `6 of 6 items received`, `No documents requested`. Dates in another year than today carry the year.
 */
export function formatRequestSummary(summary: RequestSummary): string {
  if (summary.total === 0) return 'No documents requested';
  const sameYear = summary.today.slice(0, 4);
  const when = (date: string) => (date.startsWith(sameYear) ? formatMonthDay(date) : formatMonthDayYear(date));
  const parts = [`${summary.received} of ${summary.total} ${summary.total === 1 ? 'item' : 'items'} received`];
  if (summary.waived > 0) parts.push(`${summary.waived} waived`);
  if (summary.overdue > 0 && summary.oldestOverdue) parts.push(`${summary.overdue} overdue since ${when(summary.oldestOverdue)}`);
  if (summary.nextUpcomingDue) {
    const later = summary.open - summary.overdue - summary.dueOnNextUpcoming;
    parts.push(`${summary.dueOnNextUpcoming} due ${when(summary.nextUpcomingDue)}${later > 0 ? ` (${later} later)` : ''}`);
  }
  return parts.join(' · ');
}
