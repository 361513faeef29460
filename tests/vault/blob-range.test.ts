/** Range reads at and across chunk boundaries equal the same bytes of the plaintext. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHUNK_SIZE, HEADER_SIZE, TAG_SIZE, newBlobRef } from '../../electron/vault/blob-format';
import { openBlob } from '../../electron/vault/blob-reader';
import { writeBlob } from '../../electron/vault/blob-writer';
import { generateBuffer, generateBytes, once } from './helpers/generated-bytes';
import { makeTempDir } from './helpers/temp-dir';

const C = DEFAULT_CHUNK_SIZE;
let tmp: ReturnType<typeof makeTempDir>;
const caseKey = crypto.randomBytes(32);
beforeAll(() => { tmp = makeTempDir(); });
afterAll(() => tmp.cleanup());

async function store(plain: Buffer, opts: { chunkSize?: number; pieces?: number } = {}) {
  const blobRef = newBlobRef();
  // Feed in odd-sized pieces so chunk assembly is exercised.
  async function* pieces() {
    const step = opts.pieces ?? 333_333;
    for (let i = 0; i < plain.length; i += step) yield plain.subarray(i, i + step);
  }
  const written = await writeBlob({ blobsDir: tmp.dir, blobRef, caseKey, source: pieces(), ...(opts.chunkSize ? { chunkSize: opts.chunkSize } : {}) });
  return { blobRef, written };
}

async function readRange(blobRef: string, start?: number, end?: number): Promise<Buffer> {
  const r = await openBlob({ blobsDir: tmp.dir, blobRef, caseKey });
  const parts: Buffer[] = [];
  for await (const p of r.range(start, end)) parts.push(p);
  await r.close();
  return Buffer.concat(parts);
}

describe('blob range reads', () => {
  const size = 3 * C + 12_345;
  const plain = generateBuffer(size, 'range');
  let ref: string;

  beforeAll(async () => {
    const { blobRef, written } = await store(plain);
    ref = blobRef;
    expect(written.size).toBe(size);
    expect(written.sha256).toBe(crypto.createHash('sha256').update(plain).digest('hex'));
    // Fixed layout: header + 4 chunks, each with its tag.
    expect(fs.statSync(path.join(tmp.dir, blobRef)).size).toBe(HEADER_SIZE + size + 4 * TAG_SIZE);
  });

  const cases: Array<[string, number, number]> = [
    ['whole', 0, size],
    ['first byte', 0, 1],
    ['exactly chunk 0', 0, C],
    ['exactly chunk 1', C, 2 * C],
    ['last byte of chunk 0', C - 1, C],
    ['first byte of chunk 1', C, C + 1],
    ['across one boundary', C - 10, C + 10],
    ['across two boundaries', C - 1, 2 * C + 1],
    ['inside the short last chunk', 3 * C + 5, 3 * C + 500],
    ['from a boundary to the end', 3 * C, size],
    ['last byte', size - 1, size],
    ['empty range', 12, 12],
  ];
  for (const [name, start, end] of cases) {
    it(`reads ${name} [${start}, ${end})`, async () => {
      expect((await readRange(ref, start, end)).equals(plain.subarray(start, end))).toBe(true);
    });
  }

  it('refuses ranges outside the file', async () => {
    const r = await openBlob({ blobsDir: tmp.dir, blobRef: ref, caseKey });
    await expect(r.range(0, size + 1).next()).rejects.toMatchObject({ code: 'E_RANGE' });
    await expect(r.range(10, 5).next()).rejects.toMatchObject({ code: 'E_RANGE' });
    await r.close();
  });

  it('handles an empty blob and a blob of exactly one chunk', async () => {
    const empty = await store(Buffer.alloc(0));
    expect(empty.written.size).toBe(0);
    expect((await readRange(empty.blobRef)).length).toBe(0);
    const exact = generateBuffer(C, 'exact');
    const one = await store(exact);
    expect((await readRange(one.blobRef)).equals(exact)).toBe(true);
    expect(fs.statSync(path.join(tmp.dir, one.blobRef)).size).toBe(HEADER_SIZE + C + TAG_SIZE);
  });

  it('works with a small chunk size too (many boundaries)', async () => {
    const small = generateBuffer(100_000, 'small');
    const { blobRef } = await store(small, { chunkSize: 4096, pieces: 777 });
    for (const [s, e] of [[0, 100_000], [4095, 4097], [8191, 20_481], [99_999, 100_000]] as const) {
      expect((await readRange(blobRef, s, e)).equals(small.subarray(s, e))).toBe(true);
    }
  });

  it('refuses a stream whose SHA-256 differs from the expected one and leaves no file behind', async () => {
    const before = fs.readdirSync(tmp.dir).length;
    await expect(writeBlob({ blobsDir: tmp.dir, blobRef: newBlobRef(), caseKey, source: once(Buffer.from('abc')), expectedSha256: 'f'.repeat(64) }))
      .rejects.toMatchObject({ code: 'E_HASH_MISMATCH' });
    await expect(writeBlob({ blobsDir: tmp.dir, blobRef: newBlobRef(), caseKey, source: generateBytes(5 * C, 'big'), maxBytes: 2 * C }))
      .rejects.toMatchObject({ code: 'E_TOO_LARGE' });
    expect(fs.readdirSync(tmp.dir).length).toBe(before);
  });

  it('a blob decrypts only with its own case key', async () => {
    await expect(openBlob({ blobsDir: tmp.dir, blobRef: ref, caseKey: crypto.randomBytes(32) }).then((r) => r.range(0, 1).next()))
      .rejects.toMatchObject({ code: 'E_BLOB_TAMPERED' });
  });
});
