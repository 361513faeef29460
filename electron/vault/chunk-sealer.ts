/**
 * Hashes and seals the chunks of one blob being stored (issue 13): in the chunk worker once a blob
 * has a second chunk, on the main thread for a blob of one chunk (most attachments: no worker is
 * started for them) or when no worker can run. The writer fills `buffer`, hands the chunk over with
 * `take`, writes the sealed bytes when they are ready and says when that write is done (`release`);
 * `next` gives the buffer for the next chunk once its slot is free again.
 *
 * Memory: the first chunk goes into plain memory. From the second chunk on there are two rings of
 * `slots` slots, plaintext and sealed, in SharedArrayBuffers the worker reads and writes without a
 * copy: the writer copies each source piece into a plaintext slot once, the worker hashes and seals
 * it into the sealed slot of the same number, and both are reused only after that sealed slot was
 * written to disk. `dispose` zeroes the plaintext ring and the first buffer: they held plaintext.
 * Without a worker the same rings are plain memory and each chunk is sealed in `take`.
 */
import crypto from 'node:crypto';
import { TAG_SIZE, chunkNonce, type BlobHeader } from './blob-format';
import type { ChunkSession, ChunkWorkerHost } from './chunk-worker-host';
import { sealInto } from './gcm-pieces';

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
  /** Slots per ring: chunks being filled, sealed or written at once. */
  slots: number;
  key: Buffer;
  header: BlobHeader;
  host: ChunkWorkerHost;
}

interface Rings { plain: Buffer; sealed: Buffer }

export class ChunkSealer {
  readonly #o: ChunkSealerOptions;
  readonly #first: Buffer;
  #current: Buffer;
  /** Main-thread hash: a one-chunk blob, or no worker. */
  #inline: crypto.Hash | null = null;
  #rings: Rings | null = null;
  #session: ChunkSession | null = null;
  /** Per slot: resolves once the chunk it last held was written; rejects if its seal or write failed. */
  #slotFree: Array<Promise<void>> = [];
  #slot = 0;
  #index = 0;
  #digested = false;

  constructor(options: ChunkSealerOptions) {
    if (options.slots < 2) throw new RangeError('a chunk ring needs at least two slots');
    this.#o = options;
    this.#first = Buffer.allocUnsafe(options.chunkSize);
    this.#current = this.#first;
  }

  /** Where the writer puts the plaintext of the current chunk. */
  get buffer(): Buffer { return this.#current; }

  /** The plaintext ring, while there is one (tests check it is zeroed). */
  get plainRing(): Buffer | null { return this.#rings?.plain ?? null; }

  /** Whether the chunks go to the worker (false: sealed on this thread). */
  get inWorker(): boolean { return this.#session !== null; }

  /**
   * The current chunk (`buffer`'s first `length` bytes) is complete: hands it over to be hashed and
   * sealed. `last`: no chunk follows (its nonce carries the final-chunk flag).
   */
  async take(length: number, last: boolean): Promise<TakenChunk> {
    const index = this.#index++;
    if (index > 0xffffffff) throw new RangeError('a blob has at most 2^32 chunks'); // the nonce's counter
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
    sealed.catch(() => undefined); // the writer awaits it with the rest of its group
    // Until the writer says which write takes it, the slot is busy with the seal itself. A failed
    // seal or write rejects `next`, so the writer stops at once (each has a handler: none is unhandled).
    const sealing = sealed.then(() => undefined);
    sealing.catch(() => undefined);
    this.#slotFree[slot] = sealing;
    return {
      index, sealed,
      release: (write) => {
        write.catch(() => undefined);
        this.#slotFree[slot] = write;
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
    this.#slot = (this.#slot + 1) % this.#o.slots;
    await this.#slotFree[this.#slot];
    this.#current = this.#plainSlot(this.#slot);
    return this.#current;
  }

  /** Lower-case hex SHA-256 of every chunk taken. */
  async digest(): Promise<string> {
    this.#digested = true;
    if (this.#session === null) return (this.#inline ?? crypto.createHash('sha256')).digest('hex');
    return this.#session.digest();
  }

  /**
   * Ends the work (aborting the worker's session if no digest was asked) and zeroes every plaintext
   * buffer. Call it only once every write of sealed bytes has settled.
   */
  dispose(): void {
    if (this.#session !== null && !this.#digested) this.#session.abort();
    this.#rings?.plain.fill(0);
    this.#first.fill(0);
  }

  async #openRings(): Promise<void> {
    const { chunkSize, slots, host, key, header } = this.#o;
    const plain = new SharedArrayBuffer(slots * chunkSize);
    const sealed = new SharedArrayBuffer(slots * (chunkSize + TAG_SIZE));
    this.#session = await host.open({ plain, sealed, key, aad: header.raw });
    if (this.#session === null) this.#inline = crypto.createHash('sha256'); // no worker: seal here, in the same rings
    this.#rings = { plain: Buffer.from(plain), sealed: Buffer.from(sealed) };
    this.#slotFree = Array.from({ length: slots }, () => Promise.resolve());
  }

  #plainSlot(slot: number): Buffer {
    return this.#rings!.plain.subarray(slot * this.#o.chunkSize, (slot + 1) * this.#o.chunkSize);
  }
}
