/**
 * Streams plaintext into an encrypted blob file in constant memory. The file is written under a temp
 * name, fsynced, and renamed into place only after the plaintext SHA-256 matched the expected one;
 * the directory is fsynced so the rename is durable.
 *
 * Speed (issue 13): from a blob's second chunk on, each chunk is hashed (SHA-256 of the plaintext)
 * and sealed (AES-256-GCM) in the chunk worker and its hasher thread (chunk-sealer.ts,
 * chunk-worker-source.ts, hash-worker-source.ts), from and into shared memory, while the main thread
 * reads the next chunk and writes the sealed ones. The
 * main thread then neither encrypts nor makes the cipher's garbage (1 GiB of 32 KiB outputs per GiB,
 * now the worker's): measured on the 2-core machine (vault bench, six runs), a 1 GiB local ingest
 * took 0.25-0.44 ms of main-thread CPU per MiB (was ~1.5) and 2.1-3.0 ms over all threads in its
 * faster round (was 3.4-3.9); in the
 * responsiveness bench the main thread's CPU over the working window fell from 4.0 s to 2.9-3.3 s,
 * and V8's helper threads' (GC marking, compiling) from 6.5 s to 3.4-5.1 s. A one-chunk blob is
 * sealed here, as is every blob when no worker can start.
 * Sealed chunks are written CHUNKS_PER_WRITE at a time with one writev, and two such groups are in
 * flight: one is being written by libuv's threads while the next is filled and sealed.
 * Few large writes matter on a busy machine: every write handed to libuv's pool takes the pool's lock,
 * and with a read stream feeding us a 1 MiB write call cost the main thread 0.4-1.6 ms (measured
 * under load), against ~0.1 ms when idle.
 * Every FLUSH_EVERY bytes an fdatasync is started without waiting for it, so the disk writes back the
 * finished part while the CPU works on the next one: total time is about max(crypto, disk) instead of
 * crypto + disk, and the final fsync only has the tail left to flush.
 *
 * Responsiveness (issue 13, item 4): a fast source (buffered socket data, a cached file) hands its
 * pieces over in microtasks, and the writes rarely make the writer wait, so without care one event
 * loop turn could take many MiB (gaps of 100-145 ms were measured in the main process). The writer
 * gives the loop a turn whenever it has held it for TURN_EVERY_MS (LoopTurns below).
 *
 * A local file (`source: { path }`, issue 13) is read with one file handle straight into the plaintext
 * slots, one chunk per read, the next chunk's read running in libuv's pool while this one is sealed.
 * A read stream allocated a fresh 1 MiB buffer per read instead, and its page faults and garbage
 * collection were the largest cost of an ingest (measured: 4-6 ms CPU/MiB over all threads fed by a
 * stream, 2.1-3.5 fed from reused buffers). The file's size is taken before the first read; if the
 * bytes read do not add up to it (the file was rewritten while it was being stored) the write fails
 * with E_SOURCE_CHANGED and nothing is kept.
 * An AsyncIterable (a network download) is consumed piece by piece, copied into the same slots. Its
 * pieces are left to V8's own collections: forcing young ones as they pass (young-collector.ts, as a
 * blob read does) cost the main thread 131 collections, 254 ms in all and up to 14 ms each, over a
 * 1 GiB sync in the responsiveness bench, for a sync peak RSS within a few MB of V8's own.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as loopTurn } from 'node:timers/promises';
import { SNIFF_HEAD_BYTES, SNIFF_TAIL_BYTES } from '../../shared/content-type/sniff';
import { fsyncDir, tempNameFor } from './atomic-file';
import { BLOB_REF_PATTERN, DEFAULT_CHUNK_SIZE, blobKey, chunkOffset, newHeader, MAX_CHUNK_SIZE, MIN_CHUNK_SIZE } from './blob-format';
import { chunkWorker, type ChunkWorkerHost } from './chunk-worker-host';
import { ChunkSealer, type TakenChunk } from './chunk-sealer';
import { vaultErrors } from './vault-errors';

const FLUSH_EVERY = 64 * 1024 * 1024;
/** Sealed chunks per write; the rings hold two groups of this many. */
const CHUNKS_PER_WRITE = 4;
/** Longest the writer keeps the event loop before it lets timers, IPC and other I/O run. */
const TURN_EVERY_MS = 8;

