/**
 * The fast writer and reader (issue 13: cipher fed in pieces, reused buffers, writes and reads in
 * flight) keep the blob format: what they write decrypts with one cipher call per chunk, what that
 * writes they read, for sizes at and around piece and chunk boundaries and for the empty file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHUNK_SIZE, HEADER_SIZE, MIN_CHUNK_SIZE, TAG_SIZE, newBlobRef } from '../../electron/vault/blob-format';
import { openBlob, readRangeInto } from '../../electron/vault/blob-reader';
import { writeBlob } from '../../electron/vault/blob-writer';
import { GCM_PIECE_SIZE, openPieces, sealInto } from '../../electron/vault/gcm-pieces';
import { generateBuffer } from './helpers/generated-bytes';
import { referenceDecrypt, referenceEncrypt } from './helpers/reference-blob';
import { makeTempDir } from './helpers/temp-dir';

const P = GCM_PIECE_SIZE;
const C = DEFAULT_CHUNK_SIZE;
const caseKey = crypto.randomBytes(32);
let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => { tmp = makeTempDir(); });
afterAll(() => tmp.cleanup());

async function* inPieces(plain: Buffer, step: number) {
  for (let i = 0; i < plain.length; i += step) yield plain.subarray(i, i + step);
}

async function readAll(blobRef: string, start?: number, end?: number): Promise<Buffer> {
  const r = await openBlob({ blobsDir: tmp.dir, blobRef, caseKey });
  try {
    const parts: Buffer[] = [];
    for await (const p of r.range(start, end)) parts.push(p);
    return Buffer.concat(parts);
  } finally {
    await r.close();
  }
}

describe('sealInto / openPieces', () => {
  const key = crypto.randomBytes(32);
  const nonce = crypto.randomBytes(12);
  const aad = crypto.randomBytes(HEADER_SIZE);
  const oneCall = (plain: Buffer) => {
    const c = crypto.createCipheriv('aes-256-gcm', key, nonce);
    c.setAAD(aad);
    return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
  };

  for (const len of [0, 1, P - 1, P, P + 1, 3 * P + 17, C - 1, C]) {
    it(`seals ${len} bytes exactly as one cipher call does, and opens them again`, () => {
      const plain = generateBuffer(len, `seal-${len}`);
      const out = Buffer.alloc(len + TAG_SIZE + 5, 0xee);
      const n = sealInto(key, nonce, aad, plain, out);
      expect(n).toBe(len + TAG_SIZE);
      expect(out.subarray(0, n).equals(oneCall(plain))).toBe(true);
      expect(out[n]).toBe(0xee); // nothing written past the sealed chunk
      const pieces = openPieces(key, nonce, aad, out.subarray(0, n));
      expect(pieces).not.toBeNull();
      expect(Buffer.concat(pieces!).equals(plain)).toBe(true);
      // No chunk-sized plaintext buffer: the cipher's own pieces, none empty, none larger than a piece.
      expect(pieces!.length).toBe(Math.ceil(len / P));
      for (const piece of pieces!) expect(piece.length > 0 && piece.length <= P).toBe(true);
    });
  }

  it('feeds the hash it is given the same bytes it encrypts', () => {
    const plain = generateBuffer(3 * P + 5, 'hash');
    const h = crypto.createHash('sha256');
    sealInto(key, nonce, aad, plain, Buffer.alloc(plain.length + TAG_SIZE), h);
    expect(h.digest('hex')).toBe(crypto.createHash('sha256').update(plain).digest('hex'));
  });

  it('refuses a flipped bit in any piece or the tag, a wrong nonce and a cut tag, returning no plaintext', () => {
    const plain = generateBuffer(2 * P + 100, 'flip');
    const sealed = oneCall(plain);
    for (const at of [0, P + 3, 2 * P + 99, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[at]! ^= 0x01;
      expect(openPieces(key, nonce, aad, bad)).toBeNull();
    }
    expect(openPieces(key, crypto.randomBytes(12), aad, sealed)).toBeNull();
    expect(openPieces(key, nonce, aad, sealed.subarray(0, TAG_SIZE - 1))).toBeNull();
    expect(openPieces(key, nonce, aad, sealed)).not.toBeNull(); // the same call on the intact chunk opens
  });
});

describe('the writer keeps the format (read back by one cipher call per chunk)', () => {
  const cases: Array<{ name: string; size: number; chunkSize?: number; step: number }> = [
    { name: 'empty file', size: 0, step: 1 },
    { name: 'one byte', size: 1, step: 1 },
    { name: 'one piece less a byte', size: P - 1, step: 1000 },
    { name: 'exactly one chunk', size: C, step: 65_536 },
    { name: 'one chunk and a byte', size: C + 1, step: C },
    { name: 'exactly three chunks', size: 3 * C, step: 333_333 },
    { name: 'odd size over several chunks, fed in 1 MiB - 7 pieces', size: 4 * C + 12_345, step: C - 7 },
    { name: 'fed in one piece larger than a chunk', size: 2 * C + 3, step: 2 * C + 3 },
    { name: 'smallest chunk size, smaller than a cipher piece', size: 10 * MIN_CHUNK_SIZE + 1, chunkSize: MIN_CHUNK_SIZE, step: 5000 },
    { name: 'chunk size not a multiple of the piece size', size: 5 * 100_003 - 1, chunkSize: 100_003, step: 77_777 },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const plain = generateBuffer(c.size, c.name);
      const blobRef = newBlobRef();
      const written = await writeBlob({ blobsDir: tmp.dir, blobRef, caseKey, source: inPieces(plain, c.step), ...(c.chunkSize ? { chunkSize: c.chunkSize } : {}) });
      expect(written.size).toBe(c.size);
      expect(written.sha256).toBe(crypto.createHash('sha256').update(plain).digest('hex'));
      const file = fs.readFileSync(path.join(tmp.dir, blobRef));
      const chunkSize = c.chunkSize ?? C;
      const chunks = Math.max(1, Math.ceil(c.size / chunkSize));
      expect(file.length).toBe(HEADER_SIZE + c.size + chunks * TAG_SIZE);
      expect(referenceDecrypt(file, caseKey, blobRef).equals(plain)).toBe(true);
      expect((await readAll(blobRef)).equals(plain)).toBe(true);
    });
  }
});

describe('the reader reads blobs written one cipher call per chunk', () => {
  for (const [size, chunkSize] of [[0, C], [1, C], [C, C], [3 * C + 999, C], [7 * 100_003 + 5, 100_003]] as const) {
    it(`${size} bytes in chunks of ${chunkSize}, whole and in ranges`, async () => {
      const plain = generateBuffer(size, `ref-${size}`);
      const blobRef = newBlobRef();
      fs.writeFileSync(path.join(tmp.dir, blobRef), referenceEncrypt(plain, caseKey, blobRef, chunkSize));
      expect((await readAll(blobRef)).equals(plain)).toBe(true);
      const ranges: Array<[number, number]> = [[0, 0], [0, 1], [size - 1, size], [chunkSize - 1, chunkSize + 1], [1, size - 1], [2 * chunkSize, 3 * chunkSize], [P - 1, 2 * P + 1], [P, 2 * P], [chunkSize + P - 1, chunkSize + P]];
      for (const [s, e] of ranges) {
        if (s < 0 || e > size || s > e) continue;
        expect((await readAll(blobRef, s, e)).equals(plain.subarray(s, e))).toBe(true);
        const r = await openBlob({ blobsDir: tmp.dir, blobRef, caseKey });
        expect((await readRangeInto(r, s, e)).equals(plain.subarray(s, e))).toBe(true); // one buffer, the same bytes
        await r.close();
      }
    });
  }

  it('a consumer that stops after the first chunk leaves no read running, and the reader still works', async () => {
    const plain = generateBuffer(6 * C, 'stop-early');
    const blobRef = newBlobRef();
    await writeBlob({ blobsDir: tmp.dir, blobRef, caseKey, source: inPieces(plain, C) });
    const r = await openBlob({ blobsDir: tmp.dir, blobRef, caseKey });
    for await (const p of r.range()) {
      expect(p.length).toBe(P); // the first piece of the first chunk
      expect(p.equals(plain.subarray(0, P))).toBe(true);
      break;
    }
    const parts: Buffer[] = [];
    for await (const p of r.range(5 * C - 3, 6 * C)) parts.push(p);
    expect(Buffer.concat(parts).equals(plain.subarray(5 * C - 3))).toBe(true);
    await r.close();
  });

  it('yields buffers the caller may keep: later chunks do not overwrite earlier ones', async () => {
    const plain = generateBuffer(8 * C + 1, 'keep');
    const blobRef = newBlobRef();
    await writeBlob({ blobsDir: tmp.dir, blobRef, caseKey, source: inPieces(plain, C) });
    expect((await readAll(blobRef)).equals(plain)).toBe(true); // readAll keeps every yielded buffer
  });

  it('closing the reader while a stream is mid-way ends it with E_LOCKED', async () => {
    const plain = generateBuffer(6 * C, 'close-mid');
    const blobRef = newBlobRef();
    await writeBlob({ blobsDir: tmp.dir, blobRef, caseKey, source: inPieces(plain, C) });
    const r = await openBlob({ blobsDir: tmp.dir, blobRef, caseKey });
    const it = r.range();
    expect((await it.next()).done).toBe(false);
    await r.close();
    await expect(it.next()).rejects.toMatchObject({ code: 'E_LOCKED' });
  });
});
