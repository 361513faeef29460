import { describe, expect, it } from 'vitest';
import { maskNumbers, safeFileName } from '../../electron/fs/safe-file-name';

describe('safe file names for the SBU folder', () => {
  it('masks TINs and offer numbers in any spelling', () => {
    expect(maskNumbers('Form 433-A 987-65-4321.pdf')).toBe('Form 433-A XXX-XX-XXXX.pdf');
    expect(maskNumbers('987654321 bank.pdf')).toBe('XXXXXXXXX bank.pdf');
    expect(maskNumbers('DEMO-0000012345 letter.pdf')).toBe('DEMO-XXXXXX2345 letter.pdf'); // long numbers keep their last four
    expect(maskNumbers('fax-20250312-0915.tif')).toBe('fax-20250312-0915.tif'); // dates stay readable
    expect(maskNumbers('12-3456789.pdf')).toBe('XX-XXXXXXX.pdf');
    expect(maskNumbers('stmt 2024 03.pdf')).toBe('stmt 2024 03.pdf');
  });

  it('removes characters Windows refuses, bidi overrides and trailing dots', () => {
    expect(safeFileName('a/b\\c:d*e?.pdf')).toBe('a_b_c_d_e_.pdf');
    expect(safeFileName('report\u202Efdp.exe')).toBe('report_fdp.exe');
    expect(safeFileName('notes.txt. . ')).toBe('notes.txt');
    expect(safeFileName('CON.txt')).toBe('_CON.txt');
    expect(safeFileName('..')).toBe('attachment');
    expect(safeFileName('x'.repeat(300) + '.pdf')).toHaveLength(120);
  });
});
