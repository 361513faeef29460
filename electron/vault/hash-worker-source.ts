/**
 * The hashing worker's program (issue 13): SHA-256 of a blob's plaintext, read straight from the
 * SharedArrayBuffer ring the blob writer fills, so hashing (one core) overlaps encryption and writes
 * (the main thread). It is a string run with `new Worker(source, { eval: true })` rather than a file:
 * it needs only node:crypto and node:worker_threads, and a string is the same code under tsx, vitest
 * and the electron-vite bundle (no worker file to bundle, no `?modulePath` import in main.ts).
 * Protocol (hash-worker-host.ts is the other side; ids keep several blobs apart):
 *   in:  begin {id, ring} | chunk {id, offset, length} | end {id} | abort {id}
 *   out: ready {tid} | hashed {id} (after each chunk, in order) | digest {id, sha256} | failed {id, message}
 * The worker copies nothing: it hashes a view on the ring and drops the ring at end or abort.
 * It runs at background CPU priority on Linux, as the print worker does (threads/background-priority.ts,
 * which a worker started from a string cannot import: the same steps are inlined here). `ready` says
 * its thread id, for the test that checks it.
 */
import { BACKGROUND_NICE } from '../threads/background-priority';

export const HASH_WORKER_SOURCE = String.raw`
'use strict';
// CommonJS normally; should the code ever be run as a module (--input-type=module), Node's own loader.
const load = typeof require === 'function' ? require : process.getBuiltinModule;
const { parentPort } = load('node:worker_threads');
const crypto = load('node:crypto');
let tid = 0;
try {
  if (process.platform === 'linux') {
    const os = load('node:os');
    tid = Number(load('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
    // Never the main thread (the windows wait on it); only ever lower.
    if (tid > 0 && tid !== process.pid && os.getPriority(tid) < ${BACKGROUND_NICE}) os.setPriority(tid, ${BACKGROUND_NICE});
  }
} catch (err) { /* no /proc, or refused: hashing runs at normal priority */ }
const sessions = new Map();
parentPort.on('message', (m) => {
  try {
    if (m.type === 'begin') {
      sessions.set(m.id, { ring: Buffer.from(m.ring), hash: crypto.createHash('sha256') });
      return;
    }
    const s = sessions.get(m.id);
    if (s === undefined) return; // aborted meanwhile
    if (m.type === 'chunk') {
      s.hash.update(s.ring.subarray(m.offset, m.offset + m.length));
      parentPort.postMessage({ type: 'hashed', id: m.id });
    } else if (m.type === 'end') {
      sessions.delete(m.id);
      parentPort.postMessage({ type: 'digest', id: m.id, sha256: s.hash.digest('hex') });
    } else if (m.type === 'abort') {
      sessions.delete(m.id);
    }
  } catch (err) {
    sessions.delete(m.id);
    parentPort.postMessage({ type: 'failed', id: m.id, message: String(err && err.message) });
  }
});
parentPort.postMessage({ type: 'ready', tid });
`;
