/**
 * A set over the volume bound is split into volumes: numbering and set numbers continue across
 * volumes, every page says which volume it is in, and volume 1's index lists every item of every
 * volume with the pages where it really is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrintPackageResult } from '../../electron/print/print-result';
import { build, indexRanges } from './helpers/build';
import { tempDir, writeTextPdf } from './helpers/fixtures';
import { fileAttachment, message, type MessageData } from './helpers/print-set-from-files';
import { openPdf, pageTexts } from './helpers/read-pdf';

const COVER_LABEL = 'SECURE MESSAGING · OIC FILE PRINT PACKAGE';

describe('volumes', () => {
  const dir = tempDir('volumes');
  const sbu = path.join(dir, 'sbu');
  let messages: MessageData[];
  let result: PrintPackageResult;
  let texts: string[][];
  const maxVolumeBytes = 12_000;

  beforeAll(async () => {
    messages = [];
    for (let m = 0; m < 4; m++) {
      const atts = [];
      for (let a = 0; a < 2; a++) atts.push(fileAttachment(await writeTextPdf(path.join(dir, `m${m}a${a}.pdf`), `M${m}A${a}`, 2 + a + m), `m${m}a${a}.pdf`, 'application/pdf'));
      messages.push(message({ attachments: atts }));
    }
    result = await build(messages, sbu, { maxVolumeBytes, setPrefix: 'APL', setStart: 120 });
    texts = [];
    for (const v of result.volumes) texts.push(await pageTexts(await openPdf(v.path)));
  });

  it('splits into several volumes, each within the bound', () => {
    expect(result.volumes.length).toBeGreaterThan(1);
    const V = result.volumes.length;
    result.volumes.forEach((v, i) => {
      expect(path.basename(v.path)).toMatch(new RegExp(`-vol${i + 1}of${V}\\.pdf$`));
      const itemsIn = result.items.filter((it) => it.volume === i + 1);
      const bytes = itemsIn.reduce((s, it) => s + (it.kind === 'attachment' ? messages.flatMap((m) => m.attachments).find((a) => a.sha256 === it.attachmentSha256)!.size : 0), 0);
      if (itemsIn.length > 1) expect(bytes).toBeLessThanOrEqual(maxVolumeBytes);
    });
    expect(fs.readdirSync(sbu).sort()).toEqual(result.volumes.map((v) => path.basename(v.path)).sort());
  });

  it('numbers pages and set numbers continuously across volumes', () => {
    const V = result.volumes.length;
    const N = result.totalPages;
    expect(texts.reduce((s, t) => s + t.length, 0)).toBe(N);
    let n = 1;
    texts.forEach((vol, v) => {
      expect(result.volumes[v]!.firstPage).toBe(n);
      for (const t of vol) {
        expect(t).toContain(`Page ${n} of ${N} · Volume ${v + 1} of ${V}`);
        expect(t).toContain(`APL-${String(119 + n).padStart(6, '0')}`);
        n++;
      }
      expect(result.volumes[v]!.lastPage).toBe(n - 1);
    });
    for (let v = 1; v < V; v++) expect(texts[v]![0]).toContain(`Volume ${v + 1} of ${V}`);
  });

  it('puts the complete index on volume 1, with the volume and pages of every item', () => {
    const cover = texts[0]!.filter((t) => t.includes(COVER_LABEL)).join('\n');
    expect(indexRanges(cover)).toEqual(result.items.map((it) => [it.firstPage, it.lastPage]));
    result.volumes.forEach((v, i) => expect(cover).toContain(`Volume ${i + 1} of ${result.volumes.length}: pages ${v.firstPage}–${v.lastPage} (${v.firstSetNumber} to ${v.lastSetNumber})`));
    // Every item is where the index says.
    let k = 0;
    messages.forEach((m, mi) => {
      const msgItem = result.items[k++]!;
      expect(cover).toContain(`(vol. ${msgItem.volume})`);
      const volFirst = result.volumes[msgItem.volume - 1]!.firstPage;
      expect(texts[msgItem.volume - 1]![msgItem.firstPage - volFirst]).toContain(`Message ${mi + 1} of 4`);
      m.attachments.forEach((_, ai) => {
        const it = result.items[k++]!;
        const first = result.volumes[it.volume - 1]!.firstPage;
        expect(it.lastPage - it.firstPage + 1).toBe(2 + ai + mi);
        for (let p = it.firstPage; p <= it.lastPage; p++) expect(texts[it.volume - 1]![p - first]).toContain(`M${mi}A${ai} page ${p - it.firstPage + 1}`);
      });
    });
  });
});
