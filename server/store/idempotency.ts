/**
 * Idempotency-Key records: the first response to a POST, stored in the same transaction as what the
 * POST created, so a repeat either finds the record (and replays it) or finds nothing was created.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/open-database';
import { stmt } from '../db/statement-cache';

export interface StoredResponse { status: number; body: unknown }

export const requestFingerprint = (method: string, url: string, body: unknown): string =>
  createHash('sha256').update(`${method} ${url}\n${JSON.stringify(body ?? null)}`).digest('hex');

export function findIdempotent(db: Db, account: string, key: string): { request_hash: string; status: number; body: string } | undefined {
  return stmt(db, 'SELECT request_hash, status, body FROM idempotency WHERE account_id = ? AND key = ?').get(account, key) as
    { request_hash: string; status: number; body: string } | undefined;
}

export function saveIdempotent(db: Db, account: string, key: string, requestHash: string, response: StoredResponse): void {
  stmt(db, 'INSERT INTO idempotency (account_id, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(account, key, requestHash, response.status, JSON.stringify(response.body), new Date().toISOString());
}
