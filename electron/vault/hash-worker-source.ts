/**
 * The chunk worker's hasher (issue 13): the plaintext SHA-256 of a blob being stored, in a thread of
 * its own that the chunk worker starts, so that a chunk's hash and its AES-256-GCM seal run at once
 * on two cores. Measured on the 2-core machine, a chunk cost the one worker 1.4 ms/MiB of CPU with
 * both, SHA-256 being 0.9 of it (the plaintext read once more from memory): the worker, not the disk,
 * set the ingest's speed. Apart, a chunk takes the longer of the two.
 * It reads the same shared plaintext ring the chunk worker seals from and answers only the chunk
 * worker, never the main thread: the main thread sends and receives as many messages as before.
 * Protocol (chunk-worker-source.ts is the other side):
 *   in:  begin {id, plain} | chunk {id, plainAt, length} | end {id} | abort {id}
 *   out: ready {tid} | hashed {id} (after each chunk, in order) | digest {id, sha256} | failed {id, message}
 * SHA-256 makes no output buffers, so unlike the chunk worker it needs no collections of its own.
 * It is given only the rings the pool owns (ring-pool.ts says why).
 */
import { THREAD_ID_SOURCE } from '../threads/thread-id-source';

export const HASH_WORKER_SOURCE = String.raw`
'use strict';
const load = typeof require === 'function' ? require : process.getBuiltinModule;
const { parentPort } = load('node:worker_threads');
const crypto = load('node:crypto');
${THREAD_ID_SOURCE}
const sessions = new Map();
parentPort.on('message', (m) => {
  try {
    if (m.type === 'begin') {
      sessions.set(m.id, { plain: Buffer.from(m.plain), hash: crypto.createHash('sha256') });
      return;
    }
    const s = sessions.get(m.id);
    if (s === undefined) return; // aborted meanwhile
    if (m.type === 'chunk') {
      s.hash.update(s.plain.subarray(m.plainAt, m.plainAt + m.length));
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
