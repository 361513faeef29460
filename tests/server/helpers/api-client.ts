/**
 * A small test client over Node's fetch, driven by the protocol's route table: every response is
 * validated against the schema the table declares for its status (or the problem schema for errors),
 * so every test doubles as a contract test. It records which (operation, status) pairs were seen.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { z } from 'zod';
import { PROBLEM_MEDIA_TYPE, ProblemSchema, type Problem } from '../../../shared/protocol/common';
import { routes, type RouteName, type RouteSpec } from '../../../shared/protocol/routes';
import type { TokenResponse } from '../../../shared/protocol/auth';

type Out<R extends RouteSpec, S extends number> = S extends keyof R['responses']
  ? R['responses'][S] extends { schema: z.ZodType } ? z.output<R['responses'][S]['schema']> : never : never;

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  body?: unknown;
  token?: string;
  idempotencyKey?: string | null;
  headers?: Record<string, string>;
}

export const seen = new Set<string>();

export interface CallResult<T> { status: number; headers: Headers; body: T; problem?: Problem }

export class ApiClient {
  constructor(readonly baseUrl: string, public token?: string) {}

  url(name: RouteName, params: Record<string, string> = {}, query: Record<string, string | number> = {}): string {
    const path = routes[name].path.replace(/\{(\w+)\}/g, (_m, k: string) => encodeURIComponent(params[k] ?? `missing-${k}`));
    const qs = new URLSearchParams(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)]))).toString();
    return `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  /** Calls a JSON route; validates the body against the table; returns it typed for 2xx. */
  async call<N extends RouteName, S extends number = 200>(name: N, options: CallOptions = {}): Promise<CallResult<Out<(typeof routes)[N], S>>> {
    const spec: RouteSpec = routes[name];
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token ?? this.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (spec.idempotent && options.idempotencyKey !== null) headers['idempotency-key'] = options.idempotencyKey ?? randomUUID();
    const response = await fetch(this.url(name, options.params, options.query), {
      method: spec.method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    seen.add(`${spec.operationId} ${response.status}`);
    const text = await response.text();
    const json: unknown = text === '' ? undefined : JSON.parse(text);
    if (response.status >= 400) {
      expect(response.headers.get('content-type')).toContain(PROBLEM_MEDIA_TYPE);
      const problem = ProblemSchema.parse(json);
      expect(problem.status).toBe(response.status);
      return { status: response.status, headers: response.headers, body: undefined as never, problem };
    }
    const declared = spec.responses[response.status];
    expect(declared, `${spec.operationId} answered ${response.status}, which the route table does not declare`).toBeDefined();
    const body = declared?.schema ? declared.schema.parse(json) : json;
    return { status: response.status, headers: response.headers, body: body as Out<(typeof routes)[N], S> };
  }

  /** Like call, but fails the test unless the status is the expected one. */
  async expect<N extends RouteName, S extends number>(status: S, name: N, options: CallOptions = {}): Promise<Out<(typeof routes)[N], S>> {
    const result = await this.call<N, S>(name, options);
    expect(result.status, result.problem ? `${result.problem.code}: ${result.problem.detail}` : undefined).toBe(status);
    return result.body;
  }

  /** Calls and expects a problem with this code. */
  async problem(code: Problem['code'], name: RouteName, options: CallOptions = {}): Promise<Problem> {
    const result = await this.call(name, options);
    expect(result.problem?.code, `expected ${code}, got status ${result.status}`).toBe(code);
    return result.problem!;
  }
}

export async function signIn(baseUrl: string, credentials: { accessCode: string; password: string } | { username: string; password: string }): Promise<ApiClient & { tokens: TokenResponse }> {
  const anonymous = new ApiClient(baseUrl);
  const body = 'accessCode' in credentials
    ? { accessCode: credentials.accessCode, password: credentials.password }
    : { username: credentials.username, password: credentials.password };
  const tokens = await anonymous.expect(200, 'signIn', { body });
  return Object.assign(new ApiClient(baseUrl, tokens.accessToken), { tokens });
}

/** The first case visible to an account and its first thread: where most server tests post. */
export async function firstThread(client: ApiClient): Promise<{ caseId: string; threadId: string }> {
  const caseId = (await client.expect(200, 'listCases')).cases[0]!.id;
  const threadId = (await client.expect(200, 'listThreads', { params: { caseId } })).threads[0]!.id;
  return { caseId, threadId };
}
