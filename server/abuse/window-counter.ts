/**
 * Counts events per key in fixed time windows (in memory: the reference server is one process).
 * Expired windows are dropped as new keys arrive, so a spray over many keys cannot grow it forever.
 */
import type { WindowLimit } from './abuse-limits';

export interface WindowCounter {
  /** Seconds until the key may act again, or 0 when it is under its limit. Does not count. */
  blockedFor(key: string): number;
  /** Counts one event for the key. */
  hit(key: string): void;
  /** Counts one event and answers as `blockedFor` did before it (0: allowed). */
  take(key: string): number;
}

export function createWindowCounter(limit: WindowLimit, now: () => number = Date.now): WindowCounter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextPrune = 0;

  const current = (key: string) => {
    const t = now();
    if (t >= nextPrune) {
      for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
      nextPrune = t + limit.timeWindowMs;
    }
    let w = windows.get(key);
    if (!w || w.resetAt <= t) {
      w = { count: 0, resetAt: t + limit.timeWindowMs };
      windows.set(key, w);
    }
    return w;
  };
  const blockedFor = (key: string) => {
    const w = current(key);
    return w.count >= limit.max ? Math.max(1, Math.ceil((w.resetAt - now()) / 1000)) : 0;
  };
  return {
    blockedFor,
    hit: (key) => { current(key).count++; },
    take: (key) => {
      const wait = blockedFor(key);
      if (wait === 0) current(key).count++;
      return wait;
    },
  };
}
