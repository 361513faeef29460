/**
 * Bounds the garbage of a thread that reads a blob (issue 13). A blob read hands out its plaintext
 * as the cipher's fresh 32 KiB outputs; each is garbage a moment later, but its memory lies outside
 * V8's heap, which V8 collects for it only once tens of MiB of such memory have piled up (its
 * external-memory limit, 64 MiB). Under glibc that pile is heap memory, and it stays resident after
 * it is freed: a 1 GiB read-back left the main arena at 55-64 MB and the next ingest's peak RSS at
 * 190-217 MB. A
 * young-generation collection every YOUNG_COLLECTION_EVERY bytes frees them while they are still
 * young: the arena stayed at 23-31 MB and read-back peak RSS at 163-168 MB (vault bench, 3 rounds,
 * one collection per 8 MiB; in the test, one per 16 MiB left 37 MiB of garbage, one per 8 MiB
 * 17), and the read-back ran no slower. A collection's cost grows with the thread's live young
 * objects: in the responsiveness bench's busy main thread 1.9 ms on average, 14 ms at most, which
 * is why a download's buffers (blob-writer.ts) are left to V8.
 *
 * V8 gives a script its collector only behind --expose-gc: as the workers do
 * (worker-collector-source.ts), the flag is set just long enough to take it, unless the process has
 * it already. Without a collector this does nothing and V8's own limit bounds the garbage.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

/** Bytes handed out in short-lived buffers between two young-generation collections. */
export const YOUNG_COLLECTION_EVERY = 8 * 1024 * 1024;

type Collector = (options: { type: 'minor' }) => void;

/** undefined: not taken yet; null: this thread has none (the flag could not be set). */
let collector: Collector | null | undefined;
let sinceLast = 0;

function takeCollector(): Collector | null {
  const own = (globalThis as { gc?: unknown }).gc;
  if (typeof own === 'function') return own as Collector;
  try {
    v8.setFlagsFromString('--expose-gc');
    try {
      const taken: unknown = vm.runInNewContext('gc');
      return typeof taken === 'function' ? (taken as Collector) : null;
    } finally {
      v8.setFlagsFromString('--no-expose-gc');
    }
  } catch {
    return null;
  }
}

/**
 * Notes `bytes` handed out in buffers that become garbage soon (pieces of a stream); every
 * YOUNG_COLLECTION_EVERY bytes the young generation is collected. Safe anywhere: a collection frees
 * only what nothing references.
 */
export function noteShortLivedBytes(bytes: number): void {
  sinceLast += bytes;
  if (sinceLast < YOUNG_COLLECTION_EVERY) return;
  sinceLast = 0;
  if (collector === undefined) collector = takeCollector();
  if (collector === null) return;
  try {
    collector({ type: 'minor' });
  } catch {
    collector = null; // a V8 that refuses the options: leave the collection to V8
  }
}

/**
 * Takes this thread's collector now, if not yet taken, and says whether it has one. The main process
 * calls it at start-up, before any worker exists: V8's flags are process-wide, so a thread setting
 * --no-expose-gc at the moment another creates its context would leave that one without.
 */
export function takeYoungCollector(): boolean {
  if (collector === undefined) collector = takeCollector();
  return collector !== null;
}
