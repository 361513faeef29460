/**
 * The server's abuse limits (issue 10): what one account or one address may hold open or do per
 * minute. Every value is configurable through startServer's `abuseLimits`; the defaults leave room
 * for the heaviest honest use (a 1 GiB inbound message split over many files, a sync benchmark
 * sending large files, an office behind one NAT address) and stop a script long before it hurts.
 */
import { GiB } from '../../shared/limits';

export interface WindowLimit {
  /** Events allowed in one window. */
  max: number;
  timeWindowMs: number;
}

export interface AbuseLimits {
  /** Uploads one account may hold not yet sent (receiving or complete): a message carries at most 20. */
  maxOpenUploadsPerAccount: number;
  /** Bytes those uploads may declare together: four whole 1 GiB inbound messages. */
  maxOpenUploadBytesPerAccount: number;
  /** An upload not used by a message within this time is abandoned: its row and `.part` file are swept. */
  uploadExpiryMs: number;
  /** How often the sweep runs (also once at start). */
  uploadSweepIntervalMs: number;
  /** Requests that change something (POST, PATCH, DELETE with a bearer token) per account. */
  mutationsPerAccount: WindowLimit;
  /**
   * Failed sign-ins from one address, whatever the logins: spraying one password over many logins is
   * throttled. Successful sign-ins are not counted, so many colleagues behind one NAT are not locked out.
   */
  failedSignInsPerAddress: WindowLimit;
}

export const DEFAULT_ABUSE_LIMITS: AbuseLimits = {
  maxOpenUploadsPerAccount: 100,
  maxOpenUploadBytesPerAccount: 4 * GiB,
  uploadExpiryMs: 24 * 60 * 60 * 1000,
  uploadSweepIntervalMs: 10 * 60 * 1000,
  mutationsPerAccount: { max: 1200, timeWindowMs: 60_000 },
  failedSignInsPerAddress: { max: 50, timeWindowMs: 10 * 60_000 },
};

export function resolveAbuseLimits(overrides: Partial<AbuseLimits> = {}): AbuseLimits {
  return { ...DEFAULT_ABUSE_LIMITS, ...overrides };
}
