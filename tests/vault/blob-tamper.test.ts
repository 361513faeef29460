/**
 * Every kind of damage to a blob file is detected with E_BLOB_TAMPERED, and no byte of a chunk that
 * failed is released: a read yields only the verified chunks before the damaged one.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CHUNK_SIZE, HEADER_SIZE, TAG_SIZE, chunkOffset, newBlobRef } from '../../electron/vault/blob-format';
import { openBlob } from '../../electron/vault/blob-reader';
import { writeBlob } from '../../electron/vault/blob-writer';
import { generateBuffer, once } from './helpers/generated-bytes';
import { makeTempDir } from './helpers/temp-dir';

const C = DEFAULT_CHUNK_SIZE;
const STRIDE = C + TAG_SIZE;
const size = 3 * C + 1000;
const plain = generateBuffer(size, 'tamper');
const caseKey = crypto.randomBytes(32);
let tmp: ReturnType<typeof makeTempDir>;
let ref: string;
let file: string;

beforeEach(async () => {
  tmp = makeTempDir();
  ref = newBlobRef();
  await writeBlob({ blobsDir: tmp.dir, blobRef: ref, caseKey, source: once(plain) });
  file = path.join(tmp.dir, ref);
});
afterEach(() => tmp.cleanup());

/** Reads everything; returns what was released before the failure and the error code. */
async function readAll(blobRef = ref, expectedSize?: number): Promise<{ released: Buffer; code: string | undefined }> {
  const parts: Buffer[] = [];
  try {
    const r = await openBlob({ blobsDir: tmp.dir, blobRef, caseKey, ...(expectedSize === undefined ? {} : { expectedSize }) });
    try {
      for await (const p of r.range()) parts.push(p);
    } finally {
      await r.close();
    }
    return { released: Buffer.concat(parts), code: undefined };
  } catch (err) {
    return { released: Buffer.concat(parts), code: (err as { code?: string }).code };
  }
}

function mutate(f: (b: Buffer) => Buffer) {
  fs.writeFileSync(file, f(fs.readFileSync(file)));
}

describe('blob tamper detection', () => {
  it('reads back intact', async () => {
    const { released, code } = await readAll(ref, size);
    expect(code).toBeUndefined();
    expect(released.equals(plain)).toBe(true);
  });

  const flips: Array<[string, number]> = [
    ['header magic', 0],
    ['header chunk size', 10],
    ['header key salt', 20],
    ['header nonce prefix', 30],
    ['header reserved byte', 38],
    ['first ciphertext byte', HEADER_SIZE],
    ['middle of chunk 0', HEADER_SIZE + 500_000],
    ['tag of chunk 0', HEADER_SIZE + C + 3],
    ['middle of chunk 1', chunkOffset(C, 1) + 77],
    ['middle of chunk 2', chunkOffset(C, 2) + C / 2],
    ['last chunk', chunkOffset(C, 3) + 10],
    ['last byte of the file', HEADER_SIZE + size + 4 * TAG_SIZE - 1],
  ];
  for (const [name, offset] of flips) {
    it(`detects a flipped byte in the ${name} (offset ${offset})`, async () => {
      mutate((b) => { b[offset] = b[offset]! ^ 0x01; return b; });
      const { released, code } = await readAll();
      expect(code).toBe('E_BLOB_TAMPERED');
      // Only whole chunks before the damaged one were released, each identical to the plaintext.
      const damagedChunk = offset < HEADER_SIZE ? 0 : Math.floor((offset - HEADER_SIZE) / STRIDE);
      expect(released.length).toBe(damagedChunk * C);
      expect(released.equals(plain.subarray(0, released.length))).toBe(true);
    });
  }

  it('detects truncation at a chunk boundary (no plaintext of the new "last" chunk released)', async () => {
    mutate((b) => b.subarray(0, chunkOffset(C, 2)));
    const { released, code } = await readAll();
    expect(code).toBe('E_BLOB_TAMPERED');
    expect(released.length).toBe(C);
  });

  it('detects truncation inside a chunk and inside a tag', async () => {
    mutate((b) => b.subarray(0, chunkOffset(C, 3) + 100));
    expect((await readAll()).code).toBe('E_BLOB_TAMPERED');
    mutate((b) => b.subarray(0, chunkOffset(C, 2) + 8));
    expect((await readAll()).code).toBe('E_BLOB_TAMPERED');
    mutate((b) => b.subarray(0, 20));
    expect((await readAll()).code).toBe('E_BLOB_TAMPERED');
  });

  it('detects a size that differs from the recorded size before reading anything', async () => {
    mutate((b) => b.subarray(0, chunkOffset(C, 3)));
    const { released, code } = await readAll(ref, size);
    expect(code).toBe('E_BLOB_TAMPERED');
    expect(released.length).toBe(0);
  });

  it('detects two swapped chunks', async () => {
    mutate((b) => {
      const c0 = Buffer.from(b.subarray(chunkOffset(C, 0), chunkOffset(C, 1)));
      const c1 = Buffer.from(b.subarray(chunkOffset(C, 1), chunkOffset(C, 2)));
      c1.copy(b, chunkOffset(C, 0));
      c0.copy(b, chunkOffset(C, 1));
      return b;
    });
    const { released, code } = await readAll();
    expect(code).toBe('E_BLOB_TAMPERED');
    expect(released.length).toBe(0);
  });

  it('detects a duplicated chunk (chunk 1 replaced by chunk 0) and an inserted one', async () => {
    mutate((b) => { b.copy(b, chunkOffset(C, 1), chunkOffset(C, 0), chunkOffset(C, 1)); return b; });
    const dup = await readAll();
    expect(dup.code).toBe('E_BLOB_TAMPERED');
    expect(dup.released.length).toBe(C);
  });

  it('detects an extra chunk appended after the last one, and a removed middle chunk', async () => {
    const original = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.concat([original, original.subarray(chunkOffset(C, 1), chunkOffset(C, 2))]));
    expect((await readAll()).code).toBe('E_BLOB_TAMPERED');
    fs.writeFileSync(file, Buffer.concat([original.subarray(0, chunkOffset(C, 1)), original.subarray(chunkOffset(C, 2))]));
    expect((await readAll()).code).toBe('E_BLOB_TAMPERED');
  });

  it('detects a blob file renamed to another blob ref (per-blob key binds the name)', async () => {
    const other = newBlobRef();
    fs.renameSync(file, path.join(tmp.dir, other));
    expect((await readAll(other)).code).toBe('E_BLOB_TAMPERED');
    expect((await readAll(ref)).code).toBe('E_BLOB_TAMPERED'); // missing file
  });

  it('a range read of a damaged chunk fails even when earlier chunks are fine', async () => {
    mutate((b) => { b[chunkOffset(C, 2) + 5]! ^= 0x80; return b; });
    const r = await openBlob({ blobsDir: tmp.dir, blobRef: ref, caseKey });
    const parts: Buffer[] = [];
    for await (const p of r.range(10, C + 10)) parts.push(p);
    expect(Buffer.concat(parts).equals(plain.subarray(10, C + 10))).toBe(true);
    await expect((async () => { for await (const _ of r.range(2 * C + 1, 2 * C + 2)) { /* drain */ } })()).rejects.toMatchObject({ code: 'E_BLOB_TAMPERED' });
    await r.close();
  });
});
