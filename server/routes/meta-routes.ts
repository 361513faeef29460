/** Health and the generated OpenAPI document. */
import type { FastifyInstance } from 'fastify';
import { buildOpenApiDocument } from '../../shared/protocol/openapi';
import { routes } from '../../shared/protocol/routes';
import type { ServerContext } from '../context';
import { defineRoute } from '../http/define-route';

export const SERVER_VERSION = '1.0.0';

export function registerMetaRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const document = buildOpenApiDocument(SERVER_VERSION);
  defineRoute(app, ctx, routes.health, () => ({ status: 'ok' as const, version: SERVER_VERSION, demo: ctx.demo }));
  defineRoute(app, ctx, routes.openApi, () => document);
}
