/**
 * Registers a handler for an entry of the route table: the path and method come from the table, the
 * bearer token is checked when the route needs one, and params, query and body are parsed with the
 * table's zod schemas before the handler sees them.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { toFastifyPath, type RouteSpec } from '../../shared/protocol/routes';
import { authenticate } from '../auth/authenticate';
import type { AccountRow } from '../store/accounts';
import type { ServerContext } from '../context';
import { fail } from './problem';

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface HandlerInput<R extends RouteSpec> {
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
  account: R['auth'] extends true ? AccountRow : undefined;
  request: FastifyRequest;
  reply: FastifyReply;
}

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
  throw fail('E_VALIDATION', `The request's ${where} is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`, { issues });
}

export function defineRoute<R extends RouteSpec>(
  app: FastifyInstance, ctx: ServerContext, spec: R,
  handler: (input: HandlerInput<R>) => unknown,
): void {
  app.route({
    method: spec.method,
    url: toFastifyPath(spec.path),
    handler: async (request, reply) => {
      const account = spec.auth ? authenticate(ctx, request) : undefined;
      // Every change an account makes counts against its per-minute budget (server/abuse/abuse-limits.ts).
      if (account && spec.method !== 'GET') {
        const wait = ctx.abuse.mutationsByAccount.take(account.id);
        if (wait > 0) {
          reply.header('retry-after', String(wait));
          throw fail('E_RATE_LIMITED', `Too many changes from this account in a short time. Wait ${wait} seconds, then try again.`, { retryAfterSeconds: wait });
        }
      }
      const input = {
        params: spec.params ? parse(spec.params, request.params, 'path') : undefined,
        query: spec.query ? parse(spec.query, request.query, 'query') : undefined,
        body: spec.body ? parse(spec.body, request.body, 'body') : undefined,
        account, request, reply,
      } as HandlerInput<R>;
      return handler(input);
    },
  });
}