export interface WriteBlobOptions {
  blobsDir: string;
  blobRef: string;
  caseKey: Buffer;
  /** A stream of plaintext (a download), or a plain local file the app has already validated. */
  source: BlobSource;
  /** Lower-case hex SHA-256 the plaintext must have (from the server). */
  expectedSha256?: string;
  /** Refuse the stream once it exceeds this many bytes. */
  maxBytes?: number;
  chunkSize?: number;
  /** Start a background fdatasync every this many bytes (default 64 MiB; Infinity: only at the end). */
  flushEvery?: number;
  /** The chunk worker to use (tests: one that cannot start); default the process's shared one. */
  chunkWorker?: ChunkWorkerHost;
}

export type BlobSource = AsyncIterable<Uint8Array> | { path: string };

export interface WrittenBlob {
  size: number;
  sha256: string;
  /** The first and last bytes of the plaintext (up to SNIFF_HEAD_BYTES / SNIFF_TAIL_BYTES), for the content sniffer. */
  head: Buffer;
  tail: Buffer;
}

export async function writeBlob(opts: WriteBlobOptions): Promise<WrittenBlob> {
  if (!BLOB_REF_PATTERN.test(opts.blobRef)) throw vaultErrors.invalidInput('blob ref');
  const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) throw vaultErrors.invalidInput('chunk size');
  const target = path.join(opts.blobsDir, opts.blobRef);
  const temp = tempNameFor(target);
  const header = newHeader(chunkSize);
  const key = blobKey(opts.caseKey, header, opts.blobRef);
  // Holds the chunk being filled and has it hashed and sealed (in the worker once a second chunk follows).
  const sealer = new ChunkSealer({ chunkSize, chunksPerWrite: CHUNKS_PER_WRITE, key, header, host: opts.chunkWorker ?? chunkWorker });
  let pending = sealer.buffer;
  let fill = 0;
  let size = 0;
  // The start and the end for the content sniffer (an Office zip's part names are in both).
  const head = Buffer.alloc(SNIFF_HEAD_BYTES);
  let headLen = 0;
  const tail = new TailKeeper(SNIFF_TAIL_BYTES);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(temp, 'wx', 0o600);
  } catch (err) {
    key.fill(0);
    throw asDiskFull(err);
  }
  /** Chunks taken but not yet part of a write. */
  let group: TakenChunk[] = [];
  /** Writes not yet settled (each one's buffers are in use until then). */
  const writes = new Set<Promise<void>>();
  // Held in an object: TypeScript does not track assignments made inside the closures below.
  const flush: { pending: Promise<unknown> | null; upTo: number; error: unknown } = { pending: null, upTo: 0, error: null };
  const flushEvery = opts.flushEvery ?? FLUSH_EVERY;
  let written = 0;
  let completed = false;
  let sha256 = '';

  /** Once they are written, starts a background fdatasync if FLUSH_EVERY more bytes went out since the last one. */
  const maybeFlush = () => {
    if (written - flush.upTo < flushEvery || flush.pending !== null) return;
    flush.upTo = written;
    // A flush error is kept and thrown at the end: Linux reports a write-back error to fsync only once.
    const started: Promise<unknown> = handle.datasync()
      .catch((err: unknown) => { flush.error ??= err; })
      .finally(() => { if (flush.pending === started) flush.pending = null; });
    flush.pending = started;
  };
  /** Writes the group's chunks, once sealed, at their offset (the header goes out with chunk 0). */
  const submit = () => {
    const chunks = group;
    group = [];
    const first = chunks[0]!.index;
    const write = Promise.all(chunks.map((c) => c.sealed)).then(async (sealed) => {
      const parts = first === 0 ? [header.raw, ...sealed] : sealed;
      await writevAll(handle, parts, first === 0 ? 0 : chunkOffset(chunkSize, first));
      written += parts.reduce((n, b) => n + b.length, 0);
      maybeFlush();
    });
    writes.add(write);
    write.then(() => writes.delete(write), () => undefined); // a failed write stays, to be thrown at the end
    for (const c of chunks) c.release(write);
  };
  /** Hands the current chunk (`pending`'s first `length` bytes) over to be sealed and written. */
  const sealChunk = async (length: number, last: boolean) => {
    group.push(await sealer.take(length, last));
    if (last || group.length === CHUNKS_PER_WRITE) submit();
  };

  /** Keeps what the content sniffer needs and counts the bytes against maxBytes. */
  const account = (data: Buffer) => {
    size += data.length;
    if (opts.maxBytes !== undefined && size > opts.maxBytes) throw vaultErrors.tooLarge(opts.maxBytes);
    if (headLen < head.length) headLen += data.copy(head, headLen, 0, Math.min(data.length, head.length - headLen));
    tail.push(data);
  };

  const turns = new LoopTurns(TURN_EVERY_MS);
  // The read in flight fills a plaintext buffer: it must settle before the buffers are zeroed.
  let reading: Promise<number> = Promise.resolve(0);
  /** A local file: each chunk is read straight into a plaintext slot, the next read overlapping this seal. */
  const ingestFile = async (file: fs.FileHandle, fileSize: number) => {
    const chunks = Math.max(1, Math.ceil(fileSize / chunkSize));
    const lengthOf = (i: number) => Math.min(chunkSize, fileSize - i * chunkSize);
    reading = readFull(file, pending, lengthOf(0), 0);
    reading.catch(() => undefined); // awaited below
    for (let i = 0; i < chunks; i++) {
      const length = lengthOf(i);
      const got = await reading;
      if (got < length) throw vaultErrors.sourceChanged(fileSize, 'shrank');
      const last = i + 1 === chunks;
      account(pending.subarray(0, length));
      if (turns.due()) await turns.give();
      await sealChunk(length, last);
      if (last) {
        // One byte past the size it had: there must be none.
        reading = readFull(file, Buffer.alloc(1), 1, fileSize);
      } else {
        pending = await sealer.next(); // a different slot: the chunk just taken stays intact while this read fills it
        reading = readFull(file, pending, lengthOf(i + 1), (i + 1) * chunkSize);
      }
      reading.catch(() => undefined); // awaited at the top of the loop
    }
    if ((await reading) > 0) throw vaultErrors.sourceChanged(fileSize, 'grew');
  };

  let file: fs.FileHandle | null = null;
  try {
    if (!isStream(opts.source)) {
      file = await fs.open(opts.source.path, 'r');
      const stat = await file.stat();
      if (stat.isDirectory()) throw errnoError('EISDIR', 'the path is a folder, not a file');
      if (!stat.isFile()) throw errnoError('EINVAL', 'the path is not a regular file');
      if (opts.maxBytes !== undefined && stat.size > opts.maxBytes) throw vaultErrors.tooLarge(opts.maxBytes);
      await ingestFile(file, stat.size);
    } else for await (const piece of opts.source) {
      if (turns.due()) await turns.give();
      let data = Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      account(data);
      while (data.length > 0) {
        // A full chunk is sealed only when more data follows, so that the final chunk gets the flag.
        if (fill === chunkSize) {
          if (turns.due()) await turns.give();
          await sealChunk(fill, false);
          pending = await sealer.next();
          fill = 0;
        }
        const n = data.copy(pending, fill);
        fill += n;
        data = data.subarray(n);
      }
    }
    if (file === null) await sealChunk(fill, true);
    const digest = sealer.digest(); // the worker finishes the last chunks while the writes finish
    digest.catch(() => undefined); // awaited below
    await Promise.all(writes);
    await flush.pending;
    if (flush.error) throw flush.error;
    await handle.sync();
    sha256 = await digest;
    completed = true;
  } catch (err) {
    throw asDiskFull(err);
  } finally {
    await reading.catch(() => undefined);
    // Taken chunks not yet in a write are still being sealed: wait for them too before zeroing.
    await Promise.allSettled([...writes, ...group.map((c) => c.sealed)]);
    sealer.dispose(); // zeroes the plaintext ring
    await flush.pending;
    await handle.close();
    await file?.close();
    key.fill(0);
    if (!completed) await fs.rm(temp, { force: true });
  }
  if (opts.expectedSha256 !== undefined && opts.expectedSha256.toLowerCase() !== sha256) {
    await fs.rm(temp, { force: true });
    throw vaultErrors.hashMismatch(opts.expectedSha256.toLowerCase(), sha256);
  }
  await fs.rename(temp, target);
  await fsyncDir(opts.blobsDir);
  return { size, sha256, head: head.subarray(0, headLen), tail: tail.bytes() };
}

