/**
 * The chunk worker's program (issue 13): for each chunk of a blob being stored, the plaintext SHA-256
 * and the AES-256-GCM seal, both read straight from the SharedArrayBuffer ring the blob writer fills,
 * the sealed chunk written into a second shared ring the writer hands to the disk. The main thread is
 * left with reads, writes and bookkeeping: the cipher's output buffers (node:crypto allocates one per
 * `update()`) are garbage of this worker's small heap, not of the main thread's, whose collections
 * stall every window (measured in the responsiveness bench: the main thread's GC and its helpers'
 * marking were the largest CPU users while a 1 GiB file synced).
 * It is a string run with `new Worker(source, { eval: true })` rather than a file: it needs only
 * Node's own modules (crypto, worker_threads; v8 and vm for its collector, fs for its thread id),
 * and a string is the same code under tsx, vitest and the
 * electron-vite bundle (no worker file to bundle, no `?modulePath` import in main.ts).
 * The SHA-256 runs in a thread this worker starts, the hasher (hash-worker-source.ts, whose source
 * comes in `workerData.hasherSource`), at the same time as the seal: `sealed` is answered once both
 * are done, so a plaintext slot is refilled only after both read it. If the hasher cannot start, or
 * no source is given, this worker hashes too; if it stops, the blobs it was hashing fail (their hash
 * state is gone) and later ones are hashed here. A blob whose rings are loose (not the pool's,
 * `hashApart` false) is hashed here as well: see ring-pool.ts.
 * Protocol (chunk-worker-host.ts is the other side; ids keep several blobs apart):
 *   in:  begin {id, plain, sealed, key, aad, hashApart} | chunk {id, plainAt, sealedAt, length, nonce} | end {id} | abort {id}
 *   out: ready {tid, collects, hasherTid} | sealed {id, length} (after each chunk, in order) | digest {id, sha256} | failed {id, message}
 * The nonce of each chunk comes from the writer (blob-format.ts builds it): the worker knows nothing
 * of the format beyond "ciphertext then tag", the layout gcm-pieces.ts `sealInto` writes on the
 * main thread when no worker runs (tests read both back with the reference reader). The key is
 * transferred to the worker, which zeroes it when the session ends, however it ends.
 * It collects its young generation after every MiB sealed (COLLECT_EVERY_BYTES): the cipher's output
 * buffers would otherwise pile up to tens of MiB before V8 collected them, and freed in heaps they
 * cost page faults; and its whole heap after each blob, which frees the loose rings of blobs that
 * ended (threads/worker-collector-source.ts).
 * It and its hasher run at normal CPU priority, unlike the print worker: it wakes the main thread
 * once per MiB sealed, and a lowered thread that wakes the main thread can keep it waiting on the
 * message port's lock (threads/background-priority.ts has the figures).
 * `ready` says its thread id, the hasher's (0: none) and whether it could take the collector, for the
 * tests that check them.
 */
import { THREAD_ID_SOURCE } from '../threads/thread-id-source';
import { TAKE_COLLECTOR_SOURCE } from '../threads/worker-collector-source';
import { GCM_PIECE_SIZE } from './gcm-pieces';

/**
 * Sealed bytes between two young-generation collections in the worker: one chunk. The cipher's
 * output pieces freed at once go back to glibc's heap; more freed at a time than its trim threshold
 * (a few MiB at most, moved by the process's history) is handed back to the kernel and faulted in
 * again by the next chunk's pieces. Measured in a fresh process storing 1 GiB four times: one
 * collection every 4 MiB, 173-208k page faults and 2.2-2.6 s user + 2.0-2.4 s system CPU per GiB,
 * 266-310 MiB/s; every 1 MiB, 1.9-35k faults, 1.3-1.6 s + 0.5-2.0 s, 419-826 MiB/s. (In the vault
 * bench, whose earlier phases had raised glibc's thresholds, both ran alike, 714-748 MB/s.) The
 * collections also keep the worker's peak RSS down (150-154 MB for two ingests against 177 without).
 */
const COLLECT_EVERY_BYTES = 1024 * 1024;

