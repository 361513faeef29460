/** The secure message a document request sends, and the catalog it starts from. */
import { describe, expect, it } from 'vitest';
import { catalogEntry, CATALOG_KINDS, DOCUMENT_CATALOG } from '../../../shared/requests/catalog';
import { requestMessageText } from '../../../shared/requests/request-message';
import { RequestItemKindSchema } from '../../../shared/requests/request-schemas';

const bank = catalogEntry('bank-statements');
const stubs = catalogEntry('pay-stubs');
const base = {
  items: [{ label: bank.label, wording: bank.defaultWording }, { label: stubs.label, wording: stubs.defaultWording }],
  dueDate: '2026-04-30',
  timeZone: 'America/New_York',
  employeeName: 'Dana Whitfield',
};

describe('request message', () => {
  it('numbers every item and names the explicit deadline with its time zone', () => {
    const { subject, body } = requestMessageText(base);
    expect(subject).toBe('Documents needed by April 30, 2026');
    expect(body).toContain(`1. Bank statements: ${bank.defaultWording}`);
    expect(body).toContain(`2. Pay stubs: ${stubs.defaultWording}`);
    expect(body).toContain('Please send these documents by Thursday, April 30, 2026, 11:59 PM Eastern Time (ET).');
    expect(body).toMatch(/If you need more time, reply to this message before the deadline/);
    expect(body).toMatch(/If we do not receive these documents by the deadline, we will continue our review with the information we have/);
    expect(body.trimEnd().endsWith('Thank you,\nDana Whitfield')).toBe(true);
  });

  it('words the deadline in the office zone it is given', () => {
    const { body } = requestMessageText({ ...base, timeZone: 'Pacific/Honolulu', items: [base.items[0]!] });
    expect(body).toContain('Please send this document by Thursday, April 30, 2026, 11:59 PM Hawaii-Aleutian Standard Time (HST).');
    expect(body).toContain('we need the following document from you');
  });

  it('keeps the employee\'s line breaks, indented under the item', () => {
    const { body } = requestMessageText({ ...base, items: [{ label: 'Other', wording: 'Your divorce decree.\nAll pages, please.' }] });
    expect(body).toContain('1. Other: Your divorce decree.\n   All pages, please.');
  });

  it('carries no TIN, offer or long account number', () => {
    expect(() => requestMessageText({ ...base, items: [{ label: 'Other', wording: 'Statements for SSN 987-65-4321' }] })).toThrow(/long number/);
    expect(() => requestMessageText({ ...base, items: [{ label: 'Other', wording: 'About offer DEMO-0000012345' }] })).toThrow(/Item 1/);
    expect(() => requestMessageText({ ...base, items: [{ label: 'Bank statements', wording: 'Account 123456789012' }] })).toThrow(/account ending 4321/);
    // Dates, form numbers and short numbers are fine.
    expect(() => requestMessageText({ ...base, items: [{ label: 'Other', wording: 'Statements for 01/01/2025 to 03/31/2025, account ending 4321, Form 433-A (OIC) Section 3' }] })).not.toThrow();
  });

  it('refuses an empty request, an empty item or no signature', () => {
    expect(() => requestMessageText({ ...base, items: [] })).toThrow(/at least one item/);
    expect(() => requestMessageText({ ...base, items: [{ label: ' ', wording: '' }] })).toThrow(/Item 1 is empty/);
    expect(() => requestMessageText({ ...base, employeeName: '  ' })).toThrow(/employee name/);
    expect(() => requestMessageText({ ...base, dueDate: '04/30/2026' })).toThrow(RangeError);
    expect(() => requestMessageText({ ...base, timeZone: 'Eastern' })).toThrow(/unknown time zone/);
  });
});

describe('document catalog', () => {
  it('has one entry per kind, in the schema\'s order, with the fixed ids', () => {
    expect(DOCUMENT_CATALOG.map((entry) => entry.kind)).toEqual(RequestItemKindSchema.options);
    expect(CATALOG_KINDS).toEqual(['bank-statements', 'pay-stubs', 'form-433a-oic', 'form-433b-oic', 'vehicle-loan', 'mortgage-or-rent',
      'monthly-expenses', 'profit-and-loss', 'investment-statements', 'retirement-statements', 'other']);
  });

  it('words every entry so it can be sent as it is (other is written by the employee)', () => {
    for (const entry of DOCUMENT_CATALOG) {
      if (entry.kind === 'other') { expect(entry.defaultWording).toBe(''); continue; }
      expect(entry.label.length).toBeGreaterThan(0);
      expect(entry.defaultWording).toMatch(/[.]$/);
      expect(() => requestMessageText({ ...base, items: [{ label: entry.label, wording: entry.defaultWording }] })).not.toThrow();
    }
    expect(bank.defaultWording).toMatch(/last 3 months/);
    expect(stubs.defaultWording).toMatch(/2 most recent/);
  });
});
