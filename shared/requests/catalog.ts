/**
 * What offer investigations ask taxpayers for (Form 433-A (OIC) and 433-B (OIC) and their
 * instructions), with the words a request uses by default. The employee edits the wording per
 * request; the catalog is only the starting point. Plain language, as IRS letters write to taxpayers.
 */
import { type RequestItemKind, RequestItemKindSchema } from './request-schemas';

export interface CatalogEntry {
  kind: RequestItemKind;
  /** Short name: the item's label in lists, the message and the Appeals package. */
  label: string;
  /** What the request asks, addressed to the taxpayer ("you"). */
  defaultWording: string;
  /** A note for the employee choosing the item (never sent). */
  hint?: string;
}

export const DOCUMENT_CATALOG: readonly CatalogEntry[] = Object.freeze([
  {
    kind: 'bank-statements',
    label: 'Bank statements',
    defaultWording: 'Your statements for the last 3 months for every bank account you have, including checking, savings, money market and online accounts. Send every page of each statement.',
    hint: 'Ask per account when the 433-A (OIC) lists several; name the accounts in the wording.',
  },
  {
    kind: 'pay-stubs',
    label: 'Pay stubs',
    defaultWording: 'Your 2 most recent pay stubs or earnings statements from each employer, for you and your spouse if you share household expenses. They should show your gross pay, deductions and pay period.',
  },
  {
    kind: 'form-433a-oic',
    label: 'Form 433-A (OIC)',
    defaultWording: 'The Collection Information Statement for Wage Earners and Self-Employed Individuals, completed and signed. Please fill in every section that applies to you.',
    hint: 'Name the sections still missing (for example, Section 3 and Section 6) in the wording.',
  },
  {
    kind: 'form-433b-oic',
    label: 'Form 433-B (OIC)',
    defaultWording: 'The Collection Information Statement for Businesses, completed and signed. Please fill in every section that applies to your business.',
    hint: 'For corporations, partnerships and LLCs; name the sections still missing in the wording.',
  },
  {
    kind: 'vehicle-loan',
    label: 'Vehicle loan or lease statements',
    defaultWording: 'Your most recent statement for each car, truck or other vehicle loan or lease. It should show the lender, the monthly payment and the balance you still owe.',
  },
  {
    kind: 'mortgage-or-rent',
    label: 'Mortgage or rent',
    defaultWording: 'Your most recent mortgage statement showing the monthly payment and the balance you owe, or, if you rent, your lease or a rent receipt showing the monthly rent.',
  },
  {
    kind: 'monthly-expenses',
    label: 'Proof of monthly expenses',
    defaultWording: 'Proof of the monthly living expenses you listed, such as utility bills, insurance, health care, child care, court-ordered payments and taxes you pay each month. Send a recent bill or receipt for each.',
  },
  {
    kind: 'profit-and-loss',
    label: 'Profit and loss statement',
    defaultWording: 'A profit and loss statement for your business for the last 12 months, showing your monthly income and expenses.',
    hint: 'Self-employed taxpayers and businesses; Section 6 of Form 433-A (OIC) asks for the same figures.',
  },
  {
    kind: 'investment-statements',
    label: 'Investment statements',
    defaultWording: 'Your most recent statement for each investment account, such as brokerage accounts, stocks, bonds, mutual funds and digital assets. It should show the current value.',
  },
  {
    kind: 'retirement-statements',
    label: 'Retirement account statements',
    defaultWording: 'Your most recent statement for each retirement account, such as a 401(k), 403(b), IRA or Thrift Savings Plan. It should show the current value and any loan against the account.',
  },
  {
    kind: 'other',
    label: 'Other',
    defaultWording: '',
    hint: 'Write exactly what you need in the wording.',
  },
]);

/** The catalog entry of a kind (every kind has one). */
export function catalogEntry(kind: RequestItemKind): CatalogEntry {
  const entry = DOCUMENT_CATALOG.find((candidate) => candidate.kind === kind);
  if (!entry) throw new RangeError(`no catalog entry for the item kind ${JSON.stringify(kind)}`);
  return entry;
}

/** Every kind, in catalog order (the order dialogs and suggestions use). */
export const CATALOG_KINDS: readonly RequestItemKind[] = RequestItemKindSchema.options;
