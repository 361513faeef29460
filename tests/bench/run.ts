/**
 * `npm run bench -- <name>` runs tests/bench/<name>.ts in its own Node process (so its memory peak is
 * its own). Each benchmark prints a readable table, then one JSON object on its last line.
 *
 * The allocator. Under Node every Buffer's memory comes from glibc's malloc, which gives the top of
 * its heap back to the kernel whenever more than 128 KiB there is free (the trim threshold). node:crypto
 * answers each `update()` with a new buffer, so encrypting at 400 MB/s allocates and frees that much:
 * glibc trims and the kernel faults the same pages in again, 60-160 page faults and 0.3-0.5 ms of
 * kernel time per MiB on the main thread (measured on a 1 GiB ingest). Electron (21 and later: V8's
 * memory cage) allocates ArrayBuffer memory inside V8's sandbox, not from glibc's heap, so the app
 * does not pay this in the same way. `BENCH_GLIBC_TRIM_MIB=64` runs a benchmark with that trim
 * threshold (setting it also fixes glibc's mmap threshold at 128 KiB instead of letting it grow), which
 * removed those faults (1-3 per MiB) but keeps up to that much freed memory in the process
 * (print-vault's peak RSS rose by 30-60 MB), so the default is glibc's own. Each result's JSON says
 * which (`malloc_trim_threshold`).
 * `BENCH_GLIBC_MMAP_MIB=32` (1-32, glibc's ceiling) also serves allocations below that size from the
 * heap instead of fresh mmaps; pair it with `BENCH_GLIBC_TRIM_MIB` (alone it stops glibc adapting its
 * thresholds and the freed heap top still goes back at 128 KiB). Why: this VM's host takes freed guest
 * memory back within moments (see ddCopy in vault.ts), so re-touched pages fault in again at ~1-3 ms
 * per MiB of kernel time; the first clones of a 3 MiB buffer to a worker took ~10 ms each, later ones
 * 0.2-0.5 ms once malloc reused its memory. Responsiveness bench, 6 runs each, alternated in part: the
 * main loop's max read 36.6-54.2 ms (median 50) with glibc's defaults and 24.4-59.1 ms (median 31)
 * with `BENCH_GLIBC_TRIM_MIB=128 BENCH_GLIBC_MMAP_MIB=32`, peak RSS 25-80 MB higher. The ranges
 * overlap: the faults look like part of the stalls, not all of them. Reported as
 * `malloc_mmap_threshold`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = fs.readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
  .sort();
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>   (available: ${available.join(', ') || 'none'})`);
  process.exit(2);
}
const trimMiB = Number(process.env.BENCH_GLIBC_TRIM_MIB ?? 0);
if (!Number.isInteger(trimMiB) || trimMiB < 0) {
  console.error(`BENCH_GLIBC_TRIM_MIB must be a whole number of MiB (got "${process.env.BENCH_GLIBC_TRIM_MIB}"); unset it for glibc's defaults`);
  process.exit(2);
}
const mmapMiB = Number(process.env.BENCH_GLIBC_MMAP_MIB ?? 0);
if (!Number.isInteger(mmapMiB) || mmapMiB < 0 || mmapMiB > 32) {
  console.error(`BENCH_GLIBC_MMAP_MIB must be a whole number of MiB up to 32, glibc's ceiling (got "${process.env.BENCH_GLIBC_MMAP_MIB}"); unset it for glibc's defaults`);
  process.exit(2);
}
const allocator = {
  ...(trimMiB > 0 ? { MALLOC_TRIM_THRESHOLD_: String(trimMiB * 1024 * 1024) } : {}),
  ...(mmapMiB > 0 ? { MALLOC_MMAP_THRESHOLD_: String(mmapMiB * 1024 * 1024) } : {}),
};
const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(here, `${name}.ts`), ...process.argv.slice(3)], {
  stdio: 'inherit',
  env: { ...process.env, ...allocator },
});
process.exit(result.status ?? 1);
