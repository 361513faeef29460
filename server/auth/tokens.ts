/**
 * Opaque bearer tokens: 256 random bits, stored only as SHA-256. Access tokens are short-lived; refresh
 * tokens rotate (single use) and a reused refresh token revokes its whole session, the usual defence
 * against a stolen refresh token.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../db/open-database';
import { stmt } from '../db/statement-cache';

export interface TokenTtl { accessSeconds: number; refreshSeconds: number }
export const DEFAULT_TOKEN_TTL: TokenTtl = { accessSeconds: 15 * 60, refreshSeconds: 30 * 24 * 3600 };

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export interface IssuedTokens {
  accessToken: string; accessExpiresAt: number; refreshToken: string; refreshExpiresAt: number;
}

export function issueTokens(db: Db, accountId: string, ttl: TokenTtl, sessionId: string = randomUUID()): IssuedTokens {
  const now = Date.now();
  const accessToken = newToken(), refreshToken = newToken();
  const accessExpiresAt = now + ttl.accessSeconds * 1000, refreshExpiresAt = now + ttl.refreshSeconds * 1000;
  const insert = stmt(db, 'INSERT INTO tokens (token_hash, account_id, kind, session_id, expires_at) VALUES (?, ?, ?, ?, ?)');
  insert.run(hashToken(accessToken), accountId, 'access', sessionId, accessExpiresAt);
  insert.run(hashToken(refreshToken), accountId, 'refresh', sessionId, refreshExpiresAt);
  return { accessToken, accessExpiresAt, refreshToken, refreshExpiresAt };
}

export type AccessCheck = { ok: true; accountId: string; sessionId: string } | { ok: false; reason: 'unknown' | 'expired' };

export function checkAccessToken(db: Db, token: string): AccessCheck {
  const row = stmt(db, `SELECT account_id, session_id, expires_at FROM tokens WHERE token_hash = ? AND kind = 'access'`)
    .get(hashToken(token)) as { account_id: string; session_id: string; expires_at: number } | undefined;
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.expires_at <= Date.now()) return { ok: false, reason: 'expired' };
  return { ok: true, accountId: row.account_id, sessionId: row.session_id };
}

/** Rotates a refresh token. Returns undefined when it is unknown, expired or was already used. */
export function rotateRefreshToken(db: Db, refreshToken: string, ttl: TokenTtl): { accountId: string; tokens: IssuedTokens } | undefined {
  return db.transaction(() => {
    const row = stmt(db, `SELECT account_id, session_id, expires_at, used FROM tokens WHERE token_hash = ? AND kind = 'refresh'`)
      .get(hashToken(refreshToken)) as { account_id: string; session_id: string; expires_at: number; used: number } | undefined;
    if (!row) return undefined;
    if (row.used) { revokeSession(db, row.session_id); return undefined; }
    if (row.expires_at <= Date.now()) return undefined;
    stmt(db, 'UPDATE tokens SET used = 1 WHERE token_hash = ?').run(hashToken(refreshToken));
    // The previous access token of the session stops working once it has been refreshed.
    stmt(db, `DELETE FROM tokens WHERE session_id = ? AND kind = 'access'`).run(row.session_id);
    return { accountId: row.account_id, tokens: issueTokens(db, row.account_id, ttl, row.session_id) };
  })();
}

export function revokeSession(db: Db, sessionId: string): void {
  stmt(db, 'DELETE FROM tokens WHERE session_id = ?').run(sessionId);
}
