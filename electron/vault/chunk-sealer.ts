/**
 * Hashes and seals the chunks of one blob being stored (issue 13): in the chunk worker once a blob
 * has a second chunk, on the main thread for a blob of one chunk (most attachments: no worker is
 * started for them) or when no worker can run. The writer fills `buffer`, hands the chunk over with
 * `take`, writes the sealed bytes when they are ready and says when that write is done (`release`);
 * `next` gives the buffer for the next chunk once its slot is free again.
 *
 * Memory: the first chunk goes into plain memory. From the second chunk on there are two rings,
 * plaintext and sealed, of room for two writes' chunks each, in SharedArrayBuffers the worker reads
 * and writes without a copy: the writer copies each source piece into a plaintext slot once, the worker hashes and seals
 * it into the sealed slot of the same number, and both are reused only after that sealed slot was
 * written to disk. The rings come from the host's pool (ring-pool.ts): `dispose` zeroes the plaintext
 * ring and the first buffer (they held plaintext) and gives the rings back (reused if the pool owns
 * them, dropped if loose; forgotten if the worker failed the blob).
 * Without a worker the same rings (unshared in effect) are used and each chunk is sealed in `take`.
 * A failed seal or write stops the writer at its next `take` or `next`, whichever slot it was in.
 */
import crypto from 'node:crypto';
import { TAG_SIZE, chunkNonce, type BlobHeader } from './blob-format';
import { vaultErrors } from './vault-errors';
import type { ChunkSession, ChunkWorkerHost } from './chunk-worker-host';
import { sealInto } from './gcm-pieces';
import type { Rings } from './ring-pool';

/** A chunk handed over: its sealed bytes once ready, and where the writer reports their write. */
export interface TakenChunk {
  index: number;
  /** Ciphertext | tag; valid until the write given to `release` has settled. */
  sealed: Promise<Buffer>;
  /** The sealed bytes are being written by `write`: the chunk's slots are free once it settles. */
  release(write: Promise<void>): void;
}

export interface ChunkSealerOptions {
  chunkSize: number;
  /**
   * Chunks per write. The rings hold twice as many, so that one write's chunks are on their way to
   * the disk while the next write's are filled and sealed; a slot is reused only after its write.
   */
  chunksPerWrite: number;
  key: Buffer;
  header: BlobHeader;
  host: ChunkWorkerHost;
}

interface RingViews { plain: Buffer; sealed: Buffer; shared: Rings }

export class ChunkSealer {
  readonly #o: ChunkSealerOptions;
  readonly #slots: number;
  readonly #first: Buffer;
  #current: Buffer;
  /** Main-thread hash: a one-chunk blob, or no worker. */
  #inline: crypto.Hash | null = null;
  #rings: RingViews | null = null;
  #session: ChunkSession | null = null;
  /** Per slot: resolves once the chunk it last held was written; rejects if its seal or write failed. */
  #slotFree: Array<Promise<void>> = [];
  #slot = 0;
  #index = 0;
  #digested = false;
  /** The first seal or write that failed: every later `take` and `next` throws it. */
  #failure: { error: unknown } | null = null;
  /** A seal or the digest failed (not a disk write): the worker or its hasher may still read the rings. */
  #workerFailed = false;

  constructor(options: ChunkSealerOptions) {
    if (!Number.isInteger(options.chunksPerWrite) || options.chunksPerWrite < 1) throw new RangeError('chunks per write must be a positive integer');
    this.#o = options;
    this.#slots = 2 * options.chunksPerWrite;
    this.#first = Buffer.allocUnsafe(options.chunkSize);
    this.#current = this.#first;
  }

