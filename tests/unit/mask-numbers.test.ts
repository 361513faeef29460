/**
 * The one masker, both ways: every SSN/ITIN/EIN spelling taxpayers use is masked, account-like
 * numbers keep only their last four, and dates and times stay readable. Synthetic TINs only
 * (987-65-4320..4329 and EIN shapes of the same digits).
 */
import { describe, expect, it } from 'vitest';
import { maskNumbers } from '../../shared/mask-numbers';

const FW = (s: string) => s.replace(/[0-9-]/g, (c) => (c === '-' ? '\uFF0D' : String.fromCharCode(c.charCodeAt(0) + 0xFEE0)));

/** [input, expected output] */
const MASKED: Array<[string, string]> = [
  ['Form 433-A 987-65-4321.pdf', 'Form 433-A XXX-XX-XXXX.pdf'],
  ['SSN 987.65.4321', 'SSN XXX.XX.XXXX'],
  ['ssn_987_65_4321.pdf', 'ssn_XXX_XX_XXXX.pdf'],
  ['987 65 4321 return.pdf', 'XXX XX XXXX return.pdf'],
  ['987/65/4321', 'XXX/XX/XXXX'],
  ['987 - 65 - 4321', 'XXX - XX - XXXX'],
  ['987--65--4321', 'XXX--XX--XXXX'],
  ['987 -- 65 -- 4321', 'XXX -- XX -- XXXX'],
  ['987__65__4321', 'XXX__XX__XXXX'],
  ['987. 65. 4321', 'XXX. XX. XXXX'],
  ['987\u00A065\u00A04321', 'XXX XX XXXX'], // NBSP folds to a space
  ['987\u201365\u20134321', 'XXX\u2013XX\u2013XXXX'], // en dash
  ['987\u201465\u20144321', 'XXX\u2014XX\u2014XXXX'], // em dash
  ['987\u221265\u22124321', 'XXX\u2212XX\u2212XXXX'], // minus sign
  ['987\u201065\u20104321', 'XXX\u2010XX\u2010XXXX'], // hyphen
  ['987\u3000 65\u30004321', 'XXX  XX XXXX'], // ideographic space
  [FW('987-65-4321'), 'XXX-XX-XXXX'],
  [`SSN ${FW('987654321')}`, 'SSN XXXXXXXXX'],
  ['\uFF19\uFF18\uFF17\uFF0E\uFF16\uFF15\uFF0E\uFF14\uFF13\uFF12\uFF10', 'XXX.XX.XXXX'], // full-width dots
  ['\uFF19\uFF18\uFF17\uFF3F\uFF16\uFF15\uFF3F\uFF14\uFF13\uFF12\uFF12', 'XXX_XX_XXXX'], // full-width low line
  ['\u0669\u0668\u0667-\u0666\u0665-\u0664\u0663\u0662\u0661', 'XXX-XX-XXXX'], // Arabic-Indic digits
  ['\u096F\u096E\u096D\u096C\u096B\u096A\u0969\u0968\u0967', 'XXXXXXXXX'], // Devanagari digits
  ['\uD835\uDFD7\uD835\uDFD6\uD835\uDFD5-65-4321', 'XXX-XX-XXXX'], // mathematical bold digits
  ['987654321 bank.pdf', 'XXXXXXXXX bank.pdf'],
  ['tin987654321.pdf', 'tinXXXXXXXXX.pdf'],
  ['ITIN 987-70-4322', 'ITIN XXX-XX-XXXX'],
  ['EIN 98-7654321', 'EIN XX-XXXXXXX'],
  ['12-3456789.pdf', 'XX-XXXXXXX.pdf'],
  ['ein_98_7654323', 'ein_XX_XXXXXXX'],
  ['98 - 7654324 letter', 'XX - XXXXXXX letter'],
  ['987-65-4325 and 987-65-4326', 'XXX-XX-XXXX and XXX-XX-XXXX'],
  ['scan 2025 987-65-4327.pdf', 'scan 2025 XXX-XX-XXXX.pdf'],
  ['fax-20250312-987654328.tif', 'fax-20250312-XXXXXXXXX.tif'],
  ['987-65-4329-0001', 'XXX-XX-XXXX-0001'],
  ['Acct 000123456789 stmt.pdf', 'Acct XXXXXXXX6789 stmt.pdf'],
  ['Account 1234 5678 9012 3456', 'Account XXXX XXXX XXXX 3456'],
  ['card 4111-1111-1111-1111', 'card XXXX-XXXX-XXXX-1111'],
  ['DEMO-0000012345 letter.pdf', 'DEMO-XXXXXX2345 letter.pdf'],
  ['routing 0210000 acct 55501234', 'routing XXX0000 acct XXXX1234'],
  ['loan 1234567.pdf', 'loan XXX4567.pdf'],
  ['12345678.pdf', 'XXXX5678.pdf'], // no valid date
  ['phone 555-123-4567', 'phone XXX-XXX-4567'],
  ['policy 20251399', 'policy XXXX1399'], // month 13: not a date
  ['ref 1234.5678.9012', 'ref XXXX.XXXX.9012'],
];

