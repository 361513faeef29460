/**
 * The young collector (electron/threads/young-collector.ts): a long blob read leaves little garbage
 * behind because the young generation is collected as its pieces pass, the collector is taken
 * without leaving --expose-gc set for threads started later, and collections come at the stated pace.
 */
import crypto from 'node:crypto';
import { once } from 'node:events';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newBlobRef } from '../../electron/vault/blob-format';
import { openBlob } from '../../electron/vault/blob-reader';
import { writeBlob } from '../../electron/vault/blob-writer';
import { YOUNG_COLLECTION_EVERY, takeYoungCollector, noteShortLivedBytes } from '../../electron/threads/young-collector';
import { makeTempDir } from './helpers/temp-dir';

const MiB = 1024 * 1024;
const caseKey = crypto.randomBytes(32);
let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => { tmp = makeTempDir(); });
afterAll(() => tmp.cleanup());

/** Forced young-generation collections seen while `work` runs. */
async function forcedMinorCollections(work: () => Promise<void> | void): Promise<number> {
  let seen = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const detail = (entry as unknown as { detail?: { kind: number; flags: number } }).detail;
      if (detail && detail.kind === constants.NODE_PERFORMANCE_GC_MINOR && (detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0) seen += 1;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  try {
    await work();
    await new Promise((r) => setTimeout(r, 50)); // gc entries are delivered after the collection
  } finally {
    observer.disconnect();
  }
  return seen;
}

describe('young collector', () => {
  it('takes the collector without leaving --expose-gc set for threads started afterwards', async () => {
    expect(takeYoungCollector()).toBe(true);
    const probe = new Worker('require("node:worker_threads").parentPort.postMessage(typeof globalThis.gc)', { eval: true });
    const [gcType] = await once(probe, 'message') as [string];
    await probe.terminate();
    expect(gcType).toBe(typeof (globalThis as { gc?: unknown }).gc); // vitest runs without --expose-gc: 'undefined'
  });

  it('collects once per YOUNG_COLLECTION_EVERY bytes noted, not before', async () => {
    noteShortLivedBytes(YOUNG_COLLECTION_EVERY); // start from a collection: earlier notes are spent
    expect(await forcedMinorCollections(() => noteShortLivedBytes(YOUNG_COLLECTION_EVERY - 1))).toBe(0);
    expect(await forcedMinorCollections(() => noteShortLivedBytes(1))).toBe(1);
    expect(await forcedMinorCollections(() => { for (let i = 0; i < 3 * 64; i++) noteShortLivedBytes(YOUNG_COLLECTION_EVERY / 64); })).toBe(3);
  });

  it('a 160 MiB read whose pieces are dropped keeps its garbage far below V8\'s own 64 MiB limit', async () => {
    const size = 160 * MiB;
    const blobRef = newBlobRef();
    const block = crypto.randomBytes(MiB);
    async function* source() { for (let i = 0; i < size / MiB; i++) yield block; }
    await writeBlob({ blobsDir: tmp.dir, blobRef, caseKey, source: source() });
    const reader = await openBlob({ blobsDir: tmp.dir, blobRef, caseKey });
    const base = process.memoryUsage().arrayBuffers;
    let peak = 0;
    let read = 0;
    let n = 0;
    const collections = await forcedMinorCollections(async () => {
      for await (const piece of reader.range()) {
        read += piece.length;
        if (++n % 16 === 0) peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
      }
    });
    await reader.close();
    expect(read).toBe(size);
    expect(collections).toBeGreaterThanOrEqual(size / YOUNG_COLLECTION_EVERY - 1);
    // Two 4 MiB read buffers and about YOUNG_COLLECTION_EVERY of pieces (measured: 17 MiB); without
    // the collections the pieces pile up towards V8's external limit (measured: 46-49 MiB).
    expect(peak / MiB).toBeLessThan(30);
  });
});
