/**
 * The "large file": a bank's transaction-history export as CSV, generated row by row into a file so
 * any size (25 MiB by default, 1 GiB on request) streams in constant memory. Deterministic content.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { prng } from './prng';

function* rows(totalBytes: number, seed: number): Generator<Buffer> {
  const random = prng(seed);
  const header = 'date,description,amount,balance,reference\n';
  let written = 0;
  let balance = 5000;
  let batch: string[] = [];
  let batchBytes = 0;
  const push = (line: string) => { batch.push(line); batchBytes += line.length; };
  push(header);
  for (let i = 0; written + batchBytes < totalBytes; i++) {
    const amount = Math.round((random() - 0.55) * 40000) / 100;
    balance = Math.round((balance + amount) * 100) / 100;
    const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(i / 40) * 86_400_000).toISOString().slice(0, 10);
    push(`${day},DEMO TRANSACTION ${i},${amount.toFixed(2)},${balance.toFixed(2)},REF${(seed * 1_000_003 + i).toString(36).toUpperCase()}\n`);
    if (batchBytes >= 1 << 20) {
      const chunk = Buffer.from(batch.join('')).subarray(0, totalBytes - written);
      yield chunk;
      written += chunk.length; batch = []; batchBytes = 0;
    }
  }
  const tail = Buffer.from(batch.join(''));
  yield tail.subarray(0, Math.max(0, totalBytes - written));
}

/** Writes exactly `totalBytes` bytes (the last row may be cut short, as in a truncated export). */
export async function writeLargeCsv(file: string, totalBytes: number, seed = 1): Promise<void> {
  await pipeline(Readable.from(rows(totalBytes, seed)), fs.createWriteStream(file, { highWaterMark: 1 << 20 }));
}
