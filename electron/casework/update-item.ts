/**
 * One change to one requested item, through the item state machine (shared/requests/item-state.ts):
 * the new facts and the history entry are stored with the link added or removed and an audit row,
 * in one transaction. A link must be an inbound attachment of the same case (the store checks it too).
 */
import { UpdateRequestItemInputSchema, type UpdateRequestItemInput } from '../../shared/ipc/casework-schemas';
import { isCalendarDate } from '../../shared/requests/calendar-date';
import { todayIn } from '../../shared/requests/due-date';
import {
  ItemTransitionError, changeDueDate, linkAttachment, markReceived, reopenItem, unlinkAttachment, waiveItem, type ItemTransition,
} from '../../shared/requests/item-state';
import { AppError } from '../../shared/errors';
import type { Vault } from '../vault';
import { caseworkErrors } from './casework-errors';
import { itemFactsOf, storedFactsOf } from './item-facts';

/** Applies the change; answers the item's case id. */
export function updateRequestItem(vault: Vault, input: UpdateRequestItemInput, context: { now: Date }): number {
  const parsed = UpdateRequestItemInputSchema.safeParse(input);
  if (!parsed.success) throw caseworkErrors.invalidItemChange(`The change is malformed (${parsed.error.issues.map((i) => i.path.join('.') || 'input').join(', ')}). Reload the case and try again.`);
  const change = parsed.data;
  const item = vault.casework.getItem(change.itemId);
  const request = vault.casework.getRequest(item.requestId);
  const facts = itemFactsOf(item);
  const at = context.now.toISOString();
  let transition: ItemTransition;
  try {
    switch (change.action) {
      case 'link': {
        if (item.links.some((l) => l.attachmentId === change.attachmentId)) throw new AppError('E_ALREADY_LINKED', 'This file is already marked as answering the item.');
        const a = vault.getAttachment(change.attachmentId);
        if (a.caseId !== item.caseId) throw new AppError('E_NOT_FOUND', 'That file belongs to another case. Pick a file of this case.');
        if (vault.getMessage(a.messageId).direction !== 'inbound') {
          throw new AppError('E_NOT_INBOUND_ATTACHMENT', 'Only a file the taxpayer sent (an attachment of an inbound message) can answer a requested item. Pick a received file.');
        }
        transition = linkAttachment(facts, change.attachmentId, at);
        break;
      }
      case 'unlink':
        if (!item.links.some((l) => l.attachmentId === change.attachmentId)) throw caseworkErrors.invalidItemChange('That file is not marked as answering this item.');
        transition = unlinkAttachment(facts, change.attachmentId, at);
        break;
      case 'mark-received':
        transition = markReceived(facts, change.complete, at);
        break;
      case 'change-due-date': {
        if (!isCalendarDate(change.dueDate)) throw caseworkErrors.invalidItemChange(`${change.dueDate} is not a date of the calendar; pick the new due date again.`);
        const today = todayIn(request.timeZone, context.now);
        if (change.dueDate < today) throw caseworkErrors.dueDateInPast(change.dueDate, today);
        transition = changeDueDate(facts, change.dueDate, change.reason, at);
        break;
      }
      case 'waive':
        transition = waiveItem(facts, change.reason, at);
        break;
      case 'reopen':
        transition = reopenItem(facts, null, at);
        break;
    }
  } catch (err) {
    if (err instanceof ItemTransitionError) throw caseworkErrors.invalidItemChange(err.message);
    throw err;
  }
  vault.casework.changeItem({
    itemId: item.id, action: change.action, facts: storedFactsOf(transition.facts), entry: transition.entry,
    ...('attachmentId' in change ? { attachmentId: change.attachmentId } : {}),
  });
  return item.caseId;
}
