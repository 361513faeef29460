/**
 * The build runs in a worker thread (the Electron main process must not freeze), streams progress,
 * and cancelling halfway — in process or through the worker — leaves no file behind, not even a
 * temporary one for a volume already written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPrintPackageInWorker, printPackagePaths } from '../../electron/print/print-worker-host';
import type { PrintProgress } from '../../electron/print/print-result';
import { build, setOf } from './helpers/build';
import { tempDir, writeTextPdf } from './helpers/fixtures';
import { fileAttachment, message, type MessageData } from './helpers/print-set-from-files';
import { openPdf } from './helpers/read-pdf';

describe('worker and cancellation', () => {
  const dir = tempDir('worker');
  let messages: MessageData[];
  const options = (sbuFolder: string) => ({ scope: { kind: 'case' as const }, sbuFolder, generatedBy: 'Pat Examiner' });

  beforeAll(async () => {
    messages = [];
    for (let m = 0; m < 6; m++) {
      const atts = [];
      for (let a = 0; a < 5; a++) atts.push(fileAttachment(await writeTextPdf(path.join(dir, `m${m}a${a}.pdf`), `M${m}A${a}`, 3), `m${m}a${a}.pdf`, 'application/pdf'));
      messages.push(message({ attachments: atts }));
    }
  });

  it('builds in a worker thread, streaming progress, and returns the package paths', async () => {
    const sbu = path.join(dir, 'sbu-ok');
    const progress: PrintProgress[] = [];
    const started = performance.now();
    const result = await buildPrintPackageInWorker(setOf(messages), options(sbu), { onProgress: (p) => progress.push(p) });
    // Thinned in the worker (progress-throttle.ts): one report per 100 ms, plus each stage's first and last.
    const stages = new Set(progress.map((p) => `${p.phase}/${p.volume}`)).size;
    expect(progress.length).toBeLessThanOrEqual(Math.ceil((performance.now() - started) / 100) + 2 * stages);
    expect(result.volumes).toHaveLength(1);
    const doc = await openPdf(result.volumes[0]!.path);
    expect(doc.numPages).toBe(result.totalPages);
    expect(result.items).toHaveLength(36);
    const building = progress.filter((p) => p.phase === 'building');
    expect(building.at(-1)!.itemsDone).toBe(36);
    expect(building.map((p) => p.itemsDone)).toEqual([...building.map((p) => p.itemsDone)].sort((a, b) => a - b));
    expect(progress.some((p) => p.phase === 'saving')).toBe(true);
    const paths = await printPackagePaths(setOf(messages.slice(0, 1)), options(sbu));
    expect(paths).toHaveLength(1);
    expect(fs.existsSync(paths[0]!)).toBe(true);
  });

  it('reports a worker-side error with its code (a refused destination)', async () => {
    await expect(buildPrintPackageInWorker(setOf(messages), { ...options(path.join(dir, 'sbu-x')), subfolder: '../../escape' }))
      .rejects.toMatchObject({ code: 'E_OUTSIDE_SBU_FOLDER' });
  });

  it('stops a worker that runs out of its heap bound with a clear error, leaving no file', async () => {
    const sbu = path.join(dir, 'sbu-oom');
    await expect(buildPrintPackageInWorker(setOf(messages), options(sbu), { maxHeapMb: 12 }))
      .rejects.toMatchObject({ code: 'E_PRINT_OUT_OF_MEMORY' });
    expect(fs.existsSync(sbu) ? fs.readdirSync(sbu) : []).toEqual([]);
  });

  it('cancels halfway in process and leaves no file', async () => {
    const sbu = path.join(dir, 'sbu-cancel');
    const controller = new AbortController();
    await expect(build(messages, sbu, {}, { signal: controller.signal, onProgress: (p) => { if (p.itemsDone >= 18) controller.abort(); } }))
      .rejects.toMatchObject({ code: 'E_PRINT_CANCELLED' });
    expect(fs.readdirSync(sbu)).toEqual([]);
  });

  it('cancels after a volume was written (temporary file exists) and removes it', async () => {
    const sbu = path.join(dir, 'sbu-cancel-volumes');
    const controller = new AbortController();
    let sawTemp = false;
    await expect(build(messages, sbu, { maxVolumeBytes: 8_000 }, { signal: controller.signal, onProgress: (p) => {
      if (p.phase === 'building' && p.volume === 3) {
        sawTemp = fs.readdirSync(sbu).some((f) => f.endsWith('.partial'));
        controller.abort();
      }
    } })).rejects.toMatchObject({ code: 'E_PRINT_CANCELLED' });
    expect(sawTemp).toBe(true);
    expect(fs.readdirSync(sbu)).toEqual([]);
  });

  it('cancels halfway through the worker and leaves no file', async () => {
    const sbu = path.join(dir, 'sbu-cancel-worker');
    const controller = new AbortController();
    const seen: number[] = [];
    await expect(buildPrintPackageInWorker(setOf(messages), { ...options(sbu), maxVolumeBytes: 8_000 }, {
      signal: controller.signal,
      onProgress: (p) => { seen.push(p.itemsDone); if (p.phase === 'building' && p.volume >= 2) controller.abort(); },
    })).rejects.toMatchObject({ code: 'E_PRINT_CANCELLED' });
    expect(seen.length).toBeGreaterThan(0);
    expect(fs.readdirSync(sbu)).toEqual([]);
  });
});
