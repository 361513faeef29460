/**
 * The OpenAPI document: structurally valid 3.1 (no validator for the 3.1 meta-schema is available
 * offline, so the structure is checked here and every embedded schema is compiled by Ajv as JSON
 * Schema 2020-12), every route of the table documented, and the served document equal to the generated.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../shared/protocol/openapi';
import { routes } from '../../shared/protocol/routes';
import { startTestServer, type TestServer } from './helpers/test-server';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server?.stop(); });

function* schemasIn(doc: Json): Generator<[string, Json]> {
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      for (const p of (op as Json).parameters ?? []) yield [`${method} ${path} param ${p.name}`, p.schema];
      for (const [mt, c] of Object.entries((op as Json).requestBody?.content ?? {})) yield [`${method} ${path} body ${mt}`, (c as Json).schema];
      for (const [status, r] of Object.entries((op as Json).responses)) {
        for (const [mt, c] of Object.entries((r as Json).content ?? {})) yield [`${method} ${path} ${status} ${mt}`, (c as Json).schema];
      }
    }
  }
}

describe('OpenAPI document', () => {
  it('is served at /v1/openapi.json and equals the generated document', async () => {
    const response = await fetch(`${server.url}/v1/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual(buildOpenApiDocument('1.0.0'));
  });

  it('has the structure of an OpenAPI 3.1 document', () => {
    const doc = buildOpenApiDocument() as Json;
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(typeof doc.info.title).toBe('string');
    expect(typeof doc.info.version).toBe('string');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      expect(path.startsWith('/')).toBe(true);
      const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item as Json)) {
        expect(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']).toContain(method);
        expect(typeof op.operationId).toBe('string');
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        for (const [status, r] of Object.entries(op.responses as Json)) {
          expect(status === 'default' || /^[1-5](\d\d|XX)$/.test(status)).toBe(true);
          expect(typeof (r as Json).description).toBe('string');
        }
        const declared = (op.parameters ?? []).filter((p: Json) => p.in === 'path').map((p: Json) => p.name);
        expect(declared.sort()).toEqual([...pathParams].sort());
        for (const p of op.parameters ?? []) {
          expect(['path', 'query', 'header', 'cookie']).toContain(p.in);
          if (p.in === 'path') expect(p.required).toBe(true);
        }
      }
    }
    const ids = Object.values(doc.paths as Json).flatMap((item) => Object.values(item as Json).map((op) => (op as Json).operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents every route of the table', () => {
    const doc = buildOpenApiDocument() as Json;
    for (const r of Object.values(routes)) {
      const op = doc.paths[r.path]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.path}`).toBeDefined();
      expect(op.operationId).toBe(r.operationId);
      for (const status of Object.keys(r.responses)) expect(op.responses[status], `${r.operationId} ${status}`).toBeDefined();
      if (r.auth) expect(op.security).toEqual([{ bearer: [] }]);
    }
  });

  it('embeds only valid JSON Schema 2020-12 whose references all resolve', () => {
    const doc = buildOpenApiDocument() as Json;
    const text = JSON.stringify(doc);
    for (const [, ref] of text.matchAll(/"\$ref":"([^"]+)"/g)) {
      const id = /^#\/components\/schemas\/(\w+)$/.exec(ref!)?.[1];
      expect(id && doc.components.schemas[id], ref).toBeTruthy();
    }
    let count = 0;
    for (const [where, schema] of schemasIn(doc)) {
      // Each schema is compiled standalone with the components resolved from the document.
      const standalone = JSON.parse(JSON.stringify({ ...schema, $defs: doc.components.schemas }).replaceAll('#/components/schemas/', '#/$defs/'));
      expect(() => new Ajv2020({ strict: false, validateFormats: false }).compile(standalone), where).not.toThrow();
      count++;
    }
    expect(count).toBeGreaterThan(30);
  });
});
