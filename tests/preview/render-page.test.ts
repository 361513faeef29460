/**
 * attachments.renderPage over a real encrypted vault and real sharp: every TIFF compression taxpayers
 * send, an upright phone photo, and the hostile files (too many pixels, a lying header, truncated and
 * corrupted files), plus what may be opened at all and how views are audited.
 */
import path from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { createVault, type AttachmentRecord, type Vault } from '../../electron/vault';
import { createPreviewService, type PreviewService } from '../../electron/preview/preview-service';
import { tempDir } from '../print/helpers/fixtures';
import * as fixtures from '../fixtures/preview/image-fixtures';

const PASSPHRASE = 'correct horse battery staple';

/** Decodes a preview's bytes back to raw RGB to check what the employee would see. */
async function pixels(bytes: Uint8Array) {
  const { data, info } = await sharp(bytes).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { at: (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)), ...info };
}

describe('attachments.renderPage', () => {
  const dir = tempDir('preview');
  let vault: Vault;
  let caseId: number;
  let messageId: number;
  let preview: PreviewService;
  const att: Record<string, AttachmentRecord> = {};
  const add = async (key: string, fileName: string, bytes: Uint8Array) => {
    att[key] = await vault.addAttachment({ messageId, fileName, declaredType: 'application/octet-stream' }, Readable.from([Buffer.from(bytes)]));
  };
  const views = () => vault.listAudit(10_000).filter((e) => e.event === 'view' && e.caseId === caseId).length;
  const render = (key: string, page = 0, maxEdge = 1024) => preview.renderPage({ attachmentId: att[key]!.id, page, maxEdge });

  beforeAll(async () => {
    vault = await createVault(path.join(dir, 'vault'), PASSPHRASE, { actor: 'pat.examiner' });
    caseId = vault.createCase({ offerNumber: 'DEMO-0000012345', taxpayerName: 'Jordan Ellis', tinMasked: '***-**-4321', assignedRole: 'PE', createdAt: '2025-04-01T12:00:00Z' });
    const threadId = vault.upsertThread({ caseId, serverThreadId: 'thread-a', subject: 'Scans', createdAt: '2025-04-20T12:00:00Z' });
    messageId = vault.insertMessage({ threadId, serverId: '7f3a0001-0000-4000-8000-000000000001', direction: 'inbound', serverReceivedAt: '2025-04-21T14:03:00Z', from: 'Jordan Ellis', subject: 'Scans', body: 'Attached.' }).id;
    await add('fax', 'fax.tif', await fixtures.faxG4Tiff(3));
    await add('lzw', 'lzw.tif', await fixtures.lzwTiff());
    await add('deflate', 'deflate.tif', await fixtures.deflateTiff());
    await add('jpegTiff', 'jpeg.tif', await fixtures.jpegTiff());
    await add('phone', 'IMG_2041.jpg', await fixtures.phonePhotoOrientation6());
    await add('png', 'screenshot.png', await fixtures.screenshotPng());
    await add('hugePng', 'huge.png', await fixtures.hugePng());
    await add('hugeTiff', 'claims-huge.tif', await fixtures.tiffClaimingHugeSize());
    await add('truncated', 'cut.jpg', await fixtures.truncatedJpeg());
    await add('badCrc', 'bad-crc.png', await fixtures.pngWithBadCrc());
    await add('blocked', 'photo.jpg.scr', await fixtures.photoJpeg()); // image bytes under a blocked name
    await add('gif', 'scan.gif', await fixtures.paletteGif());
    await add('webp', 'photo.webp', await fixtures.photoWebp());
    await add('bmp', 'scan.bmp', await fixtures.tinyBmp());
    await add('text', 'notes.txt', new TextEncoder().encode('just some notes\n'));
    preview = createPreviewService({ require: () => vault });
  }, 60_000);

  afterAll(() => { vault?.lock(); });

  it('stores the fixtures with the types the sniffer detects (the tests below rely on them)', () => {
    expect(att.fax!.detectedType).toBe('image/tiff');
    expect(att.phone!.detectedType).toBe('image/jpeg');
    expect(att.blocked!.blocked).toBe(true);
    expect(att.blocked!.detectedType).toBe('image/jpeg');
  });

  it('pages through a 3-page G4 fax: each page bounded, as PNG, with the page count', async () => {
    const seen: string[] = [];
    for (let page = 0; page < 3; page++) {
      const r = await render('fax', page, 1024);
      expect(r).toMatchObject({ mimeType: 'image/png', page, pageCount: 3, sourceWidth: 1700, sourceHeight: 2200, height: 1024 });
      expect(r.width).toBe(Math.round((1700 * 1024) / 2200));
      const meta = await sharp(r.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', r.width, r.height]);
      seen.push(Buffer.from(r.bytes).toString('base64'));
    }
    expect(new Set(seen).size).toBe(3); // three different pages, not page 1 three times
  });

  it('decodes LZW, Deflate and JPEG-in-TIFF pages; the lossy one goes out as JPEG', async () => {
    const lzw = await render('lzw', 0, 512);
    const deflate = await render('deflate', 0, 512);
    const jpeg = await render('jpegTiff', 0, 512);
    expect(lzw).toMatchObject({ mimeType: 'image/png', pageCount: 1, sourceWidth: 1000, sourceHeight: 1300, height: 512 });
    expect(deflate).toMatchObject({ mimeType: 'image/png', pageCount: 1, sourceWidth: 1000, sourceHeight: 1300, height: 512 });
    expect(jpeg).toMatchObject({ mimeType: 'image/jpeg', pageCount: 1, sourceWidth: 1200, sourceHeight: 900, width: 512 });
    // Real content, not a black or blank page: the dark bars of the line art are there.
    const p = await pixels(deflate.bytes);
    const dark = [...Array(p.height).keys()].filter((y) => p.at(Math.floor(p.width / 2), y)[0]! < 80).length;
    expect(dark).toBeGreaterThan(20);
    expect(p.at(5, 5)[0]).toBeGreaterThan(200);
    expect((await sharp(jpeg.bytes).metadata()).format).toBe('jpeg');
  });

  it('shows a phone photo upright (EXIF orientation 6): portrait size, the red corner at the top right', async () => {
    const r = await render('phone', 0, 4096);
    expect(r).toMatchObject({ mimeType: 'image/jpeg', sourceWidth: 600, sourceHeight: 800, width: 600, height: 800, pageCount: 1 });
    const p = await pixels(r.bytes);
    const [rTop, gTop] = p.at(p.width - 20, 20);
    expect(rTop).toBeGreaterThan(200);
    expect(gTop).toBeLessThan(60);
    expect(p.at(20, 20)[0]).toBeLessThan(100); // top left is blue: the stored image was not shown sideways
    expect(p.at(p.width - 20, p.height - 20)[0]).toBeLessThan(100);
  });

  it('never enlarges past the source, and keeps a PNG screenshot as PNG', async () => {
    const r = await render('png', 0, 4096);
    expect(r).toMatchObject({ mimeType: 'image/png', width: 1280, height: 900, sourceWidth: 1280, sourceHeight: 900 });
  });

  it('sends a GIF as PNG and a WebP photo as JPEG; says a BMP cannot be previewed here', async () => {
    expect(await render('gif', 0, 4096)).toMatchObject({ mimeType: 'image/png', width: 300, height: 200, pageCount: 1 });
    expect(await render('webp', 0, 320)).toMatchObject({ mimeType: 'image/jpeg', width: 320, height: 240, sourceWidth: 640 });
    await expect(render('bmp')).rejects.toMatchObject({ code: 'E_PREVIEW_UNSUPPORTED' });
  });

  it('refuses a 20,000 × 20,000 PNG with its size in the message, without decoding it', async () => {
    const started = performance.now();
    await expect(render('hugePng')).rejects.toMatchObject({
      code: 'E_PREVIEW_TOO_LARGE',
      message: 'This image is 20,000 × 20,000 pixels, larger than previews allow (100 megapixels). Save it to the SBU folder to open it in another program.',
    });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a TIFF whose header claims 100,000 × 100,000 pixels, fast', async () => {
    const started = performance.now();
    await expect(render('hugeTiff')).rejects.toMatchObject({ code: 'E_PREVIEW_TOO_LARGE', message: expect.stringContaining('100,000 × 100,000 pixels') });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('applies the configured pixel cap to every page', async () => {
    const strict = createPreviewService({ require: () => vault }, { maxInputPixels: 1_000_000 });
    await expect(strict.renderPage({ attachmentId: att.fax!.id, page: 0, maxEdge: 256 })).rejects.toMatchObject({ code: 'E_PREVIEW_TOO_LARGE' });
  });

  it('says a truncated JPEG and a PNG with a bad CRC are damaged', async () => {
    await expect(render('truncated')).rejects.toMatchObject({ code: 'E_PREVIEW_DAMAGED', message: expect.stringContaining('damaged or incomplete') });
    await expect(render('badCrc')).rejects.toMatchObject({ code: 'E_PREVIEW_DAMAGED' });
  });

  it('refuses a page past the end, naming how many there are', async () => {
    await expect(render('fax', 3)).rejects.toMatchObject({ code: 'E_PREVIEW_PAGE_RANGE', message: 'Page 4 does not exist: this file has 3 pages.' });
    await expect(render('phone', 1)).rejects.toMatchObject({ code: 'E_PREVIEW_PAGE_RANGE', message: 'Page 2 does not exist: this file has 1 page.' });
  });

  it('never opens a blocked attachment, and decodes only images and TIFF', async () => {
    const before = views();
    await expect(render('blocked')).rejects.toMatchObject({ code: 'E_BLOCKED_FILE_TYPE' });
    await expect(render('text')).rejects.toMatchObject({ code: 'E_PREVIEW_UNSUPPORTED' });
    expect(views()).toBe(before); // nothing was decrypted, so nothing was viewed
  });

  it('refuses a file larger than the decode cap before decrypting it', async () => {
    const small = createPreviewService({ require: () => vault }, { maxFileBytes: 1024 });
    const before = views();
    await expect(small.renderPage({ attachmentId: att.fax!.id, page: 0, maxEdge: 256 })).rejects.toMatchObject({ code: 'E_PREVIEW_TOO_LARGE', message: expect.stringContaining('larger than image previews open') });
    expect(views()).toBe(before);
  });

  it('audits one view and decrypts once while paging through a file; another file is another view', async () => {
    const fresh = createPreviewService({ require: () => vault });
    const before = views();
    await Promise.all([0, 1, 2].map((page) => fresh.renderPage({ attachmentId: att.fax!.id, page, maxEdge: 512 }))); // thumbnails at once
    for (let page = 2; page >= 0; page--) await fresh.renderPage({ attachmentId: att.fax!.id, page, maxEdge: 1024 });
    expect(views()).toBe(before + 1);
    expect(fresh.loads).toBe(1);
    await fresh.renderPage({ attachmentId: att.png!.id, page: 0, maxEdge: 256 });
    expect(views()).toBe(before + 2);
    fresh.clear(); // as at lock: the next page decrypts (and is viewed) again
    await fresh.renderPage({ attachmentId: att.png!.id, page: 0, maxEdge: 256 });
    expect(fresh.loads).toBe(3);
    expect(views()).toBe(before + 3);
  });

  it('lets the held file lapse when unused: coming back later is a new opening', async () => {
    const quick = createPreviewService({ require: () => vault }, { idleMs: 50 });
    const before = views();
    await quick.renderPage({ attachmentId: att.png!.id, page: 0, maxEdge: 256 });
    await quick.renderPage({ attachmentId: att.png!.id, page: 0, maxEdge: 512 });
    expect(quick.loads).toBe(1);
    await new Promise((r) => setTimeout(r, 150));
    await quick.renderPage({ attachmentId: att.png!.id, page: 0, maxEdge: 256 });
    expect(quick.loads).toBe(2);
    expect(views()).toBe(before + 2);
  });

  it('answers E_LOCKED once the vault is locked, and hands out no page decoded across a lock', async () => {
    let locked = false;
    const session = { require: () => { if (locked) throw new AppError('E_LOCKED', 'The vault is locked.'); return vault; } };
    const service = createPreviewService(session);
    const pending = service.renderPage({ attachmentId: att.lzw!.id, page: 0, maxEdge: 256 });
    locked = true; // locks while the page is decrypted and decoded
    await expect(pending).rejects.toMatchObject({ code: 'E_LOCKED' });
    await expect(service.renderPage({ attachmentId: att.lzw!.id, page: 0, maxEdge: 256 })).rejects.toMatchObject({ code: 'E_LOCKED' });
  });
});
