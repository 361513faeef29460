/**
 * Sign-in (rate limited per address and login, and failed sign-ins per address across logins), refresh
 * with rotation, sign-out, and /v1/me.
 */
import type { FastifyInstance } from 'fastify';
import { routes } from '../../shared/protocol/routes';
import type { TokenResponse } from '../../shared/protocol/auth';
import type { ServerContext } from '../context';
import { defineRoute } from '../http/define-route';
import { fail } from '../http/problem';
import { dummyPasswordHash, verifyPassword } from '../auth/passwords';
import { issueTokens, revokeSession, rotateRefreshToken, type IssuedTokens } from '../auth/tokens';
import { sessionOf } from '../auth/authenticate';
import { findAccountByAccessCode, findAccountByUsername, getAccount, toAccount, type AccountRow } from '../store/accounts';

export interface SignInRateLimit { max: number; timeWindowMs: number }
export const DEFAULT_SIGN_IN_RATE_LIMIT: SignInRateLimit = { max: 10, timeWindowMs: 60_000 };

type RateLimitedApp = FastifyInstance & {
  createRateLimit(o: { max: number; timeWindow: number; keyGenerator: (r: { ip: string; body?: unknown }) => string }):
    (request: unknown) => Promise<{ isAllowed: boolean; isExceeded: boolean; ttlInSeconds: number }>;
};

function tokenResponse(account: AccountRow, t: IssuedTokens): TokenResponse {
  return {
    tokenType: 'Bearer', accessToken: t.accessToken,
    expiresIn: Math.max(1, Math.round((t.accessExpiresAt - Date.now()) / 1000)),
    accessTokenExpiresAt: new Date(t.accessExpiresAt).toISOString(),
    refreshToken: t.refreshToken, refreshTokenExpiresAt: new Date(t.refreshExpiresAt).toISOString(),
    account: toAccount(account),
  };
}

export function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext, limit: SignInRateLimit): void {
  // Keyed by address and login, so one person's typos do not lock out a whole office behind one NAT.
  const checkSignIn = (app as RateLimitedApp).createRateLimit({
    max: limit.max, timeWindow: limit.timeWindowMs,
    keyGenerator: (r) => {
      const b = (r.body ?? {}) as { accessCode?: unknown; username?: unknown };
      return `${r.ip}|${String(b.accessCode ?? b.username ?? '').toLowerCase()}`;
    },
  });

  defineRoute(app, ctx, routes.signIn, async ({ body, request, reply }) => {
    const verdict = await checkSignIn(request);
    if (!verdict.isAllowed && verdict.isExceeded) {
      reply.header('retry-after', String(verdict.ttlInSeconds));
      throw fail('E_RATE_LIMITED', `Too many sign-in attempts. Wait ${verdict.ttlInSeconds} seconds, then try again.`, { retryAfterSeconds: verdict.ttlInSeconds });
    }
    // One address spraying a password over many logins: each login's own limit never trips, this does.
    const sprayWait = ctx.abuse.failedSignInsByAddress.blockedFor(request.ip);
    if (sprayWait > 0) {
      reply.header('retry-after', String(sprayWait));
      throw fail('E_RATE_LIMITED', `Too many failed sign-ins from this address. Wait ${sprayWait} seconds, then try again.`, { retryAfterSeconds: sprayWait });
    }
    const account = 'accessCode' in body ? findAccountByAccessCode(ctx.db, body.accessCode) : findAccountByUsername(ctx.db, body.username);
    const valid = await verifyPassword(body.password, account?.password_hash ?? await dummyPasswordHash());
    if (!account || !valid) {
      ctx.abuse.failedSignInsByAddress.hit(request.ip);
      throw fail('E_INVALID_CREDENTIALS', 'The sign-in details are not correct. Check your e-Gain ID or user name and password.');
    }
    return tokenResponse(account, issueTokens(ctx.db, account.id, ctx.tokenTtl));
  });

  defineRoute(app, ctx, routes.refresh, ({ body }) => {
    const rotated = rotateRefreshToken(ctx.db, body.refreshToken, ctx.tokenTtl);
    const account = rotated && getAccount(ctx.db, rotated.accountId);
    if (!rotated || !account) throw fail('E_UNAUTHENTICATED', 'The session cannot be renewed. Sign in again.');
    return tokenResponse(account, rotated.tokens);
  });

  defineRoute(app, ctx, routes.signOut, ({ request }) => {
    const session = sessionOf(request);
    if (session) revokeSession(ctx.db, session);
    return { signedOut: true as const };
  });

  defineRoute(app, ctx, routes.me, ({ account }) => toAccount(account));
}
