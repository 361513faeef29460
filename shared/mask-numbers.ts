/**
 * TINs are shown masked (***-**-4321) everywhere. Taxpayers also write them into their own file names
 * and subjects ("Form 433-A 987-65-4321.pdf", "ssn_987_65_4321.pdf", "９８７－６５－４３２１"), so every
 * text the app shows, exports, prints or logs from them goes through this one masker:
 * - SSN/ITIN (3-2-4 digits) and EIN (2-7) shapes, and any 9 digits in a row, lose every digit;
 * - other numbers of 7 or more digits (account, offer, card numbers) keep only their last four;
 * - dates and times stay readable (`fax-20250312-0915.tif`, `2015-2025`, `03/12/2025`), so faxes can
 *   still be told apart by when they were sent.
 * Digits are read after NFKC folding (full-width and other compatibility digits count) and may be any
 * Unicode decimal digit; groups may be split by spaces, dashes of any kind, dots, underscores or
 * slashes, repeated or spaced (`987 - 65 - 4321`, `987--65--4321`). Only ASCII digits can be read as a
 * date: a long number in other digits is masked.
 *
 * Characters listed in `transparent` (the search snippet's hit markers) may sit anywhere inside a
 * number; they are kept and do not split it.
 */

const DIGIT = /^\p{Nd}$/u;
const SEPARATOR = /^[\p{Zs}\t\p{Pd}\u2212\u2043._/]$/u; // dashes of every kind, minus signs
/** Up to this many separator characters may join two digit groups (`987 -- 65`). */
const MAX_SEPARATOR_RUN = 4;
const MASK = 'X';
const KEEP_LAST = 4;

interface Group { digits: number[]; text: string }

export interface MaskOptions {
  /** Characters that may appear inside a number without splitting it (kept as they are). */
  transparent?: string;
}

export function maskNumbers(text: string, options: MaskOptions = {}): string {
  const chars = Array.from(text.normalize('NFKC'));
  const transparent = new Set(Array.from(options.transparent ?? ''));
  const isDigit = (c: string | undefined) => c !== undefined && DIGIT.test(c);
  const isSeparator = (c: string | undefined) => c !== undefined && SEPARATOR.test(c);
  const masked = new Set<number>();

  let i = 0;
  while (i < chars.length) {
    if (!isDigit(chars[i])) { i++; continue; }
    // A chain: digit groups joined by short separator runs.
    const chain: Group[] = [];
    let j = i;
    for (;;) {
      const group: Group = { digits: [], text: '' };
      while (j < chars.length && (isDigit(chars[j]) || transparent.has(chars[j]!))) {
        if (isDigit(chars[j])) { group.digits.push(j); group.text += chars[j]; }
        j++;
      }
      chain.push(group);
      let k = j;
      let separators = 0;
      while (k < chars.length && (isSeparator(chars[k]) || transparent.has(chars[k]!))) {
        if (!transparent.has(chars[k]!)) separators++;
        k++;
      }
      if (separators === 0 || separators > MAX_SEPARATOR_RUN || !isDigit(chars[k])) break;
      j = k;
    }
    for (const index of chainMask(chain)) masked.add(index);
    i = j;
  }
  return chars.map((c, index) => (masked.has(index) ? MASK : c)).join('');
}

/** The indices of the digits to mask in one chain of groups. */
function chainMask(chain: Group[]): number[] {
  const out: number[] = [];
  const tin = new Array<boolean>(chain.length).fill(false);
  const lengths = chain.map((g) => g.digits.length);
  for (let g = 0; g < chain.length; g++) {
    if (lengths[g] === 9) tin[g] = true;
    if (lengths[g] === 3 && lengths[g + 1] === 2 && lengths[g + 2] === 4) tin[g] = tin[g + 1] = tin[g + 2] = true;
    if (lengths[g] === 2 && lengths[g + 1] === 7) tin[g] = tin[g + 1] = true;
  }
  // What is left splits into runs between the TINs; a run is masked but for its last four digits
  // when it holds 7+ digits and is not made only of date and time parts.
  let run: Group[] = [];
  const flush = () => {
    const digits = run.flatMap((g) => g.digits);
    if (digits.length >= 7 && !run.every(isDatePart)) out.push(...digits.slice(0, -KEEP_LAST));
    run = [];
  };
  chain.forEach((group, g) => {
    if (tin[g]) { flush(); out.push(...group.digits); } else run.push(group);
  });
  flush();
  return out;
}

const ASCII_DIGITS = /^[0-9]+$/;

/** A piece of a date or time: 1-2 digits, a year 1900-2099, a time hhmm or hhmmss, a date yyyymmdd or mmddyyyy. */
function isDatePart(group: Group): boolean {
  const t = group.text;
  if (!ASCII_DIGITS.test(t)) return false;
  if (t.length <= 2) return true;
  if (t.length === 4) return isYear(t) || isTime(t);
  if (t.length === 6) return isTime(t);
  if (t.length === 8) return isDate(t.slice(0, 4), t.slice(4, 6), t.slice(6, 8)) || isDate(t.slice(4, 8), t.slice(0, 2), t.slice(2, 4));
  return false;
}

const isYear = (y: string) => Number(y) >= 1900 && Number(y) <= 2099;

function isTime(t: string): boolean {
  const [h, m, s = '00'] = [t.slice(0, 2), t.slice(2, 4), t.slice(4, 6) || undefined];
  return Number(h) <= 23 && Number(m) <= 59 && Number(s) <= 59;
}

function isDate(y: string, m: string, d: string): boolean {
  return isYear(y) && Number(m) >= 1 && Number(m) <= 12 && Number(d) >= 1 && Number(d) <= 31;
}
