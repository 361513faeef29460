/**
 * Which requested items an inbound attachment may answer, from its name (and a little from its type):
 * "Bank statements Jan-Mar 2025.pdf" → bank statements. Only a suggestion for the employee to confirm,
 * so it stays conservative: whole words only ("irate.pdf" is not an IRA), and nothing for `other`.
 */
import { type RequestItemKind } from './request-schemas';

interface Clue {
  kind: RequestItemKind;
  /** Matched against the normalized name: lower case, words separated by single spaces. */
  pattern: RegExp;
  /** 3 names the item outright (a form number, "pay stub"), 1 is only a hint ("bill"). */
  weight: number;
}

const VEHICLE = '(?:car|auto|automobile|vehicle|truck|motorcycle|boat|rv)';

const CLUES: readonly Clue[] = [
  { kind: 'bank-statements', pattern: /\bbank(?: of \w+)?(?: statements?| stmts?)\b/, weight: 3 },
  { kind: 'bank-statements', pattern: /\b(?:bank|checking|savings|credit union|money market)\b/, weight: 2 },

  { kind: 'pay-stubs', pattern: /\bpay ?(?:stubs?|slips?|checks?|statements?)\b/, weight: 3 },
  { kind: 'pay-stubs', pattern: /\b(?:earnings|wage|salary) statements?\b/, weight: 3 },
  { kind: 'pay-stubs', pattern: /\b(?:w 2s?|payroll|wages?|earnings)\b/, weight: 2 },

  { kind: 'form-433a-oic', pattern: /\b433 ?a\b/, weight: 3 },
  { kind: 'form-433b-oic', pattern: /\b433 ?b\b/, weight: 3 },

  { kind: 'vehicle-loan', pattern: new RegExp(`\\b${VEHICLE}s? (?:loans?|notes?|leases?|payments?|financing|finance|title)\\b`), weight: 3 },
  { kind: 'vehicle-loan', pattern: /\b(?:vehicles?|autoloan|carloan)\b/, weight: 2 },

  { kind: 'mortgage-or-rent', pattern: /\b(?:mortgage|mtg)\b/, weight: 3 },
  { kind: 'mortgage-or-rent', pattern: /\b(?:rent|rental|renters) (?:receipts?|agreements?|ledgers?|payments?|statements?)\b/, weight: 3 },
  { kind: 'mortgage-or-rent', pattern: new RegExp(`(?<!\\b${VEHICLE}s? )\\b(?:lease|leases|rent|rental|landlord|escrow)\\b`), weight: 2 },

  { kind: 'monthly-expenses', pattern: /\b(?:monthly )?(?:living )?expenses?\b/, weight: 3 },
  { kind: 'monthly-expenses', pattern: /\b(?:utility|utilities|electric|electricity|gas|water|phone|internet|cable) bills?\b/, weight: 3 },
  { kind: 'monthly-expenses', pattern: /\b(?:utility|utilities|bills?|receipts?|invoices?|insurance|child ?care|daycare|medical)\b/, weight: 1 },

  { kind: 'profit-and-loss', pattern: /\b(?:profit (?:and |n )?loss|p (?:and |n )?l|pnl|p l)\b/, weight: 3 },
  { kind: 'profit-and-loss', pattern: /\bincome statements?\b/, weight: 2 },

  { kind: 'retirement-statements', pattern: /\b(?:401 ?k|403 ?b|457 ?b|roth|iras?|sep ira|tsp|thrift savings|pension|retirement)\b/, weight: 3 },

  { kind: 'investment-statements', pattern: /\b(?:brokerage|investments?|portfolio|stocks?|bonds?|mutual funds?|securities|crypto(?:currency)?|digital assets?)\b/, weight: 3 },
];

/** Types that suggest figures typed into a sheet rather than a scanned statement. */
const SPREADSHEET_TYPES = /(?:spreadsheetml|ms-excel|text\/csv|tab-separated)/i;
const SHEET_FRIENDLY: ReadonlySet<RequestItemKind> = new Set(['profit-and-loss', 'monthly-expenses']);

/**
 * Words on one line: camelCase and letter/digit runs split ("PayStub0315" → "pay stub 0315",
 * "433A" → "433 a"), "&" read as "and", the extension dropped, every other mark a space.
 */
export function normalizeFileName(fileName: string): string {
  return fileName
    .normalize('NFKC')
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/&/g, ' and ')
    .toLowerCase()
    .replace(/([a-z])(\d)/g, '$1 $2')
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The open kinds the file may answer, best first (by the strongest clue, then where in the name it
 * appears, then catalog order). Empty when nothing in the name says.
 */
export function suggestItems(fileName: string, detectedType: string, openKinds: readonly RequestItemKind[]): RequestItemKind[] {
  const name = normalizeFileName(fileName);
  const open = new Set(openKinds);
  const best = new Map<RequestItemKind, { weight: number; position: number; order: number }>();
  CLUES.forEach((clue, order) => {
    if (!open.has(clue.kind)) return;
    const match = clue.pattern.exec(name);
    if (!match) return;
    const weight = clue.weight + (SHEET_FRIENDLY.has(clue.kind) && SPREADSHEET_TYPES.test(detectedType) ? 0.5 : 0);
    const seen = best.get(clue.kind);
    if (!seen || weight > seen.weight || (weight === seen.weight && match.index < seen.position)) {
      best.set(clue.kind, { weight, position: match.index, order: seen ? Math.min(seen.order, order) : order });
    }
  });
  return [...best.entries()]
    .sort(([, a], [, b]) => b.weight - a.weight || a.position - b.position || a.order - b.order)
    .map(([kind]) => kind);
}
