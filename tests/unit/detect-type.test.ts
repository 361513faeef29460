/** Content detection from the first bytes, including Office files that hide macros. */
import { describe, expect, it } from 'vitest';
import { detectContentType } from '../../electron/vault/detect-type';

/** The start of a zip whose first entries have these names (local file headers only). */
function zipHead(...names: string[]): Uint8Array {
  const parts = names.map((n) => {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(Buffer.byteLength(n), 26);
    return Buffer.concat([header, Buffer.from(n, 'latin1'), Buffer.from('payload')]);
  });
  return new Uint8Array(Buffer.concat(parts));
}

describe('detectContentType', () => {
  it('tells Word, Excel and PowerPoint files from plain zips', () => {
    expect(detectContentType(zipHead('[Content_Types].xml', '_rels/.rels', 'word/document.xml'))).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(detectContentType(zipHead('[Content_Types].xml', 'xl/workbook.xml'))).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(detectContentType(zipHead('[Content_Types].xml', 'ppt/presentation.xml'))).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    expect(detectContentType(zipHead('photos/a.jpg'))).toBe('application/zip');
  });

  it('flags a document carrying macros whatever its name says', () => {
    expect(detectContentType(zipHead('[Content_Types].xml', 'word/document.xml', 'word/vbaProject.bin'))).toBe('application/vnd.ms-word.document.macroEnabled.12');
  });

  it('still knows PDFs, images, executables and text', () => {
    expect(detectContentType(new Uint8Array(Buffer.from('%PDF-1.7\n')))).toBe('application/pdf');
    expect(detectContentType(new Uint8Array([0x4d, 0x5a, 0x90, 0]))).toBe('application/x-msdownload');
    expect(detectContentType(new Uint8Array(Buffer.from('date,amount\n')))).toBe('text/plain');
    expect(detectContentType(new Uint8Array())).toBe('application/x-empty');
  });
});
