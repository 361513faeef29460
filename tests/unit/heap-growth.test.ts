/**
 * The heap growth the main process sets at start-up (electron/threads/heap-growth.ts): after
 * setHeapGrowth(), each full collection sets the next limit at 1 + HEAP_GROWING_PERCENT/100 times the
 * live size, while V8's own choice for a thread that allocates little, as the main process's, is
 * lower. A child process traces its collections (--trace-gc-verbose prints V8's own factor and the
 * factor it applied) while it idles between small allocations.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT } from '../../electron/threads/heap-growth';

/** Forced full collections before setHeapGrowth() and as many after it (the last ones traced). */
const COLLECTIONS = 4;
const child = `
const COLLECTIONS = ${COLLECTIONS};
import { setHeapGrowth } from './electron/threads/heap-growth.ts';
const live = [];
for (let i = 0; i < 300000; i++) live.push({ i, name: 'case ' + i });
const idle = (ms) => new Promise((r) => setTimeout(r, ms));
// A thread that allocates little between collections, as the main process does.
const quietCollections = async (n) => { for (let k = 0; k < n; k++) { for (let j = 0; j < 40; j++) { live.push({ j }); await idle(10); } gc(); } };
await quietCollections(COLLECTIONS);
setHeapGrowth();
await quietCollections(COLLECTIONS);
`;

type Collection = { own: number; applied: number };

/** V8's own factor and the applied one of each full collection, in order (V8 prints them to stdout). */
function traceCollections(): Collection[] {
  const r = spawnSync(process.execPath, ['--expose-gc', '--trace-gc-verbose', '--import', 'tsx', '--input-type=module', '-e', child], { encoding: 'utf8', timeout: 120_000, cwd: process.cwd() });
  expect(r.status, r.stderr.slice(-2000)).toBe(0);
  const out: Collection[] = [];
  let own: number | null = null;
  for (const line of r.stdout.split('\n')) {
    const factor = /\[HeapController\] factor ([\d.]+) based on/.exec(line);
    if (factor) own = Number(factor[1]);
    const limit = /\[HeapController\] Limit: .*\(([\d.]+)\)/.exec(line);
    if (limit && own !== null) { out.push({ own, applied: Number(limit[1]) }); own = null; }
  }
  return out;
}

describe('setHeapGrowth', () => {
  it('makes every later full collection size the heap at the set factor, above what V8 would choose', () => {
    const collections = traceCollections();
    expect(collections.length).toBeGreaterThanOrEqual(2 * COLLECTIONS);
    const after = collections.slice(-COLLECTIONS);
    const before = collections.slice(-2 * COLLECTIONS, -COLLECTIONS);
    const factor = 1 + HEAP_GROWING_PERCENT / 100;
    for (const c of after) expect(c.applied).toBeCloseTo(factor, 1);
    // Before the call V8 applies its own choice; after it, its own choice (still traced) was lower than
    // the factor at least once, so the limits above are the setting's doing.
    for (const c of before) expect(c.applied).toBe(c.own);
    expect(Math.min(...after.map((c) => c.own))).toBeLessThan(factor - 0.5);
  });
});