const KEPT: string[] = [
  'fax-20250312-0915.tif',
  'fax-20250312-091500.tif',
  'Transaction history export 2015-2025.csv',
  '2015-2025',
  '2015 - 2025',
  '03/12/2025',
  '03-12-2025 09 15',
  '2025-03-12',
  '2025.03.12',
  '2025_03_12_0915',
  '20250312',
  '03122025',
  '20250101-20250331 statements.pdf',
  '12/31/2024 - 01/31/2025',
  'Bank statements Jan-Mar 2025.pdf',
  'Pay stubs - last two periods.pdf',
  'IMG_2031.jpg',
  'Form 433-A (OIC).pdf',
  'Form 656-L 2025.pdf',
  'stmt 2024 03.pdf',
  'Monthly expenses 2025.xlsx',
  'last four 4321',
  'SSN ending 4321',
  '***-**-4321',
  'page 12 of 240',
  'amount $1,234,567.89',
  'invoice 123456.pdf',
  'v1.2.3',
  'scan_0001.tif',
  'no digits at all',
  '',
  `${FW('2025-03-12')}`.normalize('NFKC'),
  '1999-2000',
];

describe('maskNumbers', () => {
  it(`masks ${MASKED.length} TIN and account spellings`, () => {
    for (const [input, expected] of MASKED) expect(maskNumbers(input), JSON.stringify(input)).toBe(expected);
  });

  it(`keeps ${KEPT.length} dates, times and short numbers as written`, () => {
    for (const input of KEPT) expect(maskNumbers(input), JSON.stringify(input)).toBe(input.normalize('NFKC'));
  });

  it('at least 60 cases in all, and no masked output still holds nine digits of a TIN', () => {
    expect(MASKED.length + KEPT.length).toBeGreaterThanOrEqual(60);
    for (const [input] of MASKED) {
      const digits = Array.from(maskNumbers(input)).filter((c) => /\p{Nd}/u.test(c)).length;
      const inputDigits = Array.from(input.normalize('NFKC')).filter((c) => /\p{Nd}/u.test(c)).length;
      expect(digits, JSON.stringify(input)).toBeLessThan(inputDigits);
    }
  });

  it('looks through transparent characters (search hit markers) inside a number and keeps them', () => {
    expect(maskNumbers('ssn \u0002987\u0003.65.4321', { transparent: '\u0002\u0003' })).toBe('ssn \u0002XXX\u0003.XX.XXXX');
    expect(maskNumbers('\u000298765\u00034321', { transparent: '\u0002\u0003' })).toBe('\u0002XXXXX\u0003XXXX');
    expect(maskNumbers('fax-\u000220250312\u0003-0915', { transparent: '\u0002\u0003' })).toBe('fax-\u000220250312\u0003-0915');
  });
});
