/** Deterministic byte streams of any length, generated chunk by chunk (never held whole in memory). */
import { createHash } from 'node:crypto';
import http from 'node:http';
import { Readable } from 'node:stream';
import { UPLOAD_CONTENT_TYPE } from '../../../shared/protocol/uploads';

const CHUNK = 1024 * 1024;

const bases = new Map<number, Buffer>();

/** Chunk i of the pattern: a per-seed pseudo-random 1 MiB block stamped with its index (so every chunk differs). */
function chunkAt(seed: number, index: number): Buffer {
  let base = bases.get(seed);
  if (!base) {
    base = Buffer.allocUnsafe(CHUNK);
    let x = (seed * 2654435761) >>> 0 || 1;
    for (let i = 0; i < CHUNK; i += 4) { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; base.writeUInt32LE(x, i); }
    bases.set(seed, base);
  }
  const chunk = Buffer.from(base);
  chunk.writeUInt32LE(index >>> 0, 0);
  return chunk;
}

/** Bytes [from, to) of the pattern, in pieces of at most 1 MiB; the same bytes whatever `from` is. */
export function* patternChunks(seed: number, to: number, from = 0): Generator<Buffer> {
  let position = from;
  while (position < to) {
    const index = Math.floor(position / CHUNK);
    const chunkStart = index * CHUNK;
    const end = Math.min(to, chunkStart + CHUNK);
    yield chunkAt(seed, index).subarray(position - chunkStart, end - chunkStart);
    position = end;
  }
}

export function patternSha256(seed: number, total: number): string {
  const hash = createHash('sha256');
  for (const c of patternChunks(seed, total)) hash.update(c);
  return hash.digest('hex');
}

export interface PatchResult { status: number; body: string }

/**
 * PATCHes bytes [from, to) of the pattern to an upload over node:http. With `dropAfter`, the request
 * is destroyed after that many bytes have been written, like a laptop losing its connection.
 */
export function patchUpload(url: string, token: string, seed: number, total: number, from: number, options: { to?: number; dropAfter?: number } = {}): Promise<PatchResult | 'dropped'> {
  const to = options.to ?? total;
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': UPLOAD_CONTENT_TYPE, 'upload-offset': String(from), 'content-length': String(to - from) },
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    let dropped = false;
    req.on('error', (err) => (dropped ? resolve('dropped') : reject(err)));
    const source = Readable.from(patternChunks(seed, to, from));
    let sent = 0;
    source.on('data', (chunk: Buffer) => {
      if (dropped) return; // a chunk already buffered may still arrive after destroy()
      if (options.dropAfter !== undefined && sent + chunk.length >= options.dropAfter) {
        req.write(chunk.subarray(0, Math.floor(options.dropAfter) - sent));
        dropped = true;
        source.destroy();
        // Give the bytes a moment to leave, then drop the connection without finishing the body.
        setTimeout(() => { req.destroy(); resolve('dropped'); }, 100);
        return;
      }
      sent += chunk.length;
      if (!req.write(chunk)) { source.pause(); req.once('drain', () => source.resume()); }
    });
    source.on('end', () => { if (!dropped) req.end(); });
  });
}
