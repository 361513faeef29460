/**
 * The "large file": a bank's transaction-history export as CSV, written block by block so any size
 * (25 MiB by default, 1 GiB on request) streams in constant memory. Formatting rows one by one is
 * slow (about 20 MB/s), so 32 distinct blocks of rows are formatted once and then repeated with their
 * row numbers restamped; the content stays deterministic and every row stays well-formed.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { prng } from './prng';

const HEADER = 'date,description,amount,balance,reference\n';
const DISTINCT_BLOCKS = 32;
const ROWS_PER_BLOCK = 16_384;

function formatBlock(seed: number, block: number): string[] {
  const random = prng(seed * 7919 + block);
  let balance = 5000;
  const rows: string[] = [];
  for (let i = 0; i < ROWS_PER_BLOCK; i++) {
    const amount = Math.round((random() - 0.55) * 40000) / 100;
    balance = Math.round((balance + amount) * 100) / 100;
    const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(random() * 3650) * 86_400_000).toISOString().slice(0, 10);
    rows.push(`${day},DEMO TRANSACTION,${amount.toFixed(2)},${balance.toFixed(2)},REF`);
  }
  return rows;
}

function* blocks(totalBytes: number, seed: number): Generator<Buffer> {
  const templates = Array.from({ length: DISTINCT_BLOCKS }, (_, b) => formatBlock(seed, b));
  let written = 0;
  const emit = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    const piece = bytes.subarray(0, totalBytes - written);
    written += piece.length;
    return piece;
  };
  yield emit(HEADER);
  for (let block = 0; written < totalBytes; block++) {
    const rows = templates[block % DISTINCT_BLOCKS]!;
    const first = block * ROWS_PER_BLOCK;
    yield emit(rows.map((r, i) => `${r}${(first + i).toString(36).toUpperCase()}\n`).join(''));
  }
}

/** Writes exactly `totalBytes` bytes (the last row may be cut short, as in a truncated export). */
export async function writeLargeCsv(file: string, totalBytes: number, seed = 1): Promise<void> {
  await pipeline(Readable.from(blocks(totalBytes, seed)), fs.createWriteStream(file, { highWaterMark: 1 << 20 }));
}
