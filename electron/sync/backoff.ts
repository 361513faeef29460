/**
 * Exponential backoff with full jitter (AWS's "full jitter": a uniform draw below the exponential
 * cap), so many laptops coming back online after an outage do not retry in lockstep. A server's
 * Retry-After is honoured as a floor.
 */
export interface BackoffOptions {
  /** First delay's cap (ms). */
  baseMs?: number;
  /** Largest delay (ms). */
  maxMs?: number;
  /** Uniform [0, 1); injectable for tests. */
  random?: () => number;
}

export function backoffDelay(failures: number, options: BackoffOptions = {}, retryAfterSeconds?: number): number {
  const base = options.baseMs ?? 1_000;
  const max = options.maxMs ?? 60_000;
  const cap = Math.min(max, base * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  const jittered = Math.round(cap * (options.random ?? Math.random)());
  return Math.max(jittered, (retryAfterSeconds ?? 0) * 1000);
}

/** Resolves after `ms`, or early (without error) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) { resolve(); return; }
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