const isStream = (source: BlobSource): source is AsyncIterable<Uint8Array> => Symbol.asyncIterator in source;

const errnoError = (code: string, message: string) => Object.assign(new Error(message), { code });

/** No space, or the user's quota spent: the vault's own error, which says what to do (other errors pass as they are). */
function asDiskFull(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' ? vaultErrors.diskFull(code) : err;
}

/** Reads `length` bytes into `buf` from `position`; fewer only at the end of the file. Returns how many. */
async function readFull(file: fs.FileHandle, buf: Buffer, length: number, position: number): Promise<number> {
  let got = 0;
  while (got < length) {
    const { bytesRead } = await file.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

/** Writes all of `parts` back to back from `position` (a write may return short, e.g. when interrupted). */
async function writevAll(handle: fs.FileHandle, parts: Buffer[], position: number): Promise<void> {
  let rest = parts;
  let at = position;
  while (rest.length > 0) {
    const { bytesWritten } = await handle.writev(rest, at);
    if (bytesWritten <= 0) throw vaultErrors.diskFull('no bytes written');
    at += bytesWritten;
    let skip = bytesWritten;
    while (rest.length > 0 && skip >= rest[0]!.length) { skip -= rest[0]!.length; rest = rest.slice(1); }
    if (skip > 0) rest = [rest[0]!.subarray(skip), ...rest.slice(1)];
  }
}

/**
 * Gives the event loop a turn once `everyMs` have passed since the writer last gave one. It does not
 * track the turns the loop takes anyway while the writer waits for I/O (a marker immediate per check
 * would), so it may add a turn where none was needed: at most one per `everyMs`, a few microseconds.
 */
class LoopTurns {
  readonly #everyMs: number;
  #since = performance.now();

  constructor(everyMs: number) { this.#everyMs = everyMs; }

  /** True once `everyMs` have passed since the last turn given. */
  due(): boolean { return performance.now() - this.#since >= this.#everyMs; }

  /**
   * One full turn of the event loop (timers, I/O callbacks, immediates run). Two immediates: when the
   * writer runs in an I/O callback (the poll phase), the first runs in this turn's check phase, before
   * the timers had their turn; the second comes after them.
   */
  async give(): Promise<void> {
    await loopTurn();
    await loopTurn();
    this.#since = performance.now();
  }
}

/** The last `capacity` bytes of a stream, copying at most about twice each piece. */
class TailKeeper {
  readonly #buf: Buffer;
  #len = 0;
  constructor(capacity: number) { this.#buf = Buffer.alloc(capacity); }

  push(piece: Buffer): void {
    const cap = this.#buf.length;
    if (piece.length >= cap) {
      piece.copy(this.#buf, 0, piece.length - cap);
      this.#len = cap;
      return;
    }
    const drop = Math.max(0, this.#len + piece.length - cap);
    if (drop > 0) {
      this.#buf.copyWithin(0, drop, this.#len);
      this.#len -= drop;
    }
    this.#len += piece.copy(this.#buf, this.#len);
  }

  bytes(): Buffer { return this.#buf.subarray(0, this.#len); }
}
