/**
 * The heap growth the main process sets at start-up (electron/threads/heap-growth.ts): after
 * setHeapGrowth(), each full collection sets the next limit at 1 + HEAP_GROWING_PERCENT/100 times the
 * live size. A child process traces its forced full collections (--trace-gc-verbose prints the factor
 * each limit was set with; the format is Node 20's V8). It runs with --optimize-for-size, under which
 * V8's own factor is a fixed 1.3 whatever the machine's load, so the limits before the call show what
 * V8 chose and those after it what the setting did.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT } from '../../electron/threads/heap-growth';

/** Forced full collections before setHeapGrowth() and as many after it (the child's last ones). */
const COLLECTIONS = 4;
const child = `
const COLLECTIONS = ${COLLECTIONS};
import { setHeapGrowth } from ${JSON.stringify(new URL('../../electron/threads/heap-growth.ts', import.meta.url).href)};
const live = [];
for (let i = 0; i < 300000; i++) live.push({ i, name: 'case ' + i });
const collections = (n) => { for (let k = 0; k < n; k++) { live.push({ k }); gc(); } };
collections(COLLECTIONS);
setHeapGrowth();
collections(COLLECTIONS);
`;

/** The factor each full collection's limit was set with, in order (V8 prints them to stdout). */
function traceFactors(): number[] {
  const r = spawnSync(process.execPath, ['--expose-gc', '--optimize-for-size', '--trace-gc-verbose', '--import', 'tsx', '--input-type=module', '-e', child], { encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr.slice(-2000)).toBe(0);
  const out: number[] = [];
  for (const line of r.stdout.split('\n')) {
    const limit = /\[HeapController\] Limit: .*\(([\d.]+)\)/.exec(line);
    if (limit) out.push(Number(limit[1]));
  }
  return out;
}

describe('setHeapGrowth', () => {
  it('makes every later full collection size the heap at the set factor, not V8\'s own', () => {
    const factors = traceFactors();
    expect(factors.length).toBeGreaterThanOrEqual(2 * COLLECTIONS);
    const factor = 1 + HEAP_GROWING_PERCENT / 100;
    for (const f of factors.slice(-2 * COLLECTIONS, -COLLECTIONS)) expect(f).toBeLessThan(factor - 1); // V8's own: 1.3
    for (const f of factors.slice(-COLLECTIONS)) expect(f).toBeCloseTo(factor, 1);
  });
});
