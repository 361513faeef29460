/** The item state machine: derived states, valid and invalid transitions, history on a new due date, summaries. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  businessDueDate, changeDueDate, formatRequestSummary, type ItemFacts, ItemTransitionError, itemState, linkAttachment, markReceived,
  reopenItem, requestItem, summarizeRequests, unlinkAttachment, waiveItem,
} from '../../../shared/requests/item-state';
import { ItemHistoryEntrySchema, type RequestItemState } from '../../../shared/requests/request-schemas';

const AT = '2026-04-20T14:03:00.000Z';
const open = (over: Partial<ItemFacts> = {}): ItemFacts => ({ dueDate: '2026-04-30', waived: null, linkedAttachments: 0, receivedComplete: false, ...over });

describe('item state', () => {
  it('is requested, then partly received, then received', () => {
    expect(itemState(open(), '2026-04-20')).toBe('requested');
    expect(itemState(open({ linkedAttachments: 1 }), '2026-04-20')).toBe('partly-received');
    expect(itemState(open({ linkedAttachments: 2, receivedComplete: true }), '2026-04-20')).toBe('received');
  });

  it('goes overdue the day after the due date, even when partly received', () => {
    expect(itemState(open(), '2026-04-30')).toBe('requested');
    expect(itemState(open(), '2026-05-01')).toBe('overdue');
    expect(itemState(open({ linkedAttachments: 1 }), '2026-05-01')).toBe('overdue');
    expect(itemState(open({ linkedAttachments: 1, receivedComplete: true }), '2026-05-01')).toBe('received');
  });

  it('is waived whatever else is true', () => {
    expect(itemState(open({ waived: { reason: 'Not needed' }, linkedAttachments: 1 }), '2027-01-01')).toBe('waived');
  });
});

describe('the business due date the dialogs show', () => {
  it('keeps a business day, and moves a weekend or an observed holiday forward saying why', () => {
    expect(businessDueDate('2026-04-30')).toEqual({ dueDate: '2026-04-30', moved: false, note: null });
    // July 4, 2026 is a Saturday: offices close Friday July 3 (observed), so both move to Monday.
    expect(businessDueDate('2026-07-03')).toEqual({
      dueDate: '2026-07-06', moved: true,
      note: 'Friday 07/03/2026 is not a business day (Independence Day observed, a federal holiday): the item is due Monday 07/06/2026.',
    });
    expect(businessDueDate('2026-07-04').note).toContain('(a weekend)');
    expect(() => businessDueDate('2026-02-30')).toThrow(ItemTransitionError);
  });
});

describe('transitions', () => {
  it('starts an item with a requested entry, moving a weekend due date forward and saying so', () => {
    const t = requestItem('2026-07-04', AT);
    expect(t.facts).toEqual(open({ dueDate: '2026-07-06' }));
    expect(t.entry).toEqual({ at: AT, kind: 'requested', toDueDate: '2026-07-06', askedDueDate: '2026-07-04' });
    expect(t.moved).toBe(true);
    expect(t.note).toBe('Saturday 07/04/2026 is not a business day (a weekend): the item is due Monday 07/06/2026.');
    expect(requestItem('2026-04-30', AT)).toMatchObject({ moved: false, note: null, entry: { toDueDate: '2026-04-30' } });
  });

  it('keeps the old due date and the reason when the taxpayer gets more time', () => {
    const t = changeDueDate(open(), '2026-05-14', '  Taxpayer asked for 2 more weeks  ', AT);
    expect(t.facts.dueDate).toBe('2026-05-14');
    expect(t.entry).toEqual({ at: AT, kind: 'due-date-changed', fromDueDate: '2026-04-30', toDueDate: '2026-05-14', reason: 'Taxpayer asked for 2 more weeks' });
    expect(ItemHistoryEntrySchema.parse(t.entry)).toEqual(t.entry);
    // An overdue item gets a new date and is open again.
    expect(itemState(t.facts, '2026-05-01')).toBe('requested');
  });

  it('moves a new due date on a holiday to the next business day and records what was asked', () => {
    const t = changeDueDate(open(), '2026-05-25', 'More time', AT); // Memorial Day
    expect(t.facts.dueDate).toBe('2026-05-26');
    expect(t.entry.askedDueDate).toBe('2026-05-25');
    expect(t.note).toBe('Monday 05/25/2026 is not a business day (Memorial Day, a federal holiday): the item is due Tuesday 05/26/2026.');
  });

  it('refuses a due date change with no reason, to the same date, or on a closed item', () => {
    expect(() => changeDueDate(open(), '2026-05-14', '   ', AT)).toThrow(/reason is required/);
    expect(() => changeDueDate(open(), '2026-04-30', 'Same', AT)).toThrow(/already due Thursday 04\/30\/2026/);
    expect(() => changeDueDate(open({ dueDate: '2026-07-06' }), '2026-07-04', 'Same after moving', AT)).toThrow(/not a business day/);
    expect(() => changeDueDate(open({ waived: { reason: 'x' } }), '2026-05-14', 'More', AT)).toThrow(/waived.*Reopen/);
    expect(() => changeDueDate(open({ linkedAttachments: 1, receivedComplete: true }), '2026-05-14', 'More', AT)).toThrow(/already received/);
    expect(() => changeDueDate(open(), '2026-02-30', 'More', AT)).toThrow(ItemTransitionError);
    expect(() => changeDueDate(open(), '2026-05-14', 'x'.repeat(501), AT)).toThrow(/keep it to 500/);
  });

  it('waives with a reason, and reopens', () => {
    const waived = waiveItem(open(), 'Received by fax on 04/22', AT);
    expect(waived.facts.waived).toEqual({ reason: 'Received by fax on 04/22' });
    expect(waived.entry).toEqual({ at: AT, kind: 'waived', reason: 'Received by fax on 04/22' });
    expect(() => waiveItem(open(), '', AT)).toThrow(/reason is required/);
    expect(() => waiveItem(waived.facts, 'again', AT)).toThrow(/already waived/);
    expect(() => waiveItem(open({ linkedAttachments: 1, receivedComplete: true }), 'x', AT)).toThrow(/already received/);

    const reopened = reopenItem(waived.facts, null, AT);
    expect(reopened.facts).toEqual(open());
    expect(reopened.entry).toEqual({ at: AT, kind: 'reopened' });
    expect(reopenItem(waived.facts, 'Needed after all', AT).entry.reason).toBe('Needed after all');
    expect(() => reopenItem(open(), null, AT)).toThrow(/still open/);
  });

  it('links and unlinks attachments, and unlinking the last one undoes received', () => {
    const one = linkAttachment(open(), 41, AT);
    expect(one.facts.linkedAttachments).toBe(1);
    expect(one.entry).toEqual({ at: AT, kind: 'attachment-linked', attachmentId: 41 });
    const two = linkAttachment(one.facts, 42, AT).facts;
    const received = markReceived(two, true, AT);
    expect(received.entry).toEqual({ at: AT, kind: 'received' });
    expect(itemState(received.facts, '2026-04-21')).toBe('received');
    // Extra pages may still come after it is received.
    expect(linkAttachment(received.facts, 43, AT).facts.receivedComplete).toBe(true);

    const less = unlinkAttachment(received.facts, 42, AT);
    expect(less.facts).toEqual({ ...received.facts, linkedAttachments: 1 });
    expect(less.entry).toEqual({ at: AT, kind: 'attachment-unlinked', attachmentId: 42 });
    const none = unlinkAttachment(less.facts, 41, AT).facts;
    expect(none).toEqual(open());
    expect(() => unlinkAttachment(none, 41, AT)).toThrow(/No attachment is linked/);
    expect(() => linkAttachment(open({ waived: { reason: 'x' } }), 41, AT)).toThrow(/waived.*Reopen/);
    expect(() => linkAttachment(open(), 0, AT)).toThrow(/Not an attachment id/);
  });

  it('marks received or partly received only with something linked', () => {
    expect(() => markReceived(open(), true, AT)).toThrow(/Link the attachment.*waive the item/);
    const linked = linkAttachment(open(), 7, AT).facts;
    expect(() => markReceived(linked, false, AT)).toThrow(/already partly received/);
    const received = markReceived(linked, true, AT).facts;
    expect(() => markReceived(received, true, AT)).toThrow(/already marked received/);
    const partly = markReceived(received, false, AT);
    expect(partly.entry.kind).toBe('partly-received');
    expect(itemState(partly.facts, '2026-04-21')).toBe('partly-received');
    expect(() => markReceived(open({ linkedAttachments: 1, waived: { reason: 'x' } }), true, AT)).toThrow(/waived/);
  });

  it('refuses a change time that is not an instant', () => {
    expect(() => waiveItem(open(), 'x', 'yesterday')).toThrow(/ISO 8601/);
  });

  it('never leaves an item received with nothing linked, whatever the sequence', () => {
    type Step = { op: 'link' | 'unlink' | 'complete' | 'partly' | 'waive' | 'reopen' | 'due' };
    const step = fc.constantFrom<Step['op']>('link', 'unlink', 'complete', 'partly', 'waive', 'reopen', 'due');
    fc.assert(fc.property(fc.array(step, { maxLength: 30 }), (ops) => {
      let facts = open();
      let history = 0;
      for (const [i, op] of ops.entries()) {
        try {
          const t = op === 'link' ? linkAttachment(facts, i + 1, AT)
            : op === 'unlink' ? unlinkAttachment(facts, i + 1, AT)
              : op === 'complete' ? markReceived(facts, true, AT)
                : op === 'partly' ? markReceived(facts, false, AT)
                  : op === 'waive' ? waiveItem(facts, 'not needed', AT)
                    : op === 'reopen' ? reopenItem(facts, null, AT)
                      : changeDueDate(facts, facts.dueDate === '2026-04-30' ? '2026-05-14' : '2026-04-30', 'more time', AT);
          ItemHistoryEntrySchema.parse(t.entry);
          facts = t.facts;
          history++;
        } catch (error) {
          expect(error).toBeInstanceOf(ItemTransitionError);
        }
        expect(facts.linkedAttachments).toBeGreaterThanOrEqual(0);
        if (facts.receivedComplete) expect(facts.linkedAttachments).toBeGreaterThan(0);
        expect(facts.waived !== null && facts.receivedComplete).toBe(false);
      }
      expect(history).toBeLessThanOrEqual(ops.length);
    }), { numRuns: 300 });
  });
});

describe('request summary', () => {
  const item = (state: RequestItemState, dueDate: string) => ({ state, dueDate });

  it('counts received, waived, open, overdue and due soon', () => {
    const summary = summarizeRequests([
      item('received', '2026-04-30'), item('received', '2026-04-30'), item('received', '2026-04-30'), item('received', '2026-04-30'),
      item('requested', '2026-04-30'), item('partly-received', '2026-04-30'),
    ], '2026-04-27');
    expect(summary).toMatchObject({ total: 6, received: 4, waived: 0, open: 2, overdue: 0, nextDue: '2026-04-30', dueSoon: 2 });
    expect(formatRequestSummary(summary)).toBe('4 of 6 items received · 2 due 04/30');
  });

  it('says what is waived, what is overdue since when, and what is due next', () => {
    const summary = summarizeRequests([
      item('received', '2026-04-15'), item('received', '2026-04-15'), item('received', '2026-04-15'),
      item('waived', '2026-04-15'), item('overdue', '2026-04-15'), item('overdue', '2026-04-22'),
      item('requested', '2026-05-04'), item('requested', '2026-05-14'),
    ], '2026-04-30');
    expect(summary).toMatchObject({ total: 8, received: 3, waived: 1, open: 4, overdue: 2, nextDue: '2026-04-15', oldestOverdue: '2026-04-15', nextUpcomingDue: '2026-05-04', dueSoon: 1 });
    expect(formatRequestSummary(summary)).toBe('3 of 8 items received · 1 waived · 2 overdue since 04/15 · 1 due 05/04 (1 later)');
  });

  it('counts due soon within 3 business days, across a holiday', () => {
    // Thursday 07/02/2026: the next 3 business days are 07/06, 07/07 and 07/08 (07/03 is the observed holiday).
    const summary = summarizeRequests([item('requested', '2026-07-02'), item('requested', '2026-07-08'), item('requested', '2026-07-09')], '2026-07-02');
    expect(summary.dueSoon).toBe(2);
  });

  it('reads simply when everything is in, or nothing was asked', () => {
    expect(formatRequestSummary(summarizeRequests([item('received', '2026-04-30'), item('waived', '2026-04-30')], '2026-05-10'))).toBe('1 of 2 items received · 1 waived');
    expect(formatRequestSummary(summarizeRequests([item('received', '2026-04-30')], '2026-05-10'))).toBe('1 of 1 item received');
    expect(formatRequestSummary(summarizeRequests([], '2026-05-10'))).toBe('No documents requested');
    expect(summarizeRequests([], '2026-05-10')).toMatchObject({ nextDue: null, oldestOverdue: null, nextUpcomingDue: null });
  });

  it('writes the year of a date in another year', () => {
    expect(formatRequestSummary(summarizeRequests([item('requested', '2027-01-04')], '2026-12-28'))).toBe('0 of 1 item received · 1 due 01/04/2027');
  });
});
