/** The chunk worker's ring pool (issue 13): owned pairs reused by size, loose ones beyond its capacity, failed ones forgotten. */
import { describe, expect, it } from 'vitest';
import { RingPool } from '../../electron/vault/ring-pool';

describe('RingPool', () => {
  it('hands out new rings of the sizes asked while none is free, owned up to its capacity, loose beyond it', () => {
    const pool = new RingPool(2);
    const [a, b, c] = [pool.take(64, 80), pool.take(64, 80), pool.take(64, 80)];
    expect(a.plain.byteLength).toBe(64);
    expect(a.sealed.byteLength).toBe(80);
    expect(new Set([a.plain, b.plain, c.plain]).size).toBe(3);
    expect([pool.owns(a), pool.owns(b), pool.owns(c)]).toEqual([true, true, false]);
    expect(pool.kept).toBe(0);
  });

  it('reuses an owned pair given back, for the same sizes only; a loose pair given back is dropped', () => {
    const pool = new RingPool(1);
    const a = pool.take(64, 80);
    const loose = pool.take(64, 80);
    pool.give(loose);
    pool.give(a);
    pool.give(a); // twice: kept once
    expect(pool.kept).toBe(1);
    const other = pool.take(128, 160);
    expect(other.plain).not.toBe(a.plain);
    expect(pool.owns(other)).toBe(false); // the one owned pair is a's, free but of other sizes
    expect(pool.take(64, 80)).toBe(a);
    expect(pool.take(64, 80)).not.toBe(loose);
    expect(pool.kept).toBe(0);
  });

  it('acts only on pairs out on loan: a pair given back twice, or forgotten once free, is free once', () => {
    const pool = new RingPool(1);
    const a = pool.take(64, 80);
    pool.give(a);
    pool.give(a);
    pool.forget(a); // a is free, not out with a blob: nothing to forget
    expect(pool.kept).toBe(1);
    expect(pool.owns(a)).toBe(true);
    expect(pool.take(64, 80)).toBe(a);
    expect(pool.kept).toBe(0);
    expect(pool.take(64, 80)).not.toBe(a); // lent once only
  });

  it('forgets a pair whose blob failed, and owns a new one in its place', () => {
    const pool = new RingPool(1);
    const a = pool.take(64, 80);
    pool.forget(a);
    pool.give(a); // given back after all: not reused
    expect(pool.owns(a)).toBe(false);
    expect(pool.kept).toBe(0);
    const b = pool.take(64, 80);
    expect(b).not.toBe(a);
    expect(pool.owns(b)).toBe(true);
  });
});
