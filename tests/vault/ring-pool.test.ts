/** The chunk worker's ring pool (issue 13): pairs reused by size, a bounded number kept. */
import { describe, expect, it } from 'vitest';
import { RingPool } from '../../electron/vault/ring-pool';

describe('RingPool', () => {
  it('hands out new rings of the sizes asked while none is free', () => {
    const pool = new RingPool();
    const a = pool.take(64, 80);
    const b = pool.take(64, 80);
    expect(a.plain.byteLength).toBe(64);
    expect(a.sealed.byteLength).toBe(80);
    expect(b.plain).not.toBe(a.plain);
    expect(pool.kept).toBe(0);
  });

  it('gives a pair back for the next take of the same sizes only', () => {
    const pool = new RingPool();
    const a = pool.take(64, 80);
    pool.give(a);
    expect(pool.take(128, 160).plain).not.toBe(a.plain);
    expect(pool.take(64, 80)).toBe(a);
    expect(pool.kept).toBe(0);
  });

  it('keeps at most its limit, dropping the oldest, and a pair given twice once', () => {
    const pool = new RingPool(2);
    const [a, b, c] = [pool.take(8, 24), pool.take(16, 32), pool.take(32, 48)];
    pool.give(a);
    pool.give(a);
    expect(pool.kept).toBe(1);
    pool.give(b);
    pool.give(c);
    expect(pool.kept).toBe(2);
    expect(pool.take(8, 24)).not.toBe(a); // dropped to make room
    expect(pool.take(16, 32)).toBe(b);
    expect(pool.take(32, 48)).toBe(c);
  });
});
