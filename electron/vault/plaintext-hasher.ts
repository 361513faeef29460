/**
 * The SHA-256 of one blob's plaintext, computed in the hashing worker while the main thread encrypts
 * (issue 13: on 2 cores hashing ~1.4 ms/MiB and encrypting ~0.75 ms/MiB then overlap instead of
 * adding up). The writer fills the chunk buffer this gives it; `take` hands the chunk to the hash and
 * returns the bytes to encrypt; `nextBuffer` gives the buffer for the next chunk once it is free.
 *
 * Buffers: the first chunk goes into plain memory, so a file of one chunk (most attachments) is
 * hashed right here and never starts a worker. From the second chunk on the chunks live in a ring of
 * slots in a SharedArrayBuffer that the worker reads without a copy: the writer copies each source
 * piece into a slot once, the main thread encrypts from the slot while the worker hashes the same
 * slot, and the slot is refilled only after both are done (encryption is synchronous; the worker
 * reports each hashed chunk). `dispose` zeroes the ring and the first buffer: they held plaintext.
 * Without a worker the same hash runs here on the same bytes (two buffers, alternating).
 */
import crypto from 'node:crypto';
import type { HashSession, HashWorkerHost } from './hash-worker-host';

/** About this much plaintext in the ring: enough slots that the worker's lag does not stall the writer. */
const RING_BYTES = 4 * 1024 * 1024;
const MIN_SLOTS = 2;
const MAX_SLOTS = 64;

export const ringSlots = (chunkSize: number) => Math.max(MIN_SLOTS, Math.min(MAX_SLOTS, Math.ceil(RING_BYTES / chunkSize)));

export class PlaintextHasher {
  readonly #chunkSize: number;
  readonly #host: HashWorkerHost;
  readonly #first: Buffer;
  /** Without a ring, chunks alternate between #first and this, so a chunk is still intact while the next one fills. */
  #second: Buffer | null = null;
  #current: Buffer;
  /** Main-thread hash: a one-chunk file, or no worker. */
  #inline: crypto.Hash | null = null;
  #ring: Buffer | null = null;
  #session: HashSession | null = null;
  /** Per ring slot: settles once the worker has hashed what the slot last held. */
  #slotFree: Array<Promise<void>> = [];
  #slot = 0;
  #digested = false;

  constructor(chunkSize: number, host: HashWorkerHost) {
    this.#chunkSize = chunkSize;
    this.#host = host;
    this.#first = Buffer.allocUnsafe(chunkSize);
    this.#current = this.#first;
  }

  /** Where the writer puts the plaintext of the current chunk. */
  get buffer(): Buffer { return this.#current; }

  /** The worker's ring, while there is one (tests check it is zeroed). */
  get ring(): SharedArrayBuffer | null { return (this.#ring?.buffer as SharedArrayBuffer | undefined) ?? null; }

  /**
   * The current chunk (`buffer`'s first `length` bytes) is complete: hands it to the hash and returns
   * its bytes for the cipher, valid until `nextBuffer`. `last`: no chunk follows.
   */
  async take(length: number, last: boolean): Promise<Buffer> {
    if (this.#inline === null && this.#session === null) {
      if (last) this.#inline = crypto.createHash('sha256');
      else await this.#openRing();
    }
    if (this.#session === null) {
      const plain = this.#current.subarray(0, length);
      this.#inline!.update(plain);
      return plain;
    }
    if (this.#current === this.#first) {
      // The first chunk was filled before the ring existed: it moves into slot 0.
      this.#first.copy(this.#ring!, 0, 0, length);
      this.#first.fill(0, 0, length);
      this.#current = this.#slotView(0);
    }
    const offset = this.#slot * this.#chunkSize;
    const hashed = this.#session.hash(offset, length);
    hashed.catch(() => undefined); // awaited when the slot is reused or at the digest
    this.#slotFree[this.#slot] = hashed;
    return this.#current.subarray(0, length);
  }

  /**
   * The buffer for the next chunk, once the worker is done with what it last held. Never the buffer
   * `take` just returned: a local file's next chunk is read into it while that one is encrypted.
   */
  async nextBuffer(): Promise<Buffer> {
    if (this.#session === null) {
      // Hashed already, synchronously; only the cipher may still read the current buffer.
      this.#second ??= Buffer.allocUnsafe(this.#chunkSize);
      this.#current = this.#current === this.#first ? this.#second : this.#first;
      return this.#current;
    }
    this.#slot = (this.#slot + 1) % this.#slotFree.length;
    await this.#slotFree[this.#slot];
    this.#current = this.#slotView(this.#slot);
    return this.#current;
  }

  /** Lower-case hex SHA-256 of every chunk taken. */
  async digest(): Promise<string> {
    this.#digested = true;
    if (this.#session === null) return (this.#inline ?? crypto.createHash('sha256')).digest('hex');
    return this.#session.digest();
  }

  /** Ends the hashing (aborting the worker's session if no digest was asked) and zeroes every plaintext buffer. */
  dispose(): void {
    if (this.#session !== null && !this.#digested) this.#session.abort();
    this.#ring?.fill(0);
    this.#first.fill(0);
    this.#second?.fill(0);
  }

  async #openRing(): Promise<void> {
    const slots = ringSlots(this.#chunkSize);
    const shared = new SharedArrayBuffer(slots * this.#chunkSize);
    this.#session = await this.#host.open(shared);
    if (this.#session === null) {
      this.#inline = crypto.createHash('sha256'); // no worker: hash here, in the one buffer
      return;
    }
    this.#ring = Buffer.from(shared);
    this.#slotFree = Array.from({ length: slots }, () => Promise.resolve());
  }

  #slotView(slot: number): Buffer {
    return this.#ring!.subarray(slot * this.#chunkSize, (slot + 1) * this.#chunkSize);
  }
}
