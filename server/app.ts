/** Builds the Fastify application: error shape, plugins, and every route of the protocol table. */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { isAppError } from '../shared/errors';
import type { ServerContext } from './context';
import { fail, PROBLEM_MEDIA_TYPE, problemFor, problemFromAppError } from './http/problem';
import { installFaults, type FaultController, type FaultOptions } from './faults/fault-injection';
import { registerAuthRoutes, type SignInRateLimit } from './routes/auth-routes';
import { registerCaseRoutes } from './routes/case-routes';
import { registerUploadRoutes } from './routes/upload-routes';
import { registerDownloadRoutes } from './routes/download-routes';
import { registerChangesRoutes } from './routes/changes-routes';
import { registerMetaRoutes } from './routes/meta-routes';

export interface AppOptions {
  signInRateLimit: SignInRateLimit;
  faults?: FaultOptions;
  logger?: boolean | FastifyBaseLogger;
}

/** Fastify's own errors (bad JSON, wrong media type, body too large) mapped onto our codes. */
function fastifyErrorCode(error: { code?: string; statusCode?: number }) {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return fail('E_UNSUPPORTED_MEDIA_TYPE', 'Send JSON (application/json) to this endpoint.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return fail('E_VALIDATION', 'The request body is too large for this endpoint.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return fail('E_VALIDATION', 'The request body is missing or malformed. Send a JSON body.');
    default:
      if (error.statusCode === 400) return fail('E_VALIDATION', 'The request is malformed. Check its JSON body and headers.');
      return undefined;
  }
}

export async function buildApp(ctx: ServerContext, options: AppOptions): Promise<{ app: FastifyInstance; faults?: FaultController }> {
  // Fastify 5 takes a ready-made logger through `loggerInstance`, a boolean through `logger`.
  const logging = typeof options.logger === 'object' ? { loggerInstance: options.logger } : { logger: options.logger ?? false };
  const app = Fastify({
    ...logging,
    // Uploads stream through their own parser; JSON bodies are small.
    bodyLimit: 1024 * 1024,
    forceCloseConnections: true,
    return503OnClosing: true,
  });

  app.setErrorHandler((error, request, reply) => {
    const mapped = isAppError(error) ? error : fastifyErrorCode(error as { code?: string; statusCode?: number });
    const problem = mapped ? problemFromAppError(mapped)
      : problemFor('E_INTERNAL', 'Something went wrong on the server. Try again; if it keeps happening, report the time it happened.');
    if (!mapped) request.log.error({ err: error }, 'unhandled error');
    if (problem.code === 'E_UNAUTHENTICATED' || problem.code === 'E_TOKEN_EXPIRED') {
      reply.header('www-authenticate', `Bearer error="invalid_token"`);
    }
    return reply.code(problem.status).type(PROBLEM_MEDIA_TYPE).send(problem);
  });
  app.setNotFoundHandler((_request, reply) => {
    const problem = problemFor('E_NOT_FOUND', 'There is no such endpoint. Check the API version and path.');
    return reply.code(404).type(PROBLEM_MEDIA_TYPE).send(problem);
  });

  await app.register(rateLimit, { global: false });
  const faults = options.faults ? installFaults(app, options.faults) : undefined;

  registerMetaRoutes(app, ctx);
  registerAuthRoutes(app, ctx, options.signInRateLimit);
  registerCaseRoutes(app, ctx);
  registerUploadRoutes(app, ctx);
  registerDownloadRoutes(app, ctx);
  registerChangesRoutes(app, ctx);

  app.addHook('preClose', async () => ctx.changes.close());
  return faults ? { app, faults } : { app };
}
