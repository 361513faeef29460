/** The memo's 49 blocked extensions, in every disguise attackers use. */
import { describe, expect, it } from 'vitest';
import { BLOCKED_EXTENSIONS, checkFileName } from '../../shared/blocked-extensions';

describe('checkFileName', () => {
  it('lists the 49 extensions of the memo', () => {
    expect(BLOCKED_EXTENSIONS).toHaveLength(49);
    expect(new Set(BLOCKED_EXTENSIONS).size).toBe(49);
  });

  it('blocks each extension in lower and upper case', () => {
    for (const ext of BLOCKED_EXTENSIONS) {
      expect(checkFileName(`report.${ext}`)).toMatchObject({ blocked: true, extension: ext });
      expect(checkFileName(`REPORT.${ext.toUpperCase()}`)).toMatchObject({ blocked: true, extension: ext });
    }
  });

  it('blocks hidden spellings', () => {
    for (const name of [
      'report.pdf.exe', 'report.exe.', 'report.exe ', 'report.exe. . .', 'report\u202Efdp.exe',
      'report.pdf:evil.exe', 'report.pdf:evil.exe:$DATA', 'ｒｅｐｏｒｔ.ＥＸＥ', 'report.e\u200Bxe', 'report.exe.pdf',
      'Invoice.DocM', 'run.PS1XML',
    ]) {
      expect(checkFileName(name), name).toMatchObject({ blocked: true });
    }
    expect(checkFileName('report\u202Efdp.exe')).toMatchObject({ reason: 'hidden-extension' });
    expect(checkFileName('report.pdf:evil.exe')).toMatchObject({ reason: 'alternate-data-stream' });
  });

  it('lets look-alike permitted names through', () => {
    for (const name of ['exe.pdf', 'report.execution.pdf', 'bank statement (exe).pdf', 'notes.jsx', 'scan.jpeg', 'form433a.docx',
      'budget.xlsx', 'photo.com.jpg.png'.replace('.com', '-com'), 'js', '.bashrc', 'report.pdfexe', 'Estado de cuenta ñ.pdf']) {
      expect(checkFileName(name), name).toEqual({ blocked: false });
    }
  });
});