export const CHUNK_WORKER_SOURCE = String.raw`
'use strict';
// CommonJS normally; should the code ever be run as a module (--input-type=module), Node's own loader.
const load = typeof require === 'function' ? require : process.getBuiltinModule;
const { parentPort, workerData, Worker } = load('node:worker_threads');
const crypto = load('node:crypto');
const PIECE = ${GCM_PIECE_SIZE};
const COLLECT_EVERY = ${COLLECT_EVERY_BYTES};
// A young-generation collection every MiB frees the cipher's output buffers for a fraction of
// a millisecond; a full one after each blob frees the SharedArrayBuffers of blobs that ended.
${TAKE_COLLECTOR_SOURCE}
let uncollected = 0;
${THREAD_ID_SOURCE}
const sessions = new Map();
// The hasher: null until it is ready, and for good once it stopped (or never started).
let hasher = null;
let hasherTid = 0;
const end = (id) => {
  const s = sessions.get(id);
  if (s !== undefined) s.key.fill(0);
  if (sessions.delete(id)) setImmediate(collectFully); // after this message's work, once its views are unreachable
  return s;
};
const fail = (id, message) => {
  const s = end(id);
  if (s !== undefined && s.apart && hasher !== null) hasher.postMessage({ type: 'abort', id });
  parentPort.postMessage({ type: 'failed', id, message });
};
/** Seals plain[plainAt, +length) into sealed[sealedAt, ...) as ciphertext | tag (hashing it too unless the hasher does); returns the sealed length. */
function seal(s, m) {
  const cipher = crypto.createCipheriv('aes-256-gcm', s.key, m.nonce);
  cipher.setAAD(s.aad);
  let at = m.sealedAt;
  for (let p = m.plainAt; p < m.plainAt + m.length; p += PIECE) {
    const piece = s.plain.subarray(p, Math.min(p + PIECE, m.plainAt + m.length));
    if (!s.apart) s.hash.update(piece); // the same piece, while it is in the CPU cache
    at += cipher.update(piece).copy(s.sealed, at);
  }
  at += cipher.final().copy(s.sealed, at);
  at += cipher.getAuthTag().copy(s.sealed, at);
  return at - m.sealedAt;
}

/** The hasher's answers: a chunk is reported sealed once hashed too; the digest ends the session. */
function fromHasher(r) {
  const s = sessions.get(r.id);
  if (s === undefined) return; // aborted or failed meanwhile
  if (r.type === 'hashed') {
    if (s.lengths.length === 0) fail(r.id, 'the hashing thread answered a chunk it was not given');
    else parentPort.postMessage({ type: 'sealed', id: r.id, length: s.lengths.shift() });
  } else if (r.type === 'digest') {
    end(r.id);
    parentPort.postMessage({ type: 'digest', id: r.id, sha256: r.sha256 });
  } else {
    fail(r.id, 'hashing failed: ' + r.message);
  }
}
// A hasher that neither says ready nor fails within workerData.hasherReadyMs is stopped, and this worker hashes.
const HASHER_READY_MS = (workerData && workerData.hasherReadyMs) || 10000;
/** Starts the hasher; resolves once it is ready, or has failed to start (then this worker hashes). */
function startHasher() {
  const source = workerData && workerData.hasherSource;
  if (typeof source !== 'string') return Promise.resolve();
  return new Promise((resolve) => {
    let h;
    try {
      h = new Worker(source, { eval: true, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 } });
    } catch (err) { resolve(); return; }
    let decided = false; // ready, failed or given up: whichever came first counts
    const decide = () => { const first = !decided; decided = true; clearTimeout(late); resolve(); return first; };
    const late = setTimeout(() => { if (decide()) h.terminate(); }, HASHER_READY_MS);
    const stopped = (why) => {
      decide();
      if (hasher !== h) return; // never ready, or already handled ('error' and 'exit' both arrive)
      hasher = null;
      for (const [id, s] of sessions) if (s.apart) fail(id, 'the hashing thread stopped: ' + why);
    };
    h.on('message', (r) => {
      if (r.type !== 'ready') { fromHasher(r); return; }
      if (!decide()) return;
      hasher = h;
      hasherTid = r.tid;
    });
    h.on('error', (err) => stopped(String(err && err.message)));
    h.on('exit', (code) => stopped('exited (code ' + code + ')'));
  });
}

parentPort.on('message', (m) => {
  try {
    if (m.type === 'begin') {
      const apart = hasher !== null && m.hashApart === true;
      sessions.set(m.id, { plain: Buffer.from(m.plain), sealed: Buffer.from(m.sealed), key: Buffer.from(m.key), aad: Buffer.from(m.aad), apart, hash: apart ? null : crypto.createHash('sha256'), lengths: [] });
      if (apart) hasher.postMessage({ type: 'begin', id: m.id, plain: m.plain });
      return;
    }
    const s = sessions.get(m.id);
    if (s === undefined) return; // aborted meanwhile
    if (m.type === 'chunk') {
      if (s.apart) hasher.postMessage({ type: 'chunk', id: m.id, plainAt: m.plainAt, length: m.length });
      const length = seal(s, m);
      if (s.apart) s.lengths.push(length); // answered when the hasher has hashed it
      else parentPort.postMessage({ type: 'sealed', id: m.id, length });
      uncollected += length;
    } else if (m.type === 'end') {
      if (s.apart) hasher.postMessage({ type: 'end', id: m.id }); // the digest comes from the hasher
      else { end(m.id); parentPort.postMessage({ type: 'digest', id: m.id, sha256: s.hash.digest('hex') }); }
    } else if (m.type === 'abort') {
      end(m.id);
      if (s.apart && hasher !== null) hasher.postMessage({ type: 'abort', id: m.id });
    }
  } catch (err) {
    fail(m.id, String(err && err.message));
  }
  // Outside any one session's work: a collection that failed would fail none of them.
  if (collect !== null && uncollected >= COLLECT_EVERY) {
    uncollected = 0;
    try { collect({ type: 'minor' }); } catch (err) { collect = null; }
  }
});
startHasher().then(() => parentPort.postMessage({ type: 'ready', tid, hasherTid, collects: collect !== null }));
`;
