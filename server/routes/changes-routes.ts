/** GET /v1/changes: a page of the account's events after a cursor, waiting up to `wait` s for one. */
import type { FastifyInstance } from 'fastify';
import { routes } from '../../shared/protocol/routes';
import type { ChangesResponse } from '../../shared/protocol/changes';
import type { ServerContext } from '../context';
import { defineRoute } from '../http/define-route';
import { readEvents } from '../store/events';

export function registerChangesRoutes(app: FastifyInstance, ctx: ServerContext): void {
  defineRoute(app, ctx, routes.changes, async ({ account, query, reply }) => {
    const deadline = Date.now() + query.wait * 1000;
    const gone = new AbortController();
    // The response closes early only when the client went away; then stop waiting for it.
    reply.raw.once('close', () => gone.abort());
    let after = Number(query.after);
    for (;;) {
      const page = readEvents(ctx.db, account.id, after, query.limit);
      const remaining = deadline - Date.now();
      if (page.events.length > 0 || remaining <= 0 || ctx.changes.closing || gone.signal.aborted) {
        const body: ChangesResponse = { events: page.events, cursor: String(page.cursor), hasMore: page.hasMore };
        return body;
      }
      after = page.cursor; // events in between belonged to others' cases
      await ctx.changes.wait(remaining, gone.signal);
    }
  });
}
