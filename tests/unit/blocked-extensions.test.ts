/**
 * The memo's 49 blocked extensions, judged by the extension Windows would run: the final one, after
 * NFKC folding, with invisible and bidi characters removed, trailing dots and spaces dropped, and each
 * NTFS stream part judged on its own. Table-driven, both ways.
 */
import { describe, expect, it } from 'vitest';
import { BLOCKED_EXTENSIONS, checkFileName, type FileNameVerdict } from '../../shared/blocked-extensions';

type Blocked = Extract<FileNameVerdict, { blocked: true }>;

const BLOCKED: Array<[name: string, extension: string, reason: Blocked['reason']]> = [
  ['report.exe', 'exe', 'blocked-extension'],
  ['REPORT.EXE', 'exe', 'blocked-extension'],
  ['Invoice.DocM', 'docm', 'blocked-extension'],
  ['run.PS1XML', 'ps1xml', 'blocked-extension'],
  ['.exe', 'exe', 'blocked-extension'],
  ['chase.com', 'com', 'blocked-extension'],
  ['Lee.inf', 'inf', 'blocked-extension'],
  ['report.pdf.exe', 'exe', 'hidden-extension'],
  ['statement.2024.pdf.scr', 'scr', 'hidden-extension'],
  ['REPORT.EXE.', 'exe', 'hidden-extension'],
  ['report.exe ', 'exe', 'hidden-extension'],
  ['report.exe. . .', 'exe', 'hidden-extension'],
  ['report.exe...', 'exe', 'hidden-extension'],
  ['x\u202Efdp.exe', 'exe', 'hidden-extension'],
  ['report\u202Efdp.exe', 'exe', 'hidden-extension'],
  ['photo\u2066gpj.exe', 'exe', 'hidden-extension'],
  ['report.e\u200Bxe', 'exe', 'hidden-extension'],
  ['report.ex\u00ADe', 'exe', 'hidden-extension'], // soft hyphen
  ['report.\u2060bat', 'bat', 'hidden-extension'], // word joiner
  ['report.vb\uFEFFs', 'vbs', 'hidden-extension'], // BOM
  ['report.j\u034Fs', 'js', 'hidden-extension'], // combining grapheme joiner
  ['report.\u061Ccmd', 'cmd', 'hidden-extension'], // Arabic letter mark
  ['ｒｅｐｏｒｔ.ＥＸＥ', 'exe', 'blocked-extension'],
  ['report\uFF0Eexe', 'exe', 'blocked-extension'], // full-width full stop
  ['report.pdf\uFF0EＥＸＥ', 'exe', 'hidden-extension'],
  ['x.pdf:evil.exe', 'exe', 'alternate-data-stream'],
  ['report.pdf:evil.exe:$DATA', 'exe', 'alternate-data-stream'],
  ['report.pdf:evil.exe.', 'exe', 'alternate-data-stream'],
  ['report.exe:zone.identifier', 'exe', 'blocked-extension'],
  ['report.exe::$DATA', 'exe', 'blocked-extension'],
  ['notes.txt:payload.ps1', 'ps1', 'alternate-data-stream'],
];

const PASSED: string[] = [
  'chase.com.pdf',
  'Lee.inf.2024.pdf',
  'report.exe.pdf',
  'setup.msi.txt',
  'macro.docm.pdf',
  'www.example.com.png',
  'J.R.R. Smith.js.docx',
  'exe.pdf',
  'report.execution.pdf',
  'bank statement (exe).pdf',
  'notes.jsx',
  'scan.jpeg',
  'form433a.docx',
  'budget.xlsx',
  'js',
  'exe',
  '.bashrc',
  'report.pdfexe',
  'invoice.exe_',
  'installer.msix',
  'Estado de cuenta ñ.pdf',
  'x\u202Eexe.pdf', // shows as "xfdp.exe" but opens as a PDF
  'report.pdf.',
  'report.pdf:zone.identifier',
  'fax-20250312-0915.tif',
  'Form 433-A (OIC).pdf',
];

describe('checkFileName', () => {
  it('lists the 49 extensions of the memo', () => {
    expect(BLOCKED_EXTENSIONS).toHaveLength(49);
    expect(new Set(BLOCKED_EXTENSIONS).size).toBe(49);
  });

  it('blocks each extension in lower and upper case', () => {
    for (const ext of BLOCKED_EXTENSIONS) {
      expect(checkFileName(`report.${ext}`)).toEqual({ blocked: true, extension: ext, reason: 'blocked-extension' });
      expect(checkFileName(`REPORT.${ext.toUpperCase()}`)).toMatchObject({ blocked: true, extension: ext });
      expect(checkFileName(`chase.com.pdf.${ext}`)).toMatchObject({ blocked: true, extension: ext, reason: 'hidden-extension' });
    }
  });

  it.each(BLOCKED)('blocks %j (.%s, %s)', (name, extension, reason) => {
    expect(checkFileName(name)).toEqual({ blocked: true, extension, reason });
  });

  it.each(PASSED)('lets %j through', (name) => {
    expect(checkFileName(name)).toEqual({ blocked: false });
  });

  it('lets every blocked extension through as an inner segment of a permitted file', () => {
    for (const ext of BLOCKED_EXTENSIONS) expect(checkFileName(`statement.${ext}.2024.pdf`), ext).toEqual({ blocked: false });
  });
});
