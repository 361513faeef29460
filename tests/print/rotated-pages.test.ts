/**
 * Source pages with /Rotate or an offset crop box keep the orientation a viewer shows, while the
 * label reads upright at the top of the page (checked through pdf.js text positions and directions).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { faxLabel } from '../../shared/fax-label';
import type { PrintPackageResult } from '../../electron/print/print-result';
import { build } from './helpers/build';
import { tempDir, writeTextPdf } from './helpers/fixtures';
import { fileAttachment, message, type MessageData } from './helpers/print-set-from-files';
import { darkFraction, openPdf, pageItems, renderPage } from './helpers/read-pdf';

describe('rotated and cropped source pages', () => {
  const dir = tempDir('rotated');
  let result: PrintPackageResult;
  let doc: Awaited<ReturnType<typeof openPdf>>;
  let msg: MessageData;

  beforeAll(async () => {
    msg = message({ attachments: [
      fileAttachment(await writeTextPdf(path.join(dir, 'r90.pdf'), 'ROT90', 1, { rotate: 90 }), 'r90.pdf'),
      fileAttachment(await writeTextPdf(path.join(dir, 'r180.pdf'), 'ROT180', 1, { rotate: 180 }), 'r180.pdf'),
      fileAttachment(await writeTextPdf(path.join(dir, 'r270.pdf'), 'ROT270', 1, { rotate: 270 }), 'r270.pdf'),
      fileAttachment(await writeTextPdf(path.join(dir, 'crop.pdf'), 'CROPPED', 1, { cropBox: [100, 150, 400, 550] }), 'crop.pdf'),
    ] });
    result = await build([msg], path.join(dir, 'sbu'));
    doc = await openPdf(result.volumes[0]!.path);
  });

  // Direction of the source text as a viewer shows the original page: /Rotate turns it clockwise.
  const cases: Array<[number, string, number[], [number, number]]> = [
    [0, 'ROT90', [0, -1], [792, 612]],
    [1, 'ROT180', [-1, 0], [612, 792]],
    [2, 'ROT270', [0, 1], [792, 612]],
  ];
  it.each(cases)('attachment %i (%s): page keeps the viewer orientation, label upright at the top', async (i, tag, dir2, size) => {
    const item = result.items.filter((x) => x.kind === 'attachment')[i]!;
    const page = await doc.getPage(item.firstPage);
    expect(page.view).toEqual([0, 0, ...size]);
    expect(page.rotate).toBe(0);
    const items = await pageItems(doc, item.firstPage);
    const label = items.find((t) => t.str === faxLabel(msg.direction, msg.serverReceivedAt, msg.serverId))!;
    expect(label).toBeDefined();
    const [a, b, c, d, , y] = label.transform;
    expect(a).toBeGreaterThan(0); expect(d).toBeGreaterThan(0);
    expect(Math.abs(b!)).toBeLessThan(1e-6); expect(Math.abs(c!)).toBeLessThan(1e-6);
    expect(y).toBeGreaterThan(size[1] - 24);
    const source = items.find((t) => t.str === `${tag} page 1`)!;
    expect(source).toBeDefined();
    const unit = Math.hypot(source.transform[0]!, source.transform[1]!);
    expect(source.transform[0]! / unit).toBeCloseTo(dir2[0]!, 5);
    expect(source.transform[1]! / unit).toBeCloseTo(dir2[1]!, 5);
  });

  it('uses the crop box: the 300×400 visible area sits unscaled in the middle of a Letter sheet, clipped', async () => {
    const item = result.items.filter((x) => x.kind === 'attachment')[3]!;
    const page = await doc.getPage(item.firstPage);
    expect(page.view).toEqual([0, 0, 612, 792]);
    const text = (await pageItems(doc, item.firstPage)).find((t) => t.str === 'CROPPED page 1')!;
    // (150,400) in the source, minus the crop origin (100,150), plus the centring offset (156,196).
    expect(text.transform[4]).toBeCloseTo(206, 0);
    expect(text.transform[5]).toBeCloseTo(446, 0);
    const img = await renderPage(doc, item.firstPage, 1);
    // The dark block at (150..350, 300..360) maps to x 206..406, y 346..406.
    expect(darkFraction(img, 220, 356, 170, 40)).toBeGreaterThan(0.9);
    // The source's black block outside the crop box, at (0..90, 0..90), would land on 56..146 × 46..136.
    expect(darkFraction(img, 60, 50, 80, 80)).toBeLessThan(0.001);
  });
});
