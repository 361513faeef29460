/** Suggestions of which requested item an inbound file answers, from its name and type. */
import { describe, expect, it } from 'vitest';
import { CATALOG_KINDS } from '../../../shared/requests/catalog';
import { normalizeFileName, suggestItems } from '../../../shared/requests/suggest-items';

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const all = CATALOG_KINDS;
const first = (name: string, type = PDF) => suggestItems(name, type, all)[0] ?? null;

describe('suggested items', () => {
  it.each([
    ['Bank statements Jan-Mar 2025.pdf', 'bank-statements'],
    ['Bank of America statement 03-2025.pdf', 'bank-statements'],
    ['chase_checking_0325.pdf', 'bank-statements'],
    ['paystub_0315.pdf', 'pay-stubs'],
    ['PayStub-2025-03-28.PDF', 'pay-stubs'],
    ['W2 earnings statement.pdf', 'pay-stubs'],
    ['pay slips march.jpg', 'pay-stubs'],
    ['433-A OIC.pdf', 'form-433a-oic'],
    ['433A_signed.pdf', 'form-433a-oic'],
    ['Form433A-OIC.pdf', 'form-433a-oic'],
    ['f433b (OIC) company.pdf', 'form-433b-oic'],
    ['car loan statement.pdf', 'vehicle-loan'],
    ['Auto_Loan_Apr.pdf', 'vehicle-loan'],
    ['truck lease.pdf', 'vehicle-loan'],
    ['lease agreement.pdf', 'mortgage-or-rent'],
    ['Rent receipts Q1.png', 'mortgage-or-rent'],
    ['mortgage stmt.pdf', 'mortgage-or-rent'],
    ['utility bill april.pdf', 'monthly-expenses'],
    ['monthly expenses.xlsx', 'monthly-expenses'],
    ['P&L 2024.xlsx', 'profit-and-loss'],
    ['Profit and Loss YTD.pdf', 'profit-and-loss'],
    ['profit_loss_2025.csv', 'profit-and-loss'],
    ['401k statement.pdf', 'retirement-statements'],
    ['Fidelity 401(k) Q1.pdf', 'retirement-statements'],
    ['Roth IRA 2025.pdf', 'retirement-statements'],
    ['IRA.pdf', 'retirement-statements'],
    ['brokerage statement.pdf', 'investment-statements'],
    ['Investment summary.pdf', 'investment-statements'],
  ] as const)('%s -> %s', (name, kind) => {
    expect(first(name)).toBe(kind);
  });

  it.each([
    'irate.pdf', 'miracle.pdf', 'scan0001.pdf', 'IMG_4570.jpg', 'current statement.pdf', 'parent letter.pdf',
    'carpet.pdf', 'statement.pdf', 'Letter 3030.pdf', 'bankruptcy.pdf', 'W21 form.pdf', 'paystubborn.pdf',
  ])('suggests nothing for %s', (name) => {
    expect(suggestItems(name, PDF, all)).toEqual([]);
  });

  it('only suggests kinds that are open in the case', () => {
    expect(suggestItems('Bank statements Jan-Mar 2025.pdf', PDF, ['pay-stubs', 'other'])).toEqual([]);
    expect(suggestItems('401k and brokerage.pdf', PDF, ['investment-statements'])).toEqual(['investment-statements']);
    expect(suggestItems('anything.pdf', PDF, [])).toEqual([]);
  });

  it('orders several matches best first, then by where they appear', () => {
    expect(suggestItems('401k and brokerage.pdf', PDF, all)).toEqual(['retirement-statements', 'investment-statements']);
    expect(suggestItems('brokerage and 401k.pdf', PDF, all)).toEqual(['investment-statements', 'retirement-statements']);
    // "bank statement" names the item; "bills" is only a hint.
    expect(suggestItems('bills and bank statements.pdf', PDF, all)).toEqual(['bank-statements', 'monthly-expenses']);
    expect(suggestItems('car lease.pdf', PDF, all)).toEqual(['vehicle-loan']);
  });

  it('leans to sheets for profit and loss and expenses when the file is a spreadsheet', () => {
    expect(suggestItems('income statement and bank.xlsx', XLSX, all)[0]).toBe('profit-and-loss');
    expect(suggestItems('income statement and bank.pdf', PDF, all)[0]).toBe('profit-and-loss');
    expect(suggestItems('receipts and checking.xlsx', XLSX, all)).toEqual(['bank-statements', 'monthly-expenses']);
  });

  it('never suggests other', () => {
    expect(suggestItems('other documents.pdf', PDF, ['other'])).toEqual([]);
  });

  it('normalizes names into words', () => {
    expect(normalizeFileName('PayStub_0315.pdf')).toBe('pay stub 0315');
    expect(normalizeFileName('Form433A-OIC.pdf')).toBe('form 433 a oic');
    expect(normalizeFileName('P&L 2024.xlsx')).toBe('p and l 2024');
    expect(normalizeFileName('IRAStatement.pdf')).toBe('ira statement');
  });
});
