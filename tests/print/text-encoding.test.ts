/**
 * A text attachment prints in the encoding the preview shows it in: both decode with
 * shared/text/decode-text.ts. The files here are ones two separate decoders read differently — UTF-8
 * whose first 16 KiB are plain ASCII (so the sniffer says text) with a stray control character
 * further on, which the preview's detector does not accept as UTF-8 and shows as Windows-1252.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrintPackageResult } from '../../electron/print/print-result';
import { decodeText } from '../../shared/text/decode-text';
import { build } from './helpers/build';
import { tempDir } from './helpers/fixtures';
import { fileAttachment, message } from './helpers/print-set-from-files';
import { openPdf, pageTexts } from './helpers/read-pdf';

const filler = 'Monthly statement line, nothing to see here.\n'.repeat(400); // > 16 KiB of ASCII
const files: Record<string, Buffer> = {
  'late-control.txt': Buffer.concat([Buffer.from(filler), Buffer.from('MARK Café paid\x07 in full\n', 'utf8')]),
  'bom8.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('MARK Café paid in full\n', 'utf8')]),
  'cp1252.txt': Buffer.from('MARK Caf\xe9 paid \x80120 in full\n', 'latin1'),
};

/** Control characters are not drawn (and pdf.js reads none back). */
const withoutControls = (s: string) => [...s].filter((ch) => ch.charCodeAt(0) >= 0x20).join('');

describe('text prints in the encoding it previews in', () => {
  const dir = tempDir('text-encoding');
  let result: PrintPackageResult;
  let texts: string[];

  beforeAll(async () => {
    const atts = Object.entries(files).map(([name, bytes]) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, bytes);
      return fileAttachment(p, name, 'text/plain');
    });
    result = await build([message({ attachments: atts })], path.join(dir, 'sbu'));
    texts = await pageTexts(await openPdf(result.volumes[0]!.path));
  }, 60_000);

  it('each file\'s marked line reads on paper as the preview decodes it', () => {
    const items = result.items.filter((i) => i.kind === 'attachment');
    expect(items.map((i) => i.status)).toEqual(['included', 'included', 'included']);
    Object.values(files).forEach((bytes, k) => {
      const previewed = withoutControls(/MARK [^\n]*/.exec(decodeText(bytes).text)![0]).trim();
      const printed = texts.slice(items[k]!.firstPage - 1, items[k]!.lastPage).join('\n');
      expect(withoutControls(printed)).toContain(previewed.split(' in full')[0]);
    });
    // The control case is the one where a decoder of its own would differ: a stray control byte does not
    // make valid UTF-8 into Windows-1252, on screen or on paper.
    expect(decodeText(files['late-control.txt']!).encoding).toBe('UTF-8');
    expect(decodeText(files['late-control.txt']!).text).toContain('MARK Café paid');
  });
});