  /** Where the writer puts the plaintext of the current chunk. */
  get buffer(): Buffer { return this.#current; }

  /**
   * The current chunk (`buffer`'s first `length` bytes) is complete: hands it over to be hashed and
   * sealed. `last`: no chunk follows (its nonce carries the final-chunk flag).
   */
  async take(length: number, last: boolean): Promise<TakenChunk> {
    this.#throwIfFailed();
    const index = this.#index++;
    if (index > 0xffffffff) throw vaultErrors.invalidInput('blob too large'); // the nonce's chunk counter is 32 bits
    if (this.#inline === null && this.#session === null) {
      if (last) this.#inline = crypto.createHash('sha256');
      else await this.#openRings();
    }
    const nonce = chunkNonce(this.#o.header, index, last);
    if (this.#rings === null) {
      // One chunk, sealed here into a buffer of its own size.
      const out = Buffer.allocUnsafe(length + TAG_SIZE);
      const n = sealInto(this.#o.key, nonce, this.#o.header.raw, this.#current.subarray(0, length), out, this.#inline!);
      return { index, sealed: Promise.resolve(out.subarray(0, n)), release: () => undefined };
    }
    if (this.#current === this.#first) {
      // The first chunk was filled before the rings existed: it moves into slot 0.
      this.#first.copy(this.#rings.plain, 0, 0, length);
      this.#first.fill(0, 0, length);
      this.#current = this.#plainSlot(0);
    }
    const slot = this.#slot;
    const plainAt = slot * this.#o.chunkSize;
    const sealedAt = slot * (this.#o.chunkSize + TAG_SIZE);
    const sealedView = (n: number) => this.#rings!.sealed.subarray(sealedAt, sealedAt + n);
    let sealed: Promise<Buffer>;
    if (this.#session !== null) {
      sealed = this.#session.seal(plainAt, sealedAt, length, nonce).then(sealedView);
    } else {
      sealed = Promise.resolve(sealedView(sealInto(this.#o.key, nonce, this.#o.header.raw, this.#current.subarray(0, length), sealedView(length + TAG_SIZE), this.#inline!)));
    }
    // The writer awaits `sealed` with the rest of its group; a failure is also kept here for `take`
    // and `next`. Until the writer says which write takes the chunk, the slot is busy with the seal.
    const failed = (error: unknown) => { this.#failure ??= { error }; };
    sealed.catch((error: unknown) => { this.#workerFailed = true; failed(error); });
    this.#slotFree[slot] = sealed.then(() => undefined, () => undefined);
    return {
      index, sealed,
      release: (write) => {
        write.catch(failed);
        this.#slotFree[slot] = write.catch(() => undefined);
      },
    };
  }

  /**
   * The buffer for the next chunk, once the chunk its slot last held is written. Never the buffer
   * `take` just took: a local file's next chunk is read into it while that one is sealed.
   */
  async next(): Promise<Buffer> {
    if (this.#rings === null) {
      // Only a one-chunk blob is sealed without rings, and nothing follows it.
      throw new RangeError('no chunk follows the last one');
    }
    this.#slot = (this.#slot + 1) % this.#slots;
    await this.#slotFree[this.#slot];
    this.#throwIfFailed();
    this.#current = this.#plainSlot(this.#slot);
    return this.#current;
  }

  /** Lower-case hex SHA-256 of every chunk taken. */
  async digest(): Promise<string> {
    this.#digested = true;
    if (this.#session === null) return (this.#inline ?? crypto.createHash('sha256')).digest('hex');
    return this.#session.digest().catch((error: unknown) => {
      this.#workerFailed = true;
      throw error;
    });
  }

  /**
   * Ends the work (aborting the worker's session if no digest was asked) and zeroes every plaintext
   * buffer. Call it only once every seal and every write of sealed bytes has settled.
   * The rings go back to the host's pool unless a seal or the digest failed: after a worker's failure
   * its hasher may still be reading chunks it had queued, so the pool forgets them instead.
   */
  dispose(): void {
    if (this.#session !== null && !this.#digested) this.#session.abort();
    this.#first.fill(0);
    if (this.#rings === null) return;
    this.#rings.plain.fill(0);
    if (this.#workerFailed) this.#o.host.ringPool.forget(this.#rings.shared);
    else this.#o.host.ringPool.give(this.#rings.shared);
    this.#rings = null;
  }

  #throwIfFailed(): void {
    if (this.#failure !== null) throw this.#failure.error;
  }

  async #openRings(): Promise<void> {
    const { chunkSize, host, key, header } = this.#o;
    const slots = this.#slots;
    const shared = host.ringPool.take(slots * chunkSize, slots * (chunkSize + TAG_SIZE));
    this.#rings = { plain: Buffer.from(shared.plain), sealed: Buffer.from(shared.sealed), shared };
    this.#session = await host.open({ plain: shared.plain, sealed: shared.sealed, key, aad: header.raw, hashApart: host.ringPool.owns(shared) });
    if (this.#session === null) this.#inline = crypto.createHash('sha256'); // no worker: seal here, in the same rings
    this.#slotFree = Array.from({ length: slots }, () => Promise.resolve());
  }

  #plainSlot(slot: number): Buffer {
    return this.#rings!.plain.subarray(slot * this.#o.chunkSize, (slot + 1) * this.#o.chunkSize);
  }
}
