/**
 * Finds cases by what an examiner has at hand: the taxpayer's name (each word typed is the start of a
 * word of the name, any case, accents ignored: "del ros" finds "Rosa Delgado", "muller" finds "Müller"),
 * the offer number (any part of it) or the TIN's last four digits ("4321" or "***-**-4321").
 *
 * One pass over `cases` in SQL. SQLite's lower() and LIKE fold ASCII only, so name words are compared
 * by a small deterministic function registered on the connection (Unicode case and accent folding).
 * Calling into JavaScript for each of 10,000 rows was most of the search's time on the main thread, so
 * an ASCII name that does not even contain the first term (SQLite's instr over lower()) is passed over
 * in SQL first; names with any other character, and non-ASCII terms, still go to the function.
 * 10,000 cases take a few ms (tests/vault/search.test.ts measures it). The query is
 * untrusted: it only ever travels as a bound parameter, and LIKE wildcards in it are escaped.
 */
import type { VaultDb } from '../database';
import type { CaseHit } from '../records';

const NAME_MATCH_FN = 'scoic_name_words_match';
const registered = new WeakSet<VaultDb>();

/** Lower case with accents removed (ASCII, most names, takes the short way). */
const fold = (text: string) => (/^\p{ASCII}*$/u.test(text) ? text : text.normalize('NFKD').replace(/\p{M}+/gu, '')).toLowerCase();

/** The words of a name or query: folded, split at anything that is not a letter or digit. */
export function nameWords(text: string): string[] {
  return fold(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

/**
 * Folded names, kept across searches: NFKD and the accent strip are most of a call, and every search
 * over the same cases folds the same names (bounded: cleared when a very large vault exceeds it).
 */
const FOLDED_CACHE_MAX = 50_000;
const foldedNames = new Map<string, string>();
function foldedName(name: string): string {
  let folded = foldedNames.get(name);
  if (folded === undefined) {
    if (foldedNames.size >= FOLDED_CACHE_MAX) foldedNames.clear();
    folded = fold(name);
    foldedNames.set(name, folded);
  }
  return folded;
}

/** One query's terms as "starts a word" tests; built once per query, not once per row. */
let compiled: { terms: string; tests: RegExp[] } | undefined;

/** True when every term starts some word of `name` (terms already folded, space separated). */
function nameMatches(name: unknown, terms: unknown): number {
  if (typeof name !== 'string' || typeof terms !== 'string' || terms === '') return 0;
  if (compiled?.terms !== terms) {
    // Terms hold letters and digits only (nameWords), so they are safe inside a pattern.
    compiled = { terms, tests: terms.split(' ').map((t) => new RegExp(`(?:^|[^\\p{L}\\p{N}])${t}`, 'u')) };
  }
  const folded = foldedName(name);
  return compiled.tests.every((re) => re.test(folded)) ? 1 : 0;
}

function ensureFunction(db: VaultDb): void {
  if (registered.has(db)) return;
  db.function(NAME_MATCH_FN, { deterministic: true }, nameMatches);
  registered.add(db);
}

/** `4321`, `***-**-4321`, `**-***4321`, `xxx-xx-4321`: the four digits; anything else (e.g. a full SSN): null. */
export function tinLastFour(query: string): string | null {
  const m = /^[*xX#\s-]*(\d{4})$/.exec(query.trim());
  return m ? m[1]! : null;
}

export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

type Row = { id: number; taxpayer_name: string; offer_number: string; tin_masked: string; server_status: CaseHit['status']; matched: CaseHit['matched'] };

export function searchCases(db: VaultDb, query: string, limit: number): CaseHit[] {
  // Control characters are never in names or offer numbers; a NUL would also end the LIKE pattern early in SQLite.
  // eslint-disable-next-line no-control-regex
  const text = query.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (text === '') return [];
  ensureFunction(db);
  const words = nameWords(text).slice(0, 8);
  const terms = words.join(' ');
  // The longest term is the rarest substring; only an ASCII one can be tested by SQLite's ASCII lower().
  const longest = words.reduce((a, w) => (w.length > a.length ? w : a), '');
  const asciiTerm = /^[\x20-\x7e]+$/.test(longest) ? longest : null;
  const rows = db.prepare(`
    SELECT * FROM (
      SELECT id, taxpayer_name, offer_number, tin_masked, server_status,
        CASE
          WHEN :tin IS NOT NULL AND substr(tin_masked, -4) = :tin THEN 'tin-last-four'
          WHEN (:ascii IS NULL OR taxpayer_name GLOB '*[^ -~]*' OR instr(lower(taxpayer_name), :ascii) > 0)
            AND ${NAME_MATCH_FN}(taxpayer_name, :terms) THEN 'taxpayer-name'
          WHEN offer_number LIKE :offer ESCAPE '\\' THEN 'offer-number'
        END AS matched
      FROM cases)
    WHERE matched IS NOT NULL
    ORDER BY CASE matched WHEN 'tin-last-four' THEN 0 WHEN 'taxpayer-name' THEN 1 ELSE 2 END, taxpayer_name COLLATE NOCASE, id
    LIMIT :limit`).all({ tin: tinLastFour(text), terms, ascii: asciiTerm, offer: `%${escapeLike(text)}%`, limit }) as Row[];
  return rows.map((r) => ({
    caseId: r.id, taxpayerName: r.taxpayer_name, offerNumber: r.offer_number, tinMasked: r.tin_masked, status: r.server_status, matched: r.matched,
  }));
}
