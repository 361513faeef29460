/** The refusals of case work, each saying what happened and what to do. */
import { AppError } from '../../shared/errors';

export const caseworkErrors = {
  dueDateInPast: (dueDate: string, today: string) => new AppError('E_DUE_DATE_PAST',
    `The due date ${dueDate} is before today (${today}). Pick today or a later business day.`, { dueDate, today }),
  dueDateNotBusinessDay: (dueDate: string, next: string) => new AppError('E_DUE_DATE_NOT_BUSINESS_DAY',
    `${dueDate} is a weekend day or a federal holiday. Pick a business day, such as ${next}.`, { dueDate, next }),
  invalidRequest: (why: string) => new AppError('E_INVALID_REQUEST', `The request cannot be sent as written: ${why}`),
  invalidItemChange: (why: string) => new AppError('E_INVALID_ITEM_CHANGE', why),
  noPackage: () => new AppError('E_NO_APPEALS_PACKAGE',
    'No case package was built after the last message. Use "Print case for Appeals…" first, then mark the case transferred.'),
  caseClosed: () => new AppError('E_CASE_CLOSED',
    'This case is closed: no documents can be requested on it. If the taxpayer still owes documents, reopen the case on the server first.'),
  caseTransferred: () => new AppError('E_CASE_TRANSFERRED',
    'This case was transferred to Appeals: requests for it now go through Appeals, not this laptop. Ask the Appeals officer to request the documents.'),
  alreadyTransferred: (transferredAt: string) => new AppError('E_ALREADY_TRANSFERRED',
    `This case was already marked transferred to Appeals (${transferredAt}); marking it again would restart the retention clock. Nothing was changed.`, { transferredAt }),
  identifyingSubject: () => new AppError('E_INVALID_REQUEST',
    'The request cannot be sent as written: the subject contains a long number (a TIN, offer or account number?). Remove it: a message subject must not carry one.'),
  openChecks: (open: string[]) => new AppError('E_APPEALS_CHECKS_OPEN',
    `Some checks are not done: ${open.join('; ')}. Fix them, or confirm that the case goes to Appeals as it is.`, { open: open.join(', ') }),
};
