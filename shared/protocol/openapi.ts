/** Generates the OpenAPI 3.1 document from the route table and the zod schemas (JSON Schema 2020-12). */
import { z } from 'zod';
import { PROBLEM_MEDIA_TYPE, ProblemSchema } from './common';
import { routes, type RouteSpec } from './routes';

type Json = Record<string, unknown>;

/**
 * Named schemas (`.meta({ id })`) come out of zod as local `$defs`; OpenAPI resolves `$ref` from the
 * document root, so they are hoisted into components.schemas and the references rewritten.
 */
let components: Record<string, Json> = {};

const rewriteRefs = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value as Json)) {
    out[k] = k === '$ref' && typeof v === 'string' ? v.replace(/^#\/\$defs\//, '#/components/schemas/') : rewriteRefs(v);
  }
  return out;
};

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): Json => {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  delete json.$schema;
  const defs = (json.$defs ?? {}) as Record<string, Json>;
  delete json.$defs;
  for (const [id, def] of Object.entries(defs)) components[id] ??= rewriteRefs(def) as Json;
  return rewriteRefs(json) as Json;
};

function parameters(r: RouteSpec): Json[] {
  const out: Json[] = [];
  const add = (where: 'path' | 'query', obj: z.ZodObject | undefined) => {
    if (!obj) return;
    const json = toSchema(obj, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema });
    }
  };
  add('path', r.params);
  add('query', r.query);
  for (const [name, description] of Object.entries(r.requestHeaders ?? {})) {
    out.push({ name, in: 'header', required: name === 'Upload-Offset', description, schema: { type: 'string' } });
  }
  if (r.idempotent) {
    out.push({
      name: 'Idempotency-Key', in: 'header', required: true,
      description: 'Client-chosen unique key (8-128 characters). A repeat with the same key returns the first result and creates nothing.',
      schema: { type: 'string', minLength: 8, maxLength: 128 },
    });
  }
  return out;
}

function responses(r: RouteSpec): Json {
  const out: Json = {};
  for (const [status, spec] of Object.entries(r.responses)) {
    const entry: Json = { description: spec.description };
    const code = Number(status);
    if (spec.schema) entry.content = { 'application/json': { schema: toSchema(spec.schema, 'output') } };
    else if (spec.mediaType) entry.content = { [spec.mediaType]: { schema: { type: 'string', contentMediaType: spec.mediaType } } };
    else if (code >= 400) entry.content = { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } };
    if (spec.headers) {
      entry.headers = Object.fromEntries(Object.entries(spec.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }]));
    }
    out[status] = entry;
  }
  out['default'] = { description: 'Any error, as a problem document with a stable code.', content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } } };
  return out;
}

export function buildOpenApiDocument(version = '1.0.0'): Json {
  components = {};
  toSchema(ProblemSchema, 'output'); // registers components.Problem
  const paths: Record<string, Json> = {};
  for (const r of Object.values(routes) as RouteSpec[]) {
    const op: Json = { operationId: r.operationId, summary: r.summary, responses: responses(r) };
    const params = parameters(r);
    if (params.length > 0) op.parameters = params;
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input') } } };
    if (r.rawBody) op.requestBody = { required: true, content: { [r.rawBody]: { schema: { type: 'string', contentMediaType: r.rawBody } } } };
    op.security = r.auth ? [{ bearer: [] }] : [];
    (paths[r.path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'SCOIC Secure Messaging reference server',
      version,
      description: 'Reference implementation of the Secure Messaging job for Offer in Compromise cases. Synthetic data only.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: components,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Short-lived access token from /v1/auth/sign-in.' } },
    },
  };
}
