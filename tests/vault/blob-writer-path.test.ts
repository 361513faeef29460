/**
 * The blob writer's local-file source (`source: { path }`, issue 13): the file is read straight into the
 * plaintext slots. It must store exactly what a stream of the same bytes stores, and refuse a file that
 * is not a plain file, is over the limit, or changes size while it is read (nothing kept in any case).
 * The size changes are made deterministic by a chunk worker host that edits the file when the writer opens
 * its rings, which is after the first chunk is read and before the second.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_CHUNK_SIZE, newBlobRef } from '../../electron/vault/blob-format';
import { openBlob } from '../../electron/vault/blob-reader';
import { writeBlob, type BlobSource } from '../../electron/vault/blob-writer';
import { ChunkWorkerHost } from '../../electron/vault/chunk-worker-host';
import { makeTempDir } from './helpers/temp-dir';

const CHUNK = MIN_CHUNK_SIZE;
const caseKey = crypto.randomBytes(32);
let tmp: ReturnType<typeof makeTempDir>;
let blobsDir: string;
beforeAll(() => {
  tmp = makeTempDir();
  blobsDir = path.join(tmp.dir, 'blobs');
  fs.mkdirSync(blobsDir);
});
afterAll(() => tmp.cleanup());

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const fileOf = (name: string, bytes: Buffer) => { const p = path.join(tmp.dir, name); fs.writeFileSync(p, bytes); return p; };
async function* piecesOf(bytes: Buffer) { for (let at = 0; at < bytes.length; at += 1000) yield bytes.subarray(at, at + 1000); }

async function readBack(blobRef: string, size: number): Promise<Buffer> {
  const reader = await openBlob({ blobsDir, blobRef, caseKey, expectedSize: size });
  const parts: Buffer[] = [];
  for await (const p of reader.range()) parts.push(p);
  await reader.close();
  return Buffer.concat(parts);
}

const store = (source: BlobSource, extra: { maxBytes?: number; expectedSha256?: string; chunkWorker?: ChunkWorkerHost } = {}) => {
  const blobRef = newBlobRef();
  return { blobRef, done: writeBlob({ blobsDir, blobRef, caseKey, source, chunkSize: CHUNK, ...extra }) };
};

/** A chunk worker host that runs `edit` when a writer opens its rings, then works as usual. */
function editingHost(edit: () => void): ChunkWorkerHost {
  const host = new ChunkWorkerHost();
  const open = host.open.bind(host);
  host.open = (input) => { edit(); return open(input); };
  return host;
}
const noWorker = () => new ChunkWorkerHost(() => { throw new Error('test: no worker'); });

/** Nothing but completed blobs in the folder: a refused write leaves no temp file. */
const leftovers = () => fs.readdirSync(blobsDir).filter((f) => !/^[0-9a-f-]+$/i.test(f) || f.includes('.'));

describe('writeBlob from a local file', () => {
  for (const [label, size] of [['empty', 0], ['one byte', 1], ['one chunk', CHUNK], ['a chunk and a byte', CHUNK + 1], ['many chunks', 37 * CHUNK + 123]] as const) {
    it(`stores the same plaintext as a stream of the same bytes (${label})`, async () => {
      const bytes = crypto.randomBytes(size);
      const file = fileOf(`same-${size}.bin`, bytes);
      const fromFile = store({ path: file });
      const fromStream = store(piecesOf(bytes));
      const [a, b] = await Promise.all([fromFile.done, fromStream.done]);
      expect(a.size).toBe(size);
      expect(a.sha256).toBe(sha(bytes));
      expect(b.sha256).toBe(a.sha256);
      expect(a.head.equals(b.head)).toBe(true);
      expect(a.tail.equals(b.tail)).toBe(true);
      expect((await readBack(fromFile.blobRef, size)).equals(bytes)).toBe(true);
    });
  }

  it('stores the same bytes when the chunks are hashed and sealed on the main thread', async () => {
    const bytes = crypto.randomBytes(9 * CHUNK + 5);
    const w = store({ path: fileOf('inline.bin', bytes) }, { chunkWorker: noWorker() });
    expect((await w.done).sha256).toBe(sha(bytes));
    expect((await readBack(w.blobRef, bytes.length)).equals(bytes)).toBe(true);
  });

  it('refuses a file over maxBytes before reading it, and keeps nothing', async () => {
    const w = store({ path: fileOf('big.bin', crypto.randomBytes(3 * CHUNK)) }, { maxBytes: 3 * CHUNK - 1 });
    await expect(w.done).rejects.toMatchObject({ code: 'E_TOO_LARGE' });
    expect(fs.existsSync(path.join(blobsDir, w.blobRef))).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a wrong checksum, a missing file and a folder', async () => {
    const bytes = crypto.randomBytes(2 * CHUNK);
    await expect(store({ path: fileOf('sum.bin', bytes) }, { expectedSha256: sha(Buffer.from('other')) }).done).rejects.toMatchObject({ code: 'E_HASH_MISMATCH' });
    await expect(store({ path: path.join(tmp.dir, 'no-such-file.bin') }).done).rejects.toMatchObject({ code: 'ENOENT' });
    const folder = path.join(tmp.dir, 'a-folder');
    fs.mkdirSync(folder);
    await expect(store({ path: folder }).done).rejects.toMatchObject({ code: 'EISDIR' });
    expect(leftovers()).toEqual([]);
  });

  it('refuses a file that shrinks while it is read (E_SOURCE_CHANGED), and keeps nothing', async () => {
    const file = fileOf('shrinks.bin', crypto.randomBytes(6 * CHUNK));
    const w = store({ path: file }, { chunkWorker: editingHost(() => fs.truncateSync(file, 2 * CHUNK + 10)) });
    await expect(w.done).rejects.toMatchObject({ code: 'E_SOURCE_CHANGED', details: { why: 'shrank', expectedBytes: 6 * CHUNK } });
    expect(fs.existsSync(path.join(blobsDir, w.blobRef))).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a file that grows while it is read (E_SOURCE_CHANGED), and keeps nothing', async () => {
    const file = fileOf('grows.bin', crypto.randomBytes(4 * CHUNK));
    const w = store({ path: file }, { chunkWorker: editingHost(() => fs.appendFileSync(file, Buffer.from('appended'))) });
    await expect(w.done).rejects.toMatchObject({ code: 'E_SOURCE_CHANGED', details: { why: 'grew' } });
    expect(fs.existsSync(path.join(blobsDir, w.blobRef))).toBe(false);
    expect(leftovers()).toEqual([]);
  });
});
