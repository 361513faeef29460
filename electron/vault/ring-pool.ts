/**
 * The shared memory of the chunk worker's rings, kept for the next blob (issue 13).
 * Why not new rings per blob: a SharedArrayBuffer posted to a worker lives until that worker lets go
 * of it, which it does late or, for a blob hashed by the hasher thread, not at all (measured: such
 * rings stayed allocated after full collections in every thread, though no heap held them, even when
 * the hasher was never sent them; hashed in the chunk worker, a full collection there frees them; the
 * holder, below JavaScript, was not found). Before this pool, `arrayBuffers` grew 16.8 MB (one
 * blob's rings) with every blob of more than one chunk, and RSS went from 130 to 317 MB over 12
 * writes of 256 MiB. The pool's own pairs are reused and never let go, so whatever the workers hold
 * is of the same memory; they also spare each blob 16.8 MB of fresh pages to fault in.
 * The pool owns at most CAPACITY pairs (one blob written after another needs one). Beyond that (more
 * multi-chunk files stored at once, or a chunk size no owned pair has) a blob gets a loose pair,
 * dropped when it ends: the writer has those hashed by the chunk worker itself, never shown to the
 * hasher, so the worker's full collection after each blob frees them.
 * A pair goes back only once nothing reads or writes it any more (every seal and every write of it
 * settled) and its plaintext ring was zeroed; a failed disk write does not stop that, since by then
 * every seal (and so every hash) of it had answered. A pair whose seal or digest failed is forgotten:
 * after a worker's failure its hasher may still be reading chunks it had queued.
 */

/** Plaintext slots (filled by the writer) and sealed slots (ciphertext | tag, written to disk). */
export interface Rings { plain: SharedArrayBuffer; sealed: SharedArrayBuffer }

/** Pairs the pool owns at most: four multi-chunk files stored at once (a sync download and replies' files). */
const CAPACITY = 4;

export class RingPool {
  readonly #owned = new Set<Rings>();
  readonly #free: Rings[] = [];
  /** Pairs out with a blob now: only these can be given back or forgotten. */
  readonly #lent = new Set<Rings>();
  readonly #capacity: number;

  constructor(capacity = CAPACITY) { this.#capacity = capacity; }

  /** Owned pairs free now. */
  get kept(): number { return this.#free.length; }

  /** A pair of these sizes: a free owned one, a new owned one while there is room, else a loose one. */
  take(plainBytes: number, sealedBytes: number): Rings {
    const i = this.#free.findIndex((r) => r.plain.byteLength === plainBytes && r.sealed.byteLength === sealedBytes);
    const rings = i >= 0 ? this.#free.splice(i, 1)[0]! : { plain: new SharedArrayBuffer(plainBytes), sealed: new SharedArrayBuffer(sealedBytes) };
    if (i < 0 && this.#owned.size < this.#capacity) this.#owned.add(rings);
    this.#lent.add(rings);
    return rings;
  }

  /** Whether the pool owns the pair (it comes back and is reused), rather than it being loose (dropped after its blob). */
  owns(rings: Rings): boolean { return this.#owned.has(rings); }

  /** Gives a lent pair back once its blob ended cleanly (plaintext zeroed, nothing reading it): owned ones are reused. */
  give(rings: Rings): void {
    if (!this.#lent.delete(rings)) return;
    if (this.#owned.has(rings)) this.#free.push(rings);
  }

  /** A lent pair that must not be reused (a worker failed its blob): no longer owned, another is made when needed. */
  forget(rings: Rings): void {
    if (!this.#lent.delete(rings)) return;
    this.#owned.delete(rings);
  }
}
