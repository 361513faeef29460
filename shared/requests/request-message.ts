/**
 * The secure message a document request sends: every item numbered, the explicit deadline (date, time
 * and time zone — Szekely v. Commissioner, T.C. Memo 2013-227), what happens if the documents do not
 * arrive, and how to ask for more time. Plain text. It carries no TIN, offer or account number: the
 * wording is the employee's, so a long number in it is refused rather than sent.
 */
import { maskNumbers } from '../mask-numbers';
import { formatDeadline } from './due-date';
import { parseCalendarDate } from './calendar-date';

export interface RequestMessageInput {
  items: Array<{ label: string; wording: string }>;
  dueDate: string;
  timeZone: string;
  employeeName: string;
}

export class RequestMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestMessageError';
  }
}

const LONG_DATE = /^[A-Za-z]+, ([A-Za-z]+ \d{1,2}, \d{4}), /;

/** Collapses runs of blank space inside a line and trims; keeps the employee's line breaks. */
function tidy(text: string): string {
  return text.split(/\r?\n/).map((line) => line.replace(/[ \t]+/g, ' ').trim()).join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** A number the masker would hide (SSN or EIN shapes, 7 or more digits) may identify the taxpayer. */
function refuseIdentifyingNumbers(what: string, text: string): void {
  if (maskNumbers(text) !== text) {
    throw new RequestMessageError(`${what} contains a long number (a TIN, offer or account number?). Remove it: a request message must not carry one — say "the account ending 4321" instead.`);
  }
}

export function requestMessageText(input: RequestMessageInput): { subject: string; body: string } {
  if (input.items.length === 0) throw new RequestMessageError('Pick at least one item to request.');
  parseCalendarDate(input.dueDate);
  const employeeName = tidy(input.employeeName);
  if (employeeName === '') throw new RequestMessageError('The employee name is missing: the message is signed with it.');

  const items = input.items.map((item, index) => {
    const label = tidy(item.label).replace(/\n/g, ' ');
    const wording = tidy(item.wording);
    if (label === '' && wording === '') throw new RequestMessageError(`Item ${index + 1} is empty: write what you need or remove it.`);
    refuseIdentifyingNumbers(`Item ${index + 1}`, `${label}\n${wording}`);
    const text = wording === '' ? label : label === '' ? wording : `${label}: ${wording}`;
    // Continuation lines indented under the item's text, so the numbers stand out.
    const number = `${index + 1}. `;
    return number + text.split('\n').join(`\n${' '.repeat(number.length)}`);
  });

  const deadline = formatDeadline(input.dueDate, input.timeZone);
  const shortDate = LONG_DATE.exec(deadline)?.[1] ?? input.dueDate;
  const count = input.items.length;
  const them = count === 1 ? 'it' : 'them';
  const documents = count === 1 ? 'this document' : 'these documents';

  const body = [
    'Hello,',
    '',
    `To continue working on your offer in compromise, we need ${count === 1 ? 'the following document' : `the following ${count} items`} from you:`,
    '',
    ...items,
    '',
    `Please send ${documents} by ${deadline}.`,
    '',
    `To send ${them}, reply to this message and attach the files. You can send more than one message if that is easier.`,
    '',
    `If you need more time, reply to this message before the deadline, tell us which items you need more time for and why, and suggest a date.`,
    '',
    `If we do not receive ${documents} by the deadline, we will continue our review with the information we have. This may affect the decision on your offer.`,
    '',
    'Thank you,',
    employeeName,
  ].join('\n');

  return { subject: `Documents needed by ${shortDate}`, body };
}
