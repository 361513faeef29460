/**
 * Synthetic correspondence for the vault benchmark: deterministic, OIC-flavoured words plus a long
 * tail of pseudo-words, so FTS terms have realistic frequencies (a few common, most rare).
 */
import crypto from 'node:crypto';
import { prng } from '../../../server/seed/prng';

/** Seeded (mulberry32, shared with the demo seed): the corpus is identical on every run. */
export { prng };

const DOMAIN = ['bank', 'statement', 'statements', 'paystub', 'payroll', 'employer', 'offer', 'compromise', 'collectibility', 'liability',
  'form', 'appeal', 'installment', 'mortgage', 'vehicle', 'loan', 'expenses', 'income', 'household', 'retirement', 'investment',
  'brokerage', 'receipt', 'utility', 'insurance', 'rent', 'lease', 'business', 'profit', 'loss', 'deposit', 'withdrawal', 'quarter',
  'january', 'february', 'march', 'april', 'please', 'attached', 'requested', 'documents', 'deadline', 'extension', 'signature'];
const FILLER = ['the', 'and', 'for', 'with', 'from', 'this', 'that', 'have', 'your', 'will', 'are', 'our', 'you', 'was', 'were'];


const TAIL = Array.from({ length: 20_000 }, (_, i) => crypto.createHash('sha1').update(String(i)).digest('base64').replace(/[^a-z]/g, '').slice(0, 7) || `w${i}`);

export function makeText(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const r = rand();
    if (r < 0.45) out.push(FILLER[Math.floor(rand() * FILLER.length)]!);
    else if (r < 0.75) out.push(DOMAIN[Math.floor(rand() * DOMAIN.length)]!);
    // Zipf-like tail: low indexes far more often than high ones.
    else out.push(TAIL[Math.floor(TAIL.length * rand() ** 3)]!);
  }
  return out.join(' ');
}

/** Query terms of mixed frequency: common domain words, mid-tail and rare tail words, and two-word queries. */
export function queryTerms(rand: () => number, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    switch (i % 4) {
      case 0: return DOMAIN[Math.floor(rand() * DOMAIN.length)]!;
      case 1: return TAIL[Math.floor(rand() * 200)]!;
      case 2: return TAIL[Math.floor(2000 + rand() * 10_000)]!;
      default: return `${DOMAIN[Math.floor(rand() * DOMAIN.length)]!} ${DOMAIN[Math.floor(rand() * DOMAIN.length)]!}`;
    }
  });
}
