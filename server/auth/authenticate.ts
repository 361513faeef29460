/** Bearer-token check for every route that needs a signed-in account. */
import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context';
import { fail } from '../http/problem';
import { getAccount, type AccountRow } from '../store/accounts';
import { checkAccessToken } from './tokens';

const sessions = new WeakMap<FastifyRequest, string>();

export function authenticate(ctx: ServerContext, request: FastifyRequest): AccountRow {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
  if (!match) throw fail('E_UNAUTHENTICATED', 'Sign in to continue: this request carries no valid access token.');
  const check = checkAccessToken(ctx.db, match[1]!);
  if (!check.ok) {
    throw check.reason === 'expired'
      ? fail('E_TOKEN_EXPIRED', 'Your session has expired. Refresh the access token or sign in again.')
      : fail('E_UNAUTHENTICATED', 'Sign in to continue: the access token is not valid.');
  }
  const account = getAccount(ctx.db, check.accountId);
  if (!account) throw fail('E_UNAUTHENTICATED', 'Sign in to continue: the account no longer exists.');
  sessions.set(request, check.sessionId);
  return account;
}

export function sessionOf(request: FastifyRequest): string | undefined {
  return sessions.get(request);
}
