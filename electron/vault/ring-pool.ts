/**
 * The shared memory of the chunk worker's rings, kept for the next blob (issue 13).
 * Why not new rings per blob: a SharedArrayBuffer posted to a worker lives until that worker's heap
 * collects its view of it, and the worker's heap is small and almost never has a full collection.
 * Measured before this pool: `arrayBuffers` grew 16.8 MB (one blob's rings) with every blob of more
 * than one chunk, and RSS went from 130 to 317 MB over 12 writes of 256 MiB, full collections on the
 * main thread notwithstanding. Reused rings do not pile up: whatever views the worker still holds
 * are of the same memory. They also spare each blob 16.8 MB of fresh pages to fault in.
 * A pair is taken for one blob and given back only once nothing reads or writes it any more (every
 * seal and every write of it settled, none failed) and its plaintext ring was zeroed. The pool keeps
 * KEEP pairs: a third write at the same time, or a blob that failed, has rings made for it alone, which
 * the worker's heap may keep for a while as before (three multi-chunk files stored at once are rare:
 * sync downloads one at a time).
 */

/** Plaintext slots (filled by the writer) and sealed slots (ciphertext | tag, written to disk). */
export interface Rings { plain: SharedArrayBuffer; sealed: SharedArrayBuffer }

/** Pairs kept free by default: one blob written after another needs one; two writes at once, two. */
const KEEP = 2;

export class RingPool {
  readonly #free: Rings[] = [];
  readonly #keep: number;

  constructor(keep = KEEP) { this.#keep = keep; }

  /** Free pairs kept now. */
  get kept(): number { return this.#free.length; }

  /** A pair of these sizes: one given back earlier, or new ones. */
  take(plainBytes: number, sealedBytes: number): Rings {
    const i = this.#free.findIndex((r) => r.plain.byteLength === plainBytes && r.sealed.byteLength === sealedBytes);
    if (i >= 0) return this.#free.splice(i, 1)[0]!;
    return { plain: new SharedArrayBuffer(plainBytes), sealed: new SharedArrayBuffer(sealedBytes) };
  }

  /** Gives a pair back for reuse: its plaintext ring zeroed, and no seal or write of it still running. */
  give(rings: Rings): void {
    if (this.#free.includes(rings)) return;
    if (this.#free.length >= this.#keep) this.#free.shift(); // the oldest goes: most likely a size no longer used
    this.#free.push(rings);
  }
}
