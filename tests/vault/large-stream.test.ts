/** A 1 GiB stream in and out of the blob store with flat memory, measured in a child process. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { childEnv, stderrWithoutWarnings } from './helpers/child-stderr';
import { makeTempDir } from './helpers/temp-dir';

const here = path.dirname(fileURLToPath(import.meta.url));
const GiB = 1024 ** 3;
let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => { tmp = makeTempDir(); });
afterAll(() => tmp.cleanup());

it('streams 1 GiB in and out with flat RSS and matching SHA-256', () => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'helpers', 'large-stream-child.ts'), path.join(tmp.dir, 'v'), String(GiB)],
    // Killed well inside the 300 s test timeout, so a hung child fails this test instead of freezing the worker.
    { encoding: 'utf8', maxBuffer: 1024 * 1024, env: childEnv(), timeout: 240_000, killSignal: 'SIGKILL' });
  expect(child.error, 'child did not finish (timeout or spawn failure)').toBeUndefined();
  expect(stderrWithoutWarnings(child.stderr)).toEqual([]);
  expect(child.status).toBe(0);
  const r = JSON.parse(child.stdout.trim().split('\n').at(-1)!);
  expect(r.size).toBe(GiB);
  expect(r.readBytes).toBe(GiB);
  expect(r.writtenSha).toBe(r.sourceSha);
  expect(r.readSha).toBe(r.sourceSha);
  // Flat: after the first 64 MiB, memory grows by less than 64 MB over the remaining ~960 MiB,
  // and reading never holds more than a few chunks.
  expect(r.peakWriteMb - r.baselineMb).toBeLessThan(64);
  expect(r.peakWriteMb).toBeLessThan(250);
  expect(r.peakReadMb).toBeLessThan(250);
  console.log(`1 GiB: baseline ${r.baselineMb.toFixed(0)} MB, write peak ${r.peakWriteMb.toFixed(0)} MB, read peak ${r.peakReadMb.toFixed(0)} MB`);
});
