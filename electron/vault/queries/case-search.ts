/**
 * Finds cases by what an examiner has at hand: the taxpayer's name (each word typed is the start of a
 * word of the name, any case, accents ignored: "del ros" finds "Rosa Delgado", "muller" finds "Müller"),
 * the offer number (any part of it) or the TIN's last four digits ("4321" or "***-**-4321").
 *
 * One pass over `cases` in SQL. SQLite's lower() and LIKE fold ASCII only, so name words are compared
 * by a small deterministic function registered on the connection (Unicode case and accent folding);
 * 10,000 cases take about 10 ms (tests/vault/search.test.ts measures it). The query is
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

/** One query's terms as "starts a word" tests; built once per query, not once per row. */
let compiled: { terms: string; tests: RegExp[] } | undefined;

/** True when every term starts some word of `name` (terms already folded, space separated). */
function nameMatches(name: unknown, terms: unknown): number {
  if (typeof name !== 'string' || typeof terms !== 'string' || terms === '') return 0;
  if (compiled?.terms !== terms) {
    // Terms hold letters and digits only (nameWords), so they are safe inside a pattern.
    compiled = { terms, tests: terms.split(' ').map((t) => new RegExp(`(?:^|[^\\p{L}\\p{N}])${t}`, 'u')) };
  }
  const folded = fold(name);
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
  const terms = nameWords(text).slice(0, 8).join(' ');
  const rows = db.prepare(`
    SELECT * FROM (
      SELECT id, taxpayer_name, offer_number, tin_masked, server_status,
        CASE
          WHEN :tin IS NOT NULL AND substr(tin_masked, -4) = :tin THEN 'tin-last-four'
          WHEN ${NAME_MATCH_FN}(taxpayer_name, :terms) THEN 'taxpayer-name'
          WHEN offer_number LIKE :offer ESCAPE '\\' THEN 'offer-number'
        END AS matched
      FROM cases)
    WHERE matched IS NOT NULL
    ORDER BY CASE matched WHEN 'tin-last-four' THEN 0 WHEN 'taxpayer-name' THEN 1 ELSE 2 END, taxpayer_name COLLATE NOCASE, id
    LIMIT :limit`).all({ tin: tinLastFour(text), terms, offer: `%${escapeLike(text)}%`, limit }) as Row[];
  return rows.map((r) => ({
    caseId: r.id, taxpayerName: r.taxpayer_name, offerNumber: r.offer_number, tinMasked: r.tin_masked, status: r.server_status, matched: r.matched,
  }));
}
