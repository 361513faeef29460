/**
 * Idempotency-Key handling for POSTs that create something. The lookup, the creation and the record
 * of the response all happen in one synchronous SQLite transaction, so two requests with the same key
 * can never both create: the second either waits for the first's commit or replays its response.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context';
import { findIdempotent, requestFingerprint, saveIdempotent } from '../store/idempotency';
import { fail } from './problem';

const KEY = /^[\x21-\x7e]{8,128}$/;

export interface Created<T> { body: T; afterCommit?: () => void }

export function createIdempotently<T>(
  ctx: ServerContext, request: FastifyRequest, reply: FastifyReply, accountId: string, status: number,
  create: () => Created<T>,
): T {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw fail('E_IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (8 to 128 visible ASCII characters, unique per intended action) so a retry cannot create a duplicate.');
  }
  const fingerprint = requestFingerprint(request.method, request.url, request.body);
  const outcome = ctx.db.transaction(() => {
    const prior = findIdempotent(ctx.db, accountId, key);
    if (prior) {
      if (prior.request_hash !== fingerprint) {
        throw fail('E_IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request. Use a new key for a new action.');
      }
      return { status: prior.status, body: JSON.parse(prior.body) as T, replayed: true, afterCommit: undefined };
    }
    const created = create();
    saveIdempotent(ctx.db, accountId, key, fingerprint, { status, body: created.body });
    return { status, body: created.body, replayed: false, afterCommit: created.afterCommit };
  })();
  outcome.afterCommit?.();
  reply.code(outcome.status);
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  return outcome.body;
}
